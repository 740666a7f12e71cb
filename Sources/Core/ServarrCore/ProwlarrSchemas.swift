/// The indexers role's (Prowlarr's) API v1 templates: generic Torznab and Newznab indexers (a feed
/// Kinora proxies at `/{id}/api`) and the Sonarr and Radarr applications it pushes them into.
public enum ProwlarrSchemas {
    // MARK: Indexers

    public static var indexerTemplates: [ProviderResource] { [indexer(protocolName: "torrent"), indexer(protocolName: "usenet")] }

    static func indexer(protocolName: String) -> ProviderResource {
        let implementation = protocolName == "torrent" ? "Torznab" : "Newznab"
        let fields: [ProviderField] = [
            .textbox("baseUrl", "URL", helpText: "The indexer's address, e.g. https://indexer.example/"),
            .textbox("apiPath", "API Path", value: "/api", helpText: "Path to the api, usually /api", advanced: true),
            .textbox("apiKey", "API Key", privacy: "apiKey"),
            .textbox("additionalParameters", "Additional Parameters", helpText: "Additional Newznab parameters", advanced: true),
            .number("baseSettings.queryLimit", "Query Limit", unit: "queries", helpText: "The number of queries within a rolling 24 hour period", advanced: true),
            .number("baseSettings.grabLimit", "Grab Limit", unit: "grabs", helpText: "The number of grabs within a rolling 24 hour period", advanced: true),
        ]
        return ProviderResource(
            id: 0, name: nil, implementation: implementation, implementationName: implementation,
            configContract: "\(implementation)Settings", infoLink: "https://wiki.servarr.com/prowlarr/supported-indexers#\(implementation.lowercased())",
            tags: [], fields: fields.numbered(), presets: [],
            extra: [
                "enable": true, "redirect": false, "supportsRss": true, "supportsSearch": true, "supportsRedirect": false,
                "supportsPagination": false, "appProfileId": 1, "protocol": .string(protocolName), "privacy": "private",
                "priority": 25, "downloadClientId": 0, "definitionName": .string(implementation), "description": .string("Generic \(implementation) indexer"),
                "language": "en-US", "indexerUrls": .array([]), "legacyUrls": .array([]),
            ])
    }

    // MARK: Applications

    public static var applicationTemplates: [ProviderResource] { ServarrApp.allCases.map(application(for:)) }

    /// Categories Prowlarr syncs by default: an indexer whose capabilities meet none of them is not
    /// pushed to that application.
    public static func defaultSyncCategories(for app: ServarrApp) -> [Int] {
        switch app {
        case .sonarr: [5000, 5010, 5020, 5030, 5040, 5045, 5050, 5090]
        case .radarr: [2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060, 2070, 2080, 2090]
        }
    }

    public static func defaultAnimeSyncCategories(for app: ServarrApp) -> [Int] { app == .sonarr ? [5070] : [] }

    public static func application(for app: ServarrApp) -> ProviderResource {
        let name = app == .sonarr ? "Sonarr" : "Radarr"
        let port = app == .sonarr ? 8989 : 7878
        var fields: [ProviderField] = [
            .textbox("prowlarrUrl", "Prowlarr Server", value: "http://localhost:9696", helpText: "The indexers role's URL as \(name) reaches it, including any URL base"),
            .textbox("baseUrl", "\(name) Server", value: .string("http://localhost:\(port)"), helpText: "URL used to connect to \(name), including http(s):// and any URL base"),
            .textbox("apiKey", "API Key", helpText: "The API key \(name) generated, in Settings/General", privacy: "apiKey"),
            .select("syncCategories", "Sync Categories", value: .ints(defaultSyncCategories(for: app)), providerAction: "newznabCategories", helpText: "Only indexers that support these categories are synced", advanced: true),
        ]
        if app == .sonarr {
            fields.append(.select("animeSyncCategories", "Anime Sync Categories", value: .ints(defaultAnimeSyncCategories(for: app)), providerAction: "newznabCategories", helpText: "Only indexers that support these categories are synced", advanced: true))
            fields.append(.checkbox("syncAnimeStandardFormatSearch", "Sync Anime Standard Format Search", helpText: "Also search for anime using the standard numbering", advanced: true))
        }
        fields.append(.checkbox("syncRejectBlocklistedTorrentHashesWhileGrabbing", "Sync Reject Blocklisted Torrent Hashes While Grabbing", advanced: true))
        return ProviderResource(
            id: 0, implementation: name, implementationName: name, configContract: "\(name)Settings",
            infoLink: "https://wiki.servarr.com/prowlarr/supported#\(name.lowercased())", tags: [], fields: fields.numbered(), presets: [],
            extra: ["syncLevel": .string(ApplicationSyncLevel.fullSync.rawValue)])
    }
}
