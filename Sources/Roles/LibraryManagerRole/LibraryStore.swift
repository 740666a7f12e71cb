import Foundation
import GRDB
import KinoraStorage

/// The catalog of the series and movies roles, in the role's own database: tags, root folders,
/// series with episodes and files, movies with files, and the settings documents (profiles,
/// formats, indexers…). Every call is async: a handler never blocks one of Swift's few shared
/// threads on SQLite.
struct LibraryStore: Sendable {
    let database: RoleDatabase
    let changes = ChangeCounter()
    /// Per series, how often its episodes or files changed: what its statistics depend on.
    let episodeVersions = SeriesVersions()

    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("library-v1-tags-rootfolders") { db in
            try db.create(table: "tag") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("label", .text).notNull().unique(onConflict: .abort).collate(.nocase)
            }
            try db.create(table: "rootFolder") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("path", .text).notNull().unique(onConflict: .abort)
            }
        }
        registerCatalogMigrations(&migrator)
    }

    // MARK: Tags

    func tags() async throws -> [Tag] {
        try await database.reader.read { db in try Tag.order(Column("id")).fetchAll(db) }
    }

    func tag(id: Int64) async throws -> Tag? {
        try await database.reader.read { db in try Tag.fetchOne(db, key: id) }
    }

    /// Adds a tag, or returns the one with that label: Sonarr treats labels as unique and
    /// answers an add of an existing label with the existing tag.
    func addTag(label: String) async throws -> Tag {
        defer { changes.bump() }
        return try await database.writer.write { db in
            if let existing = try Tag.filter(Column("label") == label).fetchOne(db) { return existing }
            var tag = Tag(id: nil, label: label)
            try tag.insert(db)
            return tag
        }
    }

    /// Renames a tag; nil when it does not exist.
    func updateTag(id: Int64, label: String) async throws -> Tag? {
        defer { changes.bump() }
        return try await database.writer.write { db in
            guard var tag = try Tag.fetchOne(db, key: id) else { return nil }
            tag.label = label
            try tag.update(db)
            return tag
        }
    }

    func deleteTag(id: Int64) async throws -> Bool {
        defer { changes.bump() }
        return try await database.writer.write { db in try Tag.deleteOne(db, key: id) }
    }

    // MARK: Root folders

    func rootFolders() async throws -> [RootFolder] {
        try await database.reader.read { db in try RootFolder.order(Column("id")).fetchAll(db) }
    }

    func rootFolder(id: Int64) async throws -> RootFolder? {
        try await database.reader.read { db in try RootFolder.fetchOne(db, key: id) }
    }

    func addRootFolder(path: String) async throws -> RootFolder {
        defer { changes.bump() }
        return try await database.writer.write { db in
            var folder = RootFolder(id: nil, path: path)
            try folder.insert(db)
            return folder
        }
    }

    func deleteRootFolder(id: Int64) async throws -> Bool {
        defer { changes.bump() }
        return try await database.writer.write { db in try RootFolder.deleteOne(db, key: id) }
    }

    /// Adds the data root's library folders once, on the role's first start, so a new install
    /// has root folders where imports will go; a user who removes them later keeps them removed.
    func seedRootFolders(_ paths: [String]) throws {
        try database.writer.write { db in
            let key = "root-folders-seeded"
            guard try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) == nil else { return }
            for path in paths where try RootFolder.filter(Column("path") == path).fetchCount(db) == 0 {
                var folder = RootFolder(id: nil, path: path)
                try folder.insert(db)
            }
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, 'true')", arguments: [key])
        }
    }
}

struct Tag: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    var id: Int64?
    var label: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct RootFolder: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "rootFolder"
    var id: Int64?
    var path: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
