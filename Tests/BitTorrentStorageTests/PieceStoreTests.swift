import BitTorrentCore
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import BitTorrentStorage

@Suite("PieceStore")
struct PieceStoreTests {
    @Test("blocks round-trip across file boundaries and padding", arguments: [20_000, 16_384, 1_000, 100_003])
    func roundTrip(pieceLength: Int) async throws {
        let torrent = try TestTorrent.mixed(pieceLength: pieceLength)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path)

        // Last piece first, then the rest: files are written out of order (sparse).
        let pieces = Array((0..<torrent.layout.pieceCount).reversed())
        for piece in pieces {
            for block in torrent.layout.blocks(ofPiece: piece) {
                try await store.write(piece: piece, offset: block.offset, data: torrent.bytes(of: block))
            }
        }
        for piece in pieces {
            #expect(try await store.read(piece: piece) == torrent.bytes(ofPiece: piece))
            #expect(try await store.verify(piece: piece).matches)
        }
        let block = torrent.layout.blocks(ofPiece: 0)[0]
        #expect(try await store.read(block) == torrent.bytes(of: block))

        for file in torrent.metainfo.files where !file.isPadding {
            #expect(directory.contents(file.path.description) == torrent.bytes(ofFile: file.index), "\(file.path)")
        }
        #expect(!directory.exists("Show/.pad"), "padding files are never created")
        try await store.close()
    }

    @Test("missing files read as zeros and are not created by reads")
    func readsOfMissingFiles() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path)
        let data = try await store.read(piece: 0)
        #expect(data.readableBytes == 20_000)
        #expect(data.readableBytesView.allSatisfy { $0 == 0 })
        #expect(!(try await store.verify(piece: 0).matches))
        #expect(!directory.exists("Show"))
        #expect(try await store.fileStamps().allSatisfy { $0 == nil })
    }

    @Test("files of skipped pieces are not created")
    func skippedFilesNotCreated() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path)
        let last = torrent.layout.pieceCount - 1
        try await store.write(piece: last, offset: 0, data: torrent.bytes(ofPiece: last))
        #expect(directory.exists("Show/d.bin"))
        #expect(!directory.exists("Show/a.bin"))
        #expect(!directory.exists("Show/sub"))
        try await store.close()
    }

    @Test("a symlink planted as a folder inside the torrent is refused, and nothing is written through it")
    func symlinkedFolderRefused() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory.path + "/outside", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: directory.path + "/downloads/Show", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: directory.path + "/downloads/Show/sub", withDestinationPath: directory.path + "/outside")
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path + "/downloads")

        // Piece 2 (bytes 40000..<60000) is inside sub/b.bin.
        await #expect(throws: StorageError.symlinkRefused(path: "Show/sub")) {
            try await store.write(piece: 2, offset: 0, data: torrent.bytes(ofPiece: 2))
        }
        await #expect(throws: StorageError.symlinkRefused(path: "Show/sub")) {
            _ = try await store.read(piece: 2)
        }
        #expect(try manager.contentsOfDirectory(atPath: directory.path + "/outside").isEmpty)
        try await store.close()
    }

    @Test("a symlink planted as a file inside the torrent is refused")
    func symlinkedFileRefused() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let manager = FileManager.default
        let target = directory.path + "/victim"
        _ = manager.createFile(atPath: target, contents: Data("keep".utf8))
        try manager.createDirectory(atPath: directory.path + "/downloads/Show", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: directory.path + "/downloads/Show/a.bin", withDestinationPath: target)
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path + "/downloads")

        await #expect(throws: StorageError.symlinkRefused(path: "Show/a.bin")) {
            try await store.write(piece: 0, offset: 0, data: torrent.bytes(ofPiece: 0))
        }
        #expect(manager.contents(atPath: target) == Data("keep".utf8))
        try await store.close()
    }

    @Test("a download directory reached through a symlink is the user's choice and is followed")
    func symlinkedDownloadDirectoryAllowed() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/link", withDestinationPath: directory.path + "/real")
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path + "/link")
        try await store.write(piece: 0, offset: 0, data: torrent.bytes(ofPiece: 0))
        #expect(directory.exists("real/Show/a.bin"))
        try await store.close()
    }

    @Test("the handle cache stays within its bound and data survives eviction")
    func handleCacheEviction() async throws {
        let files = (0..<6).map { TestTorrent.Spec(path: ["f\($0).bin"], length: 5_000 + $0) }
        let torrent = try TestTorrent.make(pieceLength: 4_096, files: files)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path, configuration: .init(maxOpenFiles: 2))
        for piece in 0..<torrent.layout.pieceCount {
            try await store.write(piece: piece, offset: 0, data: torrent.bytes(ofPiece: piece))
            #expect(store.openFileCount <= 2)
        }
        try await store.flush()
        for piece in 0..<torrent.layout.pieceCount {
            #expect(try await store.verify(piece: piece).matches)
            #expect(store.openFileCount <= 2)
        }
        try await store.close()
        #expect(store.openFileCount == 0)
    }

    @Test("the handle cache evicts the least recently used and replaces a read-only handle")
    func handleCacheOrder() {
        var cache = FileHandleCache(capacity: 2)
        #expect(cache.insert(file: 0, descriptor: 10, writable: false).isEmpty)
        #expect(cache.insert(file: 1, descriptor: 11, writable: true).isEmpty)
        #expect(cache.lookup(file: 0, writable: false) == 10)
        #expect(cache.lookup(file: 0, writable: true) == nil, "a read-only handle does not serve writes")
        let evicted = cache.insert(file: 2, descriptor: 12, writable: true)
        #expect(evicted.map(\.file) == [1], "file 1 was used least recently")
        let replaced = cache.insert(file: 0, descriptor: 20, writable: true)
        #expect(replaced.map(\.descriptor) == [10])
        #expect(cache.count == 2)
    }

    @Test("recheck finds exactly the pieces written correctly")
    func recheckFindsCorruption() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 16_384)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path)
        let count = torrent.layout.pieceCount
        for piece in 0..<count where piece != 1 {
            try await store.write(piece: piece, offset: 0, data: torrent.bytes(ofPiece: piece))
        }
        try await store.close()

        // Flip one byte of d.bin: the piece holding it must fail, every other written piece pass.
        let file = torrent.metainfo.files[4]
        let corruptOffset = 20_000
        let handle = try #require(FileHandle(forUpdatingAtPath: directory.path + "/" + file.path.description))
        try handle.seek(toOffset: UInt64(corruptOffset))
        try handle.write(contentsOf: [torrent.payload[file.offset + corruptOffset] ^ 0xFF])
        try handle.close()
        let corrupted = (file.offset + corruptOffset) / 16_384

        let reopened = PieceStore(metainfo: torrent.metainfo, directory: directory.path)
        let reports = NIOLockedValueBox<[RecheckProgress]>([])
        let found = try await reopened.recheck { progress in reports.withLockedValue { $0.append(progress) } }
        let expected = (0..<count).filter { $0 != 1 && $0 != corrupted }
        #expect(found.setIndices == expected)
        #expect(reports.withLockedValue { $0.count } == count)
        #expect(reports.withLockedValue { $0.last } == RecheckProgress(checked: count, total: count, verified: expected.count))
        try await reopened.close()
    }

    @Test("a file gets its full length (sparse) at the first write, and recheck trusts only what was written")
    func sparseFullLength() async throws {
        let torrent = try TestTorrent.make(pieceLength: 16_384, files: [TestTorrent.Spec(path: ["movie.mkv"], length: 16_384 * 5 + 100)])
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path)
        try await store.write(piece: 3, offset: 0, data: torrent.bytes(ofPiece: 3))
        try await store.close()
        let path = directory.path + "/" + torrent.metainfo.files[0].path.description
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.size] as? NSNumber)?.intValue == 16_384 * 5 + 100)
        let reopened = PieceStore(metainfo: torrent.metainfo, directory: directory.path)
        #expect(try await reopened.recheck().setIndices == [3])
        try await reopened.close()
    }

    @Test("requests outside the piece are refused")
    func outOfRange() async throws {
        let torrent = try TestTorrent.mixed(pieceLength: 20_000)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = PieceStore(metainfo: torrent.metainfo, directory: directory.path)
        await #expect(throws: StorageError.outOfRange(piece: 0, offset: 19_999, length: 2)) {
            try await store.write(piece: 0, offset: 19_999, data: ByteBuffer(bytes: [1, 2]))
        }
        await #expect(throws: StorageError.outOfRange(piece: 99, offset: 0, length: 1)) {
            _ = try await store.read(piece: 99, offset: 0, length: 1)
        }
    }
}
