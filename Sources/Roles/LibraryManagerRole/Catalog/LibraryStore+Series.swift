import Foundation
import GRDB
import KinoraStorage
import ServarrCore

/// Per-season counts as Sonarr reports them: `episodeCount` is what is wanted (monitored and
/// aired) or already there; `totalEpisodeCount` every episode the provider lists.
struct SeasonStatistics: Sendable, Hashable {
    var episodeFileCount = 0
    var episodeCount = 0
    var totalEpisodeCount = 0
    var sizeOnDisk: Int64 = 0
    var releaseGroups: [String] = []
    var nextAiring: String?
    var previousAiring: String?
}

enum CatalogConflict: Error, Equatable {
    case duplicate(String)
}

extension LibraryStore {
    // MARK: Series

    func allSeries() async throws -> [SeriesRecord] {
        try await database.reader.read { db in try SeriesRecord.order(Column("sortTitle")).fetchAll(db) }
    }

    func series(id: Int64) async throws -> SeriesRecord? {
        try await database.reader.read { db in try SeriesRecord.fetchOne(db, key: id) }
    }

    func series(tvdbId: Int) async throws -> SeriesRecord? {
        try await database.reader.read { db in try SeriesRecord.filter(Column("tvdbId") == tvdbId).fetchOne(db) }
    }

    /// Adds a series with its episodes in one transaction.
    func insertSeries(_ series: SeriesRecord, episodes: [EpisodeRecord]) async throws -> SeriesRecord {
        let stored = try await database.writer.write { db -> SeriesRecord in
            if try SeriesRecord.filter(Column("tvdbId") == series.tvdbId).fetchCount(db) > 0 { throw CatalogConflict.duplicate("tvdbId") }
            if try SeriesRecord.filter(Column("path") == series.path).fetchCount(db) > 0 { throw CatalogConflict.duplicate("path") }
            var series = series
            while try SeriesRecord.filter(Column("titleSlug") == series.titleSlug).fetchCount(db) > 0 {
                series.titleSlug += "-\(series.tvdbId)"
            }
            try series.insert(db)
            guard let seriesId = series.id else { return series }
            episodeVersions.bump([seriesId])
            for var episode in episodes {
                episode.seriesId = seriesId
                try episode.insert(db)
            }
            return series
        }
        changes.bump()
        return stored
    }

    func updateSeries(_ series: SeriesRecord) async throws {
        try await database.writer.write { db in try series.update(db) }
        changes.bump()
    }

    func deleteSeries(id: Int64) async throws -> Bool {
        let deleted = try await database.writer.write { db in
            try db.execute(sql: "UPDATE episode SET episodeFileId = NULL WHERE seriesId = ?", arguments: [id])
            try EpisodeFileRecord.filter(Column("seriesId") == id).deleteAll(db)
            try EpisodeRecord.filter(Column("seriesId") == id).deleteAll(db)
            episodeVersions.bump([id])
            return try SeriesRecord.deleteOne(db, key: id)
        }
        changes.bump()
        return deleted
    }

    /// Every series' id with a hash of its row as stored, less the provider facts (a refresh, which
    /// changes those, also changes `lastInfoSync`), in list order: enough to tell which answers changed.
    /// (Hashed inside the read: rows are not Sendable, and a Sendable result keeps this GRDB's async read.)
    func seriesRowHashes() async throws -> [(id: Int64, hash: Int)] {
        try await database.reader.read { db in
            let columns = try db.columns(in: "series").map(\.name).filter { $0 != "metadata" }
            let sql = "SELECT " + columns.map { "\"\($0)\"" }.joined(separator: ", ") + " FROM series ORDER BY sortTitle"
            return try Row.fetchAll(db, sql: sql).map { row in (row["id"], row.hashValue) }
        }
    }

    func series(ids: [Int64]) async throws -> [SeriesRecord] {
        try await database.reader.read { db in try SeriesRecord.fetchAll(db, keys: ids) }
    }

