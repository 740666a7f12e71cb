// The originals' language ids. Both start with the same 0–30 (Unknown, English, French...)
// and then diverge; Radarr also has the pseudo languages Any (-1) and Original (-2), and
// Sonarr v4 has Original (-2).

/// `{"id": 1, "name": "English"}` as the API sends it.
public struct ServarrLanguage: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String

    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }

    enum CodingKeys: String, CodingKey { case id, name }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
    }

    public static let unknown = ServarrLanguage(id: 0, name: "Unknown")
    public static let english = ServarrLanguage(id: 1, name: "English")
    public static let any = ServarrLanguage(id: -1, name: "Any")
    public static let original = ServarrLanguage(id: -2, name: "Original")
}

public enum LanguageCatalog {
    /// Every language of `app`, in id order (pseudo languages first).
    public static func languages(for app: ServarrApp) -> [ServarrLanguage] {
        table(for: app).all
    }

    public static func language(id: Int, for app: ServarrApp) -> ServarrLanguage? {
        table(for: app).byId[id]
    }

    /// Case-insensitive lookup by name; also accepts the release parser's names
    /// (`Portuguese (Brazil)`, `Spanish (Latino)`), which are the originals' names.
    public static func language(named name: String, for app: ServarrApp) -> ServarrLanguage? {
        table(for: app).byName[name.lowercased()]
    }

    /// The parser's language names mapped to the catalog; names the app does not know become Unknown.
    public static func languages(parsedNames names: [String], for app: ServarrApp) -> [ServarrLanguage] {
        var out: [ServarrLanguage] = []
        for name in names {
            let l = language(named: name, for: app) ?? .unknown
            if !out.contains(l) { out.append(l) }
        }
        return out.isEmpty ? [.unknown] : out
    }

    struct Table: Sendable {
        let all: [ServarrLanguage]
        let byId: [Int: ServarrLanguage]
        let byName: [String: ServarrLanguage]

        init(_ names: [(Int, String)]) {
            all = names.map { ServarrLanguage(id: $0.0, name: $0.1) }.sorted { $0.id < $1.id }
            byId = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            byName = Dictionary(all.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    static func table(for app: ServarrApp) -> Table {
        switch app {
        case .sonarr: sonarrTable
        case .radarr: radarrTable
        }
    }

    /// Ids 0–30 are shared by both apps.
    static let commonLanguages: [(Int, String)] = [
        (0, "Unknown"), (1, "English"), (2, "French"), (3, "Spanish"), (4, "German"), (5, "Italian"),
        (6, "Danish"), (7, "Dutch"), (8, "Japanese"), (9, "Icelandic"), (10, "Chinese"), (11, "Russian"),
        (12, "Polish"), (13, "Vietnamese"), (14, "Swedish"), (15, "Norwegian"), (16, "Finnish"), (17, "Turkish"),
        (18, "Portuguese"), (19, "Flemish"), (20, "Greek"), (21, "Korean"), (22, "Hungarian"), (23, "Hebrew"),
        (24, "Lithuanian"), (25, "Czech"),
    ]

    static let sonarrTable = Table(commonLanguages + [
        (-2, "Original"),
        (26, "Arabic"), (27, "Hindi"), (28, "Bulgarian"), (29, "Malayalam"), (30, "Ukrainian"), (31, "Slovak"),
        (32, "Thai"), (33, "Portuguese (Brazil)"), (34, "Spanish (Latino)"), (35, "Romanian"), (36, "Latvian"),
        (37, "Persian"), (38, "Catalan"), (39, "Croatian"), (40, "Serbian"), (41, "Bosnian"), (42, "Estonian"),
        (43, "Tamil"), (44, "Indonesian"), (45, "Macedonian"), (46, "Slovenian"), (47, "Azerbaijani"), (48, "Uzbek"),
        (49, "Malay"), (50, "Urdu"), (51, "Romansh"), (52, "Georgian"),
    ])

    static let radarrTable = Table(commonLanguages + [
        (-2, "Original"), (-1, "Any"),
        (26, "Hindi"), (27, "Romanian"), (28, "Thai"), (29, "Bulgarian"), (30, "Portuguese (Brazil)"),
        (31, "Arabic"), (32, "Ukrainian"), (33, "Persian"), (34, "Bengali"), (35, "Slovak"), (36, "Latvian"),
        (37, "Spanish (Latino)"), (38, "Catalan"), (39, "Croatian"), (40, "Serbian"), (41, "Bosnian"),
        (42, "Estonian"), (43, "Tamil"), (44, "Indonesian"), (45, "Telugu"), (46, "Macedonian"), (47, "Slovenian"),
        (48, "Malayalam"), (49, "Kannada"), (50, "Albanian"), (51, "Afrikaans"), (52, "Marathi"), (53, "Tagalog"),
        (54, "Urdu"), (55, "Romansh"), (56, "Mongolian"), (57, "Georgian"),
    ])
}
