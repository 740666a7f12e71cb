import Foundation
import KinoraCore
import KinoraHTTP
import Logging
import MediaCore
import MetadataProviders
import ServarrCore
import ServiceLifecycle
import Synchronization

/// What the last scan of each item could not link, for the library import's review.
final class ScanFindings: Sendable {
    private let unmatched = Mutex<[String: [UnmatchedFile]]>([:])

    func record(_ files: [UnmatchedFile], for owner: String) {
        unmatched.withLock { $0[owner] = files.isEmpty ? nil : files }
    }

    func all() -> [String: [UnmatchedFile]] { unmatched.withLock { $0 } }
}

extension LibraryManagerRole {
    // MARK: Series

    /// Links the files in a series' folder to its episodes; returns what could not be linked.
    @discardableResult
    func rescanSeries(id: Int64) async throws -> [UnmatchedFile] {
        guard var series = try await store.series(id: id) else { throw CommandFailure("series \(id) does not exist") }
        let episodes = try await store.episodes(seriesId: id)
        let folderName = (series.path as NSString).lastPathComponent
        let fallback = Self.language(named: series.metadata.originalLanguage, app: app)
        var linked: [(file: EpisodeFileRecord, episodeIds: [Int64])] = []
        var unmatched: [UnmatchedFile] = []
        let now = Timestamp.nowText
        for file in FolderScanner.videos(in: series.path, libraryKind: .tvshows) {
            switch FolderScanner.episodes(for: file, seriesFolderName: folderName, seriesType: series.seriesType, episodes: episodes) {
            case .failure(let reason): unmatched.append(reason)
            case .success(let matches):
                let fileName = (file.relativePath as NSString).lastPathComponent
                let facts = FolderScanner.facts(fileName: fileName, app: app, fallbackLanguage: fallback)
                let record = EpisodeFileRecord(
                    id: nil, seriesId: id, seasonNumber: matches[0].seasonNumber, relativePath: file.relativePath, path: file.path,
                    size: file.size, dateAdded: now, sceneName: nil, releaseGroup: facts.releaseGroup, quality: facts.quality,
                    languages: facts.languages)
                linked.append((record, matches.compactMap { $0.id }))
            }
        }
        try await store.applyScan(seriesId: id, files: linked)
        if let option = series.pendingMonitor {
            let decide = SeriesMonitoring.decision(option: option, seasons: series.seasons, now: now, filesKnown: true)
            try await store.setMonitoring(seriesId: id, decide)
            series.pendingMonitor = nil
            try await store.updateSeries(series)
        }
        findings.record(unmatched, for: "series-\(id)")
        return unmatched
    }

    /// Fetches the series again from the metadata source: facts, seasons and episodes.
    func refreshSeries(id: Int64) async throws {
        guard var series = try await store.series(id: id) else { throw CommandFailure("series \(id) does not exist") }
        let found = try await metadata.series(tvdbId: series.tvdbId)
        guard let fresh = found ?? OfflineCatalogProvider.folderMetadata(seriesFolder: series.path) else {
            throw CommandFailure("the metadata source no longer knows TVDb id \(series.tvdbId)")
        }
        let known = Set(series.seasons.map(\.seasonNumber))
        let seasonNumbers = Set(fresh.seasons.map(\.seasonNumber) + fresh.episodes.map(\.seasonNumber)).sorted()
        let addNew = series.monitorNewItems == "all" && series.monitored
        for number in seasonNumbers where !known.contains(number) {
            series.seasons.append(SeasonState(seasonNumber: number, monitored: addNew && number > 0))
        }
        series.seasons.sort { $0.seasonNumber < $1.seasonNumber }
        series.metadata = Self.withoutEpisodes(fresh)
        series.title = fresh.title
        series.sortTitle = Self.sortTitle(fresh.title)
        series.year = fresh.year ?? series.year
        series.tmdbId = fresh.tmdbId ?? series.tmdbId
        series.imdbId = fresh.imdbId ?? series.imdbId
        series.lastInfoSync = Timestamp.nowText
        try await store.updateSeries(series)
        let watched = Set(series.seasons.filter(\.monitored).map(\.seasonNumber))
        let monitored = series.monitored
        try await store.mergeEpisodes(seriesId: id, fresh.episodes.map { Self.episodeRecord($0, seriesId: id) }) { episode in
            monitored && watched.contains(episode.seasonNumber)
        }
        await fetchArtwork(fresh.images, owner: "series-\(id)")
    }

    // MARK: Movies

