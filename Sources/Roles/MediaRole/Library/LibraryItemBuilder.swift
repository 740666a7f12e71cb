import Foundation
import MediaCore

/// Turns one library's files into items: movies, home videos, and series → seasons → episodes, with
/// NFO metadata, images and external subtitles found beside the videos. Items keep the ids, creation
/// dates and probe results they already had when their file did not change.
struct LibraryItemBuilder {
    let library: MediaLibrary
    let kind: LibraryKind
    let known: [String: MediaItem]
    private var items: [String: MediaItem] = [:]
    private var probeNeeded: [String: String] = [:]  // path → item id
    private var kept = Set<String>()
    private(set) var videoCount = 0

    init(library: MediaLibrary, kind: LibraryKind, known: [String: MediaItem]) {
        self.library = library
        self.kind = kind
        self.known = known
    }

    /// Keeps the known items under a folder that could not be read.
    mutating func keepEverything(under root: String) {
        for item in known.values where item.path == root || item.path?.hasPrefix(root + "/") == true {
            kept.insert(item.id)
            if let series = item.seriesId { kept.insert(series) }
            if let season = item.seasonId { kept.insert(season) }
        }
    }

    mutating func add(_ listing: FolderListing, root: String) {
        let byFolder = Dictionary(grouping: listing.files, by: { $0.relative.dropLast().joined(separator: "/") })
        for file in listing.files {
            let relative = RelativeMediaPath(components: file.relative)
            guard case .media(.video) = MediaFileClassifier.classify(relative, libraryKind: kind, fileSize: file.size) else { continue }
            guard let identity = LibraryPathParser.identify(relative, in: kind) else { continue }
            let siblings = byFolder[file.relative.dropLast().joined(separator: "/")] ?? []
            switch identity {
            case .movie(let movie): addMovie(movie, file: file, siblings: siblings)
            case .episode(let episode): addEpisode(episode, file: file, root: root, byFolder: byFolder)
            case .homeVideo(let video): addVideo(video.title, file: file, siblings: siblings)
            case .extra: continue
            }
        }
    }

    // MARK: Kinds

    private mutating func addMovie(_ movie: MovieIdentity, file: FolderListing.File, siblings: [FolderListing.File]) {
        // A second part of a multi-part movie plays as its own file but is not a second movie.
        if let part = movie.partNumber, part > 1 { return }
        var item = videoItem(id: MediaRole.identifier("movie", file.path), type: .movie, name: movie.title, file: file, siblings: siblings)
        item.parentId = library.id
        item.productionYear = movie.year
        item.providerIds = Self.providerIds(movie.providerIds)
        let stem = (file.relative.last.map { ($0 as NSString).deletingPathExtension }) ?? ""
        // Its own folder (`Movie (2010)/`): the folder's images and movie.nfo are the movie's.
        let ownsFolder = file.relative.count > 1
        apply(nfo: Self.nfo(in: siblings, named: [stem + ".nfo"] + (ownsFolder ? ["movie.nfo"] : [])), to: &item)
        item.images = images(in: siblings, videoStem: stem, folderItem: ownsFolder)
        store(item)
    }

    private mutating func addVideo(_ title: String, file: FolderListing.File, siblings: [FolderListing.File]) {
        var item = videoItem(id: MediaRole.identifier("video", file.path), type: .video, name: title, file: file, siblings: siblings)
        item.parentId = library.id
        let stem = (file.relative.last.map { ($0 as NSString).deletingPathExtension }) ?? ""
        apply(nfo: Self.nfo(in: siblings, named: [stem + ".nfo"]), to: &item)
        item.images = images(in: siblings, videoStem: stem, folderItem: false)
        store(item)
    }

