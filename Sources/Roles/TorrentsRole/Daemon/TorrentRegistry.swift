import Foundation
import GRDB
import KinoraCore
import KinoraStorage

/// The daemon's torrents and settings in the role's database: one row per torrent (its record as JSON,
/// and its .torrent bytes once known) and one row per setting. Each write is one transaction.
struct TorrentRegistry: Sendable {
    let database: RoleDatabase

    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("torrents-v2-daemon") { db in
            try db.create(table: "torrent") { table in
                table.primaryKey("id", .integer)
                table.column("infoHash", .text).notNull().unique()
                table.column("record", .text).notNull()
                /// The .torrent file (as added, or rebuilt from a magnet's metadata); nil while fetching.
                table.column("metainfo", .blob)
            }
            try db.create(table: "sessionSetting") { table in
                table.primaryKey("name", .text)
                table.column("value", .text).notNull()
            }
            try db.create(table: "sessionCounter") { table in
                table.primaryKey("name", .text)
                table.column("value", .integer).notNull()
            }
        }
    }

    static func registerLaterMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("torrents-v3-dht") { db in
            try db.create(table: "dhtState") { table in
                table.primaryKey("id", .integer).check { $0 == 1 }
                table.column("state", .text).notNull()
            }
        }
    }

    struct Stored: Sendable {
        var record: TorrentRecord
        var metainfo: Data?
    }

    func loadTorrents() async throws -> [Stored] {
        try await database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT record, metainfo FROM torrent ORDER BY id").compactMap { row in
                let json: String = row["record"]
                // A row that no longer decodes is skipped rather than stopping every other torrent.
                guard let record = try? JSONDecoder().decode(TorrentRecord.self, from: Data(json.utf8)) else { return nil }
                return Stored(record: record, metainfo: row["metainfo"])
            }
        }
    }

    func nextID() async throws -> Int {
        try await database.reader.read { db in
            (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM torrent") ?? 0) + 1
        }
    }

    func save(_ record: TorrentRecord) async throws {
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO torrent (id, infoHash, record) VALUES (?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET record = excluded.record
                    """,
                arguments: [record.id, record.infoHash, json])
        }
    }

    func saveAll(_ records: [TorrentRecord]) async throws {
        let encoded = try records.map { ($0, String(decoding: try JSONEncoder().encode($0), as: UTF8.self)) }
        try await database.writer.write { db in
            for (record, json) in encoded {
                try db.execute(sql: "UPDATE torrent SET record = ? WHERE id = ?", arguments: [json, record.id])
            }
        }
    }

    func saveMetainfo(_ bytes: Data, id: Int) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE torrent SET metainfo = ? WHERE id = ?", arguments: [bytes, id])
        }
    }

    func insert(_ record: TorrentRecord, metainfo: Data?) async throws {
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO torrent (id, infoHash, record, metainfo) VALUES (?, ?, ?, ?)",
                arguments: [record.id, record.infoHash, json, metainfo])
        }
    }

    func delete(id: Int) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM torrent WHERE id = ?", arguments: [id])
        }
    }

    func loadSettings() async throws -> [String: JSONValue] {
        try await database.reader.read { db in
            var result: [String: JSONValue] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM sessionSetting") {
                let text: String = row["value"]
                if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) { result[row["name"]] = value }
            }
            return result
        }
    }

    func saveSettings(_ values: [String: JSONValue]) async throws {
        let encoded = try values.map { ($0.key, String(decoding: try JSONEncoder().encode($0.value), as: UTF8.self)) }
        try await database.writer.write { db in
            for (name, json) in encoded {
                try db.execute(
                    sql: "INSERT INTO sessionSetting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    arguments: [name, json])
            }
        }
    }

    func loadCounters() async throws -> [String: Int] {
        try await database.reader.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, value FROM sessionCounter").map { ($0["name"], $0["value"]) })
        }
    }

    func saveCounters(_ counters: [String: Int]) async throws {
        try await database.writer.write { db in
            for (name, value) in counters {
                try db.execute(
                    sql: "INSERT INTO sessionCounter (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    arguments: [name, value])
            }
        }
    }
}
