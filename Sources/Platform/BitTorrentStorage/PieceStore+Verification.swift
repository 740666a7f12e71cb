import BitTorrentCore
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How far a recheck has come; passed to the progress callback after every piece.
public struct RecheckProgress: Sendable, Hashable {
    public var checked: Int
    public var total: Int
    public var verified: Int

    public init(checked: Int, total: Int, verified: Int) {
        self.checked = checked
        self.total = total
        self.verified = verified
    }

    public var fraction: Double { total == 0 ? 1 : Double(checked) / Double(total) }
}

/// The outcome of hashing one piece; `blockDigests` when asked for (smart ban, `TorrentSession`).
public struct PieceVerification: Sendable, Hashable {
    public var matches: Bool
    public var blockDigests: [[UInt8]]?

    public init(matches: Bool, blockDigests: [[UInt8]]? = nil) {
        self.matches = matches
        self.blockDigests = blockDigests
    }
}

extension PieceStore {
    /// Reads a whole piece from disk and SHA-1s it on the thread pool.
    public func verify(piece: Int, blockDigests: Bool = false) async throws(StorageError) -> PieceVerification {
        try await onPool { () throws(StorageError) in try self.verifyNow(piece: piece, blockDigests: blockDigests) }
    }

    /// Hashes every listed piece (all of them when nil) from disk, one thread-pool job per piece so that
    /// writes of other pieces interleave; returns the pieces that match. Pieces whose files are missing or
    /// too short fail without being read. Cancelling the task stops it with `.cancelled`.
    public func recheck(
        pieces: [Int]? = nil,
        progress: @escaping @Sendable (RecheckProgress) -> Void = { _ in }
    ) async throws(StorageError) -> Bitfield {
        let list = pieces ?? Array(0..<layout.pieceCount)
        var result = Bitfield(count: layout.pieceCount)
        let sizes = try await onPool { () throws(StorageError) in try self.sizesNow() }
        for (index, piece) in list.enumerated() {
            try checkRange(piece: piece, offset: 0, length: 0)
            if Task.isCancelled { throw .cancelled }
            if hasAllBytes(piece: piece, sizes: sizes) {
                result[piece] = try await onPool { () throws(StorageError) in
                    // Files are sparse at full length: a piece with a hole was never written whole.
                    try self.isWrittenNow(piece: piece) ? self.verifyNow(piece: piece, blockDigests: false).matches : false
                }
            }
            progress(RecheckProgress(checked: index + 1, total: list.count, verified: result.setCount))
        }
        return result
    }

    func verifyNow(piece: Int, blockDigests: Bool) throws(StorageError) -> PieceVerification {
        let data = try readNow(piece: piece, offset: 0, length: layout.length(ofPiece: piece))
        return Self.check(data, piece: piece, metainfo: metainfo, blockDigests: blockDigests)
    }

    static func check(_ data: ByteBuffer, piece: Int, metainfo: TorrentMetainfo, blockDigests: Bool) -> PieceVerification {
        // A failed piece always carries its block digests: they are the evidence smart ban needs to
        // name the sender of the bad block once a good copy arrives.
        let matches = metainfo.verify(piece: piece, data: data)
        return PieceVerification(matches: matches, blockDigests: blockDigests || !matches ? PieceHasher.blockDigests(of: data) : nil)
    }

    /// Whether every non-padding file the piece touches exists and reaches the piece's last byte there.
    /// False when a file holds a hole (never-written range) inside the piece; true when the file system
    /// cannot tell (no SEEK_HOLE), so the hash decides.
    func isWrittenNow(piece: Int) throws(StorageError) -> Bool {
        try state.withTypedLock { (disk) throws(StorageError) -> Bool in
            guard !disk.isClosed else { throw .closed }
            for span in layout.fileSpans(ofPiece: piece) where !metainfo.files[span.file].isPadding {
                guard let descriptor = try descriptor(for: span.file, writable: false, disk: &disk) else { return false }
                let hole = lseek(descriptor, off_t(span.fileOffset), Self.seekHole)
                if hole >= 0, hole < off_t(span.fileOffset + span.length) { return false }
            }
            return true
        }
    }

    /// `SEEK_HOLE`, which Swift's Glibc module does not export (it needs _GNU_SOURCE).
    #if canImport(Darwin)
    static let seekHole = SEEK_HOLE
    #else
    static let seekHole: Int32 = 4
    #endif

    func hasAllBytes(piece: Int, sizes: [Int?]) -> Bool {
        layout.fileSpans(ofPiece: piece).allSatisfy { span in
            metainfo.files[span.file].isPadding || (sizes[span.file] ?? -1) >= span.fileOffset + span.length
        }
    }
}
