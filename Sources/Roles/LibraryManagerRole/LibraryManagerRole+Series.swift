import Foundation
import Hummingbird
import KinoraCore
import KinoraHTTP
import Logging
import MetadataProviders
import NIOCore
import ReleaseParser
import ServarrCore

/// `/api/v3/series`: the series catalog as Sonarr serves it to Jellyseerr, Bazarr, pyarr and Prowlarr.
extension LibraryManagerRole {
    func addSeriesRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.get("series") { request, _ in
            if let tvdb = request.queryValue(named: "tvdbId").flatMap({ Int($0) }) {
                guard let series = try await store.series(tvdbId: tvdb) else { return try Response.json([SeriesResource]()) }
                return try Response.json([try await seriesResource(series)])
            }
            return Response.jsonBody(try await listBody())
        }
        api.get("series/lookup") { request, _ in
            let term = request.queryValue(named: "term") ?? ""
            return try Response.json(try await lookupSeries(term: term))
        }
        api.get("series/{id}") { _, context in
            guard let series = try await store.series(id: try Self.id(context)) else { throw ServarrNotFound("Series not found") }
            return try Response.json(try await seriesResource(series))
        }
        api.post("series") { request, context in
            let body = try await request.decodeServarrBody(SeriesResource.self, context: context)
            let added = try await addSeries(body)
            return try Response.json(try await seriesResource(added), status: .created)
        }
        let update: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            let body = try await request.decodeServarrBody(SeriesResource.self, context: context)
            let id = try context.parameters.get("id").map { _ in try Self.id(context) } ?? body.id ?? 0
            let moveFiles = request.queryValue(named: "moveFiles").map { $0.lowercased() == "true" } ?? false
            let updated = try await updateSeries(id: id, with: body, moveFiles: moveFiles)
            return try Response.json(try await seriesResource(updated), status: .accepted)
        }
        api.put("series/{id}", use: update)
        api.put("series", use: update)
        api.delete("series/{id}") { request, context in
            let id = try Self.id(context)
            guard let series = try await store.series(id: id) else { throw ServarrNotFound("Series not found") }
            let deleteFiles = request.queryValue(named: "deleteFiles").map { $0.lowercased() == "true" } ?? false
            if deleteFiles { try await deleteFolder(series.path) }
            _ = try await store.deleteSeries(id: id)
            await artwork.remove(owner: "series-\(id)")
            return Response(status: .ok)
        }
    }

    // MARK: Resources

    /// `GET /series` or `GET /movie`: every item, from the answer cache while the catalog is unchanged.
    func listBody() async throws -> Data {
        try await responses.body(key: "list", generation: store.changes.current) {
            flavor == .series ? try await allSeriesBody() : try await allMoviesBody()
        }
    }

    /// `GET /series` as JSON: each series' encoded resource is kept with a fingerprint of its row
    /// and statistics, so after a change only the series that changed are read and encoded again
    /// (decoding every series' provider facts and encoding thousands of resources is most of the cost).
    func allSeriesBody() async throws -> Data {
        let rows = try await store.seriesRowHashes()
        let statistics = try await currentStatistics(of: rows.map(\.id))
        var fingerprints: [Int64: Int] = [:]
        for (id, rowHash) in rows {
            var hasher = Hasher()
            hasher.combine(rowHash)
            hasher.combine(statistics[id] ?? [:])
            fingerprints[id] = hasher.finalize()
        }
        let stale = seriesFragments.stale(fingerprints)
        var fresh: [Int64: (Int, Data)] = [:]
        let encoder = JSONEncoder.kinoraDefault
        for record in try await store.series(ids: stale) {
            guard let id = record.id, let fingerprint = fingerprints[id] else { continue }
            fresh[id] = (fingerprint, try encoder.encode(seriesResource(record, statistics: statistics[id] ?? [:])))
        }
        return seriesFragments.joined(order: rows.map(\.id), replacing: fresh)
    }

    /// Statistics of every listed series: kept per series until its episodes or files change or
    /// its next episode airs, so a list after one change queries that series alone.
    func currentStatistics(of ids: [Int64]) async throws -> [Int64: [Int: SeasonStatistics]] {
        let versions = store.episodeVersions.snapshot()
        let now = Timestamp.nowText
        let stale = seriesStatistics.stale(ids, versions: versions, now: now)
        guard !stale.isEmpty else { return seriesStatistics.all(ids) }
        let fresh = try await store.seasonStatistics(seriesIds: stale.count == ids.count ? nil : stale, now: now)
        return seriesStatistics.store(stale.map { ($0, fresh[$0] ?? [:], versions[$0] ?? 0) }, listing: ids)
    }

    func seriesResource(_ series: SeriesRecord) async throws -> SeriesResource {
        guard let id = series.id else { return seriesResource(series, statistics: [:]) }
        return seriesResource(series, statistics: try await store.seasonStatistics(seriesId: id, now: Timestamp.nowText))
    }

    func seriesResource(_ series: SeriesRecord, statistics: [Int: SeasonStatistics]) -> SeriesResource {
        var resource = Self.seriesResource(metadata: series.metadata, app: app)
        resource.id = series.id
        resource.title = series.title
        resource.sortTitle = series.sortTitle
        resource.cleanTitle = series.cleanTitle
        resource.titleSlug = series.titleSlug
        resource.year = series.year
        resource.path = series.path
        resource.rootFolderPath = series.rootFolderPath
        resource.folder = nil
        resource.qualityProfileId = series.qualityProfileId
        resource.languageProfileId = series.languageProfileId
        resource.seasonFolder = series.seasonFolder
        resource.monitored = series.monitored
        resource.monitorNewItems = series.monitorNewItems
        resource.useSceneNumbering = series.useSceneNumbering
        resource.seriesType = series.seriesType
        resource.tags = series.tags
        resource.added = series.added
        resource.images = series.id.map { id in Self.imageResources(series.metadata.images, owner: "series-\(id)", id: id) }
        var total = SeriesStatisticsResource(
            seasonCount: 0, episodeFileCount: 0, episodeCount: 0, totalEpisodeCount: 0, sizeOnDisk: 0, releaseGroups: [],
            percentOfEpisodes: 0, previousAiring: nil, nextAiring: nil)
        resource.seasons = series.seasons.map { season in
            let stats = statistics[season.seasonNumber] ?? SeasonStatistics()
            if season.seasonNumber > 0 { total.seasonCount = (total.seasonCount ?? 0) + 1 }
            total.episodeFileCount += stats.episodeFileCount
            // Specials count only for what is there (Sonarr leaves unmonitored specials out).
            total.episodeCount += season.seasonNumber > 0 ? stats.episodeCount : stats.episodeFileCount
            total.totalEpisodeCount += season.seasonNumber > 0 ? stats.totalEpisodeCount : stats.episodeFileCount
            total.sizeOnDisk += stats.sizeOnDisk
            for group in stats.releaseGroups where !total.releaseGroups.contains(group) { total.releaseGroups.append(group) }
            total.nextAiring = [total.nextAiring, stats.nextAiring].compactMap { $0 }.min()
            total.previousAiring = [total.previousAiring, stats.previousAiring].compactMap { $0 }.max()
            return SeasonResource(
                seasonNumber: season.seasonNumber, monitored: season.monitored,
                statistics: SeriesStatisticsResource(
                    seasonCount: nil, episodeFileCount: stats.episodeFileCount, episodeCount: stats.episodeCount,
                    totalEpisodeCount: stats.totalEpisodeCount, sizeOnDisk: stats.sizeOnDisk, releaseGroups: stats.releaseGroups,
                    percentOfEpisodes: Self.percent(stats.episodeFileCount, of: stats.episodeCount),
                    previousAiring: stats.previousAiring, nextAiring: stats.nextAiring),
                images: nil)
        }
        total.percentOfEpisodes = Self.percent(total.episodeFileCount, of: total.episodeCount)
        resource.statistics = total
        return resource
    }

    static func percent(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : (Double(part) / Double(whole) * 1000).rounded() / 10
    }

    /// What a provider says about a series, in the resource's shape (a lookup result before it is added).
    static func seriesResource(metadata: SeriesMetadata, app: ServarrApp) -> SeriesResource {
        let seasonNumbers = Set(metadata.seasons.map(\.seasonNumber) + metadata.episodes.map(\.seasonNumber)).sorted()
        let remote = metadata.images.filter { $0.url.hasPrefix("http") }
        return SeriesResource(
            title: metadata.title, alternateTitles: [], sortTitle: sortTitle(metadata.title),
            status: metadata.status, ended: metadata.status == "ended", overview: metadata.overview, network: metadata.network,
            airTime: metadata.airTime,
            images: remote.map { ImageResource(coverType: $0.coverType, url: $0.url, remoteUrl: $0.url) },
            originalLanguage: language(named: metadata.originalLanguage, app: app),
            remotePoster: remote.first { $0.coverType == "poster" }?.url,
            seasons: seasonNumbers.map { SeasonResource(seasonNumber: $0, monitored: $0 > 0, statistics: nil, images: nil) },
            year: metadata.year ?? 0, qualityProfileId: 0, languageProfileId: 0, seasonFolder: true, monitored: false,
            monitorNewItems: "all", useSceneNumbering: false, runtime: metadata.runtime ?? 0, tvdbId: metadata.tvdbId ?? 0,
            tvRageId: 0, tvMazeId: metadata.tvMazeId ?? 0, tmdbId: metadata.tmdbId, firstAired: metadata.firstAired.flatMap(Timestamp.startOfDay),
            lastAired: metadata.lastAired.flatMap(Timestamp.startOfDay), seriesType: metadata.isAnime ? "anime" : "standard",
            cleanTitle: ReleaseParser.cleanSeriesTitle(metadata.title), imdbId: metadata.imdbId,
            titleSlug: ReleaseParser.toURLSlug(metadata.title), certification: metadata.certification, genres: metadata.genres, tags: [],
            added: "0001-01-01T00:00:00Z",
            ratings: RatingResource(votes: metadata.ratingVotes ?? 0, value: metadata.ratingValue ?? 0),
            statistics: SeriesStatisticsResource(
                seasonCount: seasonNumbers.filter { $0 > 0 }.count, episodeFileCount: 0, episodeCount: 0, totalEpisodeCount: 0,
                sizeOnDisk: 0, releaseGroups: [], percentOfEpisodes: 0, previousAiring: nil, nextAiring: nil))
    }

    static func sortTitle(_ title: String) -> String {
        let lower = title.lowercased()
        for article in ["the ", "a ", "an "] where lower.hasPrefix(article) && lower.count > article.count {
            return String(lower.dropFirst(article.count))
        }
        return lower
    }

    static func language(named name: String?, app: ServarrApp) -> ServarrLanguage {
        name.flatMap { LanguageCatalog.language(named: $0, for: app) }
            ?? LanguageCatalog.language(id: 1, for: app) ?? ServarrLanguage(id: 1, name: "English")
    }

    /// Images of a catalog item as this server serves them (`/MediaCover/{id}/poster.jpg`).
    static func imageResources(_ images: [MetadataImage], owner: String, id: Int64) -> [ImageResource] {
        var seen = Set<String>()
        return images.compactMap { image in
            guard seen.insert(image.coverType).inserted else { return nil }
            return ImageResource(
                coverType: image.coverType, url: "/MediaCover/\(id)/\(image.coverType).jpg",
                remoteUrl: image.url.hasPrefix("http") ? image.url : nil)
        }
    }

    // MARK: Lookup

    func lookupSeries(term: String) async throws -> [SeriesResource] {
        let trimmed = term.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let found: [SeriesMetadata]
        do {
            found = try await searchSeriesMetadata(trimmed)
        } catch {
            throw ServarrValidationError([
                ServarrValidationFailure(propertyName: "Term", errorMessage: "Search for '\(trimmed)' failed: \(error)", attemptedValue: trimmed, errorCode: "MetadataSource")
            ])
        }
        let naming = try await namingConfig()
        var results: [SeriesResource] = []
        for metadata in found {
            if let tvdb = metadata.tvdbId, let existing = try await store.series(tvdbId: tvdb) {
                results.append(try await seriesResource(existing))
                continue
            }
            var resource = Self.seriesResource(metadata: metadata, app: app)
            resource.folder = FolderNaming.seriesFolder(title: metadata.title, year: metadata.year, tvdbId: metadata.tvdbId, config: naming)
            results.append(resource)
        }
        return results
    }

    /// `tvdb:`, `tmdb:` and `imdb:` prefixes look one series up; anything else is a title search.
    func searchSeriesMetadata(_ term: String) async throws -> [SeriesMetadata] {
        let lower = term.lowercased()
        func number(after prefix: String) -> Int? {
            lower.hasPrefix(prefix) ? Int(lower.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) : nil
        }
        if lower.hasPrefix("tvdb:") || lower.hasPrefix("tvdbid:") {
            guard let id = number(after: lower.hasPrefix("tvdb:") ? "tvdb:" : "tvdbid:") else { return [] }
            return try await metadata.series(tvdbId: id).map { [$0] } ?? []
        }
        if lower.hasPrefix("tmdb:") {
            guard let id = number(after: "tmdb:") else { return [] }
            return try await metadata.series(tmdbId: id).map { [$0] } ?? []
        }
        if lower.hasPrefix("imdb:") {
            let id = String(term.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            return try await metadata.series(imdbId: id).map { [$0] } ?? []
        }
        let results = try await metadata.searchSeries(term)
        if results.isEmpty, let problem = metadataProblem { throw LookupUnavailable(message: problem) }
        return results
    }

    // MARK: Add

    /// `known`: facts already in hand (a library folder's NFO) when the metadata sources cannot
    /// look the series up by id.
    func addSeries(_ body: SeriesResource, known: SeriesMetadata? = nil) async throws -> SeriesRecord {
        var failures: [ServarrValidationFailure] = []
        func fail(_ property: String, _ message: String, _ value: String?, _ code: String) {
            failures.append(ServarrValidationFailure(propertyName: property, errorMessage: message, attemptedValue: value, errorCode: code))
        }
        let tvdbId = body.tvdbId ?? 0
        if tvdbId <= 0 { fail("TvdbId", "'Tvdb Id' must be greater than '0'.", String(tvdbId), "GreaterThanValidator") }
        if tvdbId > 0, try await store.series(tvdbId: tvdbId) != nil {
            fail("TvdbId", "This series has already been added", String(tvdbId), "SeriesExistsValidator")
        }
        let profileId = body.qualityProfileId ?? 0
        if try await store.document(.qualityProfile, id: profileId, as: QualityProfile.self) == nil {
            fail("QualityProfileId", "Quality Profile does not exist", String(profileId), "QualityProfileExistsValidator")
        }
        var languageProfileId = body.languageProfileId ?? 0
        if languageProfileId == 0 { languageProfileId = try await store.documents(.languageProfile, as: LanguageProfile.self).first?.id ?? 1 }
        if (body.path ?? "").isEmpty && (body.rootFolderPath ?? "").isEmpty {
            fail("Path", "'Path' must not be empty.", nil, "NotEmptyValidator")
            fail("RootFolderPath", "'Root Folder Path' must not be empty.", nil, "NotEmptyValidator")
        }
        let seriesType = body.seriesType ?? "standard"
        if !["standard", "daily", "anime"].contains(seriesType) {
            fail("SeriesType", "Series type must be standard, daily or anime", seriesType, "SeriesTypeValidator")
        }
        if let monitor = body.addOptions?.monitor, !SeriesMonitoring.options.contains(monitor) {
            fail("Monitor", "Monitor must be one of " + SeriesMonitoring.options.joined(separator: ", "), monitor, "EnumValidator")
        }
        guard failures.isEmpty else { throw ServarrValidationError(failures) }

        let found: SeriesMetadata?
        do { found = try await metadata.series(tvdbId: tvdbId) ?? known.flatMap { $0.tvdbId == tvdbId ? $0 : nil } } catch {
            throw ServarrValidationError([
                ServarrValidationFailure(propertyName: "TvdbId", errorMessage: "Could not fetch the series from the metadata source: \(error)", attemptedValue: String(tvdbId), errorCode: "MetadataSource")
            ])
        }
        guard let series = found else {
            throw ServarrValidationError([
                ServarrValidationFailure(
                    propertyName: "TvdbId", errorMessage: metadataProblem ?? "A series with TVDb id \(tvdbId) was not found by the metadata source.",
                    attemptedValue: String(tvdbId), errorCode: "SeriesNotFound")
            ])
        }
        let naming = try await namingConfig()
        let root = body.rootFolderPath.map(Self.normalised)
        let path = try await validatedItemPath(
            body.path.map(Self.normalised)
                ?? (root ?? "") + "/" + FolderNaming.seriesFolder(title: series.title, year: series.year, tvdbId: tvdbId, config: naming))
        let monitored = body.monitored ?? true
        let requestedSeasons = Dictionary((body.seasons ?? []).map { ($0.seasonNumber, $0.monitored) }, uniquingKeysWith: { $1 })
        let seasonNumbers = Set(series.seasons.map(\.seasonNumber) + series.episodes.map(\.seasonNumber)).sorted()
        var seasons = seasonNumbers.map { SeasonState(seasonNumber: $0, monitored: requestedSeasons[$0] ?? ($0 > 0)) }
        let monitor = body.addOptions?.monitor
        let now = Timestamp.nowText
        var episodes = series.episodes.map { Self.episodeRecord($0, seriesId: 0) }
        if let monitor, monitor != "unknown" {
            seasons = SeriesMonitoring.seasons(seasons, option: monitor)
            let decide = SeriesMonitoring.decision(option: monitor, seasons: seasons, now: now, filesKnown: false)
            for index in episodes.indices { episodes[index].monitored = decide(episodes[index]) }
        } else {
            let watched = Set(seasons.filter(\.monitored).map(\.seasonNumber))
            for index in episodes.indices { episodes[index].monitored = watched.contains(episodes[index].seasonNumber) }
        }
        let record = SeriesRecord(
            id: nil, tvdbId: tvdbId, tmdbId: series.tmdbId, imdbId: series.imdbId, title: series.title,
            sortTitle: Self.sortTitle(series.title), cleanTitle: ReleaseParser.cleanSeriesTitle(series.title),
            titleSlug: body.titleSlug.flatMap { $0.isEmpty ? nil : ReleaseParser.toURLSlug($0) } ?? ReleaseParser.toURLSlug(series.title),
            year: series.year ?? 0, path: path, rootFolderPath: root ?? (path as NSString).deletingLastPathComponent,
            qualityProfileId: profileId, languageProfileId: languageProfileId, seasonFolder: body.seasonFolder ?? true,
            monitored: monitored, monitorNewItems: body.monitorNewItems ?? "all", useSceneNumbering: false,
            seriesType: seriesType, tags: body.tags ?? [], seasons: seasons, added: now, lastInfoSync: now,
            pendingMonitor: ["missing", "existing"].contains(monitor ?? "") ? monitor : nil,
            metadata: Self.withoutEpisodes(series))
        let stored: SeriesRecord
        do { stored = try await store.insertSeries(record, episodes: episodes) } catch CatalogConflict.duplicate(let what) {
            throw ServarrValidationError([
                ServarrValidationFailure(
                    propertyName: what == "path" ? "Path" : "TvdbId",
                    errorMessage: what == "path" ? "Path is already configured for an existing series" : "This series has already been added",
                    attemptedValue: what == "path" ? path : String(tvdbId), errorCode: "SeriesExistsValidator")
            ])
        }
        if let id = stored.id {
            // As Sonarr: a refresh (metadata again, artwork) and the scan that links existing files.
            _ = commands.enqueue(name: "RefreshSeries", body: ["seriesId": .int(Int(id))], trigger: "unspecified")
        }
        return stored
    }

    static func withoutEpisodes(_ series: SeriesMetadata) -> SeriesMetadata {
        var trimmed = series
        trimmed.episodes = []
        return trimmed
    }

    static func episodeRecord(_ episode: EpisodeMetadata, seriesId: Int64) -> EpisodeRecord {
        EpisodeRecord(
            id: nil, seriesId: seriesId, seasonNumber: episode.seasonNumber, episodeNumber: episode.episodeNumber,
            absoluteEpisodeNumber: episode.absoluteEpisodeNumber, title: episode.title, airDate: episode.airDate,
            airDateUtc: episode.airDateUtc ?? episode.airDate.flatMap(Timestamp.startOfDay), runtime: episode.runtime,
            overview: episode.overview, monitored: false, episodeFileId: nil, tvdbId: episode.tvdbId)
    }

    // MARK: Update

    func updateSeries(id: Int64, with body: SeriesResource, moveFiles: Bool) async throws -> SeriesRecord {
        guard var series = try await store.series(id: id) else { throw ServarrNotFound("Series not found") }
        if let profileId = body.qualityProfileId, profileId != series.qualityProfileId {
            guard try await store.document(.qualityProfile, id: profileId, as: QualityProfile.self) != nil else {
                throw ServarrValidationError([
                    ServarrValidationFailure(propertyName: "QualityProfileId", errorMessage: "Quality Profile does not exist", attemptedValue: String(profileId), errorCode: "QualityProfileExistsValidator")
                ])
            }
            series.qualityProfileId = profileId
        }
        if let type = body.seriesType {
            guard ["standard", "daily", "anime"].contains(type) else {
                throw ServarrValidationError([
                    ServarrValidationFailure(propertyName: "SeriesType", errorMessage: "Series type must be standard, daily or anime", attemptedValue: type, errorCode: "SeriesTypeValidator")
                ])
            }
            series.seriesType = type
        }
        if let path = body.path.map(Self.normalised), path != series.path {
            let newPath = try await validatedItemPath(path)
            if moveFiles { try Self.moveFolder(from: series.path, to: newPath) }
            series.path = newPath
            series.rootFolderPath = body.rootFolderPath.map(Self.normalised) ?? (newPath as NSString).deletingLastPathComponent
        }
        if let value = body.monitored { series.monitored = value }
        if let value = body.monitorNewItems { series.monitorNewItems = value }
        if let value = body.seasonFolder { series.seasonFolder = value }
        if let value = body.languageProfileId, value > 0 { series.languageProfileId = value }
        if let value = body.tags { series.tags = value }
        var changedSeasons: [Int: Bool] = [:]
        if let seasons = body.seasons {
            for season in seasons {
                guard let index = series.seasons.firstIndex(where: { $0.seasonNumber == season.seasonNumber }) else { continue }
                if series.seasons[index].monitored != season.monitored { changedSeasons[season.seasonNumber] = season.monitored }
                series.seasons[index].monitored = season.monitored
            }
        }
        try await store.updateSeries(series)
        // A season switched on or off takes its episodes with it, as in Sonarr.
        if !changedSeasons.isEmpty {
            let seasons = changedSeasons
            try await store.setMonitoring(seriesId: id) { episode in seasons[episode.seasonNumber] ?? episode.monitored }
        }
        return series
    }

    // MARK: Paths

    /// A series or movie folder must lie inside a root folder and not be another item's.
    func validatedItemPath(_ raw: String) async throws -> String {
        func failure(_ message: String, _ code: String) -> ServarrValidationError {
            ServarrValidationError([ServarrValidationFailure(propertyName: "Path", errorMessage: message, attemptedValue: raw, errorCode: code)])
        }
        guard raw.hasPrefix("/"), !raw.contains("\0"), !raw.split(separator: "/").contains("..") else {
            throw failure("Invalid Path: use an absolute path inside a root folder", "PathValidator")
        }
        let path = Self.normalised(raw)
        let roots = try await store.rootFolders().map(\.path)
        guard roots.contains(where: { Self.isInside(path, $0) }) else {
            throw failure("Path '\(path)' is not inside a root folder: add its root folder first", "RootFolderValidator")
        }
        if try await store.claimedPaths().contains(path) {
            throw failure("Path is already configured for an existing \(flavor == .series ? "series" : "movie")", "SeriesPathValidator")
        }
        return path
    }

    /// Deletes an item's folder, refusing anything that is not strictly inside a root folder.
    func deleteFolder(_ path: String) async throws {
        let roots = try await store.rootFolders().map(\.path)
        guard roots.contains(where: { Self.isInside(path, $0) }) else {
            environment.logger.warning("not deleting a folder outside the root folders", metadata: ["path": "\(path)"])
            return
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.removeItem(atPath: path)
    }

    /// Moves a folder by rename (atomic on one filesystem); a target that exists is refused.
    static func moveFolder(from old: String, to new: String) throws {
        guard FileManager.default.fileExists(atPath: old) else { return }
        guard !FileManager.default.fileExists(atPath: new) else {
            throw ServarrValidationError([
                ServarrValidationFailure(propertyName: "Path", errorMessage: "'\(new)' already exists: files were not moved", attemptedValue: new, errorCode: "PathExistsValidator")
            ])
        }
        try FileManager.default.createDirectory(atPath: (new as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: old, toPath: new)
    }
}

/// A title search with no metadata source but NFO files that did not match.
struct LookupUnavailable: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension Response {
    static func jsonBody(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
