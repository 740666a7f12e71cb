import Foundation
import GRDB
import KinoraCore

/// One role's SQLite database: WAL mode on disk, in memory for tests, with the migrations run
/// in `init` so that a `RoleDatabase` in hand is always at the current schema.
public struct RoleDatabase: Sendable {
    public let role: Role
    public let writer: any DatabaseWriter

    public var reader: any DatabaseReader { writer }

    /// Migrations a role adds after the common ones, registered by name; never edit one that shipped.
    public typealias Migrations = @Sendable (inout DatabaseMigrator) -> Void

    public init(role: Role, writer: any DatabaseWriter, migrations: Migrations = { _ in }) throws {
        self.role = role
        self.writer = writer
        var migrator = DatabaseMigrator()
        Self.registerCommonMigrations(&migrator)
        migrations(&migrator)
        try migrator.migrate(writer)
    }

    /// Opens (creating if needed) the database file. A `DatabasePool` puts it in WAL mode, so
    /// readers never block the writer and a `kill -9` loses at most an uncommitted transaction.
    public static func open(role: Role, path: String, migrations: @escaping Migrations = { _ in }) throws -> RoleDatabase {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.label = role.rawValue
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try RoleDatabase(role: role, writer: pool, migrations: migrations)
    }

    public static func inMemory(role: Role, migrations: @escaping Migrations = { _ in }) throws -> RoleDatabase {
        try RoleDatabase(role: role, writer: DatabaseQueue(named: role.rawValue), migrations: migrations)
    }

    static func registerCommonMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("common-v1-settings") { db in
            try db.create(table: "setting") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
        }
    }

    /// The names of the migrations applied, newest last (status endpoints report the count).
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
    }

    public func sqliteVersion() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "" }
    }
}
