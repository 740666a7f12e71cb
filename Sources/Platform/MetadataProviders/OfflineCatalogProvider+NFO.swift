import Foundation
import MediaCore

extension OfflineCatalogProvider {
    /// The series described by `<folder>/tvshow.nfo`, with episodes from the episode NFOs in its
    /// season folders and local artwork (`poster.jpg`, `fanart.jpg`, `season01-poster.jpg`...).
    /// Nil when the folder has no readable `tvshow.nfo`.
    public static func folderMetadata(seriesFolder: String) -> SeriesMetadata? {
        try? NFOFolderReader.series(in: seriesFolder)
    }

    /// The movie described by the folder's `movie.nfo` (or another NFO with a `<movie>` root).
    /// Nil when there is none or it carries no TMDb id, which Radarr needs to key the movie.
    public static func folderMetadata(movieFolder: String) -> MovieMetadata? {
        try? NFOFolderReader.movie(in: movieFolder)
    }
}

/// Reads every immediate sub-folder of one NFO root.
struct NFOLibraryScan {
    var series: [SeriesMetadata] = []
    var movies: [MovieMetadata] = []
    var skipped: [String] = []

    init(root: String) {
        for entry in NFOFolderReader.entries(of: root) where entry.isDirectory {
            let folder = (root as NSString).appendingPathComponent(entry.name)
            do {
                if let found = try NFOFolderReader.series(in: folder) {
                    series.append(found)
                } else if let found = try NFOFolderReader.movie(in: folder) {
                    movies.append(found)
                }
            } catch let error as MetadataError {
                skipped.append("\(folder): \(error.description)")
            } catch {
                skipped.append("\(folder): \(error)")
            }
        }
    }
}

/// NFO and artwork reading for one folder. Throws `MetadataError.invalidInput` with a sentence for
/// a folder that has an NFO we cannot use; returns nil for a folder without one.
enum NFOFolderReader {
    /// Entries read per folder; library folders hold far fewer, a runaway one is cut off.
    static let maxEntries = 20_000

    struct Entry {
        var name: String
        var isDirectory: Bool
    }

