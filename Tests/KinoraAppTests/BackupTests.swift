import Foundation
import KinoraApp
import KinoraCore
import KinoraHTTP
import KinoraStorage
import Testing

struct BackupTests {
    @Test func backupCopiesEveryDatabaseConsistentlyWhileServing() async throws {
        let fixture = try await TestServer()
        let configuration = fixture.server.configuration
        let result = try Backup.run(configuration: configuration, now: Timestamp(secondsSinceEpoch: 1_795_561_471))
        #expect(result.directory == configuration.configDirectory + "/backups/kinora-2026-11-24T23-04-31Z")
        #expect(result.databases == Role.allCases.filter(\.hasDatabase))
        // The copy holds the same keys as the live databases.
        for role in Role.allCases where role.usesAPIKey {
            let copy = try RoleDatabase.open(role: role, path: result.directory + "/\(role.rawValue).sqlite")
            #expect(try copy.setting(RoleDatabase.apiKeySetting) == fixture.server.environments[role]?.apiKey?.value)
        }
        #expect(!FileManager.default.fileExists(atPath: result.directory + ".partial"))
        // A second backup into the same directory is refused, and the first is left intact.
        #expect(throws: RoleDatabase.BackupError.self) {
            try Backup.run(configuration: configuration, now: Timestamp(secondsSinceEpoch: 1_795_561_471))
        }
        #expect(FileManager.default.fileExists(atPath: result.directory + "/series.sqlite"))
    }

    @Test func backupNeverCreatesDatabases() throws {
        let directory = try TestDirectory()
        let result = try Backup.run(
            configuration: KinoraConfiguration(dataDirectory: directory.path), into: directory.path + "/b",
            now: Timestamp(secondsSinceEpoch: 0))
        #expect(result.databases.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/config/series.sqlite"))
    }
}