    /// Folders already claimed by a series or a movie (the root folder's "unmapped" list leaves them out).
    func claimedPaths() async throws -> Set<String> {
        try await database.reader.read { db in
            Set(try String.fetchAll(db, sql: "SELECT path FROM series UNION ALL SELECT path FROM movie"))
        }
    }

    // MARK: Episodes

    func episodes(seriesId: Int64, seasonNumber: Int? = nil) async throws -> [EpisodeRecord] {
        try await database.reader.read { db in
            var request = EpisodeRecord.filter(Column("seriesId") == seriesId)
            if let seasonNumber { request = request.filter(Column("seasonNumber") == seasonNumber) }
            return try request.order(Column("seasonNumber"), Column("episodeNumber")).fetchAll(db)
        }
    }

    func episodes(ids: [Int64]) async throws -> [EpisodeRecord] {
        try await database.reader.read { db in try EpisodeRecord.fetchAll(db, keys: ids) }
    }

    func episodes(fileId: Int64) async throws -> [EpisodeRecord] {
        try await database.reader.read { db in
            try EpisodeRecord.filter(Column("episodeFileId") == fileId).order(Column("episodeNumber")).fetchAll(db)
        }
    }

    func episode(id: Int64) async throws -> EpisodeRecord? {
        try await database.reader.read { db in try EpisodeRecord.fetchOne(db, key: id) }
    }