    private mutating func addEpisode(_ episode: EpisodeIdentity, file: FolderListing.File, root: String, byFolder: [String: [FolderListing.File]]) {
        let seriesFolderName = episode.seriesFolder ?? file.relative.first ?? episode.seriesName
        let seriesPath = root + "/" + seriesFolderName
        let seriesId = MediaRole.identifier("series", seriesPath)
        if items[seriesId] == nil {
            var series = folderItem(id: seriesId, type: .series, name: episode.seriesName, path: seriesPath)
            series.parentId = library.id
            series.productionYear = episode.seriesYear
            series.providerIds = Self.providerIds(episode.providerIds)
            let files = byFolder[seriesFolderName] ?? []
            apply(nfo: Self.nfo(in: files, named: ["tvshow.nfo"]), to: &series)
            series.images = images(in: files, videoStem: nil, folderItem: true)
            store(series)
        }
        let seasonNumber = episode.seasonNumber ?? (episode.airDate.map(\.year) ?? 1)
        let seasonId = MediaRole.identifier("season", seriesPath + "#\(seasonNumber)")
        if items[seasonId] == nil {
            var season = folderItem(id: seasonId, type: .season, name: seasonNumber == 0 ? "Specials" : "Season \(seasonNumber)", path: nil)
            season.parentId = seriesId
            season.seriesId = seriesId
            season.indexNumber = seasonNumber
            season.sortName = String(format: "%04d", seasonNumber)
            if let folder = episode.seasonFolder {
                season.path = seriesPath + "/" + folder
                let files = byFolder[seriesFolderName + "/" + folder] ?? []
                apply(nfo: Self.nfo(in: files, named: ["season.nfo"]), to: &season)
                season.images = images(in: files, videoStem: nil, folderItem: true)
            }
            // `season01-poster.jpg` in the series folder.
            for image in byFolder[seriesFolderName] ?? [] {
                if let sidecar = SidecarFile.image(fileName: image.relative.last ?? "", videoBaseName: nil),
                    case .season(let number) = sidecar.owner, number == seasonNumber {
                    season.images[sidecar.type.rawValue] = image.path
                }
            }
            store(season)
        }
        let siblings = byFolder[file.relative.dropLast().joined(separator: "/")] ?? []
        let stem = (file.relative.last.map { ($0 as NSString).deletingPathExtension }) ?? ""
        let numbers = episode.episodeNumbers.isEmpty ? (episode.absoluteEpisodeNumbers ?? []) : episode.episodeNumbers
        var item = videoItem(id: MediaRole.identifier("episode", file.path), type: .episode, name: Self.episodeTitle(stem, numbers: numbers, airDate: episode.airDate), file: file, siblings: siblings)
        item.parentId = seasonId
        item.seriesId = seriesId
        item.seasonId = seasonId
        item.parentIndexNumber = seasonNumber
        item.indexNumber = numbers.first
        item.indexNumberEnd = numbers.count > 1 ? numbers.last : nil
        item.premiereDate = episode.airDate?.description
        item.sortName = String(format: "%04d%04d ", seasonNumber, numbers.first ?? 0) + item.name.lowercased()
        apply(nfo: Self.nfo(in: siblings, named: [stem + ".nfo"]), to: &item)
        item.images = images(in: siblings, videoStem: stem, folderItem: false)
        store(item)
    }

    // MARK: Items

    private mutating func videoItem(id: String, type: MediaItem.Kind, name: String, file: FolderListing.File, siblings: [FolderListing.File]) -> MediaItem {
        videoCount += 1
        let previous = known[id]
        let unchanged = previous?.size == file.size && previous?.modifiedAt == file.modified && previous?.path == file.path
            && (previous?.media != nil || previous?.probeError != nil)
        var item = MediaItem(
            id: id, libraryId: library.id, type: type, name: name, sortName: Self.sortName(name), path: file.path,
            size: file.size, modifiedAt: file.modified, providerIds: [:], genres: [], studios: [], images: [:],
            dateCreated: previous?.dateCreated ?? file.modified / 1_000_000)
        if unchanged, let previous {
            item.media = previous.media.map { Self.withoutExternalSubtitles($0) }
            item.probeError = previous.probeError
            item.runtimeTicks = previous.runtimeTicks
            item.container = previous.container
        } else {
            probeNeeded[file.path] = id
        }
        item.media = Self.addingSubtitles(to: item.media, siblings: siblings, videoName: file.relative.last ?? "")
        return item
    }

    private func folderItem(id: String, type: MediaItem.Kind, name: String, path: String?) -> MediaItem {
        MediaItem(
            id: id, libraryId: library.id, type: type, name: name, sortName: Self.sortName(name), path: path,
            providerIds: [:], genres: [], studios: [], images: [:], dateCreated: known[id]?.dateCreated ?? Int64(Date().timeIntervalSince1970 * 1000))
    }

    private mutating func store(_ item: MediaItem) {
        items[item.id] = item
    }

    func videosNeedingProbe() -> [String] { probeNeeded.keys.sorted() }

    mutating func setProbe(_ path: String, media: MediaDescription?, error: String?) {
        guard let id = probeNeeded[path], var item = items[id] else { return }
        item.probeError = error
        if let media {
            let external = item.media?.streams.filter { $0.path != nil } ?? []
            item.media = media
            item.runtimeTicks = media.runTimeTicks
            item.container = media.container
            item.media = Self.addingSubtitles(to: item.media, external: external)
        }
        items[id] = item
    }

    /// Changed items to write and known ones to delete (neither seen nor kept).
    func finish() -> (changed: [MediaItem], removed: [String]) {
        let changed = items.values.filter { known[$0.id] != $0 }
        let removed = known.keys.filter { items[$0] == nil && !kept.contains($0) }
        return (changed, removed)
    }

    // MARK: Beside the video

