import Testing

@testable import LibraryManagerRole

/// Sonarr's monitoring options for a new series, over a small season table.
struct SeriesMonitoringTests {
    static let now = "2026-06-01T00:00:00Z"
    static let seasons = [SeasonState(seasonNumber: 0, monitored: false), SeasonState(seasonNumber: 1, monitored: true), SeasonState(seasonNumber: 2, monitored: true)]

    static func episode(_ season: Int, _ number: Int, aired: String?, file: Int64? = nil) -> EpisodeRecord {
        EpisodeRecord(
            id: Int64(season * 100 + number), seriesId: 1, seasonNumber: season, episodeNumber: number, absoluteEpisodeNumber: nil,
            title: nil, airDate: aired.map { String($0.prefix(10)) }, airDateUtc: aired, runtime: nil, overview: nil, monitored: false,
            episodeFileId: file, tvdbId: nil)
    }

    static let episodes = [
        episode(0, 1, aired: "2020-01-01T00:00:00Z"),
        episode(1, 1, aired: "2020-01-01T00:00:00Z", file: 7),
        episode(1, 2, aired: "2020-01-08T00:00:00Z"),
        episode(2, 1, aired: "2026-05-20T00:00:00Z"),
        episode(2, 2, aired: "2026-09-01T00:00:00Z"),
        episode(2, 3, aired: nil),
    ]

    /// option, files known, monitored episode ids (season * 100 + number).
    @Test(arguments: [
        ("all", true, [101, 102, 201, 202, 203]),
        ("none", true, []),
        ("future", true, [202, 203]),
        ("missing", true, [102, 201, 202, 203]),
        ("missing", false, [101, 102, 201, 202, 203]),
        ("existing", true, [101]),
        ("pilot", true, [101]),
        ("firstSeason", true, [101, 102]),
        ("lastSeason", true, [201, 202, 203]),
        ("latestSeason", true, [201, 202, 203]),
        ("recent", true, [201, 202, 203]),
    ])
    func option(_ option: String, filesKnown: Bool, expected: [Int]) {
        let seasons = SeriesMonitoring.seasons(Self.seasons, option: option)
        let decide = SeriesMonitoring.decision(option: option, seasons: seasons, now: Self.now, filesKnown: filesKnown)
        let monitored = Self.episodes.filter(decide).compactMap(\.id).map(Int.init)
        #expect(monitored == expected)
    }

    @Test(arguments: [
        ("all", [false, true, true]),
        ("none", [false, false, false]),
        ("firstSeason", [false, true, false]),
        ("lastSeason", [false, false, true]),
        ("monitorSpecials", [true, true, true]),
        ("unmonitorSpecials", [false, true, true]),
    ])
    func seasonFlags(_ option: String, expected: [Bool]) {
        #expect(SeriesMonitoring.seasons(Self.seasons, option: option).map(\.monitored) == expected)
    }
}
