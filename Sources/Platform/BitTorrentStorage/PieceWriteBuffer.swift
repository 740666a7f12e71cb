import BitTorrentCore
import NIOCore

/// Blocks of the pieces in flight, held in memory up to a byte budget so that a complete piece can be
/// hashed without reading it back and written only when it matches. A piece is charged its full length
/// when its first block arrives (one contiguous buffer, ready to hash). When a new piece does not fit,
/// the least recently used buffered pieces are spilled: their blocks go to disk and the piece continues
/// write-through, to be verified from disk. Pure bookkeeping: the caller performs the writes.
struct PieceWriteBuffer: Sendable {
    struct Entry: Sendable {
        /// The piece's bytes while buffered; nil once spilled (its blocks are then on disk).
        var data: ByteBuffer?
        var received: [Bool]
        var receivedCount = 0
        var lastUse: UInt64
    }

    /// Bytes to write for a spilled piece: runs of consecutive received blocks.
    struct Spill: Sendable {
        var piece: Int
        var runs: [(offset: Int, bytes: ByteBuffer)]
    }

    enum Placement: Sendable, Hashable {
        case buffered
        /// Not buffered: the caller writes the block to disk now.
        case writeThrough
    }

    let budget: Int
    let layout: TorrentLayout
    private(set) var bufferedBytes = 0
    private(set) var entries: [Int: Entry] = [:]
    private var clock: UInt64 = 0

    init(budget: Int, layout: TorrentLayout) {
        self.budget = max(0, budget)
        self.layout = layout
    }

    /// Records a block (its offset a multiple of 16 KiB, as requested from peers). Returns where it went,
    /// whether every block of its piece has now arrived, and the pieces spilled to make room.
    mutating func add(piece: Int, offset: Int, data: ByteBuffer) -> (placement: Placement, isComplete: Bool, spills: [Spill]) {
        clock += 1
        var spills: [Spill] = []
        if entries[piece] == nil {
            let length = layout.length(ofPiece: piece)
            while bufferedBytes + length > budget, let victim = leastRecentlyUsedBuffered() {
                spills.append(spill(victim))
            }
            var entry = Entry(data: nil, received: Array(repeating: false, count: layout.blockCount(ofPiece: piece)), lastUse: clock)
            if bufferedBytes + length <= budget {
                var buffer = ByteBufferAllocator().buffer(capacity: length)
                buffer.writeRepeatingByte(0, count: length)
                entry.data = buffer
                bufferedBytes += length
            }
            entries[piece] = entry
        }
        let block = offset / BitTorrentCore.blockLength
        entries[piece]!.lastUse = clock
        if !entries[piece]!.received[block] {
            entries[piece]!.received[block] = true
            entries[piece]!.receivedCount += 1
        }
        let placement: Placement
        if entries[piece]!.data != nil {
            entries[piece]!.data!.setBuffer(data, at: offset)
            placement = .buffered
        } else {
            placement = .writeThrough
        }
        let entry = entries[piece]!
        return (placement, entry.receivedCount == entry.received.count, spills)
    }

    /// Whether a block of `piece` would go to memory without spilling another piece.
    func fitsWithoutSpill(piece: Int) -> Bool {
        if let entry = entries[piece] { return entry.data != nil }
        return bufferedBytes + layout.length(ofPiece: piece) <= budget
    }

    /// Removes a piece and returns its entry (for verification, or to drop it after a failed hash).
    mutating func take(_ piece: Int) -> Entry? {
        guard let entry = entries.removeValue(forKey: piece) else { return nil }
        if entry.data != nil { bufferedBytes -= layout.length(ofPiece: piece) }
        return entry
    }

    /// The received blocks of an entry as runs to write, for a piece that must go to disk unverified.
    func runs(of entry: Entry, piece: Int) -> [(offset: Int, bytes: ByteBuffer)] {
        guard let data = entry.data else { return [] }
        var runs: [(offset: Int, bytes: ByteBuffer)] = []
        var start: Int?
        let length = layout.length(ofPiece: piece)
        for block in 0...entry.received.count {
            let has = block < entry.received.count && entry.received[block]
            if has, start == nil { start = block }
            if !has, let first = start {
                let offset = first * BitTorrentCore.blockLength
                let end = min(block * BitTorrentCore.blockLength, length)
                runs.append((offset, data.getSlice(at: data.readerIndex + offset, length: end - offset)!))
                start = nil
            }
        }
        return runs
    }

    private func leastRecentlyUsedBuffered() -> Int? {
        entries.filter { $0.value.data != nil }.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
    }

    private mutating func spill(_ piece: Int) -> Spill {
        let entry = entries[piece]!
        let spill = Spill(piece: piece, runs: runs(of: entry, piece: piece))
        entries[piece]!.data = nil
        bufferedBytes -= layout.length(ofPiece: piece)
        return spill
    }
}
