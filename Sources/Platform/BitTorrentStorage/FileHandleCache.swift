#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Open descriptors of a torrent's files, least recently used closed first: a torrent of 10,000 files
/// must not hold 10,000 descriptors. Not thread-safe; `PieceStore` keeps it behind its lock.
struct FileHandleCache: Sendable {
    struct Handle: Sendable {
        var descriptor: Int32
        var isWritable: Bool
        var lastUse: UInt64
    }

    let capacity: Int
    private(set) var handles: [Int: Handle] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "the file-handle cache needs room for at least one file")
        self.capacity = capacity
    }

    var count: Int { handles.count }

    /// A cached descriptor good enough for the access wanted (a writable one serves reads too).
    mutating func lookup(file: Int, writable: Bool) -> Int32? {
        guard var handle = handles[file], handle.isWritable || !writable else { return nil }
        clock += 1
        handle.lastUse = clock
        handles[file] = handle
        return handle.descriptor
    }

    /// Adds a descriptor and returns the ones the caller must close: a read-only one it replaces, and the
    /// least recently used ones over capacity (the caller syncs those that are dirty before closing).
    mutating func insert(file: Int, descriptor: Int32, writable: Bool) -> [(file: Int, descriptor: Int32)] {
        var evicted: [(file: Int, descriptor: Int32)] = []
        if let old = handles.removeValue(forKey: file) { evicted.append((file, old.descriptor)) }
        while handles.count >= capacity, let oldest = handles.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            handles[oldest.key] = nil
            evicted.append((oldest.key, oldest.value.descriptor))
        }
        clock += 1
        handles[file] = Handle(descriptor: descriptor, isWritable: writable, lastUse: clock)
        return evicted
    }

    /// Every descriptor, for closing; the cache is empty afterwards.
    mutating func removeAll() -> [(file: Int, descriptor: Int32)] {
        defer { handles = [:] }
        return handles.map { ($0.key, $0.value.descriptor) }
    }
}
