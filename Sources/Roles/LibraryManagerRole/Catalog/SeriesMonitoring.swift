import Foundation

/// Sonarr's monitoring options for a new series (`addOptions.monitor`): which seasons and
/// episodes are wanted. Options that depend on files (`missing`, `existing`) are applied again
/// after the first scan, when the files are known.
enum SeriesMonitoring {
    static let options = [
        "unknown", "all", "future", "missing", "existing", "pilot", "firstSeason", "lastSeason", "latestSeason",
        "recent", "monitorSpecials", "unmonitorSpecials", "none", "skip",
    ]

    /// Season flags after an option: seasons without wanted episodes are switched off.
    static func seasons(_ seasons: [SeasonState], option: String) -> [SeasonState] {
        let regular = seasons.map(\.seasonNumber).filter { $0 > 0 }
        let last = regular.max()
        let first = regular.min()
        return seasons.map { season in
            var season = season
            switch option {
            case "none": season.monitored = false
            case "firstSeason", "pilot": season.monitored = season.seasonNumber == first
            case "lastSeason", "latestSeason": season.monitored = season.seasonNumber == last
            case "monitorSpecials": if season.seasonNumber == 0 { season.monitored = true }
            case "unmonitorSpecials": if season.seasonNumber == 0 { season.monitored = false }
            case "skip", "unknown": break
            default: season.monitored = season.seasonNumber > 0
            }
            return season
        }
    }

    /// Whether an episode is monitored under an option. `now` is an ISO-8601 instant; before the
    /// first scan (`filesKnown` false) `missing` and `existing` monitor every regular episode.
    static func decision(option: String, seasons: [SeasonState], now: String, filesKnown: Bool) -> @Sendable (EpisodeRecord) -> Bool {
        let watched = Set(seasons.filter(\.monitored).map(\.seasonNumber))
        let first = seasons.map(\.seasonNumber).filter { $0 > 0 }.min()
        let formatter = ISO8601DateFormatter()
        let recentText = formatter.date(from: now).map { formatter.string(from: $0.addingTimeInterval(-90 * 86_400)) } ?? now
        return { episode in
            let regular = episode.seasonNumber > 0
            let aired = episode.airDateUtc.map { $0 <= now } ?? false
            switch option {
            case "none": return false
            case "all": return regular
            case "future": return regular && !aired
            case "missing": return regular && (!filesKnown || episode.episodeFileId == nil)
            case "existing": return regular && (!filesKnown || episode.episodeFileId != nil)
            case "pilot": return episode.seasonNumber == first && episode.episodeNumber == 1
            case "firstSeason", "lastSeason", "latestSeason": return watched.contains(episode.seasonNumber)
            case "recent": return regular && (!aired || (episode.airDateUtc ?? "") >= recentText)
            case "monitorSpecials": return episode.seasonNumber == 0 ? true : episode.monitored
            case "unmonitorSpecials": return episode.seasonNumber == 0 ? false : episode.monitored
            default: return watched.contains(episode.seasonNumber)
            }
        }
    }
}