    func setEpisodesMonitored(ids: [Int64], monitored: Bool) async throws {
        try await database.writer.write { db in
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let slice = Array(ids[chunk..<min(chunk + 500, ids.count)])
                try EpisodeRecord.filter(keys: slice).updateAll(db, Column("monitored").set(to: monitored))
                episodeVersions.bump(try EpisodeRecord.filter(keys: slice).select(Column("seriesId"), as: Int64.self).distinct().fetchAll(db))
            }
        }
        changes.bump()
    }

    /// Sets each episode's monitoring to what `decide` says, for one series.
    func setMonitoring(seriesId: Int64, _ decide: @Sendable (EpisodeRecord) -> Bool) async throws {
        try await database.writer.write { db in
            episodeVersions.bump([seriesId])
            for var episode in try EpisodeRecord.filter(Column("seriesId") == seriesId).fetchAll(db) {
                let monitored = decide(episode)
                if monitored != episode.monitored {
                    episode.monitored = monitored
                    try episode.update(db)
                }
            }
        }
        changes.bump()
    }

    /// Brings a series' episodes in line with its provider's list: new ones are added (monitored
    /// per the series' `monitorNewItems`), changed ones updated, and ones the provider dropped are
    /// deleted unless a file is linked to them.
    func mergeEpisodes(seriesId: Int64, _ fresh: [EpisodeRecord], monitorNew: @Sendable (EpisodeRecord) -> Bool) async throws {
        try await database.writer.write { db in
            episodeVersions.bump([seriesId])
            let existing = try EpisodeRecord.filter(Column("seriesId") == seriesId).fetchAll(db)
            var byNumber: [String: EpisodeRecord] = [:]
            for episode in existing { byNumber["\(episode.seasonNumber)x\(episode.episodeNumber)"] = episode }
            var seen = Set<String>()
            for var episode in fresh {
                let key = "\(episode.seasonNumber)x\(episode.episodeNumber)"
                seen.insert(key)
                episode.seriesId = seriesId
                if let current = byNumber[key] {
                    episode.id = current.id
                    episode.monitored = current.monitored
                    episode.episodeFileId = current.episodeFileId
                    if episode != current { try episode.update(db) }
                } else {
                    episode.monitored = monitorNew(episode)
                    try episode.insert(db)
                }
            }
            for episode in existing where !seen.contains("\(episode.seasonNumber)x\(episode.episodeNumber)") && episode.episodeFileId == nil {
                try episode.delete(db)
            }
        }
        changes.bump()
    }

    // MARK: Episode files

    func episodeFiles(seriesId: Int64) async throws -> [EpisodeFileRecord] {
        try await database.reader.read { db in
            try EpisodeFileRecord.filter(Column("seriesId") == seriesId).order(Column("seasonNumber"), Column("relativePath")).fetchAll(db)
        }
    }

    func episodeFiles(ids: [Int64]) async throws -> [EpisodeFileRecord] {
        try await database.reader.read { db in try EpisodeFileRecord.fetchAll(db, keys: ids) }
    }

    func episodeFile(id: Int64) async throws -> EpisodeFileRecord? {
        try await database.reader.read { db in try EpisodeFileRecord.fetchOne(db, key: id) }
    }

    func updateEpisodeFile(_ file: EpisodeFileRecord) async throws {
        try await database.writer.write { db in
            try file.update(db)
            episodeVersions.bump([file.seriesId])
        }
        changes.bump()
    }

    func deleteEpisodeFile(id: Int64) async throws -> Bool {
        let deleted = try await database.writer.write { db in
            if let file = try EpisodeFileRecord.fetchOne(db, key: id) { episodeVersions.bump([file.seriesId]) }
            try db.execute(sql: "UPDATE episode SET episodeFileId = NULL WHERE episodeFileId = ?", arguments: [id])
            return try EpisodeFileRecord.deleteOne(db, key: id)
        }
        changes.bump()
        return deleted
    }

    /// Records what a scan of the series folder found: files keep their ids while their path is
    /// unchanged, vanished files are forgotten, and each episode points at the file that holds it.
    func applyScan(seriesId: Int64, files: [(file: EpisodeFileRecord, episodeIds: [Int64])]) async throws {
        try await database.writer.write { db in
            episodeVersions.bump([seriesId])
            let existing = try EpisodeFileRecord.filter(Column("seriesId") == seriesId).fetchAll(db)
            var byPath: [String: EpisodeFileRecord] = [:]
            for file in existing { byPath[file.path] = file }
            try db.execute(sql: "UPDATE episode SET episodeFileId = NULL WHERE seriesId = ?", arguments: [seriesId])
            var kept = Set<String>()
            for (scanned, episodeIds) in files {
                var file = scanned
                if let current = byPath[file.path] {
                    file.id = current.id
                    file.dateAdded = current.dateAdded
                    if file != current { try file.update(db) }
                } else {
                    try file.insert(db)
                }
                kept.insert(file.path)
                guard let fileId = file.id else { continue }
                for chunk in stride(from: 0, to: episodeIds.count, by: 500) {
                    let slice = Array(episodeIds[chunk..<min(chunk + 500, episodeIds.count)])
                    try EpisodeRecord.filter(keys: slice).filter(Column("seriesId") == seriesId)
                        .updateAll(db, Column("episodeFileId").set(to: fileId))
                }
            }
            for file in existing where !kept.contains(file.path) { try file.delete(db) }
        }
        changes.bump()
    }

    // MARK: Statistics

    func seasonStatistics(seriesId: Int64, now: String) async throws -> [Int: SeasonStatistics] {
        try await seasonStatistics(seriesIds: [seriesId], now: now)[seriesId] ?? [:]
    }

    /// Season statistics of the given series (nil: every series), from two aggregate queries.
    func seasonStatistics(seriesIds: [Int64]?, now: String) async throws -> [Int64: [Int: SeasonStatistics]] {
        try await database.reader.read { db in
            let filter = seriesIds.map { "WHERE seriesId IN (" + $0.map(String.init).joined(separator: ",") + ")" } ?? ""
            var result: [Int64: [Int: SeasonStatistics]] = [:]
            let episodeRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT seriesId, seasonNumber, COUNT(*) AS total,
                      SUM(episodeFileId IS NOT NULL) AS files,
                      SUM(episodeFileId IS NOT NULL OR (monitored AND airDateUtc IS NOT NULL AND airDateUtc <= ?1)) AS wanted,
                      MIN(CASE WHEN airDateUtc > ?1 THEN airDateUtc END) AS nextAiring,
                      MAX(CASE WHEN airDateUtc <= ?1 THEN airDateUtc END) AS previousAiring
                    FROM episode \(filter) GROUP BY seriesId, seasonNumber
                    """, arguments: [now])
            while let row = try episodeRows.next() {
                var statistics = SeasonStatistics()
                statistics.totalEpisodeCount = row["total"]
                statistics.episodeFileCount = row["files"]
                statistics.episodeCount = row["wanted"]
                statistics.nextAiring = row["nextAiring"]
                statistics.previousAiring = row["previousAiring"]
                result[row["seriesId"], default: [:]][row["seasonNumber"]] = statistics
            }
            let fileRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT seriesId, seasonNumber, SUM(size) AS size, group_concat(DISTINCT releaseGroup) AS groups
                    FROM episodeFile \(filter) GROUP BY seriesId, seasonNumber
                    """)
            while let row = try fileRows.next() {
                let series: Int64 = row["seriesId"]
                let season: Int = row["seasonNumber"]
                var statistics = result[series]?[season] ?? SeasonStatistics()
                statistics.sizeOnDisk = row["size"] ?? 0
                statistics.releaseGroups = ((row["groups"] as String?) ?? "").split(separator: ",").map(String.init)
                result[series, default: [:]][season] = statistics
            }
            return result
        }
    }

    // MARK: Calendar and wanted

    func episodesAiring(from start: String, to end: String, includeUnmonitored: Bool) async throws -> [EpisodeRecord] {
        try await database.reader.read { db in
            var request = EpisodeRecord.filter(Column("airDateUtc") >= start && Column("airDateUtc") < end)
            if !includeUnmonitored { request = request.filter(Column("monitored") == true) }
            return try request.order(Column("airDateUtc")).fetchAll(db)
        }
    }

    /// Monitored, aired episodes of monitored series that have no file, a page at a time.
    func missingEpisodes(now: String, offset: Int, limit: Int, ascending: Bool, sortKey: String) async throws -> (total: Int, page: [EpisodeRecord]) {
        try await database.reader.read { db in
            let base = """
                FROM episode JOIN series ON series.id = episode.seriesId
                WHERE episode.episodeFileId IS NULL AND episode.monitored AND series.monitored
                  AND episode.airDateUtc IS NOT NULL AND episode.airDateUtc <= ?
                """
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) " + base, arguments: [now]) ?? 0
            let order = sortKey == "series.sortTitle" ? "series.sortTitle" : "episode.airDateUtc"
            let direction = ascending ? "ASC" : "DESC"
            let page = try EpisodeRecord.fetchAll(
                db, sql: "SELECT episode.* " + base + " ORDER BY \(order) \(direction), episode.id LIMIT ? OFFSET ?",
                arguments: [now, limit, offset])
            return (total, page)
        }
    }

    /// Episodes whose file has a quality the series' profile wants upgraded.
    func episodesWithFiles(monitoredOnly: Bool) async throws -> [(episode: EpisodeRecord, file: EpisodeFileRecord)] {
        try await database.reader.read { db in
            let sql = """
                SELECT episode.*, episodeFile.id AS f_id FROM episode
                JOIN episodeFile ON episodeFile.id = episode.episodeFileId
                JOIN series ON series.id = episode.seriesId
                \(monitoredOnly ? "WHERE episode.monitored AND series.monitored" : "")
                ORDER BY episode.airDateUtc DESC
                """
            let rows = try Row.fetchAll(db, sql: sql)
            let fileIds = Set(rows.compactMap { $0["f_id"] as Int64? })
            let files = Dictionary(uniqueKeysWithValues: try EpisodeFileRecord.fetchAll(db, keys: Array(fileIds)).compactMap { file in
                file.id.map { ($0, file) }
            })
            return rows.compactMap { row in
                guard let episode = try? EpisodeRecord(row: row), let fileId = episode.episodeFileId, let file = files[fileId] else { return nil }
                return (episode, file)
            }
        }
    }
}
