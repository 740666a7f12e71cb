import Foundation
import ReleaseParser

extension LibraryPathParser {
    /// Multi-episode ranges longer than this are treated as junk, not as 10,000 episodes.
    static let maxEpisodesPerFile = 50
    static let plausibleEpisodeNumbers = 0...20_000

    /// Identifies an episode. The series is the first component under the root; the season comes
    /// from the nearest season folder when there is one (it is the user's explicit choice),
    /// otherwise from the file name; episode numbers always come from the file name.
    public static func episode(for path: RelativeMediaPath) -> EpisodeIdentity? {
        let components = path.components
        guard let fileName = components.last else { return nil }
        let seriesFolder = components.count >= 2 ? components[0] : nil
        let innerFolders = components.count > 2 ? Array(components[1..<(components.count - 1)]) : []
        var seasonFolder: String?
        var folderSeason: Int?
        for folder in innerFolders.reversed() {
            if let number = SeasonFolderName.seasonNumber(folder) {
                seasonFolder = folder
                folderSeason = number
                break
            }
        }

        guard var numbering = EpisodeNumbering(fileName: fileName, stem: path.fileStem, inSeasonFolder: folderSeason != nil)
        else { return nil }
        if let folderSeason {
            numbering.season = folderSeason
            // Inside a season folder a bare number is that season's episode, not an absolute one.
            if numbering.episodes.isEmpty, !numbering.absolute.isEmpty {
                numbering.episodes = numbering.absolute
                numbering.absolute = []
            }
        }

        let series: MediaFolderName
        if let seriesFolder {
            series = MediaFolderName(parsing: seriesFolder)
        } else {
            // A loose file in the root: the name before the episode marker is all we have.
            let parsed = MediaFolderName(parsing: numbering.seriesTitleFromFileName)
            guard !parsed.title.isEmpty else { return nil }
            series = parsed
        }
        return EpisodeIdentity(
            seriesName: series.title, seriesYear: series.year, providerIds: series.providerIds,
            seasonNumber: numbering.season, episodeNumbers: numbering.episodes,
            absoluteEpisodeNumbers: numbering.absolute.isEmpty ? nil : numbering.absolute,
            airDate: numbering.airDate, seriesFolder: seriesFolder, seasonFolder: seasonFolder
        )
    }

    public static func episode(for path: String) -> EpisodeIdentity? {
        episode(for: RelativeMediaPath(path))
    }
}
