import BitTorrentCore
import BitTorrentEngine
import BitTorrentStorage
import Foundation
import Testing

/// Two or three of our own engines on 127.0.0.1: seeding, downloading, magnets, restarts. The real
/// clients (libtorrent, aria2, Transmission) are exercised by Tests/Interop.
@Suite("Engine swarms on loopback", .timeLimit(.minutes(2)))
struct EngineSwarmTests {
    /// A folder with a multi-file payload and its torrent.
    struct Fixture {
        let root: String
        let seedFolder: String
        let metainfo: TorrentMetainfo
        let files: [String: [UInt8]]

        init(pieceLength: Int = 32 << 10, sizes: [String: Int] = ["a.bin": 700_000, "sub/b.bin": 123_457, "c.txt": 10]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-swarm-\(UUID().uuidString)").path
            seedFolder = root + "/seed"
            var files: [String: [UInt8]] = [:]
            var generator = SystemRandomNumberGenerator()
            for (name, size) in sizes {
                let path = seedFolder + "/payload/" + name
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
                FileManager.default.createFile(atPath: path, contents: Data(bytes))
                files[name] = bytes
            }
            self.files = files
            metainfo = try TorrentCreator.create(from: seedFolder + "/payload", trackers: [], pieceLength: pieceLength).metainfo
        }

        func contents(in folder: String) -> [String: [UInt8]] {
            var found: [String: [UInt8]] = [:]
            for name in files.keys {
                if let data = FileManager.default.contents(atPath: folder + "/payload/" + name) { found[name] = Array(data) }
            }
            return found
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static func engine(downloadLimit: Int? = nil) -> TorrentEngine {
        TorrentEngine(configuration: TorrentEngine.Configuration(bindHost: "127.0.0.1", listenPort: 0, downloadLimit: downloadLimit))
    }

    /// An engine seeding the fixture's payload, and where to dial it.
    static func seeder(of fixture: Fixture, options: TorrentEngine.TorrentOptions = .init()) async throws -> (TorrentEngine, PeerAddress) {
        let seeder = engine()
        let port = try await seeder.start()
        try await seeder.add(.metainfo(fixture.metainfo), directory: fixture.seedFolder, options: options)
        _ = try await wait(seeder, fixture.metainfo.infoHash) { $0.activity == .seeding }
        return (seeder, PeerAddress(host: "127.0.0.1", port: UInt16(port)))
    }

    /// Waits for a status condition, polling; bounded.
    static func wait(
        _ engine: TorrentEngine,
        _ infoHash: InfoHash,
        timeout: Duration = .seconds(30),
        _ what: String = #function,
        line: Int = #line,
        until condition: (TorrentEngine.TorrentStatus) -> Bool
    ) async throws -> TorrentEngine.TorrentStatus {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = await engine.status(infoHash), condition(status) { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        let last = await engine.status(infoHash)
        Issue.record("timed out waiting at line \(line) of \(what); last status: \(String(describing: last))")
        throw CancellationError()
    }

    @Test("a leecher downloads a multi-file torrent from a seeder it dials, byte for byte")
    func download() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture)
        let leecher = Self.engine()
        try await leecher.start()
        let target = fixture.root + "/download"
        try await leecher.add(
            .metainfo(fixture.metainfo),
            directory: target,
            options: .init(peers: [seedAddress])
        )
        let status = try await Self.wait(leecher, fixture.metainfo.infoHash) { $0.isComplete }
        #expect(status.piecesDownloaded == fixture.metainfo.pieceCount)
        await leecher.shutdown()
        await seeder.shutdown()
        #expect(fixture.contents(in: target) == fixture.files)
    }

