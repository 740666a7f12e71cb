/// What `GET /api/v3/notification/schema` answers: the Emby / Jellyfin connection.
public enum NotificationSchemas {
    public static func templates(for app: ServarrApp) -> [ProviderResource] {
        [mediaBrowser(for: app)]
    }

    public static func template(implementation: String, app: ServarrApp) -> ProviderResource? {
        templates(for: app).first { $0.implementation.lowercased() == implementation.lowercased() }
    }

    /// The event switches each app offers, in the originals' key names (`on*`); each has a
    /// `supportsOn*` twin.
    public static func events(for app: ServarrApp) -> [String] {
        switch app {
        case .sonarr:
            ["onGrab", "onDownload", "onUpgrade", "onImportComplete", "onRename", "onSeriesAdd", "onSeriesDelete",
             "onEpisodeFileDelete", "onEpisodeFileDeleteForUpgrade", "onHealthIssue", "onHealthRestored",
             "onApplicationUpdate", "onManualInteractionRequired"]
        case .radarr:
            ["onGrab", "onDownload", "onUpgrade", "onRename", "onMovieAdded", "onMovieDelete", "onMovieFileDelete",
             "onMovieFileDeleteForUpgrade", "onHealthIssue", "onHealthRestored", "onApplicationUpdate",
             "onManualInteractionRequired"]
        }
    }

    /// Events a media-server connection reacts to (it refreshes the library on imports, renames
    /// and deletions; it has nothing to say about grabs or health).
    static let mediaBrowserEvents: Set<String> = [
        "onDownload", "onUpgrade", "onImportComplete", "onRename", "onSeriesAdd", "onSeriesDelete",
        "onEpisodeFileDelete", "onEpisodeFileDeleteForUpgrade", "onMovieAdded", "onMovieDelete", "onMovieFileDelete",
        "onMovieFileDeleteForUpgrade",
    ]

    public static func mediaBrowser(for app: ServarrApp) -> ProviderResource {
        let fields: [ProviderField] = [
            .textbox("host", "Host"),
            .textbox("port", "Port", value: 8096),
            .checkbox("useSsl", "Use SSL", helpText: "Connect to Emby / Jellyfin over HTTPS instead of HTTP"),
            .textbox("urlBase", "URL Base", value: "", helpText: "Adds a prefix to the Emby / Jellyfin url, e.g. http://[host]:[port]/[urlBase]", advanced: true),
            .textbox("apiKey", "API Key", privacy: "apiKey"),
            .checkbox("notify", "Send Notifications", helpText: "Have MediaBrowser send notifications to configured providers"),
            .checkbox("updateLibrary", "Update Library", value: true, helpText: "Update Library on Import, Rename, or Delete?"),
            .textbox("mapFrom", "Map Paths From", helpText: "Kinora path, used to modify series paths when Emby / Jellyfin sees library path location differently from Kinora (Requires 'Update Library')", advanced: true),
            .textbox("mapTo", "Map Paths To", helpText: "Emby / Jellyfin path, used to modify series paths when Emby / Jellyfin sees library path location differently from Kinora (Requires 'Update Library')", advanced: true),
        ]
        var extra: [String: ProviderValue] = ["includeHealthWarnings": false]
        for event in events(for: app) {
            let supported = mediaBrowserEvents.contains(event)
            extra[event] = false
            extra["supports" + event.prefix(1).uppercased() + event.dropFirst()] = .bool(supported)
        }
        extra["link"] = "https://jellyfin.org/"
        return ProviderResource(
            id: 0,
            implementation: "MediaBrowser",
            implementationName: "Emby / Jellyfin",
            configContract: "MediaBrowserSettings",
            infoLink: "https://wiki.servarr.com/\(app.rawValue)/supported#mediabrowser",
            tags: [],
            fields: fields.numbered(),
            presets: [],
            extra: extra)
    }
}
