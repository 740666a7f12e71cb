/// A series as the series role stores it: ids in the databases it is known by, descriptive fields,
/// artwork, and (for full lookups) its seasons and episodes.
public struct SeriesMetadata: Sendable, Codable, Equatable {
    public var tvdbId: Int?
    public var tmdbId: Int?
    public var imdbId: String?
    public var tvMazeId: Int?
    public var title: String
    public var originalTitle: String?
    public var year: Int?
    /// `YYYY-MM-DD`.
    public var firstAired: String?
    public var lastAired: String?
    /// `continuing`, `ended` or `upcoming`, Sonarr's values.
    public var status: String
    public var overview: String?
    public var network: String?
    /// `HH:mm`, in the network's local time.
    public var airTime: String?
    /// Typical episode length in minutes.
    public var runtime: Int?
    public var certification: String?
    public var genres: [String]
    /// English name of the original language, e.g. `Japanese`.
    public var originalLanguage: String?
    public var ratingValue: Double?
    public var ratingVotes: Int?
    public var images: [MetadataImage]
    public var seasons: [SeasonMetadata]
    public var episodes: [EpisodeMetadata]
    public var isAnime: Bool

    public init(
        tvdbId: Int? = nil, tmdbId: Int? = nil, imdbId: String? = nil, tvMazeId: Int? = nil,
        title: String, originalTitle: String? = nil, year: Int? = nil,
        firstAired: String? = nil, lastAired: String? = nil, status: String = "continuing", overview: String? = nil,
        network: String? = nil, airTime: String? = nil, runtime: Int? = nil, certification: String? = nil,
        genres: [String] = [], originalLanguage: String? = nil, ratingValue: Double? = nil, ratingVotes: Int? = nil,
        images: [MetadataImage] = [], seasons: [SeasonMetadata] = [], episodes: [EpisodeMetadata] = [],
        isAnime: Bool = false
    ) {
        self.tvdbId = tvdbId
        self.tmdbId = tmdbId
        self.imdbId = imdbId
        self.tvMazeId = tvMazeId
        self.title = title
        self.originalTitle = originalTitle
        self.year = year
        self.firstAired = firstAired
        self.lastAired = lastAired
        self.status = status
        self.overview = overview
        self.network = network
        self.airTime = airTime
        self.runtime = runtime
        self.certification = certification
        self.genres = genres
        self.originalLanguage = originalLanguage
        self.ratingValue = ratingValue
        self.ratingVotes = ratingVotes
        self.images = images
        self.seasons = seasons
        self.episodes = episodes
        self.isAnime = isAnime
    }

    /// Only `title` is required, so hand-written catalogs stay short; lists default to empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tvdbId: try c.decodeIfPresent(Int.self, forKey: .tvdbId),
            tmdbId: try c.decodeIfPresent(Int.self, forKey: .tmdbId),
            imdbId: try c.decodeIfPresent(String.self, forKey: .imdbId),
            tvMazeId: try c.decodeIfPresent(Int.self, forKey: .tvMazeId),
            title: try c.decode(String.self, forKey: .title),
            originalTitle: try c.decodeIfPresent(String.self, forKey: .originalTitle),
            year: try c.decodeIfPresent(Int.self, forKey: .year),
            firstAired: try c.decodeIfPresent(String.self, forKey: .firstAired),
            lastAired: try c.decodeIfPresent(String.self, forKey: .lastAired),
            status: try c.decodeIfPresent(String.self, forKey: .status) ?? "continuing",
            overview: try c.decodeIfPresent(String.self, forKey: .overview),
            network: try c.decodeIfPresent(String.self, forKey: .network),
            airTime: try c.decodeIfPresent(String.self, forKey: .airTime),
            runtime: try c.decodeIfPresent(Int.self, forKey: .runtime),
            certification: try c.decodeIfPresent(String.self, forKey: .certification),
            genres: try c.decodeIfPresent([String].self, forKey: .genres) ?? [],
            originalLanguage: try c.decodeIfPresent(String.self, forKey: .originalLanguage),
            ratingValue: try c.decodeIfPresent(Double.self, forKey: .ratingValue),
            ratingVotes: try c.decodeIfPresent(Int.self, forKey: .ratingVotes),
            images: try c.decodeIfPresent([MetadataImage].self, forKey: .images) ?? [],
            seasons: try c.decodeIfPresent([SeasonMetadata].self, forKey: .seasons) ?? [],
            episodes: try c.decodeIfPresent([EpisodeMetadata].self, forKey: .episodes) ?? [],
            isAnime: try c.decodeIfPresent(Bool.self, forKey: .isAnime) ?? false
        )
    }
}

/// A season's number and artwork; its episodes live in `SeriesMetadata.episodes`.
public struct SeasonMetadata: Sendable, Codable, Equatable {
    public var seasonNumber: Int
    public var images: [MetadataImage]

    public init(seasonNumber: Int, images: [MetadataImage] = []) {
        self.seasonNumber = seasonNumber
        self.images = images
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            seasonNumber: try c.decode(Int.self, forKey: .seasonNumber),
            images: try c.decodeIfPresent([MetadataImage].self, forKey: .images) ?? []
        )
    }
}

/// One episode. Season 0 holds specials, as in Sonarr.
public struct EpisodeMetadata: Sendable, Codable, Equatable {
    public var seasonNumber: Int
    public var episodeNumber: Int
    /// Position in air order over seasons 1 and up; set for anime.
    public var absoluteEpisodeNumber: Int?
    public var title: String?
    /// `YYYY-MM-DD`, the local air date.
    public var airDate: String?
    /// ISO 8601 in UTC, `2008-01-21T02:00:00Z`, when the air time is known.
    public var airDateUtc: String?
    public var runtime: Int?
    public var overview: String?
    public var tvdbId: Int?

    public init(
        seasonNumber: Int, episodeNumber: Int, absoluteEpisodeNumber: Int? = nil, title: String? = nil,
        airDate: String? = nil, airDateUtc: String? = nil, runtime: Int? = nil, overview: String? = nil,
        tvdbId: Int? = nil
    ) {
        self.seasonNumber = seasonNumber
        self.episodeNumber = episodeNumber
        self.absoluteEpisodeNumber = absoluteEpisodeNumber
        self.title = title
        self.airDate = airDate
        self.airDateUtc = airDateUtc
        self.runtime = runtime
        self.overview = overview
        self.tvdbId = tvdbId
    }
}
