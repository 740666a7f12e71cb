import Foundation
import GRDB
import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraStorage
import MetadataProviders
import ServarrCore

/// Calendar, wanted (missing and cutoff unmet), history and the download queue.
extension LibraryManagerRole {
    struct Paging: Sendable {
        var page: Int
        var pageSize: Int
        var sortKey: String
        var ascending: Bool

        init(_ request: Request, defaultSort: String) {
            page = max(1, request.queryValue(named: "page").flatMap { Int($0) } ?? 1)
            pageSize = min(max(1, request.queryValue(named: "pageSize").flatMap { Int($0) } ?? 10), 1000)
            sortKey = request.queryValue(named: "sortKey") ?? defaultSort
            ascending = request.queryValue(named: "sortDirection").map { $0.lowercased().hasPrefix("asc") } ?? false
        }

        var offset: Int { (page - 1) * pageSize }
        var direction: String { ascending ? "ascending" : "descending" }

        func paged<Record: Encodable & Sendable>(_ records: [Record], total: Int) -> PagedResource<Record> {
            PagedResource(page: page, pageSize: pageSize, sortKey: sortKey, sortDirection: direction, totalRecords: total, records: records)
        }
    }

    func addWantedRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.get("calendar") { request, _ in
                        let today = String(Timestamp.nowText.prefix(10))
            let start = request.queryValue(named: "start").map { Self.instant(String($0)) } ?? (Timestamp.startOfDay(today) ?? today)
            let end = request.queryValue(named: "end").map { Self.instant(String($0)) } ?? Self.daysAfter(start, 2)
            let unmonitored = request.queryValue(named: "unmonitored").map { $0.lowercased() == "true" } ?? false
            switch flavor {
            case .series:
                let includeSeries = request.queryValue(named: "includeSeries").map { $0.lowercased() == "true" } ?? false
                let episodes = try await store.episodesAiring(from: start, to: end, includeUnmonitored: unmonitored)
                return try Response.json(try await episodeResources(episodes, includeSeries: includeSeries, includeFile: false))
            case .movies:
                let context = try await MovieContext(store: store)
                let startDay = String(start.prefix(10))
                let endDay = String(end.prefix(10))
                let movies = try await store.allMovies().filter { movie in
                    (unmonitored || movie.monitored)
                        && [movie.metadata.inCinemas, movie.metadata.digitalRelease, movie.metadata.physicalRelease].contains { day in
                            day.map { $0 >= startDay && $0 <= endDay } ?? false
                        }
                }
                var resources: [MovieResource] = []
                for movie in movies {
                    let file = try await movie.movieFileId.asyncFlatMap { try await store.movieFile(id: $0) }
                    resources.append(movieResource(movie, file: file, context: context))
                }
                return try Response.json(resources)
            }
        }

        api.get("wanted/missing") { request, _ in
            let paging = Paging(request, defaultSort: flavor == .series ? "airDateUtc" : "movieMetadata.sortTitle")
            switch flavor {
            case .series:
                let includeSeries = request.queryValue(named: "includeSeries").map { $0.lowercased() == "true" } ?? false
                let (total, page) = try await store.missingEpisodes(
                    now: Timestamp.nowText, offset: paging.offset, limit: paging.pageSize, ascending: paging.ascending, sortKey: paging.sortKey)
                return try Response.json(paging.paged(try await episodeResources(page, includeSeries: includeSeries, includeFile: false), total: total))
            case .movies:
                let context = try await MovieContext(store: store)
                let today = String(Timestamp.nowText.prefix(10))
                let missing = try await store.allMovies().filter {
                    $0.monitored && $0.movieFileId == nil && Self.isAvailable($0.metadata, minimum: $0.minimumAvailability, today: today)
                }
                let page = Array(missing.dropFirst(paging.offset).prefix(paging.pageSize))
                return try Response.json(paging.paged(page.map { movieResource($0, file: nil, context: context) }, total: missing.count))
            }
        }

        api.get("wanted/cutoff") { request, _ in
            let paging = Paging(request, defaultSort: flavor == .series ? "airDateUtc" : "movieMetadata.sortTitle")
            switch flavor {
            case .series:
                let unmet = try await cutoffUnmetEpisodes()
                let page = Array(unmet.dropFirst(paging.offset).prefix(paging.pageSize))
                return try Response.json(paging.paged(try await episodeResources(page, includeSeries: false, includeFile: true), total: unmet.count))
            case .movies:
                let context = try await MovieContext(store: store)
                let files = Dictionary(uniqueKeysWithValues: try await store.movieFiles().compactMap { file in file.id.map { ($0, file) } })
                let unmet = try await store.allMovies().compactMap { movie -> MovieResource? in
                    guard movie.monitored, let file = movie.movieFileId.flatMap({ files[$0] }) else { return nil }
                    let resource = movieResource(movie, file: file, context: context)
                    return resource.movieFile?.qualityCutoffNotMet == true ? resource : nil
                }
                let page = Array(unmet.dropFirst(paging.offset).prefix(paging.pageSize))
                return try Response.json(paging.paged(page, total: unmet.count))
            }
        }

