import ServarrCore

/// `{coverType, url, remoteUrl}`: `url` is where this server serves the cached copy.
struct ImageResource: Codable, Sendable, Equatable {
    var coverType: String
    var url: String?
    var remoteUrl: String?
}

struct SeriesStatisticsResource: Codable, Sendable, Equatable {
    var seasonCount: Int?
    var episodeFileCount: Int
    var episodeCount: Int
    var totalEpisodeCount: Int
    var sizeOnDisk: Int64
    var releaseGroups: [String]
    var percentOfEpisodes: Double
    var previousAiring: String?
    var nextAiring: String?
}

struct SeasonResource: Codable, Sendable, Equatable {
    var seasonNumber: Int
    var monitored: Bool
    var statistics: SeriesStatisticsResource?
    var images: [ImageResource]?
}

struct RatingResource: Codable, Sendable, Equatable {
    var votes: Int
    var value: Double
}

/// Sonarr's `addOptions` on POST /series (`AddSeriesOptions`).
struct AddSeriesOptions: Codable, Sendable, Equatable {
    var monitor: String?
    var ignoreEpisodesWithFiles: Bool?
    var ignoreEpisodesWithoutFiles: Bool?
    var searchForMissingEpisodes: Bool?
    var searchForCutoffUnmetEpisodes: Bool?
}

/// The series resource of Sonarr's API v3, for answers and for POST/PUT bodies (where nearly
/// everything may be missing: Jellyseerr and pyarr send partial resources).
struct SeriesResource: Codable, Sendable, Equatable {
    var id: Int64?
    var title: String?
    var alternateTitles: [AlternateTitleResource]?
    var sortTitle: String?
    var status: String?
    var ended: Bool?
    var overview: String?
    var network: String?
    var airTime: String?
    var images: [ImageResource]?
    var originalLanguage: ServarrLanguage?
    var remotePoster: String?
    var seasons: [SeasonResource]?
    var year: Int?
    var path: String?
    var qualityProfileId: Int?
    var languageProfileId: Int?
    var seasonFolder: Bool?
    var monitored: Bool?
    var monitorNewItems: String?
    var useSceneNumbering: Bool?
    var runtime: Int?
    var tvdbId: Int?
    var tvRageId: Int?
    var tvMazeId: Int?
    var tmdbId: Int?
    var firstAired: String?
    var lastAired: String?
    var seriesType: String?
    var cleanTitle: String?
    var imdbId: String?
    var titleSlug: String?
    var rootFolderPath: String?
    var folder: String?
    var certification: String?
    var genres: [String]?
    var tags: [Int]?
    var added: String?
    var addOptions: AddSeriesOptions?
    var ratings: RatingResource?
    var statistics: SeriesStatisticsResource?
    var episodesChanged: Bool?
}

struct AlternateTitleResource: Codable, Sendable, Equatable {
    var title: String
    var seasonNumber: Int?
    var sceneSeasonNumber: Int?
    var sourceType: String?
    var movieMetadataId: Int?
}

struct EpisodeResource: Codable, Sendable, Equatable {
    var id: Int64?
    var seriesId: Int64?
    var tvdbId: Int?
    var episodeFileId: Int64?
    var seasonNumber: Int?
    var episodeNumber: Int?
    var title: String?
    var airDate: String?
    var airDateUtc: String?
    var runtime: Int?
    var overview: String?
    var hasFile: Bool?
    var monitored: Bool?
    var absoluteEpisodeNumber: Int?
    var unverifiedSceneNumbering: Bool?
    var series: SeriesResource?
    var episodeFile: EpisodeFileResource?
    var images: [ImageResource]?
}

struct MediaInfoResource: Codable, Sendable, Equatable {
    var audioChannels: Double?
    var audioCodec: String?
    var audioLanguages: String?
    var videoCodec: String?
    var resolution: String?
    var runTime: String?
    var subtitles: String?
}

struct EpisodeFileResource: Codable, Sendable, Equatable {
    var id: Int64?
    var seriesId: Int64?
    var seasonNumber: Int?
    var relativePath: String?
    var path: String?
    var size: Int64?
    var dateAdded: String?
    var sceneName: String?
    var releaseGroup: String?
    var languages: [ServarrLanguage]?
    var quality: QualityModel?
    var customFormats: [CustomFormatReference]?
    var customFormatScore: Int?
    var indexerFlags: Int?
    var releaseType: String?
    var mediaInfo: MediaInfoResource?
    var qualityCutoffNotMet: Bool?
}

struct CustomFormatReference: Codable, Sendable, Equatable {
    var id: Int
    var name: String
}

/// `PUT /episode/monitor`.
struct EpisodesMonitoredResource: Codable, Sendable {
    var episodeIds: [Int64]
    var monitored: Bool
}
