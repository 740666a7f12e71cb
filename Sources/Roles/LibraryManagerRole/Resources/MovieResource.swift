import ServarrCore

struct MovieRatingsResource: Codable, Sendable, Equatable {
    struct Rating: Codable, Sendable, Equatable {
        var votes: Int
        var value: Double
        var type: String
    }
    var tmdb: Rating?
    var imdb: Rating?
}

struct MovieCollectionResource: Codable, Sendable, Equatable {
    var title: String?
    var tmdbId: Int?
}

struct MovieStatisticsResource: Codable, Sendable, Equatable {
    var movieFileCount: Int
    var sizeOnDisk: Int64
    var releaseGroups: [String]
}

struct AddMovieOptions: Codable, Sendable, Equatable {
    var searchForMovie: Bool?
    var monitor: String?
    var ignoreEpisodesWithFiles: Bool?
    var ignoreEpisodesWithoutFiles: Bool?
}

/// The movie resource of Radarr's API v3 (answers and partial POST/PUT bodies).
struct MovieResource: Codable, Sendable, Equatable {
    var id: Int64?
    var title: String?
    var originalTitle: String?
    var originalLanguage: ServarrLanguage?
    var alternateTitles: [AlternateTitleResource]?
    var sortTitle: String?
    var sizeOnDisk: Int64?
    var status: String?
    var overview: String?
    var inCinemas: String?
    var physicalRelease: String?
    var digitalRelease: String?
    var releaseDate: String?
    var images: [ImageResource]?
    var website: String?
    var remotePoster: String?
    var year: Int?
    var youTubeTrailerId: String?
    var studio: String?
    var path: String?
    var qualityProfileId: Int?
    var hasFile: Bool?
    var movieFileId: Int64?
    var monitored: Bool?
    var minimumAvailability: String?
    var isAvailable: Bool?
    var folderName: String?
    var runtime: Int?
    var cleanTitle: String?
    var imdbId: String?
    var tmdbId: Int?
    var titleSlug: String?
    var rootFolderPath: String?
    var folder: String?
    var certification: String?
    var genres: [String]?
    var tags: [Int]?
    var added: String?
    var addOptions: AddMovieOptions?
    var ratings: MovieRatingsResource?
    var movieFile: MovieFileResource?
    var collection: MovieCollectionResource?
    var popularity: Double?
    var statistics: MovieStatisticsResource?
}

struct MovieFileResource: Codable, Sendable, Equatable {
    var id: Int64?
    var movieId: Int64?
    var relativePath: String?
    var path: String?
    var size: Int64?
    var dateAdded: String?
    var sceneName: String?
    var releaseGroup: String?
    var edition: String?
    var languages: [ServarrLanguage]?
    var quality: QualityModel?
    var customFormats: [CustomFormatReference]?
    var customFormatScore: Int?
    var indexerFlags: Int?
    var mediaInfo: MediaInfoResource?
    var originalFilePath: String?
    var qualityCutoffNotMet: Bool?
}

/// `{page, pageSize, sortKey, sortDirection, totalRecords, records}`, the *arrs' paged lists.
struct PagedResource<Record: Encodable & Sendable>: Encodable, Sendable {
    var page: Int
    var pageSize: Int
    var sortKey: String
    var sortDirection: String
    var totalRecords: Int
    var records: [Record]
}