        api.get("history") { request, _ in
            let paging = Paging(request, defaultSort: "date")
            let (total, records) = try await store.history(offset: paging.offset, limit: paging.pageSize, ascending: paging.ascending)
            return try Response.json(paging.paged(records.map(historyResource), total: total))
        }
        api.get("history/since") { _, _ in try Response.json([HistoryResource]()) }
        api.get(flavor == .series ? "history/series" : "history/movie") { request, _ in
            let key = flavor == .series ? "seriesId" : "movieId"
            guard let id = request.queryValue(named: key).flatMap({ Int64($0) }) else { return try Response.json([HistoryResource]()) }
            return try Response.json(try await store.history(itemId: id, series: flavor == .series).map(historyResource))
        }

        // Downloads reach the queue in part 2 (grabbing); until then it is empty, in the originals' shapes.
        api.get("queue") { request, _ in
            let paging = Paging(request, defaultSort: "timeleft")
            return try Response.json(paging.paged([HistoryResource](), total: 0))
        }
        api.get("queue/details") { _, _ in try Response.json([HistoryResource]()) }
        api.get("queue/status") { _, _ in
            try Response.json(QueueStatusResource(totalCount: 0, count: 0, unknownCount: 0, errors: false, warnings: false, unknownErrors: false, unknownWarnings: false))
        }
    }

    /// Episodes whose file is below the profile's cutoff (quality or custom format score).
    func cutoffUnmetEpisodes() async throws -> [EpisodeRecord] {
        let profiles = try await store.documents(.qualityProfile, as: QualityProfile.self)
        let series = Dictionary(uniqueKeysWithValues: try await store.allSeries().compactMap { record in record.id.map { ($0, record) } })
        let formats = CustomFormatMatcher(try await store.documents(.customFormat, as: CustomFormat.self))
        return try await store.episodesWithFiles(monitoredOnly: true).compactMap { pair in
            guard let profile = series[pair.episode.seriesId].flatMap({ record in profiles.first { $0.id == record.qualityProfileId } }) else { return nil }
            let facts = ReleaseFacts(parsing: pair.file.sceneName ?? (pair.file.relativePath as NSString).lastPathComponent, app: app, sizeBytes: pair.file.size)
            return profile.cutoffMet(quality: pair.file.quality.quality, formatScore: formats.score(facts, profile: profile)) ? nil : pair.episode
        }
    }

    func historyResource(_ record: HistoryRecord) -> HistoryResource {
        HistoryResource(
            id: record.id ?? 0, episodeId: record.episodeId, seriesId: record.seriesId, movieId: record.movieId, sourceTitle: record.sourceTitle,
            languages: [], quality: record.quality, customFormats: [], customFormatScore: 0, qualityCutoffNotMet: false, date: record.date,
            downloadId: record.downloadId, eventType: record.eventType, data: record.data)
    }

    /// `2024-05-01` or a full instant, as the calendar's `start`/`end` come.
    static func instant(_ text: String) -> String {
        text.count == 10 ? (Timestamp.startOfDay(text) ?? text) : text
    }

    static func daysAfter(_ instant: String, _ days: Int) -> String {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: instant) else { return instant }
        return formatter.string(from: date.addingTimeInterval(Double(days) * 86_400))
    }
}

struct HistoryResource: Codable, Sendable {
    var id: Int64
    var episodeId: Int64?
    var seriesId: Int64?
    var movieId: Int64?
    var sourceTitle: String
    var languages: [ServarrLanguage]
    var quality: QualityModel
    var customFormats: [CustomFormatReference]
    var customFormatScore: Int
    var qualityCutoffNotMet: Bool
    var date: String
    var downloadId: String?
    var eventType: String
    var data: [String: String]
}

struct QueueStatusResource: Codable, Sendable {
    var totalCount: Int
    var count: Int
    var unknownCount: Int
    var errors: Bool
    var warnings: Bool
    var unknownErrors: Bool
    var unknownWarnings: Bool
}

extension LibraryStore {
    func history(offset: Int, limit: Int, ascending: Bool) async throws -> (Int, [HistoryRecord]) {
        try await database.reader.read { db in
            let total = try HistoryRecord.fetchCount(db)
            let order = ascending ? "ASC" : "DESC"
            let records = try HistoryRecord.fetchAll(db, sql: "SELECT * FROM history ORDER BY date \(order), id \(order) LIMIT ? OFFSET ?", arguments: [limit, offset])
            return (total, records)
        }
    }

    func history(itemId: Int64, series: Bool) async throws -> [HistoryRecord] {
        try await database.reader.read { db in
            try HistoryRecord.fetchAll(db, sql: "SELECT * FROM history WHERE \(series ? "seriesId" : "movieId") = ? ORDER BY date DESC", arguments: [itemId])
        }
    }
}