    @discardableResult
    func rescanMovie(id: Int64) async throws -> [UnmatchedFile] {
        guard let movie = try await store.movie(id: id) else { throw CommandFailure("movie \(id) does not exist") }
        let videos = FolderScanner.videos(in: movie.path, libraryKind: .movies)
        // Several videos (parts, versions): the largest is the movie, as Radarr keeps one file.
        let chosen = videos.max { $0.size < $1.size }
        var record: MovieFileRecord?
        if let chosen {
            let fileName = (chosen.relativePath as NSString).lastPathComponent
            let facts = FolderScanner.facts(
                fileName: fileName, app: app, fallbackLanguage: Self.language(named: movie.metadata.originalLanguage, app: app))
            record = MovieFileRecord(
                id: nil, movieId: id, relativePath: chosen.relativePath, path: chosen.path, size: chosen.size,
                dateAdded: Timestamp.nowText, sceneName: nil, releaseGroup: facts.releaseGroup, edition: facts.edition,
                quality: facts.quality, languages: facts.languages)
        }
        try await store.applyScan(movieId: id, file: record)
        let others = videos.filter { $0.path != chosen?.path }.map { UnmatchedFile(path: $0.path, reason: "another video of this movie is larger and was kept") }
        findings.record(others, for: "movie-\(id)")
        return others
    }

    func refreshMovie(id: Int64) async throws {
        guard var movie = try await store.movie(id: id) else { throw CommandFailure("movie \(id) does not exist") }
        let found = try await metadata.movie(tmdbId: movie.tmdbId)
        guard let fresh = found ?? OfflineCatalogProvider.folderMetadata(movieFolder: movie.path) else {
            throw CommandFailure("the metadata source no longer knows TMDb id \(movie.tmdbId)")
        }
        movie.metadata = fresh
        movie.title = fresh.title
        movie.sortTitle = Self.sortTitle(fresh.title)
        movie.year = fresh.year ?? movie.year
        movie.imdbId = fresh.imdbId ?? movie.imdbId
        movie.lastInfoSync = Timestamp.nowText
        try await store.updateMovie(movie)
        await fetchArtwork(fresh.images, owner: "movie-\(id)")
    }

    // MARK: Artwork

    /// Caches an item's artwork, its images at once; a failure is logged and the remote URL stays in
    /// the resource.
    func fetchArtwork(_ images: [MetadataImage], owner: String) async {
        var seen = Set<String>()
        let distinct = images.filter { seen.insert($0.coverType).inserted }
        await withTaskGroup(of: Void.self) { group in
            for image in distinct {
                group.addTask {
                    do { _ = try await artwork.store(image, owner: owner) } catch {
                        environment.logger.info("artwork not cached", metadata: ["owner": "\(owner)", "cover": "\(image.coverType)", "error": "\(error)"])
                    }
                }
            }
        }
    }

    // MARK: Commands

    /// Runs one queued command; the message is what `GET /command` shows.
    func execute(_ command: CommandCenter.Queued) async throws -> String? {
        func ints(_ key: String) -> [Int64] {
            switch command.body[key] {
            case .int(let value): return [Int64(value)]
            case .array(let values): return values.compactMap { if case .int(let value) = $0 { Int64(value) } else { nil } }
            default: return []
            }
        }
        switch command.name {
        case "RefreshSeries", "RescanSeries":
            let ids = ints("seriesId") + ints("seriesIds")
            let targets = ids.isEmpty ? try await store.allSeries().compactMap(\.id) : ids
            var unmatched = 0
            for id in targets {
                if command.name == "RefreshSeries" { try await refreshSeries(id: id) }
                unmatched += try await rescanSeries(id: id).count
            }
            return "\(command.name == "RefreshSeries" ? "Refreshed" : "Scanned") \(targets.count) series" + (unmatched > 0 ? "; \(unmatched) files not linked" : "")
        case "RefreshMovie", "RescanMovie":
            let ids = ints("movieId") + ints("movieIds")
            let targets = ids.isEmpty ? try await store.allMovies().compactMap(\.id) : ids
            for id in targets {
                if command.name == "RefreshMovie" { try await refreshMovie(id: id) }
                try await rescanMovie(id: id)
            }
            return "\(command.name == "RefreshMovie" ? "Refreshed" : "Scanned") \(targets.count) movies"
        default:
            throw CommandFailure("\(command.name) is not available yet: searching and downloading come with the next release of this role")
        }
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The role's background work: the command queue, and a refresh of every item every 12 hours
/// (Sonarr's and Radarr's schedule) with a rescan of their folders every 6 — scheduled, never
/// relying on inotify, which NFS does not deliver.
struct CatalogService: Service {
    let role: LibraryManagerRole
    var refreshInterval: Duration = .seconds(12 * 3600)
    var rescanInterval: Duration = .seconds(6 * 3600)

    func run() async throws {
        let refresh = role.flavor == .series ? "RefreshSeries" : "RefreshMovie"
        let rescan = role.flavor == .series ? "RescanSeries" : "RescanMovie"
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await role.commands.drain { try await role.execute($0) } }
            // The first list answer is the slowest (every item read and encoded): make it before a client asks.
            group.addTask { _ = try? await role.listBody() }
            group.addTask { await Self.every(refreshInterval) { _ = role.commands.enqueue(name: refresh, body: [:], trigger: "scheduled") } }
            group.addTask { await Self.every(rescanInterval) { _ = role.commands.enqueue(name: rescan, body: [:], trigger: "scheduled") } }
            try? await gracefulShutdown()
            role.commands.finishAll()
            group.cancelAll()
        }
    }

    static func every(_ interval: Duration, _ action: @Sendable () -> Void) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            action()
        }
    }
}
