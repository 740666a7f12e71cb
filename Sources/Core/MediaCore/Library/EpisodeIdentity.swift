import Foundation

/// Where an episode file sits in a TV library: which series, season and episode(s).
public struct EpisodeIdentity: Sendable, Hashable {
    /// Series name from the series folder, without year and provider tags.
    public var seriesName: String
    public var seriesYear: Int?
    /// Ids pinned in the series folder name, e.g. `[tvdbid-81189]`.
    public var providerIds: [MetadataProvider: String]
    /// nil when neither a season folder nor the file name says (absolute-numbered anime, daily shows).
    public var seasonNumber: Int?
    /// Several for multi-episode files (`S01E01-E03` → [1, 2, 3]); empty for daily or absolute-only files.
    public var episodeNumbers: [Int]
    /// Anime-style numbering across seasons (`[Group] Show - 105`); only set without a season folder.
    public var absoluteEpisodeNumbers: [Int]?
    /// Daily shows (`Show 2024-03-05.mkv`).
    public var airDate: AirDate?
    /// The first path component; nil for a file lying directly in the library root.
    public var seriesFolder: String?
    public var seasonFolder: String?

    public init(
        seriesName: String, seriesYear: Int? = nil, providerIds: [MetadataProvider: String] = [:],
        seasonNumber: Int? = nil, episodeNumbers: [Int] = [], absoluteEpisodeNumbers: [Int]? = nil,
        airDate: AirDate? = nil, seriesFolder: String? = nil, seasonFolder: String? = nil
    ) {
        self.seriesName = seriesName
        self.seriesYear = seriesYear
        self.providerIds = providerIds
        self.seasonNumber = seasonNumber
        self.episodeNumbers = episodeNumbers
        self.absoluteEpisodeNumbers = absoluteEpisodeNumbers
        self.airDate = airDate
        self.seriesFolder = seriesFolder
        self.seasonFolder = seasonFolder
    }
}
