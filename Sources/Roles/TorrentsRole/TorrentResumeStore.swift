import BitTorrentCore
import BitTorrentEngine
import BitTorrentStorage
import Foundation
import GRDB
import KinoraStorage

/// Resume data of the torrents role's engine, in the role's own database (never on NFS: the data root
/// check refuses that), one row per torrent. A row is replaced in one transaction, so a crash leaves the
/// previous state or the new one.
public struct TorrentResumeStore: ResumeStore {
    let database: RoleDatabase

    public init(database: RoleDatabase) {
        self.database = database
    }

    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("torrents-v1-resume") { db in
            try db.create(table: "torrentResume") { table in
                table.primaryKey("infoHash", .text)
                table.column("pieceCount", .integer).notNull()
                table.column("verified", .blob).notNull()
                /// `[FileStamp?]` as JSON: sizes and mtimes that vouch for the verified pieces.
                table.column("files", .text).notNull()
                table.column("isClean", .boolean).notNull()
                table.column("updatedAt", .datetime).notNull()
            }
        }
    }

    public func load(_ infoHash: InfoHash) async throws -> ResumeState? {
        try await database.reader.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM torrentResume WHERE infoHash = ?", arguments: [infoHash.hex]) else {
                return nil
            }
            let filesJSON: String = row["files"]
            // A row that does not decode is ignored: the start then rechecks, which is always safe.
            guard let files = try? JSONDecoder().decode([FileStamp?].self, from: Data(filesJSON.utf8)),
                  let verified = try? Bitfield(validating: Array(row["verified"] as Data), count: row["pieceCount"])
            else { return nil }
            return ResumeState(verified: verified, files: files, isClean: row["isClean"])
        }
    }

    public func save(_ state: ResumeState, for infoHash: InfoHash) async throws {
        let files = String(decoding: try JSONEncoder().encode(state.files), as: UTF8.self)
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO torrentResume (infoHash, pieceCount, verified, files, isClean, updatedAt) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(infoHash) DO UPDATE SET pieceCount = excluded.pieceCount, verified = excluded.verified,
                        files = excluded.files, isClean = excluded.isClean, updatedAt = excluded.updatedAt
                    """,
                arguments: [infoHash.hex, state.pieceCount, Data(state.verifiedBytes), files, state.isClean, Date()]
            )
        }
    }

    public func remove(_ infoHash: InfoHash) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM torrentResume WHERE infoHash = ?", arguments: [infoHash.hex])
        }
    }
}
