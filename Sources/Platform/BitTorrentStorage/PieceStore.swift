import BitTorrentCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A torrent's bytes on disk: blocks and pieces read and written with pread/pwrite across file
/// boundaries. Blocking calls run on a `NIOThreadPool`, never on the caller's event loop or on Swift's
/// cooperative pool. One lock serialises the disk work of a torrent (descriptors stay valid while used);
/// several torrents proceed in parallel on the pool's threads.
public final class PieceStore: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Descriptors kept open for this torrent; the least recently used is closed beyond this.
        public var maxOpenFiles: Int

        public init(maxOpenFiles: Int = 16) {
            self.maxOpenFiles = maxOpenFiles
        }
    }

    public let metainfo: TorrentMetainfo
    /// The download directory; the torrent's paths (starting with its name when multi-file) go below it.
    public let directory: String
    let threadPool: NIOThreadPool
    let state: NIOLockedValueBox<DiskState>

    struct DiskState: Sendable {
        var handles: FileHandleCache
        /// Files written since their last sync.
        var dirtyFiles: Set<Int> = []
        /// Folders (as components below `directory`) that gained an entry since the last sync.
        var directoriesToSync: Set<[String]> = []
        var isClosed = false
    }

    public init(
        metainfo: TorrentMetainfo,
        directory: String,
        configuration: Configuration = Configuration(),
        threadPool: NIOThreadPool = .singleton
    ) {
        self.metainfo = metainfo
        self.directory = directory
        self.threadPool = threadPool
        self.state = NIOLockedValueBox(DiskState(handles: FileHandleCache(capacity: max(1, configuration.maxOpenFiles))))
    }

    public var layout: TorrentLayout { metainfo.layout }

    /// Descriptors open now (for tests and metrics).
    public var openFileCount: Int { state.withLockedValue { $0.handles.count } }

    // MARK: Async API

    /// Writes bytes at `offset` within `piece`; padding files are skipped, missing files and folders created.
    public func write(piece: Int, offset: Int, data: ByteBuffer) async throws(StorageError) {
        try await onPool { () throws(StorageError) in try self.writeNow(piece: piece, offset: offset, data: data) }
    }

    /// Reads bytes of `piece`; holes, missing files and padding read as zeros.
    public func read(piece: Int, offset: Int = 0, length: Int? = nil) async throws(StorageError) -> ByteBuffer {
        guard piece >= 0, piece < layout.pieceCount else { throw .outOfRange(piece: piece, offset: offset, length: length ?? 0) }
        let length = length ?? (layout.length(ofPiece: piece) - offset)
        return try await onPool { () throws(StorageError) in try self.readNow(piece: piece, offset: offset, length: length) }
    }

    public func read(_ block: BlockRequest) async throws(StorageError) -> ByteBuffer {
        try await read(piece: block.piece, offset: block.offset, length: block.length)
    }

    /// fdatasyncs every file written since the last flush and fsyncs the folders that gained entries:
    /// after this returns, what was written before the call survives a power cut.
    public func flush() async throws(StorageError) {
        try await onPool { () throws(StorageError) in try self.syncNow() }
    }

    /// Size and modification time of every file as it is on disk (nil: absent, or a padding file).
    public func fileStamps() async throws(StorageError) -> [FileStamp?] {
        try await onPool { () throws(StorageError) in try self.stampsNow() }
    }

    /// Syncs and closes every descriptor; later calls fail with `.closed`.
    public func close() async throws(StorageError) {
        try await onPool { () throws(StorageError) in try self.closeNow() }
    }

    // MARK: Blocking implementations (thread-pool side)

    func checkRange(piece: Int, offset: Int, length: Int) throws(StorageError) {
        guard piece >= 0, piece < layout.pieceCount, offset >= 0, length >= 0,
              offset <= layout.length(ofPiece: piece) - length
        else { throw .outOfRange(piece: piece, offset: offset, length: length) }
    }

    func writeNow(piece: Int, offset: Int, data: ByteBuffer) throws(StorageError) {
        let length = data.readableBytes
        try checkRange(piece: piece, offset: offset, length: length)
        try state.withTypedLock { (disk) throws(StorageError) in
            guard !disk.isClosed else { throw .closed }
            for span in layout.fileSpans(ofPiece: piece, offset: offset, length: length) {
                let file = metainfo.files[span.file]
                if file.isPadding { continue }
                guard let descriptor = try descriptor(for: span.file, writable: true, disk: &disk) else { continue }
                disk.dirtyFiles.insert(span.file)
                let start = span.pieceOffset - offset
                try data.withUnsafeReadableBytes { (raw) throws(StorageError) in
                    let bytes = UnsafeRawBufferPointer(rebasing: raw[start..<(start + span.length)])
                    try Self.pwriteFully(descriptor, bytes, at: span.fileOffset, path: file.path.description)
                }
            }
        }
    }

    func readNow(piece: Int, offset: Int, length: Int) throws(StorageError) -> ByteBuffer {
        try checkRange(piece: piece, offset: offset, length: length)
        var buffer = ByteBufferAllocator().buffer(capacity: length)
        try state.withTypedLock { (disk) throws(StorageError) in
            guard !disk.isClosed else { throw .closed }
            try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { (raw) throws(StorageError) -> Int in
                let target = UnsafeMutableRawBufferPointer(rebasing: raw[0..<length])
                target.initializeMemory(as: UInt8.self, repeating: 0)
                for span in layout.fileSpans(ofPiece: piece, offset: offset, length: length) {
                    let file = metainfo.files[span.file]
                    if file.isPadding { continue }
                    guard let descriptor = try descriptor(for: span.file, writable: false, disk: &disk) else { continue }
                    let part = UnsafeMutableRawBufferPointer(rebasing: target[(span.pieceOffset - offset)..<(span.pieceOffset - offset + span.length)])
                    try Self.preadFully(descriptor, part, at: span.fileOffset, path: file.path.description)
                }
                return length
            }
        }
        return buffer
    }

    func ensureOpen() throws(StorageError) {
        guard !state.withLockedValue({ $0.isClosed }) else { throw .closed }
    }

    func syncNow() throws(StorageError) {
        try state.withTypedLock { (disk) throws(StorageError) in
            guard !disk.isClosed else { throw .closed }
            try syncLocked(&disk)
        }
    }

    func syncLocked(_ disk: inout DiskState) throws(StorageError) {
        for file in disk.dirtyFiles.sorted() {
            guard let descriptor = try descriptor(for: file, writable: false, disk: &disk) else { continue }
            guard syncData(descriptor) == 0 else {
                throw .io(operation: "fdatasync", path: metainfo.files[file].path.description, errno: errno)
            }
            disk.dirtyFiles.remove(file)
        }
        for folder in disk.directoriesToSync.sorted(by: { $0.count > $1.count }) {
            let descriptor = try openDirectory(components: folder, create: false)
            defer { closeDescriptor(descriptor) }
            // Some filesystems refuse fsync on a folder (EINVAL); their metadata is synchronous anyway.
            guard fsync(descriptor) == 0 || errno == EINVAL else {
                throw .io(operation: "fsync", path: folder.joined(separator: "/"), errno: errno)
            }
            disk.directoriesToSync.remove(folder)
        }
    }

    /// Marks files as written so the next flush syncs them (pieces found by a recheck after a crash may
    /// still sit in the page cache).
    func markDirty(piece: Int) {
        state.withLockedValue { disk in
            for span in layout.fileSpans(ofPiece: piece) where !metainfo.files[span.file].isPadding {
                disk.dirtyFiles.insert(span.file)
            }
        }
    }

    func stampsNow() throws(StorageError) -> [FileStamp?] {
        try state.withTypedLock { (disk) throws(StorageError) -> [FileStamp?] in
            guard !disk.isClosed else { throw .closed }
            var stamps: [FileStamp?] = []
            for file in metainfo.files {
                if file.isPadding {
                    stamps.append(nil)
                } else if let cached = disk.handles.lookup(file: file.index, writable: false) {
                    stamps.append(try Self.stamp(of: cached, path: file.path.description))
                } else if let descriptor = try openFile(file, writable: false, disk: &disk) {
                    defer { closeDescriptor(descriptor) }
                    stamps.append(try Self.stamp(of: descriptor, path: file.path.description))
                } else {
                    stamps.append(nil)
                }
            }
            return stamps
        }
    }

    /// Sizes of the files on disk (nil when absent); a recheck skips pieces whose files are too short.
    func sizesNow() throws(StorageError) -> [Int?] {
        try stampsNow().map { $0.map { Int($0.size) } }
    }

    func closeNow() throws(StorageError) {
        try state.withTypedLock { (disk) throws(StorageError) in
            guard !disk.isClosed else { return }
            defer {
                for (_, descriptor) in disk.handles.removeAll() { closeDescriptor(descriptor) }
                disk.isClosed = true
            }
            try syncLocked(&disk)
        }
    }

    static func stamp(of descriptor: Int32, path: String) throws(StorageError) -> FileStamp {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(operation: "fstat", path: path, errno: errno) }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return FileStamp(size: Int64(info.st_size), modifiedSeconds: Int64(modified.tv_sec), modifiedNanoseconds: Int64(modified.tv_nsec))
    }

    static func pwriteFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "pwrite", path: path, errno: errno)
            }
            done += written
        }
    }

    /// Fills `bytes` from the file; past the end of the file the (zeroed) rest is left as it is.
    static func preadFully(_ descriptor: Int32, _ bytes: UnsafeMutableRawBufferPointer, at offset: Int, path: String) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let count = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "pread", path: path, errno: errno)
            }
            if count == 0 { return }
            done += count
        }
    }

    /// Runs blocking work on the thread pool, keeping the error typed.
    func onPool<T: Sendable>(_ body: @escaping @Sendable () throws(StorageError) -> T) async throws(StorageError) -> T {
        if Task.isCancelled { throw .cancelled }
        do {
            return try await threadPool.runIfActive { try body() }
        } catch let error as StorageError {
            throw error
        } catch {
            throw .closed
        }
    }
}
