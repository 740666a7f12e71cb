import BitTorrentCore
import Foundation
import NIOCore
import Testing

@testable import BitTorrentStorage

@Suite("TorrentStorage")
struct TorrentStorageTests {
    /// Writes every block of a piece, optionally with one byte flipped, and returns the last outcome.
    @discardableResult
    static func writePiece(_ piece: Int, of torrent: TestTorrent, into storage: TorrentStorage, corrupt: Bool = false) async throws -> TorrentStorage.BlockOutcome {
        var last = TorrentStorage.BlockOutcome.ignored
        for block in torrent.layout.blocks(ofPiece: piece) {
            var data = torrent.bytes(of: block)
            if corrupt, block.offset == 0 { data.setInteger(data.getInteger(at: data.readerIndex, as: UInt8.self)! ^ 0xFF, at: data.readerIndex) }
            last = try await storage.write(block, data: data)
        }
        return last
    }

    @Test("a buffered piece is hashed in memory and reaches the disk only when it matches")
    func verifyBeforeWrite() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 32_768)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let storage = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path)

        #expect(try await Self.writePiece(0, of: torrent, into: storage, corrupt: true) == .buffered(pieceComplete: true))
        #expect(storage.bufferedBytes == 32_768)
        #expect(!(try await storage.verify(piece: 0)).matches)
        #expect(storage.bufferedBytes == 0)
        #expect(!directory.exists("Show/a.bin"), "bad data from memory never touches the disk")

        try await Self.writePiece(0, of: torrent, into: storage)
        let result = try await storage.verify(piece: 0, blockDigests: true)
        #expect(result.matches)
        #expect(result.blockDigests?.count == 2)
        #expect(directory.contents("Show/a.bin").map { Array($0.prefix(30_001)) } == torrent.bytes(ofFile: 0))
        #expect(storage.verified.setIndices == [0])
        #expect(storage.durable.isEmpty, "durable only after a flush")

        let block = torrent.layout.blocks(ofPiece: 0)[1]
        #expect(try await storage.read(block) == torrent.bytes(of: block))
        await #expect(throws: StorageError.pieceNotVerified(1)) {
            _ = try await storage.read(torrent.layout.blocks(ofPiece: 1)[0])
        }

        // An endgame duplicate of a verified piece is dropped, even if it is bad.
        var bad = torrent.bytes(of: block)
        bad.setInteger(UInt8(0), at: bad.readerIndex)
        #expect(try await storage.write(block, data: bad) == .ignored)
        #expect(try await storage.store.verify(piece: 0).matches)

        let resume = try await storage.flush()
        #expect(resume.verified?.setIndices == [0])
        #expect(!resume.isClean)
        #expect(storage.durable.setIndices == [0])
        _ = try await storage.close()
    }

    @Test("over the budget, pieces spill to disk and are verified from there", arguments: [0, 20_000, 50_000])
    func spillsOverBudget(budget: Int) async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let storage = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path, configuration: .init(writeBufferBytes: budget))
        let count = torrent.layout.pieceCount
        // Interleave the first block of every piece, then the rest: many pieces in flight at once.
        for piece in 0..<count {
            let block = torrent.layout.blocks(ofPiece: piece)[0]
            _ = try await storage.write(block, data: torrent.bytes(of: block))
            #expect(storage.bufferedBytes <= budget)
        }
        for piece in 0..<count {
            for block in torrent.layout.blocks(ofPiece: piece).dropFirst() {
                _ = try await storage.write(block, data: torrent.bytes(of: block))
            }
            #expect(storage.bufferedBytes <= budget)
        }
        for piece in 0..<count {
            #expect(try await storage.verify(piece: piece).matches, "piece \(piece)")
        }
        #expect(storage.verified.isComplete)
        #expect(storage.bufferedBytes == 0)
        let resume = try await storage.close()
        #expect(resume.isClean)
        #expect(resume.verified?.isComplete == true)
        for file in torrent.metainfo.files where !file.isPadding {
            #expect(directory.contents(file.path.description) == torrent.bytes(ofFile: file.index))
        }
    }

    @Test("a bad spilled piece fails from disk and is not trusted")
    func badSpilledPiece() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let storage = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path, configuration: .init(writeBufferBytes: 0))
        #expect(try await Self.writePiece(1, of: torrent, into: storage, corrupt: true) == .written(pieceComplete: true))
        #expect(!(try await storage.verify(piece: 1)).matches)
        #expect(storage.verified.isEmpty)
        try await Self.writePiece(1, of: torrent, into: storage)
        #expect(try await storage.verify(piece: 1).matches)
        _ = try await storage.close()
    }

    @Test("kill -9 simulation: only flushed pieces are trusted unhashed; later data is hashed before it is trusted")
    func crashSimulation() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = torrent.layout
        // Pieces 0–1 are a.bin (+ padding), 2 holds sub/*, 3–5 are d.bin.
        let first = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path)
        for piece in [0, 1, 3] {
            try await Self.writePiece(piece, of: torrent, into: first)
            #expect(try await first.verify(piece: piece).matches)
        }
        let saved = try await first.flush()
        #expect(saved.verified?.setIndices == [0, 1, 3])

        // After the flush: piece 4 verified but never flushed, piece 5 written with bad data (spilled,
        // unverified), piece 2 half-received in memory. Then the process dies: no close, no flush.
        try await Self.writePiece(4, of: torrent, into: first)
        #expect(try await first.verify(piece: 4).matches)
        let spill = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path, configuration: .init(writeBufferBytes: 0))
        try await Self.writePiece(5, of: torrent, into: spill, corrupt: true)
        _ = try await first.write(layout.blocks(ofPiece: 2)[0], data: torrent.bytes(of: layout.blocks(ofPiece: 2)[0]))
        let persisted = try JSONDecoder().decode(ResumeState.self, from: JSONEncoder().encode(saved))

        let second = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path)
        let plan = try await second.restore(from: persisted)
        // d.bin changed after the flush, so its pieces lose their trust and are hashed again.
        #expect(plan.changedFiles == [4])
        #expect(plan.trusted.setIndices == [0, 1])
        #expect(plan.recheck == [2, 3, 4, 5], "unclean stop: everything untrusted is rechecked")
        let verified = try await second.recheck(pieces: plan.recheck)
        #expect(verified.setIndices == [0, 1, 3, 4], "piece 4 is found again, not downloaded again; bad piece 5 is not trusted")
        let after = try await second.close()
        #expect(after.isClean)
        #expect(after.verified?.setIndices == [0, 1, 3, 4])

        let third = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path)
        let cleanPlan = try await third.restore(from: after)
        #expect(cleanPlan.recheck.isEmpty, "a clean close needs no recheck")
        #expect(cleanPlan.trusted.setIndices == [0, 1, 3, 4])
        _ = try await third.close()
        _ = try await first.close()
        _ = try await spill.close()
    }

    @Test("a file changed on disk after a clean close loses the trust of its pieces")
    func resumeMismatch() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let storage = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path)
        for piece in 0..<torrent.layout.pieceCount {
            try await Self.writePiece(piece, of: torrent, into: storage)
            #expect(try await storage.verify(piece: piece).matches)
        }
        let saved = try await storage.close()
        #expect(saved.verified?.isComplete == true)

        // Same size, other bytes, newer mtime: sub/b.bin (pieces 2) was edited behind our back.
        let path = directory.path + "/Show/sub/b.bin"
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.write(contentsOf: [0x00])
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)

        let reopened = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path)
        let plan = try await reopened.restore(from: saved)
        #expect(plan.changedFiles == [2])
        #expect(plan.recheck == Array(torrent.layout.pieces(ofFile: 2)))
        #expect(plan.trusted.setIndices == (0..<torrent.layout.pieceCount).filter { !torrent.layout.pieces(ofFile: 2).contains($0) })
        let verified = try await reopened.recheck(pieces: plan.recheck)
        #expect(verified.setCount == torrent.layout.pieceCount - 1)
        _ = try await reopened.close()
    }

    @Test("after close, every operation fails with .closed")
    func closed() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let storage = TorrentStorage(metainfo: torrent.metainfo, directory: directory.path, configuration: .init(writeBufferBytes: 0))
        _ = try await storage.close()
        let block = torrent.layout.blocks(ofPiece: 0)[0]
        await #expect(throws: StorageError.closed) { _ = try await storage.write(block, data: torrent.bytes(of: block)) }
        await #expect(throws: StorageError.closed) { _ = try await storage.flush() }
    }
}
