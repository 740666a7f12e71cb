import Foundation
import GRDB
import MetadataProviders
import ServarrCore

/// A season's own settings; its facts (episodes, statistics) come from the episode table.
struct SeasonState: Codable, Sendable, Equatable {
    var seasonNumber: Int
    var monitored: Bool
}

/// A series in the catalog. Provider facts stay together in `metadata` (without episodes, which
/// have their own table); the columns are what the role filters, sorts or changes.
struct SeriesRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "series"

    var id: Int64?
    var tvdbId: Int
    var tmdbId: Int?
    var imdbId: String?
    var title: String
    var sortTitle: String
    var cleanTitle: String
    var titleSlug: String
    var year: Int
    var path: String
    var rootFolderPath: String
    var qualityProfileId: Int
    var languageProfileId: Int
    var seasonFolder: Bool
    var monitored: Bool
    var monitorNewItems: String
    var useSceneNumbering: Bool
    var seriesType: String
    var tags: [Int]
    var seasons: [SeasonState]
    var added: String
    var lastInfoSync: String?
    /// The add option (`all`, `missing`…) still to apply once the first scan knows which files exist.
    var pendingMonitor: String?
    var metadata: SeriesMetadata

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct EpisodeRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "episode"

    var id: Int64?
    var seriesId: Int64
    var seasonNumber: Int
    var episodeNumber: Int
    var absoluteEpisodeNumber: Int?
    var title: String?
    var airDate: String?
    var airDateUtc: String?
    var runtime: Int?
    var overview: String?
    var monitored: Bool
    var episodeFileId: Int64?
    var tvdbId: Int?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct EpisodeFileRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "episodeFile"

    var id: Int64?
    var seriesId: Int64
    var seasonNumber: Int
    var relativePath: String
    var path: String
    var size: Int64
    var dateAdded: String
    var sceneName: String?
    var releaseGroup: String?
    var quality: QualityModel
    var languages: [ServarrLanguage]

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct MovieRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "movie"

    var id: Int64?
    var tmdbId: Int
    var imdbId: String?
    var title: String
    var sortTitle: String
    var cleanTitle: String
    var titleSlug: String
    var year: Int
    var path: String
    var rootFolderPath: String
    var qualityProfileId: Int
    var monitored: Bool
    var minimumAvailability: String
    var tags: [Int]
    var added: String
    var lastInfoSync: String?
    var movieFileId: Int64?
    var metadata: MovieMetadata

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct MovieFileRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "movieFile"

    var id: Int64?
    var movieId: Int64
    var relativePath: String
    var path: String
    var size: Int64
    var dateAdded: String
    var sceneName: String?
    var releaseGroup: String?
    var edition: String?
    var quality: QualityModel
    var languages: [ServarrLanguage]

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Grabs, imports and deletions (written by part 2's download handling; read by Bazarr and Jellyseerr).
struct HistoryRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "history"

    var id: Int64?
    var date: String
    var eventType: String
    var seriesId: Int64?
    var episodeId: Int64?
    var movieId: Int64?
    var sourceTitle: String
    var quality: QualityModel
    var downloadId: String?
    var data: [String: String]

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension LibraryStore {
    static func registerCatalogMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("library-v2-catalog") { db in
            // Settings resources the originals keep in their own tables (profiles, formats,
            // indexers…) are JSON documents in their API shape, numbered per kind.
            try db.create(table: "document") { table in
                table.column("kind", .text).notNull()
                table.column("id", .integer).notNull()
                table.column("body", .jsonText).notNull()
                table.primaryKey(["kind", "id"])
            }
            try db.create(table: "series") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("tvdbId", .integer).notNull().unique(onConflict: .abort)
                table.column("tmdbId", .integer)
                table.column("imdbId", .text)
                table.column("title", .text).notNull()
                table.column("sortTitle", .text).notNull()
                table.column("cleanTitle", .text).notNull()
                table.column("titleSlug", .text).notNull().unique(onConflict: .abort)
                table.column("year", .integer).notNull()
                table.column("path", .text).notNull().unique(onConflict: .abort)
                table.column("rootFolderPath", .text).notNull()
                table.column("qualityProfileId", .integer).notNull()
                table.column("languageProfileId", .integer).notNull()
                table.column("seasonFolder", .boolean).notNull()
                table.column("monitored", .boolean).notNull()
                table.column("monitorNewItems", .text).notNull()
                table.column("useSceneNumbering", .boolean).notNull()
                table.column("seriesType", .text).notNull()
                table.column("tags", .jsonText).notNull()
                table.column("seasons", .jsonText).notNull()
                table.column("added", .text).notNull()
                table.column("lastInfoSync", .text)
                table.column("pendingMonitor", .text)
                table.column("metadata", .jsonText).notNull()
            }
            try db.create(table: "episodeFile") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("seriesId", .integer).notNull().references("series", onDelete: .cascade)
                table.column("seasonNumber", .integer).notNull()
                table.column("relativePath", .text).notNull()
                table.column("path", .text).notNull().unique(onConflict: .abort)
                table.column("size", .integer).notNull()
                table.column("dateAdded", .text).notNull()
                table.column("sceneName", .text)
                table.column("releaseGroup", .text)
                table.column("quality", .jsonText).notNull()
                table.column("languages", .jsonText).notNull()
            }
            try db.create(index: "episodeFile_series", on: "episodeFile", columns: ["seriesId"])
            try db.create(table: "episode") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("seriesId", .integer).notNull().references("series", onDelete: .cascade)
                table.column("seasonNumber", .integer).notNull()
                table.column("episodeNumber", .integer).notNull()
                table.column("absoluteEpisodeNumber", .integer)
                table.column("title", .text)
                table.column("airDate", .text)
                table.column("airDateUtc", .text)
                table.column("runtime", .integer)
                table.column("overview", .text)
                table.column("monitored", .boolean).notNull()
                table.column("episodeFileId", .integer).references("episodeFile", onDelete: .setNull)
                table.column("tvdbId", .integer)
                table.uniqueKey(["seriesId", "seasonNumber", "episodeNumber"])
            }
            try db.create(index: "episode_airDateUtc", on: "episode", columns: ["airDateUtc"])
            try db.create(index: "episode_file", on: "episode", columns: ["episodeFileId"])
            try db.create(table: "movieFile") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("movieId", .integer).notNull()
                table.column("relativePath", .text).notNull()
                table.column("path", .text).notNull().unique(onConflict: .abort)
                table.column("size", .integer).notNull()
                table.column("dateAdded", .text).notNull()
                table.column("sceneName", .text)
                table.column("releaseGroup", .text)
                table.column("edition", .text)
                table.column("quality", .jsonText).notNull()
                table.column("languages", .jsonText).notNull()
            }
            try db.create(table: "movie") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("tmdbId", .integer).notNull().unique(onConflict: .abort)
                table.column("imdbId", .text)
                table.column("title", .text).notNull()
                table.column("sortTitle", .text).notNull()
                table.column("cleanTitle", .text).notNull()
                table.column("titleSlug", .text).notNull().unique(onConflict: .abort)
                table.column("year", .integer).notNull()
                table.column("path", .text).notNull().unique(onConflict: .abort)
                table.column("rootFolderPath", .text).notNull()
                table.column("qualityProfileId", .integer).notNull()
                table.column("monitored", .boolean).notNull()
                table.column("minimumAvailability", .text).notNull()
                table.column("tags", .jsonText).notNull()
                table.column("added", .text).notNull()
                table.column("lastInfoSync", .text)
                table.column("movieFileId", .integer).references("movieFile", onDelete: .setNull)
                table.column("metadata", .jsonText).notNull()
            }
            try db.create(table: "history") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("date", .text).notNull()
                table.column("eventType", .text).notNull()
                table.column("seriesId", .integer)
                table.column("episodeId", .integer)
                table.column("movieId", .integer)
                table.column("sourceTitle", .text).notNull()
                table.column("quality", .jsonText).notNull()
                table.column("downloadId", .text)
                table.column("data", .jsonText).notNull()
            }
            try db.create(index: "history_date", on: "history", columns: ["date"])
        }
        migrator.registerMigration("library-v3-statistics-index") { db in
            // Covers the season statistics query, so listing every series reads the index only.
            try db.create(
                index: "episode_statistics", on: "episode",
                columns: ["seriesId", "seasonNumber", "monitored", "airDateUtc", "episodeFileId"])
        }
    }
}
