import Foundation
import GRDB
import KinoraStorage

/// Libraries, their items and each user's state of them.
extension MediaStore {
    static func registerLibraryMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("media-v3-library") { db in
            try db.create(table: "library") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull().unique().collate(.nocase)
                table.column("collectionType", .text).notNull()
                table.column("paths", .text).notNull()
                table.column("createdAt", .integer).notNull()
            }
            try db.create(table: "item") { table in
                table.primaryKey("id", .text)
                table.column("libraryId", .text).notNull().indexed().references("library", onDelete: .cascade)
                table.column("type", .text).notNull()
                table.column("parentId", .text).indexed()
                table.column("seriesId", .text).indexed()
                table.column("seasonId", .text)
                table.column("name", .text).notNull()
                table.column("sortName", .text).notNull()
                table.column("originalTitle", .text)
                table.column("overview", .text)
                table.column("productionYear", .integer)
                table.column("premiereDate", .text)
                table.column("indexNumber", .integer)
                table.column("indexNumberEnd", .integer)
                table.column("parentIndexNumber", .integer)
                table.column("path", .text).indexed()
                table.column("size", .integer)
                table.column("modifiedAt", .integer)
                table.column("runtimeTicks", .integer)
                table.column("container", .text)
                table.column("media", .text)
                table.column("providerIds", .text).notNull()
                table.column("genres", .text).notNull()
                table.column("studios", .text).notNull()
                table.column("officialRating", .text)
                table.column("communityRating", .double)
                table.column("images", .text).notNull()
                table.column("probeError", .text)
                table.column("dateCreated", .integer).notNull()
            }
            try db.create(index: "item_type_sortName", on: "item", columns: ["type", "sortName"])
            try db.create(table: "userData") { table in
                table.column("userId", .text).notNull().references("user", onDelete: .cascade)
                table.column("itemId", .text).notNull().indexed()
                table.primaryKey(["userId", "itemId"])
                table.column("playbackPositionTicks", .integer).notNull()
                table.column("playCount", .integer).notNull()
                table.column("played", .boolean).notNull()
                table.column("isFavorite", .boolean).notNull()
                table.column("lastPlayedAt", .integer)
            }
        }
    }

    // MARK: Libraries

    func libraries() async throws -> [MediaLibrary] {
        try await database.reader.read { db in try MediaLibrary.order(Column("name")).fetchAll(db) }
    }

    func library(id: String) async throws -> MediaLibrary? {
        try await database.reader.read { db in try MediaLibrary.fetchOne(db, key: id) }
    }

    func save(_ library: MediaLibrary) async throws {
        try await writeItems { db in try library.save(db) }
    }

    func removeLibrary(named name: String) async throws -> Bool {
        try await writeItems { db in
            try MediaLibrary.filter(Column("name").collating(.nocase) == name).deleteAll(db) > 0
        }
    }

    // MARK: Items

    func item(id: String) async throws -> MediaItem? {
        try await database.reader.read { db in try MediaItem.fetchOne(db, key: id) }
    }

    func items(ids: [String]) async throws -> [MediaItem] {
        try await database.reader.read { db in try MediaItem.fetchAll(db, keys: ids) }
    }

    /// Every item of a library, by id: what a scan compares the folders against.
    func items(inLibrary libraryId: String) async throws -> [String: MediaItem] {
        try await database.reader.read { db in
            Dictionary(uniqueKeysWithValues: try MediaItem.filter(Column("libraryId") == libraryId).fetchAll(db).map { ($0.id, $0) })
        }
    }

    /// A scan's result in one transaction: changed items written, vanished ones deleted (with the
    /// users' state of them, which would otherwise point nowhere).
    func applyScan(upserting changed: [MediaItem], deleting removed: [String]) async throws {
        guard !changed.isEmpty || !removed.isEmpty else { return }
        try await writeItems { db in
            for item in changed { try item.save(db) }
            for chunk in removed.chunked(into: 500) {
                _ = try MediaItem.deleteAll(db, keys: chunk)
                try MediaUserData.filter(chunk.contains(Column("itemId"))).deleteAll(db)
            }
        }
    }

    func count(of type: MediaItem.Kind, parentId: String) async throws -> Int {
        try await database.reader.read { db in
            try MediaItem.filter(Column("type") == type.rawValue && Column("parentId") == parentId).fetchCount(db)
        }
    }

    // MARK: User data

    func userData(userId: String, itemIds: [String]) async throws -> [String: MediaUserData] {
        guard !itemIds.isEmpty else { return [:] }
        return try await database.reader.read { db in
            var found: [String: MediaUserData] = [:]
            for chunk in itemIds.chunked(into: 500) {
                for data in try MediaUserData.filter(Column("userId") == userId && chunk.contains(Column("itemId"))).fetchAll(db) {
                    found[data.itemId] = data
                }
            }
            return found
        }
    }

    /// Reads, changes and writes one user's state of one item atomically.
    @discardableResult
    func updateUserData(userId: String, itemId: String, _ change: @Sendable (inout MediaUserData) -> Void) async throws -> MediaUserData {
        try await database.writer.write { db in
            var data = try MediaUserData.fetchOne(db, key: ["userId": userId, "itemId": itemId])
                ?? MediaUserData(userId: userId, itemId: itemId)
            change(&data)
            try data.save(db)
            return data
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
