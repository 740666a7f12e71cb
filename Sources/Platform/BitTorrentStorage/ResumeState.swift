import BitTorrentCore

/// What the disk looked like for one file when a resume state was taken.
public struct FileStamp: Sendable, Hashable, Codable {
    public var size: Int64
    public var modifiedSeconds: Int64
    public var modifiedNanoseconds: Int64

    public init(size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
    }
}

/// The resume data of one torrent's disk: which pieces are verified *and durable*, and the file stamps
/// that vouch for them. Only `TorrentStorage.flush()` and `close()` make one, after syncing, so the
/// engine can persist whatever it gets (JSON via `Codable`, or its own columns).
public struct ResumeState: Sendable, Hashable, Codable {
    public var pieceCount: Int
    /// `Bitfield.bytes` of the verified pieces.
    public var verifiedBytes: [UInt8]
    /// One per torrent file (padding included, always nil); nil for a file that did not exist.
    public var files: [FileStamp?]
    /// True only from `close()`: nothing was verified after this state was taken. A state saved by
    /// `flush()` says "maybe more", so a start from it rechecks the data it cannot vouch for.
    public var isClean: Bool

    public init(verified: Bitfield, files: [FileStamp?], isClean: Bool) {
        self.pieceCount = verified.count
        self.verifiedBytes = verified.bytes
        self.files = files
        self.isClean = isClean
    }

    /// Nil when the stored bytes do not make a valid bitfield (the state is then ignored).
    public var verified: Bitfield? {
        try? Bitfield(validating: verifiedBytes, count: pieceCount)
    }
}
