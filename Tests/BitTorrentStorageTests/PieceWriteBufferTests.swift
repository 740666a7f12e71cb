import BitTorrentCore
import NIOCore
import NIOPosix
import Testing

@testable import BitTorrentStorage

@Suite("PieceWriteBuffer")
struct PieceWriteBufferTests {
    // Pieces of 40,000 bytes (blocks of 16,384, 16,384 and 7,232); the last piece has 20,000.
    let layout = TorrentLayout(pieceLength: 40_000, fileLengths: [100_000])!

    func block(_ index: Int, of piece: Int) -> (offset: Int, data: ByteBuffer) {
        let request = layout.block(index, ofPiece: piece)
        return (request.offset, ByteBuffer(repeating: UInt8(piece * 10 + index), count: request.length))
    }

    @Test("the least recently used piece spills, as runs of the blocks it received")
    func spillsLeastRecentlyUsed() {
        var buffer = PieceWriteBuffer(budget: 80_000, layout: layout)
        for (piece, index) in [(0, 0), (0, 2), (1, 0), (0, 1)] {
            let (offset, data) = block(index, of: piece)
            #expect(buffer.add(piece: piece, offset: offset, data: data).spills.isEmpty)
        }
        #expect(buffer.bufferedBytes == 80_000)
        // Piece 2 needs room: piece 1 was used least recently and goes to disk.
        let (offset, data) = block(0, of: 2)
        let added = buffer.add(piece: 2, offset: offset, data: data)
        #expect(added.placement == .buffered)
        #expect(added.spills.map(\.piece) == [1])
        #expect(added.spills[0].runs.map(\.offset) == [0])
        #expect(added.spills[0].runs.map(\.bytes.readableBytes) == [16_384])
        #expect(buffer.bufferedBytes == 60_000, "piece 0 and the last piece, 20,000 bytes long")
        // Later blocks of the spilled piece are written through.
        let (offset1, data1) = block(1, of: 1)
        #expect(buffer.add(piece: 1, offset: offset1, data: data1).placement == .writeThrough)

        let entry = buffer.take(0)!
        #expect(entry.receivedCount == 3)
        #expect(buffer.runs(of: entry, piece: 0).map(\.offset) == [0], "blocks 0–2 make one run")
        #expect(buffer.runs(of: entry, piece: 0).map(\.bytes.readableBytes) == [40_000])
        #expect(buffer.bufferedBytes == 20_000)
    }

    @Test("a piece longer than the budget goes straight to disk")
    func pieceOverBudget() {
        var buffer = PieceWriteBuffer(budget: 30_000, layout: layout)
        let (offset, data) = block(0, of: 0)
        let added = buffer.add(piece: 0, offset: offset, data: data)
        #expect(added.placement == .writeThrough)
        #expect(buffer.bufferedBytes == 0)
    }

    @Test("many blocks written and verified concurrently on a multi-threaded pool end up right")
    func concurrentWrites() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 16_384)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pool = NIOThreadPool(numberOfThreads: 4)
        pool.start()
        let storage = TorrentStorage(
            metainfo: torrent.metainfo,
            directory: directory.path,
            configuration: .init(writeBufferBytes: 3 * 16_384, store: .init(maxOpenFiles: 2)),
            threadPool: pool
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            for piece in 0..<torrent.layout.pieceCount {
                group.addTask {
                    for block in torrent.layout.blocks(ofPiece: piece) {
                        _ = try await storage.write(block, data: torrent.bytes(of: block))
                    }
                    let result = try await storage.verify(piece: piece)
                    #expect(result.matches, "piece \(piece)")
                }
            }
            try await group.waitForAll()
        }
        #expect(storage.verified.isComplete)
        _ = try await storage.close()
        try await pool.shutdownGracefully()
        for file in torrent.metainfo.files where !file.isPadding {
            #expect(directory.contents(file.path.description) == torrent.bytes(ofFile: file.index))
        }
    }
}
