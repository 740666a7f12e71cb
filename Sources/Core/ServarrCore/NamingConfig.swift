/// How a ":" in a name is written on disk (the originals' "Colon Replacement" setting).
public enum ColonReplacement: Sendable, Equatable {
    case delete, dash, spaceDash, spaceDashSpace
    /// The originals' default: " - " when a space follows the colon ("Star Trek: Picard"),
    /// "-" otherwise ("10:30").
    case smart
    case custom(String)

    /// Sonarr's numbers (`colonReplacementFormat`: 0 delete ... 4 smart, 5 custom).
    public init(sonarrValue: Int, custom: String = "") {
        switch sonarrValue {
        case 0: self = .delete
        case 1: self = .dash
        case 2: self = .spaceDash
        case 3: self = .spaceDashSpace
        case 5: self = .custom(custom)
        default: self = .smart
        }
    }

    public var sonarrValue: Int {
        switch self {
        case .delete: 0
        case .dash: 1
        case .spaceDash: 2
        case .spaceDashSpace: 3
        case .smart: 4
        case .custom: 5
        }
    }

    /// Radarr's names (`colonReplacementFormat`: "delete", "dash", "spaceDash", "spaceDashSpace", "smart").
    public init?(radarrName: String) {
        switch radarrName.lowercased() {
        case "delete": self = .delete
        case "dash": self = .dash
        case "spacedash": self = .spaceDash
        case "spacedashspace": self = .spaceDashSpace
        case "smart": self = .smart
        default: return nil
        }
    }

    public var radarrName: String {
        switch self {
        case .delete: "delete"
        case .dash: "dash"
        case .spaceDash: "spaceDash"
        case .spaceDashSpace: "spaceDashSpace"
        case .smart, .custom: "smart"
        }
    }
}

/// How several episodes in one file are numbered (Sonarr's `multiEpisodeStyle` numbers).
public enum MultiEpisodeStyle: Int, Sendable, Codable, CaseIterable {
    /// S01E01-02-03
    case extend = 0
    /// S01E01 - S01E02 - S01E03
    case duplicate = 1
    /// S01E01E02E03
    case `repeat` = 2
    /// S01E01-E02-E03
    case scene = 3
    /// S01E01-03
    case range = 4
    /// S01E01-E03
    case prefixedRange = 5
}

/// `/api/v3/config/naming`: Sonarr's keys for the series role, Radarr's for the movies role.
/// One type; `app` says which keys are written.
public struct NamingConfig: Sendable, Codable, Equatable {
    public var app: ServarrApp
    public var id: Int
    public var rename: Bool
    public var replaceIllegalCharacters: Bool
    public var colonReplacement: ColonReplacement
    public var multiEpisodeStyle: MultiEpisodeStyle
    public var standardEpisodeFormat: String
    public var dailyEpisodeFormat: String
    public var animeEpisodeFormat: String
    public var seriesFolderFormat: String
    public var seasonFolderFormat: String
    public var specialsFolderFormat: String
    public var standardMovieFormat: String
    public var movieFolderFormat: String

    public init(
        app: ServarrApp, id: Int, rename: Bool, replaceIllegalCharacters: Bool, colonReplacement: ColonReplacement,
        multiEpisodeStyle: MultiEpisodeStyle, standardEpisodeFormat: String, dailyEpisodeFormat: String,
        animeEpisodeFormat: String, seriesFolderFormat: String, seasonFolderFormat: String,
        specialsFolderFormat: String, standardMovieFormat: String, movieFolderFormat: String
    ) {
        self.app = app
        self.id = id
        self.rename = rename
        self.replaceIllegalCharacters = replaceIllegalCharacters
        self.colonReplacement = colonReplacement
        self.multiEpisodeStyle = multiEpisodeStyle
        self.standardEpisodeFormat = standardEpisodeFormat
        self.dailyEpisodeFormat = dailyEpisodeFormat
        self.animeEpisodeFormat = animeEpisodeFormat
        self.seriesFolderFormat = seriesFolderFormat
        self.seasonFolderFormat = seasonFolderFormat
        self.specialsFolderFormat = specialsFolderFormat
        self.standardMovieFormat = standardMovieFormat
        self.movieFolderFormat = movieFolderFormat
    }

    /// The originals' defaults (renaming off, smart colons, prefixed ranges).
    public static func defaults(for app: ServarrApp) -> NamingConfig {
        NamingConfig(
            app: app,
            id: 1,
            rename: false,
            replaceIllegalCharacters: true,
            colonReplacement: .smart,
            multiEpisodeStyle: .prefixedRange,
            standardEpisodeFormat: "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
            dailyEpisodeFormat: "{Series Title} - {Air-Date} - {Episode Title} {Quality Full}",
            animeEpisodeFormat: "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
            seriesFolderFormat: "{Series Title}",
            seasonFolderFormat: "Season {season}",
            specialsFolderFormat: "Specials",
            standardMovieFormat: "{Movie Title} ({Release Year}) {Quality Full}",
            movieFolderFormat: "{Movie Title} ({Release Year})")
    }