    /// External subtitles named after the video, as subtitle streams numbered after the file's own.
    static func addingSubtitles(to media: MediaDescription?, siblings: [FolderListing.File], videoName: String) -> MediaDescription? {
        let stem = (videoName as NSString).deletingPathExtension
        let external = siblings.compactMap { file -> MediaStreamInfo? in
            guard let name = file.relative.last, name != videoName,
                let subtitle = SidecarFile.subtitle(fileName: name, videoBaseName: stem) else { return nil }
            var stream = MediaStreamInfo(index: 0, type: .subtitle)
            stream.codec = subtitle.format == .srt ? "subrip" : subtitle.format.rawValue
            stream.language = subtitle.language
            stream.title = subtitle.title
            stream.isForced = subtitle.isForced
            stream.isHearingImpaired = subtitle.isHearingImpaired
            stream.isDefault = subtitle.isDefault
            stream.isTextSubtitle = subtitle.format.isText
            stream.path = file.path
            stream.displayTitle = [subtitle.language.flatMap(LanguageCode.englishName(for:)) ?? "Unknown", subtitle.format.rawValue.uppercased(),
                                   subtitle.isForced ? "Forced" : nil, "External"].compactMap { $0 }.joined(separator: " - ")
            return stream
        }
        return addingSubtitles(to: media ?? (external.isEmpty ? nil : MediaDescription(container: nil, runTimeTicks: nil, bitrate: nil, size: nil, streams: [], chapters: [])), external: external)
    }

    static func addingSubtitles(to media: MediaDescription?, external: [MediaStreamInfo]) -> MediaDescription? {
        guard var media else { return nil }
        media = withoutExternalSubtitles(media)
        var next = (media.streams.map(\.index).max() ?? -1) + 1
        for var stream in external {
            stream.index = next
            next += 1
            media.streams.append(stream)
        }
        return media
    }

    static func withoutExternalSubtitles(_ media: MediaDescription) -> MediaDescription {
        var media = media
        media.streams.removeAll { $0.path != nil }
        return media
    }

    func images(in files: [FolderListing.File], videoStem: String?, folderItem: Bool) -> [String: String] {
        var found: [String: String] = [:]
        for file in files {
            guard let name = file.relative.last, let image = SidecarFile.image(fileName: name, videoBaseName: videoStem) else { continue }
            switch image.owner {
            case .folderItem where folderItem, .video where videoStem != nil: found[image.type.rawValue] = file.path
            default: continue
            }
        }
        return found
    }

    static func nfo(in files: [FolderListing.File], named names: [String]) -> NFODocument? {
        for name in names {
            guard let file = files.first(where: { $0.relative.last?.lowercased() == name.lowercased() }), file.size <= NFODocument.maxByteCount,
                let data = FileManager.default.contents(atPath: file.path)
            else { continue }
            if let document = try? NFODocument.parse(data) { return document }
        }
        return nil
    }

    func apply(nfo: NFODocument?, to item: inout MediaItem) {
        guard let nfo else { return }
        if let title = nfo.title, !title.isEmpty {
            item.name = title
            item.sortName = item.type == .episode ? String(item.sortName.prefix(9)) + title.lowercased() : Self.sortName(nfo.sortTitle ?? title)
        }
        item.originalTitle = nfo.originalTitle ?? item.originalTitle
        item.overview = nfo.plot ?? nfo.outline ?? item.overview
        item.productionYear = nfo.year ?? (nfo.premiered ?? nfo.aired)?.year ?? item.productionYear
        item.premiereDate = (nfo.premiered ?? nfo.aired)?.description ?? item.premiereDate
        item.officialRating = nfo.mpaa ?? item.officialRating
        item.communityRating = nfo.rating ?? item.communityRating
        if !nfo.genres.isEmpty { item.genres = nfo.genres }
        if !nfo.studios.isEmpty { item.studios = nfo.studios }
        item.providerIds.merge(Self.providerIds(nfo.providerIds)) { _, new in new }
        if item.type == .episode {
            item.indexNumber = nfo.episode ?? item.indexNumber
        }
    }

    static func providerIds(_ ids: [MetadataProvider: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ids.map { ($0.key.rawValue, $0.value) })
    }

    /// Titles sort without a leading article, as Jellyfin sorts them.
    static func sortName(_ name: String) -> String {
        let lower = name.lowercased()
        for article in ["the ", "a ", "an "] where lower.hasPrefix(article) && lower.count > article.count {
            return String(lower.dropFirst(article.count))
        }
        return lower
    }

    /// `Series - S01E02 - The Title` → `The Title`; otherwise `Episode 2` (or the air date).
    static func episodeTitle(_ stem: String, numbers: [Int], airDate: AirDate?) -> String {
        let parts = stem.components(separatedBy: " - ")
        if parts.count >= 3, let last = parts.last?.trimmingCharacters(in: .whitespaces), !last.isEmpty { return last }
        if let airDate { return airDate.description }
        return numbers.first.map { "Episode \($0)" } ?? stem
    }
}
