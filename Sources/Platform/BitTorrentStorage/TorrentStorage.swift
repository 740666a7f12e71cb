import BitTorrentCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The engine's view of a torrent's disk: blocks in, verified pieces out, resume data that never claims
/// more than the disk holds. Perform `TorrentSession.Action`s with it: `.writeBlock` → `write(_:data:)`,
/// `.verifyPiece` → `verify(piece:blockDigests:)`, `.readBlock` → `read(_:)`; persist what `flush()`
/// returns (call it in batches, e.g. every few seconds or every N completed pieces) and what `close()`
/// returns at shutdown.
///
/// Order of a piece's life: blocks buffered (or spilled to disk) → hash matches → data written → pending
/// → `flush()` syncs → listed in the returned `ResumeState`. A buffered piece is written only after its
/// hash matched, so the disk never holds bad data from memory; a spilled piece is hashed from disk.
public final class TorrentStorage: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Memory for blocks of pieces in flight; a piece longer than this goes straight to disk.
        public var writeBufferBytes: Int
        public var store: PieceStore.Configuration

        public init(writeBufferBytes: Int = 16 << 20, store: PieceStore.Configuration = PieceStore.Configuration()) {
            self.writeBufferBytes = writeBufferBytes
            self.store = store
        }
    }

    /// What happened to a written block.
    public enum BlockOutcome: Sendable, Hashable {
        /// Held in memory (`true` when every block of the piece has arrived).
        case buffered(pieceComplete: Bool)
        /// Written to disk, unverified.
        case written(pieceComplete: Bool)
        /// The piece is verified or being verified: a late duplicate (endgame) is dropped, never written.
        case ignored
    }

    public let store: PieceStore
    private let state: NIOLockedValueBox<State>
    private let diskOrder = NIOLock()

    struct State: Sendable {
        var buffer: PieceWriteBuffer
        /// Hash matched and written (pending or durable).
        var verified: Bitfield
        /// Synced and reported in a resume state.
        var durable: Bitfield
        var verifying: Set<Int> = []
    }

    public init(
        metainfo: TorrentMetainfo,
        directory: String,
        configuration: Configuration = Configuration(),
        threadPool: NIOThreadPool = .singleton
    ) {
        store = PieceStore(metainfo: metainfo, directory: directory, configuration: configuration.store, threadPool: threadPool)
        let empty = Bitfield(count: metainfo.pieceCount)
        state = NIOLockedValueBox(
            State(buffer: PieceWriteBuffer(budget: configuration.writeBufferBytes, layout: metainfo.layout), verified: empty, durable: empty)
        )
    }

    public var metainfo: TorrentMetainfo { store.metainfo }
    /// Verified pieces (durable or still pending a flush): what may be served and announced.
    public var verified: Bitfield { state.withLockedValue { $0.verified } }
    /// Verified pieces that a flush has made durable.
    public var durable: Bitfield { state.withLockedValue { $0.durable } }
    /// Memory held by the write buffer now.
    public var bufferedBytes: Int { state.withLockedValue { $0.buffer.bufferedBytes } }

    /// Compares a saved state with the disk, trusts what it can, and returns the pieces to `recheck`.
    public func restore(from resume: ResumeState?) async throws(StorageError) -> ResumePlan {
        let current = try await store.fileStamps()
        let plan = ResumePlan(resume: resume, current: current, layout: metainfo.layout)
        state.withLockedValue { state in
            state.verified = plan.trusted
            state.durable = plan.trusted
        }
        return plan
    }

    /// Stores one block of a piece (16 KiB-aligned, as requested from peers).
    public func write(_ block: BlockRequest, data: ByteBuffer) async throws(StorageError) -> BlockOutcome {
        let layout = metainfo.layout
        guard layout.isValid(block), block.offset % BitTorrentCore.blockLength == 0, data.readableBytes == block.length else {
            throw .outOfRange(piece: block.piece, offset: block.offset, length: data.readableBytes)
        }
        return try await store.onPool { () throws(StorageError) -> BlockOutcome in
            // In disk order: a spill is on disk before a verify of that piece can claim it.
            try self.inDiskOrder { () throws(StorageError) -> BlockOutcome in
                try self.store.ensureOpen()
                let added = self.state.withLockedValue { state -> (placement: PieceWriteBuffer.Placement, isComplete: Bool, spills: [PieceWriteBuffer.Spill])? in
                    guard !state.verified[block.piece], !state.verifying.contains(block.piece) else { return nil }
                    return state.buffer.add(piece: block.piece, offset: block.offset, data: data)
                }
                guard let added else { return .ignored }
                do throws(StorageError) {
                    for spill in added.spills {
                        for run in spill.runs { try self.store.writeNow(piece: spill.piece, offset: run.offset, data: run.bytes) }
                    }
                    if added.placement == .writeThrough { try self.store.writeNow(piece: block.piece, offset: block.offset, data: data) }
                } catch {
                    // The piece's received blocks are no longer known to be anywhere; the engine refetches it.
                    self.state.withLockedValue { _ = $0.buffer.take(block.piece) }
                    throw error
                }
                return added.placement == .buffered ? .buffered(pieceComplete: added.isComplete) : .written(pieceComplete: added.isComplete)
            }
        }
    }

    /// The memory-only case of `write(_:data:)`, done on the caller's thread so an event loop need not hop
    /// to the pool for every block: nil when the block would need the disk (a spill or write-through) —
    /// call `write(_:data:)` then.
    public func bufferInMemory(_ block: BlockRequest, data: ByteBuffer) -> BlockOutcome? {
        let layout = metainfo.layout
        guard layout.isValid(block), block.offset % BitTorrentCore.blockLength == 0, data.readableBytes == block.length else {
            return nil  // `write` reports the error
        }
        return state.withLockedValue { state -> BlockOutcome? in
            guard !state.verified[block.piece], !state.verifying.contains(block.piece) else { return .ignored }
            guard state.buffer.fitsWithoutSpill(piece: block.piece) else { return nil }
            let added = state.buffer.add(piece: block.piece, offset: block.offset, data: data)
            return .buffered(pieceComplete: added.isComplete)
        }
    }

    /// Hashes a piece (from memory when buffered whole, else from disk) and, when it matches, makes sure
    /// it is written before recording it verified. A mismatch drops the buffered copy. While a piece is
    /// being verified, writes to it are ignored, so a late bad block cannot slip in after the hash.
    public func verify(piece: Int, blockDigests: Bool = false) async throws(StorageError) -> PieceVerification {
        try store.checkRange(piece: piece, offset: 0, length: 0)
        return try await store.onPool { () throws(StorageError) -> PieceVerification in
            let claimed = try self.inDiskOrder { () throws(StorageError) -> (already: Bool, data: ByteBuffer?) in
                let (already, entry, partial) = self.state.withLockedValue { state in
                    if state.verified[piece] { return (true, PieceWriteBuffer.Entry?.none, [(offset: Int, bytes: ByteBuffer)]()) }
                    state.verifying.insert(piece)
                    let entry = state.buffer.take(piece)
                    let isWhole = entry.map { $0.data != nil && $0.receivedCount == $0.received.count } ?? false
                    return (false, entry, isWhole ? [] : entry.map { state.buffer.runs(of: $0, piece: piece) } ?? [])
                }
                if already { return (true, nil) }
                // Partly buffered (verify asked early): put what is held on disk and hash from there.
                for run in partial { try self.store.writeNow(piece: piece, offset: run.offset, data: run.bytes) }
                return (false, partial.isEmpty ? entry?.data : nil)
            }
            if claimed.already { return PieceVerification(matches: true) }
            defer { self.state.withLockedValue { _ = $0.verifying.remove(piece) } }
            let data: ByteBuffer
            if let buffered = claimed.data {
                data = buffered
            } else {
                data = try self.store.readNow(piece: piece, offset: 0, length: self.metainfo.layout.length(ofPiece: piece))
            }
            // Hashing holds no lock: other pieces keep flowing meanwhile.
            let result = PieceStore.check(data, piece: piece, metainfo: self.metainfo, blockDigests: blockDigests)
            guard result.matches else { return result }
            if claimed.data != nil {
                try self.inDiskOrder { () throws(StorageError) in try self.store.writeNow(piece: piece, offset: 0, data: data) }
            }
            self.state.withLockedValue { $0.verified[piece] = true }
            return result
        }
    }

    /// Serialises this torrent's buffer-and-disk steps on the pool threads. The state lock itself is only
    /// ever held for memory work, so the getters above never wait for a disk.
    private func inDiskOrder<T>(_ body: () throws(StorageError) -> T) throws(StorageError) -> T {
        diskOrder.lock()
        defer { diskOrder.unlock() }
        return try body()
    }

    /// Serves a block of a verified piece.
    public func read(_ block: BlockRequest) async throws(StorageError) -> ByteBuffer {
        guard metainfo.layout.isValid(block) else { throw .outOfRange(piece: block.piece, offset: block.offset, length: block.length) }
        guard verified[block.piece] else { throw .pieceNotVerified(block.piece) }
        return try await store.read(block)
    }

    /// Hashes pieces from disk (all when nil) and records the result of each: matches become verified
    /// (pending until the next flush, since after a crash their bytes may be only in the page cache),
    /// mismatches lose any trust they had. Returns every verified piece afterwards.
    public func recheck(
        pieces: [Int]? = nil,
        progress: @escaping @Sendable (RecheckProgress) -> Void = { _ in }
    ) async throws(StorageError) -> Bitfield {
        let list = pieces ?? Array(0..<metainfo.pieceCount)
        let found = try await store.recheck(pieces: list, progress: progress)
        for piece in list where found[piece] { store.markDirty(piece: piece) }
        return state.withLockedValue { state in
            for piece in list {
                if found[piece] { _ = state.buffer.take(piece) }
                state.verified[piece] = found[piece]
                if !found[piece] { state.durable[piece] = false }
            }
            return state.verified
        }
    }

    /// Syncs every file written so far, then returns the resume state to persist: the pieces verified
    /// before the sync began, with the file stamps after it.
    public func flush() async throws(StorageError) -> ResumeState {
        try await snapshot(closing: false)
    }

    /// Flushes, closes every file, and returns a clean resume state (nothing verified after it).
    public func close() async throws(StorageError) -> ResumeState {
        try await snapshot(closing: true)
    }

    private func snapshot(closing: Bool) async throws(StorageError) -> ResumeState {
        try await store.onPool { () throws(StorageError) -> ResumeState in
            let pending = self.state.withLockedValue { $0.verified }
            try self.store.syncNow()
            let stamps = try self.store.stampsNow()
            if closing { try self.store.closeNow() }
            let durable = self.state.withLockedValue { state in
                for piece in pending.setIndices { state.durable[piece] = true }
                return state.durable
            }
            return ResumeState(verified: durable, files: stamps, isClean: closing)
        }
    }
}
