/// A movie as the movies role stores it. `tmdbId` is required: Radarr keys movies by it.
public struct MovieMetadata: Sendable, Codable, Equatable {
    public var tmdbId: Int
    public var imdbId: String?
    public var title: String
    public var originalTitle: String?
    public var alternativeTitles: [String]
    public var year: Int?
    public var overview: String?
    /// Minutes.
    public var runtime: Int?
    public var studio: String?
    /// US certification (`PG-13`), when known.
    public var certification: String?
    public var genres: [String]
    /// `announced`, `inCinemas` or `released`, Radarr's values.
    public var status: String
    /// `YYYY-MM-DD` dates of the theatrical, digital and physical releases.
    public var inCinemas: String?
    public var digitalRelease: String?
    public var physicalRelease: String?
    public var images: [MetadataImage]
    public var ratingValue: Double?
    public var ratingVotes: Int?
    public var collectionTitle: String?
    public var collectionTmdbId: Int?
    public var website: String?
    public var youTubeTrailerId: String?
    /// English name of the original language, e.g. `Japanese`.
    public var originalLanguage: String?
    public var popularity: Double?

    public init(
        tmdbId: Int, imdbId: String? = nil, title: String, originalTitle: String? = nil,
        alternativeTitles: [String] = [], year: Int? = nil, overview: String? = nil, runtime: Int? = nil,
        studio: String? = nil, certification: String? = nil, genres: [String] = [], status: String = "released",
        inCinemas: String? = nil, digitalRelease: String? = nil, physicalRelease: String? = nil,
        images: [MetadataImage] = [], ratingValue: Double? = nil, ratingVotes: Int? = nil,
        collectionTitle: String? = nil, collectionTmdbId: Int? = nil, website: String? = nil,
        youTubeTrailerId: String? = nil, originalLanguage: String? = nil, popularity: Double? = nil
    ) {
        self.tmdbId = tmdbId
        self.imdbId = imdbId
        self.title = title
        self.originalTitle = originalTitle
        self.alternativeTitles = alternativeTitles
        self.year = year
        self.overview = overview
        self.runtime = runtime
        self.studio = studio
        self.certification = certification
        self.genres = genres
        self.status = status
        self.inCinemas = inCinemas
        self.digitalRelease = digitalRelease
        self.physicalRelease = physicalRelease
        self.images = images
        self.ratingValue = ratingValue
        self.ratingVotes = ratingVotes
        self.collectionTitle = collectionTitle
        self.collectionTmdbId = collectionTmdbId
        self.website = website
        self.youTubeTrailerId = youTubeTrailerId
        self.originalLanguage = originalLanguage
        self.popularity = popularity
    }

    /// Only `tmdbId` and `title` are required; lists default to empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tmdbId: try c.decode(Int.self, forKey: .tmdbId),
            imdbId: try c.decodeIfPresent(String.self, forKey: .imdbId),
            title: try c.decode(String.self, forKey: .title),
            originalTitle: try c.decodeIfPresent(String.self, forKey: .originalTitle),
            alternativeTitles: try c.decodeIfPresent([String].self, forKey: .alternativeTitles) ?? [],
            year: try c.decodeIfPresent(Int.self, forKey: .year),
            overview: try c.decodeIfPresent(String.self, forKey: .overview),
            runtime: try c.decodeIfPresent(Int.self, forKey: .runtime),
            studio: try c.decodeIfPresent(String.self, forKey: .studio),
            certification: try c.decodeIfPresent(String.self, forKey: .certification),
            genres: try c.decodeIfPresent([String].self, forKey: .genres) ?? [],
            status: try c.decodeIfPresent(String.self, forKey: .status) ?? "released",
            inCinemas: try c.decodeIfPresent(String.self, forKey: .inCinemas),
            digitalRelease: try c.decodeIfPresent(String.self, forKey: .digitalRelease),
            physicalRelease: try c.decodeIfPresent(String.self, forKey: .physicalRelease),
            images: try c.decodeIfPresent([MetadataImage].self, forKey: .images) ?? [],
            ratingValue: try c.decodeIfPresent(Double.self, forKey: .ratingValue),
            ratingVotes: try c.decodeIfPresent(Int.self, forKey: .ratingVotes),
            collectionTitle: try c.decodeIfPresent(String.self, forKey: .collectionTitle),
            collectionTmdbId: try c.decodeIfPresent(Int.self, forKey: .collectionTmdbId),
            website: try c.decodeIfPresent(String.self, forKey: .website),
            youTubeTrailerId: try c.decodeIfPresent(String.self, forKey: .youTubeTrailerId),
            originalLanguage: try c.decodeIfPresent(String.self, forKey: .originalLanguage),
            popularity: try c.decodeIfPresent(Double.self, forKey: .popularity)
        )
    }
}
