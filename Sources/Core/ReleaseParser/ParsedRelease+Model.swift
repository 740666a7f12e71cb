// Value types returned by the parsers. Field names follow the domain (series title,
// season, absolute numbers...) rather than any one upstream implementation.

/// What a release name says about a TV episode (or pack of episodes).
public struct ParsedEpisodeInfo: Sendable, Equatable {
    /// Series title as written in the release (separators turned into spaces).
    public var seriesTitle: String = ""
    public var titleWithoutYear: String = ""
    public var year: Int?
    /// Alternative titles found in the name (e.g. `A / B`), the first being `seriesTitle`.
    public var allTitles: [String] = []
    public var seasonNumber: Int = 0
    public var episodeNumbers: [Int] = []
    public var absoluteEpisodeNumbers: [Double] = []
    public var specialAbsoluteEpisodeNumbers: [Double] = []
    /// Air date for daily shows, `YYYY-MM-DD`.
    public var airDate: String?
    public var dailyPart: Int?
    public var fullSeason = false
    public var partialSeason = false
    public var seasonPart: Int = 0
    public var multiSeason = false
    public var isSeasonExtra = false
    public var special = false
    public var isSplitEpisode = false
    public var isPossibleSpecialEpisode = false
    public var releaseGroup: String?
    public var releaseHash: String?
    public var releaseTitle: String = ""
    public var quality = ParsedQuality()
    public var languages: [String] = []

    public init() {}

    /// Daily episodes are identified by air date rather than numbers.
    public var isDaily: Bool { airDate != nil }
    public var isAbsoluteNumbering: Bool { !absoluteEpisodeNumbers.isEmpty }
}

/// What a release name says about a movie.
public struct ParsedMovieInfo: Sendable, Equatable {
    /// Titles in order of appearance; the first is the primary title.
    public var movieTitles: [String] = []
    public var year: Int?
    public var edition: String?
    public var tmdbId: Int?
    public var imdbId: String?
    public var hardcodedSubs: String?
    public var releaseGroup: String?
    public var releaseHash: String?
    public var releaseTitle: String = ""
    public var quality = ParsedQuality()
    public var languages: [String] = []

    public init() {}

    public var primaryTitle: String { movieTitles.first ?? "" }
}

/// Language information carried by a subtitle file name (`Movie.en.forced.srt`).
public struct SubtitleLanguageInfo: Sendable, Equatable {
    public var language: String = "Unknown"
    public var tags: [String] = []
    public var title: String?
    public var rawTitle: String?
    public init() {}
}
