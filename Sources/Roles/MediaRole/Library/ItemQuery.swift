import Foundation
import GRDB
import KinoraStorage

/// `/Items`' query as Jellyfin's clients send it (names in any case, lists comma-separated or repeated).
struct ItemQuery: Sendable {
    var userId: String?
    /// The libraries the caller may see; nil is all.
    var libraryIds: [String]?
    var parentId: String?
    var recursive = false
    var includeTypes: [MediaItem.Kind] = []
    var excludeTypes: [MediaItem.Kind] = []
    var ids: [String] = []
    var searchTerm: String?
    var nameStartsWith: String?
    var filters: Set<String> = []
    var isPlayed: Bool?
    var isFavorite: Bool?
    var years: [Int] = []
    var sortBy: [String] = []
    var descending = false
    var startIndex = 0
    var limit: Int?

    /// The largest page served at once: bounds memory and time for a client asking for "everything".
    static let maximumLimit = 5_000
}

/// A page of items and the count of all that matched.
struct ItemPage: Sendable {
    var items: [MediaItem]
    var total: Int
}

extension MediaStore {
    /// Runs an item query in SQL: filters, the user's state (played, favourite, resumable), sorting and paging.
    func items(matching query: ItemQuery, parentKind: ParentKind?) async throws -> ItemPage {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = [query.userId ?? ""]
        if let parent = query.parentId {
            switch (parentKind, query.recursive) {
            case (.library, true): conditions.append("item.libraryId = ?")
            case (.series, true): conditions.append("item.seriesId = ?")
            default: conditions.append("item.parentId = ?")
            }
            arguments.append(parent)
        }
        if let libraries = query.libraryIds {
            conditions.append(libraries.isEmpty ? "0" : "item.libraryId IN (\(Self.placeholders(libraries.count)))")
            arguments += libraries
        }
        if !query.includeTypes.isEmpty {
            conditions.append("item.type IN (\(Self.placeholders(query.includeTypes.count)))")
            arguments += query.includeTypes.map(\.rawValue)
        }
        if !query.excludeTypes.isEmpty {
            conditions.append("item.type NOT IN (\(Self.placeholders(query.excludeTypes.count)))")
            arguments += query.excludeTypes.map(\.rawValue)
        }
        if !query.ids.isEmpty {
            conditions.append("item.id IN (\(Self.placeholders(query.ids.count)))")
            arguments += query.ids
        }
        if !query.years.isEmpty {
            conditions.append("item.productionYear IN (\(Self.placeholders(query.years.count)))")
            arguments += query.years
        }
        if let term = query.searchTerm, !term.isEmpty {
            conditions.append("(item.name LIKE ? ESCAPE '\\' OR item.originalTitle LIKE ? ESCAPE '\\')")
            let pattern = "%" + Self.likeEscaped(term) + "%"
            arguments += [pattern, pattern]
        }
        if let prefix = query.nameStartsWith, !prefix.isEmpty {
            conditions.append("item.sortName LIKE ? ESCAPE '\\'")
            arguments.append(Self.likeEscaped(prefix.lowercased()) + "%")
        }
        let played = query.isPlayed ?? (query.filters.contains("isplayed") ? true : query.filters.contains("isunplayed") ? false : nil)
        if let played { conditions.append(played ? "COALESCE(ud.played, 0) = 1" : "COALESCE(ud.played, 0) = 0") }
        if query.isFavorite == true || query.filters.contains("isfavorite") { conditions.append("COALESCE(ud.isFavorite, 0) = 1") }
        if query.filters.contains("isresumable") { conditions.append("COALESCE(ud.playbackPositionTicks, 0) > 0") }
        if query.filters.contains("isfolder") { conditions.append("item.type IN ('Series', 'Season')") }
        if query.filters.contains("isnotfolder") { conditions.append("item.type NOT IN ('Series', 'Season')") }

        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let from = "FROM item LEFT JOIN userData ud ON ud.itemId = item.id AND ud.userId = ? \(whereClause)"
        let order = Self.orderClause(query.sortBy, descending: query.descending)
        let limit = min(query.limit ?? ItemQuery.maximumLimit, ItemQuery.maximumLimit)
        let sqlArguments = StatementArguments(arguments.map { $0.databaseValue })
        return try await database.reader.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(from)", arguments: sqlArguments) ?? 0
            let items = try MediaItem.fetchAll(
                db, sql: "SELECT item.* \(from) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: sqlArguments + [limit, max(query.startIndex, 0)])
            return ItemPage(items: items, total: total)
        }
    }

    enum ParentKind: Sendable { case library, series, season }