    @Test("a magnet link gets its metadata from the seeder (ut_metadata), then the data")
    func magnet() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture)
        let leecher = Self.engine()
        try await leecher.start()
        let magnet = MagnetLink(infoHash: fixture.metainfo.infoHash, displayName: "payload", peers: [seedAddress])
        let target = fixture.root + "/magnet"
        try await leecher.add(.magnet(magnet), directory: target)
        _ = try await Self.wait(leecher, fixture.metainfo.infoHash) { $0.isComplete }
        let fetched = await leecher.metainfo(fixture.metainfo.infoHash)
        #expect(fetched?.infoBytes == fixture.metainfo.infoBytes)
        await leecher.shutdown()
        await seeder.shutdown()
        #expect(fixture.contents(in: target) == fixture.files)
    }

    @Test("a restart trusts what was verified and fetches only the rest")
    func restart() async throws {
        let fixture = try Fixture(sizes: ["a.bin": 4_000_000])
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture)
        let target = fixture.root + "/download"
        let store = FileResumeStore(directory: fixture.root + "/resume")
        let options = TorrentEngine.TorrentOptions(peers: [seedAddress])

        // 256 KiB/s: the first run is stopped part way.
        let first = Self.engine(downloadLimit: 256 << 10)
        try await first.start()
        try await first.add(.metainfo(fixture.metainfo), directory: target, options: options, resumeStore: store)
        let partial = try await Self.wait(first, fixture.metainfo.infoHash) { $0.verifiedPieces >= 10 && !$0.isComplete }
        await first.shutdown()
        let kept = try #require(try await store.load(fixture.metainfo.infoHash)?.verified)
        #expect(kept.setCount >= partial.verifiedPieces)

        let second = Self.engine()
        try await second.start()
        try await second.add(.metainfo(fixture.metainfo), directory: target, options: options, resumeStore: store)
        let done = try await Self.wait(second, fixture.metainfo.infoHash) { $0.isComplete }
        #expect(done.piecesDownloaded == fixture.metainfo.pieceCount - kept.setCount)
        await second.shutdown()
        await seeder.shutdown()
        #expect(fixture.contents(in: target) == fixture.files)
    }

    @Test("a seeder stops at its ratio limit after uploading the whole torrent once")
    func seedRatio() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture, options: .init(seedRatioLimit: 1.0))
        let leecher = Self.engine()
        try await leecher.start()
        try await leecher.add(.metainfo(fixture.metainfo), directory: fixture.root + "/download", options: .init(peers: [seedAddress]))
        let finished = try await Self.wait(seeder, fixture.metainfo.infoHash) { $0.activity == .finished }
        #expect(finished.uploadedBytes >= fixture.metainfo.totalLength)
        await leecher.shutdown()
        await seeder.shutdown()
    }

    @Test("renames back to back, each arriving while the last one's check runs, keep every piece verified across a restart")
    func renamesDuringACheck() async throws {
        // Many files make each check's look at the disk long enough for the next rename to land inside it.
        var sizes = ["Season 1/e01.bin": 600_000, "Season 1/e02.bin": 300_000, "notes.txt": 700]
        for extra in 0..<400 { sizes["Extras/\(extra).txt"] = 100 + extra }
        let fixture = try Fixture(sizes: sizes)
        defer { fixture.remove() }
        let store = FileResumeStore(directory: fixture.root + "/resume")
        let infoHash = fixture.metainfo.infoHash
        let first = Self.engine()
        try await first.start()
        try await first.add(.metainfo(fixture.metainfo), directory: fixture.seedFolder, resumeStore: store)
        _ = try await Self.wait(first, infoHash) { $0.activity == .seeding }

        var renamed = try await first.renamePath(infoHash, ["payload", "Season 1", "e01.bin"], to: "Pilot.bin")
        renamed = try await first.renamePath(infoHash, ["payload", "Season 1"], to: "Season 01")
        renamed = try await first.renamePath(infoHash, ["payload"], to: "Show (2024)")
        let seeding = try await Self.wait(first, infoHash) { $0.activity == .seeding }
        #expect(seeding.verifiedPieces == fixture.metainfo.pieceCount)
        await first.shutdown()
        let kept = try #require(try await store.load(infoHash)?.verified)
        #expect(kept.setCount == fixture.metainfo.pieceCount, "the saved state forgot verified pieces")

        // No peer to fetch from: only the saved state (or a recheck of the renamed files) can make it a seed.
        let second = Self.engine()
        try await second.start()
        try await second.add(.metainfo(renamed), directory: fixture.seedFolder, resumeStore: store)
        let restarted = try await Self.wait(second, infoHash) { $0.activity == .seeding }
        #expect(restarted.verifiedPieces == fixture.metainfo.pieceCount && restarted.piecesDownloaded == 0)
        await second.shutdown()
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: fixture.seedFolder + "/Show (2024)").sorted()
        #expect(onDisk.filter { !$0.hasPrefix("Extras") } == ["Season 01", "Season 01/Pilot.bin", "Season 01/e02.bin", "notes.txt"])
    }
}
