import BitTorrentCore
import BitTorrentStorage
import Foundation
import KinoraCore
import KinoraHTTP
import KinoraStorage
import Testing
import TorrentsRole

@Suite("Resume data in the torrents role's database")
struct TorrentResumeStoreTests {
    let infoHash = InfoHash(hex: "636b29d2d23acfc5b4034005bd9654ddec5fd342")!

    @Test("a saved state survives reopening the database, and a newer one replaces it")
    func roundTrip() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-resume-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/torrents.sqlite"
        var verified = Bitfield(count: 10)
        verified[3] = true
        verified[9] = true
        let first = ResumeState(verified: verified, files: [FileStamp(size: 5, modifiedSeconds: 1, modifiedNanoseconds: 2), nil], isClean: false)
        do {
            let store = TorrentResumeStore(database: try RoleDatabase.open(role: .torrents, path: path, migrations: TorrentsRole.definition.migrations))
            #expect(try await store.load(infoHash) == nil)
            try await store.save(first, for: infoHash)
        }
        let store = TorrentResumeStore(database: try RoleDatabase.open(role: .torrents, path: path, migrations: TorrentsRole.definition.migrations))
        #expect(try await store.load(infoHash) == first)
        verified[0] = true
        let second = ResumeState(verified: verified, files: first.files, isClean: true)
        try await store.save(second, for: infoHash)
        #expect(try await store.load(infoHash) == second)
        try await store.remove(infoHash)
        #expect(try await store.load(infoHash) == nil)
    }
}
