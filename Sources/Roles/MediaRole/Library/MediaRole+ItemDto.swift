import Crypto
import Foundation
import KinoraHTTP
import MediaCore

/// Items as Jellyfin's clients read them: the DTO of each, with the user's state and its parents' names.
extension MediaRole {
    /// Which optional parts to include (`Fields=`); a single item gets them all.
    struct DtoOptions: Sendable {
        var fields: Set<String> = []
        var everything = false

        func wants(_ field: String) -> Bool { everything || fields.contains(field.lowercased()) }
    }

    func dtos(for items: [MediaItem], userId: String?, options: DtoOptions) async throws -> [BaseItemDto] {
        var userData: [String: MediaUserData] = [:]
        if let userId { userData = try await store.userData(userId: userId, itemIds: items.map(\.id)) }
        let parentIds = Set(items.flatMap { [$0.seriesId, $0.seasonId].compactMap { $0 } }).subtracting(items.map(\.id))
        var known = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        for parent in try await store.items(ids: Array(parentIds)) { known[parent.id] = parent }
        let folders = items.filter(\.type.isFolder).map(\.id)
        let counts = try await store.folderCounts(userId: userId, folderIds: folders)
        return items.map { item in
            dto(for: item, userData: userData[item.id], known: known, counts: counts[item.id], options: options)
        }
    }

    func dto(
        for item: MediaItem, userData: MediaUserData?, known: [String: MediaItem],
        counts: (children: Int, episodes: Int, unplayed: Int)?, options: DtoOptions
    ) -> BaseItemDto {
        let series = item.seriesId.flatMap { known[$0] }
        let season = item.seasonId.flatMap { known[$0] }
        let video = item.media
        let firstVideo = video?.streams.first { $0.type == .video }
        var dto = BaseItemDto(
            Name: item.name, OriginalTitle: item.originalTitle, ServerId: serverID, Id: item.id,
            Etag: Self.tag(item.id, item.modifiedAt ?? item.dateCreated),
            DateCreated: jellyfinDate(millisecondsSinceEpoch: item.dateCreated), Container: item.container,
            SortName: item.sortName, PremiereDate: item.premiereDate.map { $0 + "T00:00:00.0000000Z" },
            ProductionYear: item.productionYear, OfficialRating: item.officialRating, CommunityRating: item.communityRating,
            Overview: item.overview, Genres: item.genres, Studios: item.studios.map { .init(Name: $0, Id: Self.identifier("studio", $0)) },
            ProviderIds: item.providerIds, RunTimeTicks: item.runtimeTicks, IsFolder: item.type.isFolder,
            ParentId: item.parentId, Type: item.type.rawValue, MediaType: item.type.isFolder ? "Unknown" : "Video",
            IndexNumber: item.indexNumber, IndexNumberEnd: item.indexNumberEnd, ParentIndexNumber: item.parentIndexNumber,
            SeriesName: series?.name, SeriesId: item.seriesId, SeasonId: item.seasonId, SeasonName: season?.name,
            SeriesPrimaryImageTag: series.flatMap { imageTag(of: $0, "Primary") },
            ImageTags: imageTags(of: item), BackdropImageTags: imageTag(of: item, "Backdrop").map { [$0] } ?? [],
            PrimaryImageAspectRatio: item.type == .episode || item.type == .video ? 16.0 / 9.0 : 2.0 / 3.0,
            LocationType: "FileSystem", VideoType: item.type.isFolder ? nil : "VideoFile",
            HasSubtitles: video.map { $0.streams.contains { $0.type == .subtitle } },
            CanDelete: false, CanDownload: !item.type.isFolder, Width: firstVideo?.width, Height: firstVideo?.height,
            LocalTrailerCount: 0, PlayAccess: "Full")
        dto.UserData = userDataDto(userData, item: item, counts: counts)
        if item.type.isFolder {
            dto.ChildCount = counts?.children ?? 0
            dto.RecursiveItemCount = counts?.episodes ?? 0
        }
        if options.wants("Path") { dto.Path = item.path }
        if options.wants("MediaSources") || options.wants("MediaStreams"), !item.type.isFolder {
            let source = mediaSource(for: item)
            if options.wants("MediaSources") { dto.MediaSources = [source] }
            dto.MediaStreams = source.MediaStreams
        }
        if options.wants("Chapters"), let chapters = video?.chapters {
            dto.Chapters = chapters.map { .init(StartPositionTicks: $0.startPositionTicks, Name: $0.name) }
        }
        return dto
    }

