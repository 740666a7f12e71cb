/// What `GET /api/v3/indexer/schema` answers: the Newznab and Torznab templates, with the
/// originals' field names, order and defaults. Prowlarr's app sync picks the template by
/// `implementation`, fills the fields it knows by name and POSTs the result back.
public enum IndexerSchemas {
    public static func templates(for app: ServarrApp) -> [ProviderResource] {
        [newznab(for: app), torznab(for: app)]
    }

    public static func template(implementation: String, app: ServarrApp) -> ProviderResource? {
        templates(for: app).first { $0.implementation.lowercased() == implementation.lowercased() }
    }

    /// Newznab categories each app searches by default.
    public static func defaultCategories(for app: ServarrApp) -> [Int] {
        switch app {
        case .sonarr: [5030, 5040]
        case .radarr: [2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060]
        }
    }

    public static func newznab(for app: ServarrApp) -> ProviderResource {
        resource(
            implementation: "Newznab", configContract: "NewznabSettings", protocolName: "usenet", app: app,
            fields: commonFields(for: app))
    }

    public static func torznab(for app: ServarrApp) -> ProviderResource {
        var fields = commonFields(for: app)
        fields.append(.number("minimumSeeders", "Minimum Seeders", value: 1, helpText: "Minimum number of seeders required.", advanced: true))
        fields.append(.number("seedCriteria.seedRatio", "Seed Ratio", helpText: "The ratio a torrent should reach before stopping, empty uses the download client's default. Ratio should be at least 1.0 and follow the indexers rules", isFloat: true))
        fields.append(.number("seedCriteria.seedTime", "Seed Time", unit: "minutes", helpText: "The time a torrent should be seeded before stopping, empty uses the download client's default", advanced: true))
        if app == .sonarr {
            fields.append(.number("seedCriteria.seasonPackSeedTime", "Season-Pack Seed Time", unit: "minutes", helpText: "The time a season-pack torrent should be seeded before stopping, empty uses the download client's default", advanced: true))
        }
        fields.append(.checkbox("rejectBlocklistedTorrentHashesWhileGrabbing", "Reject Blocklisted Torrent Hashes While Grabbing", helpText: "If a torrent is blocked by hash it may not properly be rejected during RSS/Search for some indexers, enabling this will allow it to be rejected after the torrent is grabbed, but before it is sent to the client.", advanced: true))
        if app == .radarr {
            fields.append(.select("requiredFlags", "Required Flags", value: .array([]), options: indexerFlagOptions, helpText: "What indexer flags are required?", helpLink: "https://wiki.servarr.com/radarr/settings#indexer-flags", advanced: true))
        }
        return resource(
            implementation: "Torznab", configContract: "TorznabSettings", protocolName: "torrent", app: app,
            fields: fields)
    }

    // MARK: - Pieces

    private static func commonFields(for app: ServarrApp) -> [ProviderField] {
        var fields: [ProviderField] = [
            .textbox("baseUrl", "URL"),
            .textbox("apiPath", "API Path", value: "/api", helpText: "Path to the api, usually /api", advanced: true),
            .textbox("apiKey", "API Key", privacy: "apiKey"),
        ]
        switch app {
        case .sonarr:
            fields.append(.select("categories", "Categories", value: .ints(defaultCategories(for: app)), providerAction: "newznabCategories", helpText: "Drop down list, leave blank to disable standard/daily shows"))
            fields.append(.select("animeCategories", "Anime Categories", value: .array([]), providerAction: "newznabCategories", helpText: "Drop down list, leave blank to disable anime"))
            fields.append(.checkbox("animeStandardFormatSearch", "Anime Standard Format Search", helpText: "Also search for anime using the standard numbering"))
            fields.append(.textbox("additionalParameters", "Additional Parameters", helpText: "Additional Newznab parameters", advanced: true))
            fields.append(.select("multiLanguages", "Multi Languages", value: .array([]), options: [], helpText: "What languages are normally in a multi release on this indexer?", advanced: true))
            fields.append(.select("failDownloads", "Fail Downloads", value: .array([]), options: failDownloadOptions, helpText: "While processing completed downloads, files of these types will be treated as failed", advanced: true))
        case .radarr:
            fields.append(.select("categories", "Categories", value: .ints(defaultCategories(for: app)), providerAction: "newznabCategories", helpText: "Drop down list; at least one category must be selected."))
            fields.append(.textbox("additionalParameters", "Additional Parameters", helpText: "Additional Newznab parameters", advanced: true))
            fields.append(.select("multiLanguages", "Multi Languages", value: .array([]), options: [], helpText: "What languages are normally in a multi release on this indexer?", advanced: true))
            fields.append(.select("failDownloads", "Fail Downloads", value: .array([]), options: failDownloadOptions, helpText: "While processing completed downloads, files of these types will be treated as failed", advanced: true))
            fields.append(.checkbox("removeYear", "Remove year from search string", helpText: "Should Radarr remove the year after the title when searching this indexer?", advanced: true))
        }
        return fields
    }

    private static func resource(
        implementation: String, configContract: String, protocolName: String, app: ServarrApp, fields: [ProviderField]
    ) -> ProviderResource {
        var extra: [String: ProviderValue] = [
            "enableRss": true,
            "enableAutomaticSearch": true,
            "enableInteractiveSearch": true,
            "supportsRss": true,
            "supportsSearch": true,
            "protocol": .string(protocolName),
            "priority": 25,
            "downloadClientId": 0,
        ]
        if app == .sonarr { extra["seasonSearchMaximumSingleEpisodeAge"] = 0 }
        return ProviderResource(
            id: 0,
            implementation: implementation,
            implementationName: implementation,
            configContract: configContract,
            infoLink: "https://wiki.servarr.com/\(app.rawValue)/supported#\(implementation.lowercased())",
            tags: [],
            fields: fields.numbered(),
            presets: [],
            extra: extra)
    }

    static let failDownloadOptions = [
        ProviderSelectOption(value: 0, name: "Executables"),
        ProviderSelectOption(value: 1, name: "Potentially Dangerous"),
    ]

    /// Radarr's indexer flags (bit values), used by `requiredFlags`.
    static let indexerFlagOptions = [
        ProviderSelectOption(value: 1, name: "G Freeleech"),
        ProviderSelectOption(value: 2, name: "G Halfleech"),
        ProviderSelectOption(value: 4, name: "G DoubleUpload"),
        ProviderSelectOption(value: 8, name: "PTP Golden"),
        ProviderSelectOption(value: 16, name: "PTP Approved"),
        ProviderSelectOption(value: 32, name: "G Internal"),
        ProviderSelectOption(value: 128, name: "G Scene"),
        ProviderSelectOption(value: 256, name: "G Freeleech75"),
        ProviderSelectOption(value: 512, name: "G Freeleech25"),
        ProviderSelectOption(value: 2048, name: "Nuked"),
    ]
}
