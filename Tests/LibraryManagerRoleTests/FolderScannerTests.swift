import Testing

@testable import LibraryManagerRole

/// Which episodes a file in a series folder holds: season folders, scene names, multi-episode
/// files, anime absolute numbers, daily shows — and the reason when it cannot be told.
struct FolderScannerTests {
    static func episode(_ season: Int, _ number: Int, absolute: Int? = nil, airDate: String? = nil) -> EpisodeRecord {
        EpisodeRecord(
            id: Int64(season * 1000 + number), seriesId: 1, seasonNumber: season, episodeNumber: number, absoluteEpisodeNumber: absolute,
            title: nil, airDate: airDate, airDateUtc: nil, runtime: nil, overview: nil, monitored: true, episodeFileId: nil, tvdbId: nil)
    }

    static let standard = [episode(1, 1), episode(1, 2), episode(1, 3), episode(2, 1), episode(2, 10)]
    static let anime = [episode(1, 1, absolute: 1), episode(1, 2, absolute: 2), episode(2, 1, absolute: 27), episode(2, 2, absolute: 28)]
    static let daily = [episode(2024, 41, airDate: "2024-03-05"), episode(2024, 42, airDate: "2024-03-06")]

    /// relative path, series type, episodes, expected ids (nil: not matched).
    @Test(arguments: [
        ("Season 01/Show - S01E02 - Title.mkv", "standard", standard, [1002] as [Int]?),
        ("Season 1/Show.S01E01E02E03.1080p.WEB-DL-GRP.mkv", "standard", standard, [1001, 1002, 1003]),
        ("Show.S02E10.720p.HDTV.x264-GRP.mkv", "standard", standard, [2010]),
        ("Season 02/Show - 2x01.avi", "standard", standard, [2001]),
        ("Season 03/Show - S03E01.mkv", "standard", standard, nil),
        ("Extras/notes.mkv", "standard", standard, nil),
        ("[Group] Show - 27 [1080p].mkv", "anime", anime, [2001]),
        ("[Group] Show - 02 [1080p].mkv", "anime", anime, [1002]),
        ("Show.2024.03.06.Guest.Name.720p.WEB.h264-GRP.mkv", "daily", daily, [2024042]),
        ("Show - 2024-03-07.mkv", "daily", daily, nil),
    ])
    func matches(_ path: String, type: String, episodes: [EpisodeRecord], expected: [Int]?) {
        let file = FoundFile(relativePath: path, path: "/library/Show/" + path, size: 1)
        let result = FolderScanner.episodes(for: file, seriesFolderName: "Show", seriesType: type, episodes: episodes)
        switch result {
        case .success(let found):
            #expect(found.compactMap(\.id).map(Int.init).sorted() == expected)
        case .failure(let unmatched):
            #expect(expected == nil, "not matched: \(unmatched.reason)")
            #expect(!unmatched.reason.isEmpty)
        }
    }
}
