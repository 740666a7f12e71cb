import GRDB
import KinoraCore

/// Small persistent values of a role: its API key, its server id.
extension RoleDatabase {
    public func setting(_ key: String) throws -> String? {
        try reader.read { db in try Self.read(key, in: db) }
    }

    public func setSetting(_ key: String, to value: String) throws {
        try writer.write { db in try Self.write(key, value, in: db) }
    }

    /// `setting(_:)` for request handlers: waits for a connection without holding a thread of Swift's
    /// shared pool (a blocking read there can starve every other request of the process).
    public func setting(named key: String) async throws -> String? {
        try await reader.read { db in try Self.read(key, in: db) }
    }

    /// `setSetting(_:to:)` for request handlers.
    public func saveSetting(_ key: String, to value: String) async throws {
        try await writer.write { db in try Self.write(key, value, in: db) }
    }

    /// A random 32-hex value created on first use and kept forever after: the role's API key,
    /// Jellyfin's server id. Read and created in one transaction, so two processes agree.
    public func persistentToken(named key: String) throws -> APIKey {
        try writer.write { db in
            if let stored = try Self.read(key, in: db), let token = APIKey(stored) { return token }
            let token = APIKey.generate()
            try Self.write(key, token.value, in: db)
            return token
        }
    }

    private static func read(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }

    private static func write(_ key: String, _ value: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    public static let apiKeySetting = "api-key"
    public static let serverIDSetting = "server-id"
}