    func userDataDto(_ data: MediaUserData?, item: MediaItem, counts: (children: Int, episodes: Int, unplayed: Int)?) -> UserItemDataDto {
        let position = data?.playbackPositionTicks ?? 0
        var dto = UserItemDataDto(
            PlaybackPositionTicks: position, PlayCount: data?.playCount ?? 0, IsFavorite: data?.isFavorite ?? false,
            Played: data?.played ?? false, Key: item.id, ItemId: item.id,
            LastPlayedDate: data?.lastPlayedAt.map { jellyfinDate(millisecondsSinceEpoch: $0) })
        if let runtime = item.runtimeTicks, runtime > 0, position > 0 {
            dto.PlayedPercentage = min(100, Double(position) / Double(runtime) * 100)
        }
        if item.type.isFolder, let counts {
            dto.UnplayedItemCount = counts.unplayed
            dto.Played = counts.episodes > 0 && counts.unplayed == 0
        }
        return dto
    }

    /// The file as it is, with its streams and external subtitles; PlaybackInfo adds how to get it.
    func mediaSource(for item: MediaItem) -> MediaSourceInfo {
        let streams = (item.media?.streams ?? []).map { stream -> MediaStreamDto in
            var dto = MediaStreamDto(stream)
            if stream.type == .subtitle, stream.isTextSubtitle {
                dto.DeliveryMethod = "External"
                dto.DeliveryUrl = "/Videos/\(item.id)/\(item.id)/Subtitles/\(stream.index)/0/Stream.vtt"
                dto.IsExternalUrl = false
            }
            return dto
        }
        return MediaSourceInfo(
            Id: item.id, Path: item.path, Container: item.container, Size: item.size,
            Name: item.path.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension } ?? item.name,
            ETag: Self.tag(item.id, item.modifiedAt ?? 0), RunTimeTicks: item.runtimeTicks,
            SupportsTranscoding: true, SupportsDirectStream: true, SupportsDirectPlay: true, MediaStreams: streams,
            Bitrate: item.media?.bitrate,
            DefaultAudioStreamIndex: (item.media?.streams ?? []).first { $0.type == .audio && $0.isDefault }?.index
                ?? (item.media?.streams ?? []).first { $0.type == .audio }?.index,
            DefaultSubtitleStreamIndex: (item.media?.streams ?? []).first { $0.type == .subtitle && ($0.isForced || $0.isDefault) }?.index)
    }

    func imageTags(of item: MediaItem) -> [String: String] {
        var tags: [String: String] = [:]
        for type in item.images.keys where type != "Backdrop" { tags[type] = imageTag(of: item, type) }
        if let frame = frameTag(of: item) { tags[ImageType.primary.rawValue] = frame }
        return tags
    }

    /// The file's modification time is part of the tag: a replaced poster gets a new one, so clients that cache
    /// images by tag ask again (the server's own resize cache already keys on path, size and time).
    func imageTag(of item: MediaItem, _ type: String) -> String? {
        item.images[type].map { Self.tag(type, $0, FileFacts(path: $0)?.modified ?? 0) }
    }

    /// A short stable tag (an MD5 of what identifies the thing), as Jellyfin's image tags and etags.
    static func tag(_ parts: any CustomStringConvertible...) -> String {
        Hex.lowercase(Insecure.MD5.hash(data: Data(parts.map(\.description).joined(separator: "|").utf8)))
    }

    /// A 32-hex id derived from what a thing is, so it survives rescans and rebuilt databases.
    static func identifier(_ kind: String, _ key: String) -> String {
        tag("kinora", kind, key)
    }

    /// A library as the `CollectionFolder` item of `/UserViews` and `/Library/MediaFolders`.
    func dto(for library: MediaLibrary, childCount: Int?) -> BaseItemDto {
        BaseItemDto(
            Name: library.name, ServerId: serverID, Id: library.id, Etag: Self.tag(library.id, library.paths.joined()),
            DateCreated: jellyfinDate(millisecondsSinceEpoch: library.createdAt), SortName: library.name.lowercased(),
            IsFolder: true, Type: "CollectionFolder", MediaType: "Unknown", CollectionType: library.collectionType,
            ChildCount: childCount, ImageTags: [:], BackdropImageTags: [], PrimaryImageAspectRatio: 16.0 / 9.0,
            LocationType: "FileSystem", DisplayPreferencesId: library.id, PlayAccess: "Full")
    }
}