    /// Sort keys Jellyfin's clients send, mapped to columns; unknown keys are ignored.
    static func orderClause(_ keys: [String], descending: Bool) -> String {
        let direction = descending ? "DESC" : "ASC"
        var terms: [String] = keys.compactMap { key in
            switch key.lowercased() {
            case "sortname", "name": "item.sortName \(direction)"
            case "datecreated": "item.dateCreated \(direction)"
            case "premieredate": "item.premiereDate \(direction)"
            case "productionyear": "item.productionYear \(direction)"
            case "dateplayed", "datelastcontentadded": key.lowercased() == "dateplayed" ? "ud.lastPlayedAt \(direction)" : "item.dateCreated \(direction)"
            case "communityrating": "item.communityRating \(direction)"
            case "runtime": "item.runtimeTicks \(direction)"
            case "playcount": "COALESCE(ud.playCount, 0) \(direction)"
            case "indexnumber": "item.indexNumber \(direction)"
            case "parentindexnumber": "item.parentIndexNumber \(direction)"
            case "aired", "airedepisodeorder": "item.parentIndexNumber \(direction), item.indexNumber \(direction)"
            case "random": "RANDOM()"
            default: nil
            }
        }
        if terms.isEmpty { terms = ["item.parentIndexNumber", "item.indexNumber", "item.sortName"] }
        return (terms + ["item.id"]).joined(separator: ", ")
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// Child and unplayed counts of folders (series, seasons) for one user.
    func folderCounts(userId: String?, folderIds: [String]) async throws -> [String: (children: Int, episodes: Int, unplayed: Int)] {
        guard !folderIds.isEmpty else { return [:] }
        return try await database.reader.read { db in
            var counts: [String: (children: Int, episodes: Int, unplayed: Int)] = [:]
            for chunk in folderIds.chunked(into: 400) {
                let marks = Self.placeholders(chunk.count)
                let children = try Row.fetchAll(db, sql: "SELECT parentId, COUNT(*) AS n FROM item WHERE parentId IN (\(marks)) GROUP BY parentId", arguments: StatementArguments(Array(chunk)))
                for row in children { counts[row["parentId"], default: (0, 0, 0)].children = row["n"] }
                let episodes = try Row.fetchAll(db, sql: """
                    SELECT folder, COUNT(*) AS n, SUM(CASE WHEN COALESCE(ud.played, 0) = 0 THEN 1 ELSE 0 END) AS unplayed FROM (
                        SELECT seriesId AS folder, id FROM item WHERE type = 'Episode' AND seriesId IN (\(marks))
                        UNION ALL SELECT seasonId AS folder, id FROM item WHERE type = 'Episode' AND seasonId IN (\(marks))
                    ) AS e LEFT JOIN userData ud ON ud.itemId = e.id AND ud.userId = ? GROUP BY folder
                    """, arguments: StatementArguments(Array(chunk) + Array(chunk) + [userId ?? ""]))
                for row in episodes {
                    counts[row["folder"], default: (0, 0, 0)].episodes = row["n"]
                    counts[row["folder"], default: (0, 0, 0)].unplayed = row["unplayed"]
                }
            }
            return counts
        }
    }
}

extension MediaStore {
    /// Jellyfin's "next up": for each series with a played episode, the first unplayed episode after the
    /// most recently played one (specials left out), series watched most recently first.
    func nextUp(userId: String, seriesId: String?, limit: Int) async throws -> [MediaItem] {
        try await database.reader.read { db in
            var sql = """
                SELECT item.seriesId AS series, MAX(ud.lastPlayedAt) AS lastPlayed FROM item
                JOIN userData ud ON ud.itemId = item.id AND ud.userId = ?
                WHERE item.type = 'Episode' AND ud.played = 1 AND COALESCE(item.parentIndexNumber, 1) > 0
                """
            var arguments: [any DatabaseValueConvertible] = [userId]
            if let seriesId { sql += " AND item.seriesId = ?"; arguments.append(seriesId) }
            sql += " GROUP BY item.seriesId ORDER BY lastPlayed DESC LIMIT ?"
            arguments.append(limit)
            var next: [MediaItem] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue))) {
                guard let series: String = row["series"] else { continue }
                let episodes = try MediaItem.fetchAll(db, sql: """
                    SELECT * FROM item WHERE type = 'Episode' AND seriesId = ? AND COALESCE(parentIndexNumber, 1) > 0
                    ORDER BY parentIndexNumber, indexNumber, sortName
                    """, arguments: [series])
                let states = try Row.fetchAll(db, sql: """
                    SELECT item.id AS id, COALESCE(ud.played, 0) AS watched, COALESCE(ud.lastPlayedAt, 0) AS playedAt FROM item
                    LEFT JOIN userData ud ON ud.itemId = item.id AND ud.userId = ?
                    WHERE item.type = 'Episode' AND item.seriesId = ?
                    """, arguments: [userId, series])
                var watched: [String: (Bool, Int64)] = [:]
                for state in states { watched[state["id"]] = (state["watched"], state["playedAt"]) }
                let lastIndex = episodes.indices.filter { watched[episodes[$0].id]?.0 == true }
                    .max { (watched[episodes[$0].id]?.1 ?? 0, $0) < (watched[episodes[$1].id]?.1 ?? 0, $1) }
                guard let lastIndex else { continue }
                if let upcoming = episodes[(lastIndex + 1)...].first(where: { watched[$0.id]?.0 != true }) {
                    next.append(upcoming)
                }
            }
            return next
        }
    }
}
