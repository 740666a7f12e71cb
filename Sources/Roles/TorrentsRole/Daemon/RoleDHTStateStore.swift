import BitTorrentEngine
import Foundation
import GRDB
import KinoraStorage

/// The DHT node's id and the nodes it knew, in the role's database, so a restart rejoins without bootstrap nodes.
struct RoleDHTStateStore: DHTStateStore {
    let database: RoleDatabase

    func load() async throws -> DHTState? {
        try await database.reader.read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT state FROM dhtState WHERE id = 1") else { return nil }
            // A state that no longer decodes is dropped: the node bootstraps again.
            return try? JSONDecoder().decode(DHTState.self, from: Data(json.utf8))
        }
    }

    func save(_ state: DHTState) async throws {
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO dhtState (id, state) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state",
                arguments: [json])
        }
    }
}
