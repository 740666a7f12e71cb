/// The commands each app accepts on `POST /api/v3/command`: name → display name, as the
/// originals derive it (words of the class name). Application updates are not supported.
public enum CommandCatalog {
    public static func known(for app: ServarrApp) -> [String: String] {
        var table: [String: String] = [:]
        for name in names(for: app) { table[name] = displayName(for: name) }
        return table
    }

    /// The canonical name and display name for a name sent in any letter case.
    public static func lookup(_ name: String, app: ServarrApp) -> (name: String, commandName: String)? {
        let lowered = name.lowercased()
        guard let canonical = names(for: app).first(where: { $0.lowercased() == lowered }) else { return nil }
        return (canonical, displayName(for: canonical))
    }

    static func names(for app: ServarrApp) -> [String] {
        common + (app == .sonarr ? series : movies)
    }

    static let common = [
        "RssSync", "RenameFiles", "CheckHealth", "Backup", "RefreshMonitoredDownloads", "ProcessMonitoredDownloads",
        "MessagingCleanup", "Housekeeping", "ClearBlocklist", "CleanUpRecycleBin", "ApplicationIndexerSync",
    ]
    static let series = [
        "RefreshSeries", "RescanSeries", "SeriesSearch", "SeasonSearch", "EpisodeSearch", "MissingEpisodeSearch",
        "CutoffUnmetEpisodeSearch", "DownloadedEpisodesScan", "RenameSeries", "ManualImport",
    ]
    static let movies = [
        "RefreshMovie", "RescanMovie", "MoviesSearch", "MissingMoviesSearch", "CutoffUnmetMoviesSearch",
        "DownloadedMoviesScan", "RenameMovie", "RefreshCollections", "ManualImport",
    ]

    /// "RefreshSeries" → "Refresh Series": the class name split at capitals, as the originals do.
    static func displayName(for name: String) -> String {
        var words: [String] = []
        var current = ""
        for character in name {
            if character.isUppercase, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }
}