    public var options: NamingOptions {
        NamingOptions(
            replaceIllegalCharacters: replaceIllegalCharacters, colonReplacement: colonReplacement,
            multiEpisodeStyle: multiEpisodeStyle)
    }

    /// The formats that do not parse or lack what they must say, as validation issues
    /// (property names and messages as the originals').
    public func validationIssues() -> [ServarrValidationIssue] {
        let seasonEpisode: Set<String> = ["season", "episode"]
        let seriesTitle = NamingTokens.titleVariants.map { "series \($0)" }
        let movieTitle = NamingTokens.titleVariants.map { "movie \($0)" } + ["movie originaltitle", "movie cleanoriginaltitle"]
        typealias Rule = (property: String, format: String, isValid: (Set<String>) -> Bool, message: String)
        let rules: [Rule] =
            switch app {
            case .sonarr:
                [("StandardEpisodeFormat", standardEpisodeFormat,
                  { $0.isSuperset(of: seasonEpisode) || $0.contains("original title") || $0.contains("original filename") },
                  "Must contain season and episode numbers OR Original Title"),
                 ("DailyEpisodeFormat", dailyEpisodeFormat,
                  { $0.contains("air date") || $0.isSuperset(of: seasonEpisode) || $0.contains("original title") },
                  "Must contain Air Date OR Season and Episode OR Original Title"),
                 ("AnimeEpisodeFormat", animeEpisodeFormat,
                  { $0.contains("absolute") || $0.isSuperset(of: seasonEpisode) || $0.contains("original title") },
                  "Must contain Absolute Episode number OR Season and Episode OR Original Title"),
                 ("SeriesFolderFormat", seriesFolderFormat, { !$0.isDisjoint(with: seriesTitle) || $0.contains("tvdbid") },
                  "Must contain series title"),
                 ("SeasonFolderFormat", seasonFolderFormat, { $0.contains("season") }, "Must contain season number"),
                 ("SpecialsFolderFormat", specialsFolderFormat, { _ in true }, "")]
            case .radarr:
                [("StandardMovieFormat", standardMovieFormat,
                  { !$0.isDisjoint(with: movieTitle) || $0.contains("original title") || $0.contains("original filename") },
                  "Must contain movie title OR Original Title"),
                 ("MovieFolderFormat", movieFolderFormat, { !$0.isDisjoint(with: movieTitle) || $0.contains("tmdbid") || $0.contains("imdbid") },
                  "Must contain movie title")]
            }
        var issues: [ServarrValidationIssue] = []
        for rule in rules {
            do {
                let template = try NamingTemplate(rule.format)
                if !rule.isValid(template.tokenNames) {
                    issues.append(ServarrValidationIssue(propertyName: rule.property, errorMessage: rule.message))
                }
            } catch {
                issues.append(ServarrValidationIssue(propertyName: rule.property, errorMessage: error.description))
            }
        }
        if case .custom(let text) = colonReplacement, text.contains(where: { "\\/:*?\"<>|".contains($0) }) {
            issues.append(ServarrValidationIssue(
                propertyName: "CustomColonReplacementFormat", errorMessage: "Must not contain illegal characters"))
        }
        return issues
    }

    /// Put a `ServarrApp` under this key in a `JSONDecoder`'s `userInfo` to decode that app's
    /// shape; without it the app is recognised by Radarr's movie keys.
    public static let appUserInfoKey = CodingUserInfoKey(rawValue: "kinora.servarrApp")!

    // MARK: Codable

    enum CodingKeys: String, CodingKey {
        case id, renameEpisodes, renameMovies, replaceIllegalCharacters, colonReplacementFormat,
            customColonReplacementFormat, multiEpisodeStyle, standardEpisodeFormat, dailyEpisodeFormat,
            animeEpisodeFormat, seriesFolderFormat, seasonFolderFormat, specialsFolderFormat, standardMovieFormat,
            movieFolderFormat
    }

