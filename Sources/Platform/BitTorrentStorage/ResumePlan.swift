import BitTorrentCore

/// What a start may trust without hashing, and what it must hash before trusting.
public struct ResumePlan: Sendable, Hashable {
    public var trusted: Bitfield
    /// Ascending; pass to `TorrentStorage.recheck(pieces:)`.
    public var recheck: [Int]
    /// Files whose size or mtime changed since the state was taken.
    public var changedFiles: [Int]

    /// Compares a saved state with the disk as it is now. A changed file loses the trust of every piece it
    /// touches, and those pieces are rechecked; after an unclean stop every untrusted piece is rechecked too
    /// (a recheck skips pieces whose files are missing or short, so that costs only the data present).
    /// With no usable state, nothing is trusted and everything is rechecked.
    public init(resume: ResumeState?, current: [FileStamp?], layout: TorrentLayout) {
        let all = Array(0..<layout.pieceCount)
        guard let resume, resume.files.count == current.count, resume.files.count == layout.fileLengths.count,
              let saved = resume.verified, saved.count == layout.pieceCount
        else {
            self.init(trusted: Bitfield(count: layout.pieceCount), recheck: all, changedFiles: [])
            return
        }
        var trusted = saved
        var recheck = Set<Int>()
        let changed = current.indices.filter { resume.files[$0] != current[$0] }
        for file in changed {
            for piece in layout.pieces(ofFile: file) {
                trusted[piece] = false
                recheck.insert(piece)
            }
        }
        if !resume.isClean {
            for piece in all where !saved[piece] { recheck.insert(piece) }
        }
        self.init(trusted: trusted, recheck: recheck.sorted(), changedFiles: changed)
    }

    public init(trusted: Bitfield, recheck: [Int], changedFiles: [Int]) {
        self.trusted = trusted
        self.recheck = recheck
        self.changedFiles = changedFiles
    }
}