    static func entries(of folder: String) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().prefix(maxEntries).map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return Entry(name: name, isDirectory: isDirectory.boolValue)
        }
    }

    static func readNFO(_ path: String) throws -> [NFODocument] {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= NFODocument.maxByteCount else {
            throw MetadataError.invalidInput("\(path) is \(size) bytes, too large for an NFO file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MetadataError.invalidInput("\(path) could not be read")
        }
        do {
            return try NFODocument.parseAll(data)
        } catch {
            throw MetadataError.invalidInput("\(path): \(error.description)")
        }
    }

    // MARK: Series

    static func series(in folder: String) throws -> SeriesMetadata? {
        let entries = entries(of: folder)
        guard let nfoName = entries.first(where: { !$0.isDirectory && $0.name.lowercased() == "tvshow.nfo" })?.name else { return nil }
        guard let show = try readNFO((folder as NSString).appendingPathComponent(nfoName)).first else { return nil }
        let folderName = MediaFolderName(parsing: (folder as NSString).lastPathComponent)
        let ids = folderName.providerIds.merging(show.providerIds) { _, nfo in nfo }

        var episodes: [EpisodeMetadata] = []
        var seasonImages: [Int: [MetadataImage]] = [:]
        var images: [MetadataImage] = []
        collectImages(in: folder, entries: entries, videoBaseName: nil, into: &images, seasons: &seasonImages)
        episodes += episodeDocuments(in: folder, entries: entries)
        for entry in entries where entry.isDirectory {
            let seasonFolder = (folder as NSString).appendingPathComponent(entry.name)
            let seasonEntries = Self.entries(of: seasonFolder)
            episodes += episodeDocuments(in: seasonFolder, entries: seasonEntries)
            // A poster inside `Season 02/` is that season's poster.
            if let number = SeasonFolderName.seasonNumber(entry.name), seasonImages[number] == nil,
               let poster = seasonEntries.first(where: { isImage($0.name, stem: ["poster", "folder"]) }) {
                seasonImages[number] = [MetadataImage(coverType: "poster", url: (seasonFolder as NSString).appendingPathComponent(poster.name))]
            }
        }
        var unique: [String: EpisodeMetadata] = [:]
        for episode in episodes where unique["\(episode.seasonNumber)x\(episode.episodeNumber)"] == nil {
            unique["\(episode.seasonNumber)x\(episode.episodeNumber)"] = episode
        }
        episodes = unique.values.sorted { ($0.seasonNumber, $0.episodeNumber) < ($1.seasonNumber, $1.episodeNumber) }

        let labels = (show.genres + show.tags).map { $0.lowercased() }
        let isAnime = labels.contains("anime")
        if isAnime { TMDbProvider.assignAbsoluteNumbers(&episodes) }
        let seasonNumbers = Set(episodes.map(\.seasonNumber)).union(seasonImages.keys).sorted()
        let title = show.title ?? (folderName.title.isEmpty ? (folder as NSString).lastPathComponent : folderName.title)
        return SeriesMetadata(
            tvdbId: ids[.tvdb].flatMap { Int($0) },
            tmdbId: ids[.tmdb].flatMap { Int($0) },
            imdbId: ids[.imdb],
            tvMazeId: ids[.tvmaze].flatMap { Int($0) },
            title: title,
            originalTitle: show.originalTitle,
            year: show.year ?? folderName.year,
            firstAired: show.premiered?.description ?? episodes.first(where: { $0.seasonNumber > 0 })?.airDate,
            lastAired: episodes.compactMap(\.airDate).max(),
            status: seriesStatus(show.status),
            overview: show.plot ?? show.outline,
            network: show.studios.first,
            runtime: show.runtimeMinutes,
            certification: show.mpaa,
            genres: show.genres,
            ratingValue: show.rating,
            images: images,
            seasons: seasonNumbers.map { SeasonMetadata(seasonNumber: $0, images: seasonImages[$0] ?? []) },
            episodes: episodes,
            isAnime: isAnime
        )
    }

    /// Episodes from the `<episodedetails>` NFOs directly in `folder` (several per multi-episode file).
    static func episodeDocuments(in folder: String, entries: [Entry]) -> [EpisodeMetadata] {
        var episodes: [EpisodeMetadata] = []
        for entry in entries where !entry.isDirectory && entry.name.lowercased().hasSuffix(".nfo") {
            let lower = entry.name.lowercased()
            guard lower != "tvshow.nfo", lower != "season.nfo",
                  let documents = try? readNFO((folder as NSString).appendingPathComponent(entry.name)) else { continue }
            for document in documents where document.kind == .episodedetails {
                guard let season = document.season, let number = document.episode else { continue }
                episodes.append(EpisodeMetadata(
                    seasonNumber: season, episodeNumber: number, title: document.title,
                    airDate: (document.aired ?? document.premiered)?.description, runtime: document.runtimeMinutes,
                    overview: document.plot, tvdbId: document.providerIds[.tvdb].flatMap { Int($0) }))
            }
        }
        return episodes
    }

    static func seriesStatus(_ status: String?) -> String {
        switch status?.lowercased().trimmingCharacters(in: .whitespaces) {
        case "ended", "canceled", "cancelled": "ended"
        case "upcoming", "planned", "in production": "upcoming"
        default: "continuing"
        }
    }

    // MARK: Movies

    static func movie(in folder: String) throws -> MovieMetadata? {
        let entries = entries(of: folder)
        let nfos = entries.filter { !$0.isDirectory && $0.name.lowercased().hasSuffix(".nfo") }
        let ordered = nfos.filter { $0.name.lowercased() == "movie.nfo" } + nfos.filter { $0.name.lowercased() != "movie.nfo" }
        var document: NFODocument?
        var nfoStem: String?
        for entry in ordered {
            guard let found = try readNFO((folder as NSString).appendingPathComponent(entry.name)).first(where: { $0.kind == .movie })
            else { continue }
            document = found
            nfoStem = (entry.name as NSString).deletingPathExtension
            break
        }
        guard let document else { return nil }
        let folderName = MediaFolderName(parsing: (folder as NSString).lastPathComponent)
        let ids = folderName.providerIds.merging(document.providerIds) { _, nfo in nfo }
        guard let tmdbId = ids[.tmdb].flatMap({ Int($0) }) else {
            throw MetadataError.invalidInput("the movie NFO in \(folder) has no TMDb id (<uniqueid type=\"tmdb\">)")
        }
        var images: [MetadataImage] = []
        var unusedSeasons: [Int: [MetadataImage]] = [:]
        let videoBase = nfoStem?.lowercased() == "movie" ? nil : nfoStem
        collectImages(in: folder, entries: entries, videoBaseName: videoBase, into: &images, seasons: &unusedSeasons)
        let premiered = document.premiered?.description
        let released = document.premiered.map { $0 <= (AirDate(parsing: TMDbProvider.utcDay(Date())) ?? $0) } ?? true
        return MovieMetadata(
            tmdbId: tmdbId,
            imdbId: ids[.imdb],
            title: document.title ?? folderName.title,
            originalTitle: document.originalTitle,
            year: document.year ?? folderName.year,
            overview: document.plot ?? document.outline,
            runtime: document.runtimeMinutes,
            studio: document.studios.first,
            certification: document.mpaa,
            genres: document.genres,
            status: released ? "released" : "announced",
            inCinemas: premiered,
            images: images,
            ratingValue: document.rating
        )
    }

    // MARK: Artwork

    /// Kodi/Jellyfin artwork names → cover types; the first of each type wins, `poster` before `folder`.
    static func collectImages(in folder: String, entries: [Entry], videoBaseName: String?,
                              into images: inout [MetadataImage], seasons: inout [Int: [MetadataImage]]) {
        let files = entries.filter { !$0.isDirectory }.sorted { preference($0.name) < preference($1.name) }
        for entry in files {
            guard let sidecar = SidecarFile.image(fileName: entry.name, videoBaseName: videoBaseName),
                  let coverType = coverType(sidecar.type) else { continue }
            let image = MetadataImage(coverType: coverType, url: (folder as NSString).appendingPathComponent(entry.name))
            switch sidecar.owner {
            case .folderItem, .video:
                if !images.contains(where: { $0.coverType == coverType }) { images.append(image) }
            case .season(let number):
                if !(seasons[number] ?? []).contains(where: { $0.coverType == coverType }) { seasons[number, default: []].append(image) }
            }
        }
    }

    private static func preference(_ name: String) -> (Int, String) {
        let lower = name.lowercased()
        return (lower.hasPrefix("poster") ? 0 : lower.hasPrefix("folder") ? 1 : 2, lower)
    }

    static func coverType(_ type: ImageType) -> String? {
        switch type {
        case .primary: "poster"
        case .backdrop: "fanart"
        case .banner: "banner"
        case .logo: "clearlogo"
        case .screenshot, .thumb: "screenshot"
        default: nil
        }
    }

    static func isImage(_ name: String, stem: Set<String>) -> Bool {
        let base = (name as NSString).deletingPathExtension.lowercased()
        return stem.contains(base) && MediaFileKind.imageExtensions.contains((name as NSString).pathExtension.lowercased())
    }
}
