import Foundation
import GRDB
import KinoraCore
import KinoraStorage
import MediaCore

/// The media role's users and their access tokens. Libraries, items and user data join with
/// the rest of issue 7. Writes to users, tokens, keys, items and libraries go through `writeCredentials` or
/// `writeItems`, which empty the matching in-memory cache (`MediaStore+Caches.swift`).
public struct MediaStore: Sendable {
    let database: RoleDatabase
    /// Shared by every copy of this store (it is a value; the caches are one object).
    let caches = MediaStoreCaches()

    public init(database: RoleDatabase) {
        self.database = database
    }

    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("media-v1-users") { db in
            try db.create(table: "user") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull().unique().collate(.nocase)
                table.column("passwordHash", .text)
                table.column("isAdministrator", .boolean).notNull().defaults(to: false)
                table.column("createdAt", .integer).notNull()
                table.column("lastLoginAt", .integer)
                table.column("lastActivityAt", .integer)
            }
            try db.create(table: "accessToken") { table in
                table.primaryKey("token", .text)
                table.column("userId", .text).notNull().indexed().references("user", onDelete: .cascade)
                table.column("deviceId", .text).notNull()
                table.column("deviceName", .text).notNull()
                table.column("client", .text).notNull()
                table.column("version", .text).notNull()
                table.column("createdAt", .integer).notNull()
                table.column("lastActivityAt", .integer).notNull()
            }
        }
    }

    static func registerLaterMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("media-v2-api-keys") { db in
            try db.create(table: "apiKey") { table in
                table.primaryKey("token", .text)
                table.column("appName", .text).notNull()
                table.column("createdAt", .integer).notNull()
                table.column("lastActivityAt", .integer)
            }
        }
    }

    static func registerAccessMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("media-v4-user-access") { db in
            try db.alter(table: "user") { table in table.add(column: "enabledLibraryIds", .text) }
        }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case nameTaken(String)
        case invalidName
        case lastAdministrator

        public var description: String {
            switch self {
            case .nameTaken(let name): "a user named \(name) already exists"
            case .invalidName: "a user name must be 1 to 64 characters without control characters or leading or trailing spaces"
            case .lastAdministrator: "the server needs at least one administrator: make another user an administrator first"
            }
        }
    }

    // MARK: Users

    public func users() async throws -> [MediaUser] {
        try await database.reader.read { db in try MediaUser.order(Column("createdAt"), Column("name")).fetchAll(db) }
    }

    public func user(id: String) async throws -> MediaUser? {
        try await database.reader.read { db in try MediaUser.fetchOne(db, key: id) }
    }

    public func user(named name: String) async throws -> MediaUser? {
        try await database.reader.read { db in try MediaUser.filter(Column("name") == name).fetchOne(db) }
    }

    /// Creates a user; the password is hashed here, never stored.
    @discardableResult
    public func addUser(name: String, password: String?, isAdministrator: Bool, now: Timestamp) async throws -> MediaUser {
        let name = try Self.validated(name)
        let hash = try password.flatMap { $0.isEmpty ? nil : try PasswordHash.make(password: $0).description }
        return try await writeCredentials { db in
            guard try MediaUser.filter(Column("name") == name).fetchCount(db) == 0 else { throw Failure.nameTaken(name) }
            let user = MediaUser(
                id: APIKey.generate().value, name: name, passwordHash: hash, isAdministrator: isAdministrator,
                createdAt: now.millisecondsSinceEpoch, lastLoginAt: nil, lastActivityAt: nil, enabledLibraryIds: nil)
            try user.insert(db)
            return user
        }
    }

    /// Renames a user and sets a new password (the startup wizard edits its first user this way).
    public func updateUser(id: String, name: String, password: String?) async throws {
        let name = try Self.validated(name)
        let hash = try password.flatMap { $0.isEmpty ? nil : try PasswordHash.make(password: $0).description }
        try await writeCredentials { db in
            guard var user = try MediaUser.fetchOne(db, key: id) else { return }
            if try MediaUser.filter(Column("name") == name && Column("id") != id).fetchCount(db) > 0 { throw Failure.nameTaken(name) }
            user.name = name
            user.passwordHash = hash
            try user.update(db)
        }
    }

    /// Sets or clears a user's password; their other sessions end, as when Jellyfin changes one.
    public func setPassword(id: String, password: String?, keepingToken token: String?) async throws {
        let hash = try password.flatMap { $0.isEmpty ? nil : try PasswordHash.make(password: $0).description }
        try await writeCredentials { db in
            guard var user = try MediaUser.fetchOne(db, key: id) else { return }
            user.passwordHash = hash
            try user.update(db)
            try MediaAccessToken.filter(Column("userId") == id && Column("token") != (token ?? "")).deleteAll(db)
        }
    }

    /// Administrator or not, and which libraries a user sees (nil: all); the last administrator stays one.
    public func setAccess(id: String, isAdministrator: Bool, enabledLibraryIds: [String]?) async throws {
        try await writeCredentials { db in
            guard var user = try MediaUser.fetchOne(db, key: id) else { return }
            if user.isAdministrator, !isAdministrator, try Self.administratorCount(db) <= 1 { throw Failure.lastAdministrator }
            user.isAdministrator = isAdministrator
            user.enabledLibraryIds = enabledLibraryIds
            try user.update(db)
        }
    }

    /// Removes a user with their sessions and played state; never the last administrator.
    public func deleteUser(id: String) async throws -> Bool {
        try await writeCredentials { db in
            guard let user = try MediaUser.fetchOne(db, key: id) else { return false }
            if user.isAdministrator, try Self.administratorCount(db) <= 1 { throw Failure.lastAdministrator }
            return try user.delete(db)
        }
    }

    private static func administratorCount(_ db: Database) throws -> Int {
        try MediaUser.filter(Column("isAdministrator") == true).fetchCount(db)
    }

    /// The user whose name and password match, or nil. A user without a password accepts an
    /// empty one, as Jellyfin does.
    public func authenticate(name: String, password: String) async throws -> MediaUser? {
        guard let user = try await user(named: name) else {
            // Spend the same time as a real check, so response times do not reveal which names exist.
            _ = try? PasswordHash.make(password: password).verify(password)
            return nil
        }
        guard let stored = user.passwordHash else { return password.isEmpty ? user : nil }
        return try PasswordHash(parsing: stored).verify(password) ? user : nil
    }

    static func validated(_ name: String) throws -> String {
        guard (1...64).contains(name.count), name.trimmingCharacters(in: .whitespaces) == name,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw Failure.invalidName }
        return name
    }

    // MARK: Tokens

    /// Issues an access token for a device; a device logging in again replaces its old token.
    public func issueToken(for user: MediaUser, device: JellyfinAuthorization, now: Timestamp) async throws -> MediaAccessToken {
        try await writeCredentials { db in
            let deviceID = device.deviceID ?? "unknown"
            try MediaAccessToken.filter(Column("userId") == user.id && Column("deviceId") == deviceID).deleteAll(db)
            let token = MediaAccessToken(
                token: APIKey.generate().value, userId: user.id, deviceId: deviceID, deviceName: device.device ?? "Unknown",
                client: device.client ?? "Unknown", version: device.version ?? "", createdAt: now.millisecondsSinceEpoch,
                lastActivityAt: now.millisecondsSinceEpoch)
            try token.insert(db)
            try db.execute(sql: "UPDATE user SET lastLoginAt = ?, lastActivityAt = ? WHERE id = ?", arguments: [now.millisecondsSinceEpoch, now.millisecondsSinceEpoch, user.id])
            return token
        }
    }

    public func revoke(token: String) async throws {
        _ = try await writeCredentials { db in try MediaAccessToken.deleteOne(db, key: token.lowercased()) }
    }

    // MARK: API keys

    /// Keys for other programs (Jellyseerr asks for one with `POST /Auth/Keys?App=…`): not tied
    /// to a user, and allowed what an administrator is.
    public func createAPIKey(appName: String, now: Timestamp) async throws -> MediaAPIKey {
        try await writeCredentials { db in
            let key = MediaAPIKey(token: APIKey.generate().value, appName: appName, createdAt: now.millisecondsSinceEpoch, lastActivityAt: nil)
            try key.insert(db)
            return key
        }
    }

    public func apiKeys() async throws -> [MediaAPIKey] {
        try await database.reader.read { db in try MediaAPIKey.order(Column("createdAt")).fetchAll(db) }
    }

    public func apiKey(token: String) async throws -> MediaAPIKey? {
        try await database.reader.read { db in try MediaAPIKey.fetchOne(db, key: token.lowercased()) }
    }

    public func revokeAPIKey(token: String) async throws -> Bool {
        try await writeCredentials { db in try MediaAPIKey.deleteOne(db, key: token.lowercased()) }
    }
}

public struct MediaUser: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "user"
    public var id: String
    public var name: String
    var passwordHash: String?
    public var isAdministrator: Bool
    var createdAt: Int64
    var lastLoginAt: Int64?
    var lastActivityAt: Int64?
    /// The libraries the user may see; nil is all of them (administrators always see all).
    var enabledLibraryIds: [String]?

    public var hasPassword: Bool { passwordHash != nil }

    /// Whether the user may see what a library holds.
    func canSee(libraryId: String) -> Bool {
        isAdministrator || enabledLibraryIds.map { $0.contains(libraryId) } ?? true
    }
}

public struct MediaAccessToken: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "accessToken"
    public var token: String
    public var userId: String
    public var deviceId: String
    public var deviceName: String
    public var client: String
    public var version: String
    var createdAt: Int64
    var lastActivityAt: Int64
}

public struct MediaAPIKey: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "apiKey"
    public var token: String
    public var appName: String
    var createdAt: Int64
    var lastActivityAt: Int64?
}
