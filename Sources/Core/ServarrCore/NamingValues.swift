/// What a naming template can say about one episode file or movie file. Everything is optional:
/// a token with no value renders empty (and its optional section vanishes).
public struct NamingValues: Sendable, Equatable {
    public var seriesTitle: String?
    public var seriesYear: Int?
    public var movieTitle: String?
    /// Radarr's `{Release Year}`.
    public var movieYear: Int?
    /// The movie's title in its original language (`{Movie OriginalTitle}`).
    public var movieOriginalTitle: String?
    public var movieCollection: String?
    public var movieCertification: String?
    public var imdbId: String?
    public var tvdbId: Int?
    public var tmdbId: Int?
    public var tvMazeId: Int?
    public var seasonNumber: Int?
    public var episodeNumbers: [Int]
    public var absoluteEpisodeNumbers: [Int]
    /// `yyyy-MM-dd`.
    public var airDate: String?
    public var episodeTitles: [String]
    /// "HDTV-720p", "Bluray-1080p"...
    public var qualityTitle: String?
    public var isProper: Bool
    public var isRepack: Bool
    public var isReal: Bool
    public var releaseGroup: String?
    /// `{Edition Tags}` ("IMAX", "Director's Cut").
    public var edition: String?
    /// `{Original Title}`: the release's own name, as grabbed.
    public var originalTitle: String?
    /// `{Original Filename}`: the file's name before import, without extension.
    public var originalFilename: String?
    public var customFormats: [String]
    /// Values for the other tokens (media info...), keyed by the token's words in lower case
    /// separated by one space: `"mediainfo videocodec"`.
    public var extraTokens: [String: String]

    public init(
        seriesTitle: String? = nil, seriesYear: Int? = nil, movieTitle: String? = nil, movieYear: Int? = nil,
        movieOriginalTitle: String? = nil, movieCollection: String? = nil, movieCertification: String? = nil,
        imdbId: String? = nil, tvdbId: Int? = nil, tmdbId: Int? = nil, tvMazeId: Int? = nil,
        seasonNumber: Int? = nil, episodeNumbers: [Int] = [], absoluteEpisodeNumbers: [Int] = [],
        airDate: String? = nil, episodeTitles: [String] = [], qualityTitle: String? = nil, isProper: Bool = false,
        isRepack: Bool = false, isReal: Bool = false, releaseGroup: String? = nil, edition: String? = nil,
        originalTitle: String? = nil, originalFilename: String? = nil, customFormats: [String] = [],
        extraTokens: [String: String] = [:]
    ) {
        self.seriesTitle = seriesTitle
        self.seriesYear = seriesYear
        self.movieTitle = movieTitle
        self.movieYear = movieYear
        self.movieOriginalTitle = movieOriginalTitle
        self.movieCollection = movieCollection
        self.movieCertification = movieCertification
        self.imdbId = imdbId
        self.tvdbId = tvdbId
        self.tmdbId = tmdbId
        self.tvMazeId = tvMazeId
        self.seasonNumber = seasonNumber
        self.episodeNumbers = episodeNumbers
        self.absoluteEpisodeNumbers = absoluteEpisodeNumbers
        self.airDate = airDate
        self.episodeTitles = episodeTitles
        self.qualityTitle = qualityTitle
        self.isProper = isProper
        self.isRepack = isRepack
        self.isReal = isReal
        self.releaseGroup = releaseGroup
        self.edition = edition
        self.originalTitle = originalTitle
        self.originalFilename = originalFilename
        self.customFormats = customFormats
        self.extraTokens = extraTokens
    }
}