    /// Decodes either app's shape; Radarr's is recognised by its movie keys. Missing keys keep the
    /// app's defaults (a PUT may send a partial object).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let app = decoder.userInfo[Self.appUserInfoKey] as? ServarrApp {
            self = try Self.decode(container, app: app)
            return
        }
        let isRadarr = container.contains(.renameMovies) || container.contains(.standardMovieFormat)
            || container.contains(.movieFolderFormat)
        self = try Self.decode(container, app: isRadarr ? .radarr : .sonarr)
    }

    /// Decodes the given app's shape (the route knows which role it serves).
    public static func decode(from decoder: any Decoder, app: ServarrApp) throws -> NamingConfig {
        try decode(decoder.container(keyedBy: CodingKeys.self), app: app)
    }

    private static func decode(_ container: KeyedDecodingContainer<CodingKeys>, app: ServarrApp) throws -> NamingConfig {
        var config = defaults(for: app)
        config.id = try container.decodeIfPresent(Int.self, forKey: .id) ?? config.id
        let renameKey: CodingKeys = app == .sonarr ? .renameEpisodes : .renameMovies
        config.rename = try container.decodeIfPresent(Bool.self, forKey: renameKey) ?? config.rename
        config.replaceIllegalCharacters =
            try container.decodeIfPresent(Bool.self, forKey: .replaceIllegalCharacters) ?? config.replaceIllegalCharacters
        let custom = try container.decodeIfPresent(String.self, forKey: .customColonReplacementFormat) ?? ""
        if let colon = try container.decodeIfPresent(ProviderValue.self, forKey: .colonReplacementFormat) {
            if let number = colon.int {
                config.colonReplacement = ColonReplacement(sonarrValue: number, custom: custom)
            } else if let name = colon.string, let named = ColonReplacement(radarrName: name) {
                config.colonReplacement = named
            } else if colon.string?.lowercased() == "custom" {
                config.colonReplacement = .custom(custom)
            }
        }
        if let style = try container.decodeIfPresent(Int.self, forKey: .multiEpisodeStyle) {
            config.multiEpisodeStyle = MultiEpisodeStyle(rawValue: style) ?? config.multiEpisodeStyle
        }
        func text(_ key: CodingKeys, _ current: String) throws -> String {
            try container.decodeIfPresent(String.self, forKey: key) ?? current
        }
        config.standardEpisodeFormat = try text(.standardEpisodeFormat, config.standardEpisodeFormat)
        config.dailyEpisodeFormat = try text(.dailyEpisodeFormat, config.dailyEpisodeFormat)
        config.animeEpisodeFormat = try text(.animeEpisodeFormat, config.animeEpisodeFormat)
        config.seriesFolderFormat = try text(.seriesFolderFormat, config.seriesFolderFormat)
        config.seasonFolderFormat = try text(.seasonFolderFormat, config.seasonFolderFormat)
        config.specialsFolderFormat = try text(.specialsFolderFormat, config.specialsFolderFormat)
        config.standardMovieFormat = try text(.standardMovieFormat, config.standardMovieFormat)
        config.movieFolderFormat = try text(.movieFolderFormat, config.movieFolderFormat)
        return config
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(replaceIllegalCharacters, forKey: .replaceIllegalCharacters)
        switch app {
        case .sonarr:
            try container.encode(rename, forKey: .renameEpisodes)
            try container.encode(colonReplacement.sonarrValue, forKey: .colonReplacementFormat)
            if case .custom(let text) = colonReplacement {
                try container.encode(text, forKey: .customColonReplacementFormat)
            } else {
                try container.encode("", forKey: .customColonReplacementFormat)
            }
            try container.encode(multiEpisodeStyle.rawValue, forKey: .multiEpisodeStyle)
            try container.encode(standardEpisodeFormat, forKey: .standardEpisodeFormat)
            try container.encode(dailyEpisodeFormat, forKey: .dailyEpisodeFormat)
            try container.encode(animeEpisodeFormat, forKey: .animeEpisodeFormat)
            try container.encode(seriesFolderFormat, forKey: .seriesFolderFormat)
            try container.encode(seasonFolderFormat, forKey: .seasonFolderFormat)
            try container.encode(specialsFolderFormat, forKey: .specialsFolderFormat)
        case .radarr:
            try container.encode(rename, forKey: .renameMovies)
            try container.encode(colonReplacement.radarrName, forKey: .colonReplacementFormat)
            try container.encode(standardMovieFormat, forKey: .standardMovieFormat)
            try container.encode(movieFolderFormat, forKey: .movieFolderFormat)
        }
    }
}

/// The rendering switches a template needs.
public struct NamingOptions: Sendable, Equatable {
    public var replaceIllegalCharacters: Bool
    public var colonReplacement: ColonReplacement
    public var multiEpisodeStyle: MultiEpisodeStyle
    /// Per path component, in UTF-8 bytes (ext4, XFS, btrfs and NTFS all stop at 255).
    public var maxComponentBytes: Int

    public init(
        replaceIllegalCharacters: Bool = true, colonReplacement: ColonReplacement = .smart,
        multiEpisodeStyle: MultiEpisodeStyle = .prefixedRange, maxComponentBytes: Int = 255
    ) {
        self.replaceIllegalCharacters = replaceIllegalCharacters
        self.colonReplacement = colonReplacement
        self.multiEpisodeStyle = multiEpisodeStyle
        self.maxComponentBytes = maxComponentBytes
    }
}
