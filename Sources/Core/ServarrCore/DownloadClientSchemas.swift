/// What `GET /api/v3/downloadclient/schema` answers (the clients Kinora can drive).
public enum DownloadClientSchemas {
    public static func templates(for app: ServarrApp) -> [ProviderResource] {
        [transmission(for: app)]
    }

    public static func template(implementation: String, app: ServarrApp) -> ProviderResource? {
        templates(for: app).first { $0.implementation.lowercased() == implementation.lowercased() }
    }

    /// The per-app names of the Transmission settings that differ (`tvCategory` / `movieCategory`...).
    public struct MediaFieldNames: Sendable, Equatable {
        public var category: String
        public var directory: String
        public var recentPriority: String
        public var olderPriority: String
    }

    public static func fieldNames(for app: ServarrApp) -> MediaFieldNames {
        switch app {
        case .sonarr:
            MediaFieldNames(category: "tvCategory", directory: "tvDirectory", recentPriority: "recentTvPriority", olderPriority: "olderTvPriority")
        case .radarr:
            MediaFieldNames(category: "movieCategory", directory: "movieDirectory", recentPriority: "recentMoviePriority", olderPriority: "olderMoviePriority")
        }
    }

    public static func defaultCategory(for app: ServarrApp) -> String {
        switch app {
        case .sonarr: "tv-sonarr"
        case .radarr: "radarr"
        }
    }

    public static func transmission(for app: ServarrApp) -> ProviderResource {
        let names = fieldNames(for: app)
        let media = app == .sonarr ? "episodes" : "movies"
        let priorities = [ProviderSelectOption(value: 0, name: "Last"), ProviderSelectOption(value: 1, name: "First")]
        let fields: [ProviderField] = [
            .textbox("host", "Host", value: "localhost"),
            .textbox("port", "Port", value: 9091),
            .checkbox("useSsl", "Use SSL", helpText: "Use secure connection when connecting to Transmission"),
            .textbox("urlBase", "URL Base", value: "/transmission/", helpText: "Adds a prefix to the Transmission rpc url, eg http://[host]:[port]/[urlBase]/rpc, defaults to '/transmission/'", advanced: true),
            .textbox("username", "Username", privacy: "userName"),
            .password("password", "Password"),
            .textbox(names.category, "Category", value: .string(defaultCategory(for: app)), helpText: "Adding a category specific to \(app == .sonarr ? "Sonarr" : "Radarr") avoids conflicts with unrelated non-\(app == .sonarr ? "Sonarr" : "Radarr") downloads. Using a category is optional, but strongly recommended. Creates a [category] subdirectory in the output directory."),
            .textbox(names.directory, "Directory", helpText: "Optional location to put downloads in, leave blank to use the default Transmission location", advanced: true),
            .select(names.recentPriority, "Recent Priority", value: 0, options: priorities, helpText: "Priority to use when grabbing \(media) that aired within the last 14 days"),
            .select(names.olderPriority, "Older Priority", value: 0, options: priorities, helpText: "Priority to use when grabbing \(media) that aired over 14 days ago"),
            .checkbox("addPaused", "Add Paused"),
        ]
        return ProviderResource(
            id: 0,
            implementation: "Transmission",
            implementationName: "Transmission",
            configContract: "TransmissionSettings",
            infoLink: "https://wiki.servarr.com/\(app.rawValue)/supported#transmission",
            tags: [],
            fields: fields.numbered(),
            presets: [],
            extra: [
                "enable": true,
                "protocol": "torrent",
                "priority": 1,
                "removeCompletedDownloads": true,
                "removeFailedDownloads": true,
            ])
    }
}
