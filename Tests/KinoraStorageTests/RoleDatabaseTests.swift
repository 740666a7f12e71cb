import Foundation
import GRDB
import KinoraCore
import KinoraStorage
import Testing

struct RoleDatabaseTests {
    @Test func inMemoryDatabaseIsMigrated() throws {
        let database = try RoleDatabase.inMemory(role: .series)
        #expect(try database.appliedMigrations() == ["common-v1-settings"])
        #expect(try database.setting("missing") == nil)
        try database.setSetting("theme", to: "dark")
        try database.setSetting("theme", to: "light")
        #expect(try database.setting("theme") == "light")
    }

    @Test func roleMigrationsRunAfterTheCommonOnes() throws {
        let database = try RoleDatabase.inMemory(role: .movies) { migrator in
            migrator.registerMigration("movies-v1") { db in
                try db.create(table: "movie") { $0.autoIncrementedPrimaryKey("id") }
            }
        }
        #expect(try database.appliedMigrations() == ["common-v1-settings", "movies-v1"])
    }

    @Test func tokensPersistAcrossReopeningTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-db-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/series.sqlite"

        let first = try RoleDatabase.open(role: .series, path: path).persistentToken(named: RoleDatabase.apiKeySetting)
        let again = try RoleDatabase.open(role: .series, path: path).persistentToken(named: RoleDatabase.apiKeySetting)
        #expect(first == again)
        #expect(APIKey.isWellFormed(first.value))
        // WAL mode, so readers never block the writer.
        let mode = try RoleDatabase.open(role: .series, path: path).reader.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func differentSettingsGetDifferentTokens() throws {
        let database = try RoleDatabase.inMemory(role: .media)
        let server = try database.persistentToken(named: RoleDatabase.serverIDSetting)
        let key = try database.persistentToken(named: RoleDatabase.apiKeySetting)
        #expect(server != key)
    }
}
