import Foundation
import Hummingbird
import KinoraCore
import KinoraHTTP
import Logging
import MetadataProviders
import ServarrCore

/// `GET /api/v1/search`: one query sent to every chosen indexer at once; the answers merged, newest
/// first. An indexer that fails or is too slow is left out (and logged), as Prowlarr does.
extension IndexersRole {
    func addSearchRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.get("search") { request, _ in
            let type = request.queryValue(named: "type")?.lowercased() ?? "search"
            guard ["search", "tvsearch", "movie", "music", "book"].contains(type) else {
                throw Self.validationError([ServarrValidationIssue(propertyName: "Type", errorMessage: "'Type' must be one of search, tvsearch, movie, music, book.")])
            }
            let wanted = Set(request.queryList(named: "indexerIds").compactMap { Int($0) })
            let categories = request.queryList(named: "categories").compactMap { Int($0) }
            let limit = min(max(Int(request.queryValue(named: "limit") ?? "") ?? 100, 1), 1_000)
            let offset = max(Int(request.queryValue(named: "offset") ?? "") ?? 0, 0)
            var query: [(String, String)] = [("t", type), ("limit", String(limit)), ("offset", String(offset))]
            if let text = request.queryValue(named: "query"), !text.isEmpty { query.append(("q", text)) }
            if !categories.isEmpty { query.append(("cat", categories.map(String.init).joined(separator: ","))) }
            let indexers = try await store.all(.indexer).filter { indexer in
                // Prowlarr's -2 means every torrent indexer, -1 every Usenet one.
                guard indexer.extraBool("enable") ?? true, let id = indexer.id else { return false }
                let isTorrent = (indexer.extraString("protocol") ?? "torrent") == "torrent"
                return wanted.isEmpty || wanted.contains(id) || wanted.contains(isTorrent ? -2 : -1)
            }
            let releases = await search(indexers, query: query)
            return try Response.json(releases.sorted { ($0.publishDate ?? "") > ($1.publishDate ?? "") })
        }
    }

    func search(_ indexers: [ProviderResource], query: [(String, String)]) async -> [ReleaseResource] {
        let now = Date()
        return await withTaskGroup(of: [ReleaseResource].self) { group in
            for indexer in indexers {
                group.addTask {
                    guard let id = indexer.id, let url = feedURL(of: indexer, query: query) else { return [] }
                    do {
                        let answer = try await upstream.get(url, headers: ["Accept": "application/rss+xml, application/xml, text/xml"])
                        guard (200..<300).contains(answer.status) else { throw ApplicationClient.Failure(description: "HTTP \(answer.status)") }
                        let items = try TorznabFeed.parse(String(decoding: answer.body, as: UTF8.self))
                        let names = Self.categoryNames(indexer.extra["capabilities"])
                        return items.map { ReleaseResource($0, indexerId: id, indexer: indexer, categoryNames: names, now: now) }
                    } catch {
                        environment.logger.warning("indexer search failed", metadata: ["indexer": "\(indexer.name ?? "")", "error": "\(error)"])
                        return []
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    /// Category id → name from an indexer's stored capabilities, standard names where it has none.
    static func categoryNames(_ capabilities: ProviderValue?) -> [Int: String] {
        var names: [Int: String] = [:]
        guard case .object(let object)? = capabilities, case .array(let categories)? = object["categories"] else { return names }
        func collect(_ items: [ProviderValue]) {
            for case .object(let item) in items {
                if let id = item["id"]?.int, let name = item["name"]?.string { names[id] = name }
                if case .array(let children)? = item["subCategories"] { collect(children) }
            }
        }
        collect(categories)
        return names
    }
}

/// A search result as Prowlarr's API answers it (`ReleaseResource`).
struct ReleaseResource: Codable, Sendable {
    struct Category: Codable, Sendable {
        var id: Int
        var name: String
    }

    var guid: String
    var title: String
    var sortTitle: String
    var indexerId: Int
    var indexer: String
    var size: Int
    var age: Int
    var ageHours: Double
    var ageMinutes: Double
    var publishDate: String?
    var downloadUrl: String?
    var infoUrl: String?
    var commentUrl: String?
    var magnetUrl: String?
    var infoHash: String?
    var seeders: Int?
    var leechers: Int?
    var imdbId: Int
    var tmdbId: Int
    var tvdbId: Int
    var protocolName: String
    var categories: [Category]
    var indexerFlags: [String]
    var fileName: String

    enum CodingKeys: String, CodingKey {
        case guid, title, sortTitle, indexerId, indexer, size, age, ageHours, ageMinutes, publishDate, downloadUrl, infoUrl
        case commentUrl, magnetUrl, infoHash, seeders, leechers, imdbId, tmdbId, tvdbId, categories, indexerFlags, fileName
        case protocolName = "protocol"
    }

    init(_ release: TorznabRelease, indexerId: Int, indexer: ProviderResource, categoryNames: [Int: String], now: Date) {
        let published = release.publishDate ?? now
        let seconds = max(0, now.timeIntervalSince(published))
        guid = release.guid ?? release.downloadUrl ?? release.title
        title = release.title
        sortTitle = release.title.lowercased()
        self.indexerId = indexerId
        self.indexer = indexer.name ?? "Indexer \(indexerId)"
        size = release.size ?? 0
        age = Int(seconds / 86_400)
        ageHours = seconds / 3_600
        ageMinutes = seconds / 60
        publishDate = release.publishDate.map { Timestamp(secondsSinceEpoch: $0.timeIntervalSince1970).iso8601(fractionDigits: 0) }
        downloadUrl = release.downloadUrl
        infoUrl = release.infoUrl
        commentUrl = release.infoUrl
        magnetUrl = release.magnetUrl
        infoHash = release.infoHash
        seeders = release.seeders
        leechers = release.leechers
        imdbId = release.imdbId.flatMap { Int($0.dropFirst(2)) } ?? 0
        tmdbId = release.tmdbId ?? 0
        tvdbId = release.tvdbId ?? 0
        protocolName = indexer.extraString("protocol") ?? "torrent"
        categories = release.categories.map { Category(id: $0, name: categoryNames[$0] ?? "") }
        var flags: [String] = []
        if release.downloadVolumeFactor == 0 { flags.append("freeleech") } else if release.downloadVolumeFactor == 0.5 { flags.append("halfleech") }
        if release.uploadVolumeFactor == 2 { flags.append("doubleupload") }
        indexerFlags = flags
        fileName = release.title + (protocolName == "torrent" ? ".torrent" : ".nzb")
    }
}
