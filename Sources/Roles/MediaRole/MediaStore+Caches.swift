import GRDB
import KinoraStorage
import Synchronization

/// What the media role keeps in memory so that a range request of direct play touches no database: who holds a
/// token, and where an item's file is. Both are cleared by the store's own writes (`MediaStore` is the only
/// writer of these tables in the server's process; `kinora media adduser` from another process only adds users,
/// which makes no cached answer wrong, since failed look-ups are never cached).
final class MediaStoreCaches: Sendable {
    /// Token → the user it signs in, or an API key. Cleared by every write to users, tokens or API keys.
    let credentials = InvalidatedCache<String, MediaStore.Credential>(capacity: 1024)
    /// Item id → what streaming its file needs. Cleared by every write to items or libraries (a scan).
    let streamSources = InvalidatedCache<String, MediaStore.StreamSource>(capacity: 4096)
}

extension MediaStore {
    /// What a token signs in as.
    enum Credential: Sendable, Equatable {
        case user(MediaUser)
        case apiKey
    }

    /// What direct play of an item needs from the database. The file's size and modification time are not kept:
    /// every response stats the file (and `Response.file` checks it again by `fstat` when it opens it), so a
    /// replaced or grown file is served as it is now.
    struct StreamSource: Sendable, Equatable {
        let libraryId: String
        /// nil for folders and items without a file.
        let path: String?
        let container: String?
    }

    /// The user or API key that `token` stands for; nil when it stands for neither (not cached, so a token
    /// issued in the meantime works at once).
    func credential(token: String) async throws -> Credential? {
        let cache = caches.credentials
        if let known = cache.value(for: token) { return known }
        let generation = cache.generation
        let found: Credential? = try await database.reader.read { db in
            if let record = try MediaAccessToken.fetchOne(db, key: token.lowercased()) {
                return try MediaUser.fetchOne(db, key: record.userId).map(Credential.user)
            }
            return try MediaAPIKey.fetchOne(db, key: token.lowercased()) == nil ? nil : .apiKey
        }
        if let found { cache.store(found, for: token, readAt: generation) }
        return found
    }

    /// Where item `id`'s file is; nil for an unknown item.
    func streamSource(id: String) async throws -> StreamSource? {
        let cache = caches.streamSources
        if let known = cache.value(for: id) { return known }
        let generation = cache.generation
        // Three columns, not the whole record: the stored media description is JSON and costs most of a full decode.
        // The closure returns a Sendable value, so this is GRDB's async read, not its blocking one.
        let found: StreamSource? = try await database.reader.read { db in
            try Row.fetchOne(db, sql: "SELECT libraryId, type, path, container FROM item WHERE id = ?", arguments: [id]).map { row in
                let isFolder = (row["type"] as String?).flatMap(MediaItem.Kind.init(rawValue:))?.isFolder ?? true
                return StreamSource(libraryId: row["libraryId"], path: isFolder ? nil : row["path"], container: row["container"])
            }
        }
        if let found { cache.store(found, for: id, readAt: generation) }
        return found
    }

    /// A write to users, tokens or API keys; the credentials cache is emptied once it has committed (or failed).
    func writeCredentials<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        defer { caches.credentials.invalidateAll() }
        return try await database.writer.write(updates)
    }

    /// A write to items or libraries; the stream-source cache is emptied once it has committed (or failed).
    func writeItems<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        defer { caches.streamSources.invalidateAll() }
        return try await database.writer.write(updates)
    }
}
