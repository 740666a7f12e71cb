import Foundation
import GRDB
import KinoraStorage
import ServarrCore

/// The indexers role's database: indexers and applications kept as JSON documents in their API
/// shape (secrets in clear; answers mask them), and which copy of each indexer every application has.
struct IndexersStore: Sendable {
    let database: RoleDatabase

    enum Table: String, Sendable {
        case indexer, application
    }

    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("indexers-v1-indexers-applications") { db in
            for table in ["indexer", "application"] {
                try db.create(table: table) { table in
                    table.autoIncrementedPrimaryKey("id")
                    table.column("body", .text).notNull()
                }
            }
            try db.create(table: "applicationIndexer") { table in
                table.column("applicationId", .integer).notNull().references("application", onDelete: .cascade)
                table.column("indexerId", .integer).notNull()
                table.column("remoteId", .integer).notNull()
                table.primaryKey(["applicationId", "indexerId"])
            }
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func all(_ table: Table) async throws -> [ProviderResource] {
        let rows = try await database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, body FROM \(table.rawValue) ORDER BY id").map(Self.stored)
        }
        return try rows.map(Self.decode)
    }

    func one(_ table: Table, id: Int) async throws -> ProviderResource? {
        let row = try await database.reader.read { db in
            try Row.fetchOne(db, sql: "SELECT id, body FROM \(table.rawValue) WHERE id = ?", arguments: [id]).map(Self.stored)
        }
        return try row.map(Self.decode)
    }

    /// Inserts and returns the resource with the id it got.
    func insert(_ table: Table, _ resource: ProviderResource) async throws -> ProviderResource {
        var resource = resource
        resource.id = nil
        let body = String(decoding: try Self.encoder.encode(resource), as: UTF8.self)
        let id = try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO \(table.rawValue) (body) VALUES (?)", arguments: [body])
            return Int(db.lastInsertedRowID)
        }
        resource.id = id
        return resource
    }

    /// Replaces a resource; false when there is none with that id.
    func update(_ table: Table, id: Int, _ resource: ProviderResource) async throws -> Bool {
        var resource = resource
        resource.id = nil
        let body = String(decoding: try Self.encoder.encode(resource), as: UTF8.self)
        return try await database.writer.write { db in
            try db.execute(sql: "UPDATE \(table.rawValue) SET body = ? WHERE id = ?", arguments: [body, id])
            return db.changesCount > 0
        }
    }

    func delete(_ table: Table, id: Int) async throws -> Bool {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM \(table.rawValue) WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    // MARK: Which copy each application has

    /// Our indexer id → the application's id for its copy.
    func copies(in applicationId: Int) async throws -> [Int: Int] {
        let pairs = try await database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT indexerId, remoteId FROM applicationIndexer WHERE applicationId = ?", arguments: [applicationId])
                .map { ($0["indexerId"] as Int, $0["remoteId"] as Int) }
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    func rememberCopy(applicationId: Int, indexerId: Int, remoteId: Int) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO applicationIndexer (applicationId, indexerId, remoteId) VALUES (?, ?, ?)",
                arguments: [applicationId, indexerId, remoteId])
        }
    }

    func forgetCopy(applicationId: Int, indexerId: Int) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM applicationIndexer WHERE applicationId = ? AND indexerId = ?", arguments: [applicationId, indexerId])
        }
    }

    /// A row as plain values: rows stay inside the database closure, so the read is the async one.
    private static func stored(_ row: Row) -> (id: Int, body: String) { (row["id"], row["body"]) }

    private static func decode(_ stored: (id: Int, body: String)) throws -> ProviderResource {
        var resource = try JSONDecoder().decode(ProviderResource.self, from: Data(stored.body.utf8))
        resource.id = stored.id
        return resource
    }
}
