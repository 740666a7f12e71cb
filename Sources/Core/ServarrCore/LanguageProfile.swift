import Foundation

// Sonarr v3's language profiles (`/languageprofile`). Sonarr v4 replaced them with
// custom formats but still answers the endpoint, and v3-era clients (Jellyseerr,
// Bazarr, older pyarr) still ask for it.

public struct LanguageProfileItem: Sendable, Codable, Equatable {
    public var language: ServarrLanguage
    public var allowed: Bool

    public init(language: ServarrLanguage, allowed: Bool) {
        self.language = language
        self.allowed = allowed
    }

    enum CodingKeys: String, CodingKey { case language, allowed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        language = try c.decode(ServarrLanguage.self, forKey: .language)
        allowed = try c.decodeIfPresent(Bool.self, forKey: .allowed) ?? false
    }
}

public struct LanguageProfile: Sendable, Codable, Equatable {
    public var id: Int?
    public var name: String
    public var upgradeAllowed: Bool
    public var cutoff: ServarrLanguage
    public var languages: [LanguageProfileItem]

    public init(id: Int? = nil, name: String, upgradeAllowed: Bool = false, cutoff: ServarrLanguage, languages: [LanguageProfileItem]) {
        self.id = id
        self.name = name
        self.upgradeAllowed = upgradeAllowed
        self.cutoff = cutoff
        self.languages = languages
    }

    enum CodingKeys: String, CodingKey { case id, name, upgradeAllowed, cutoff, languages }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        upgradeAllowed = try c.decodeIfPresent(Bool.self, forKey: .upgradeAllowed) ?? false
        cutoff = try c.decodeIfPresent(ServarrLanguage.self, forKey: .cutoff) ?? .english
        languages = try c.decodeIfPresent([LanguageProfileItem].self, forKey: .languages) ?? []
    }

    /// The one profile Sonarr v3 ships: "English", only English allowed, cutoff English.
    /// Items list the v3 languages (ids 0–30) by name, descending, as v3 stored them.
    public static let defaults: [LanguageProfile] = {
        let v3 = LanguageCatalog.languages(for: .sonarr).filter { $0.id >= 0 && $0.id <= 30 }
        let items = v3.sorted { $0.name > $1.name }.map { LanguageProfileItem(language: $0, allowed: $0 == .english) }
        return [LanguageProfile(id: 1, name: "English", upgradeAllowed: false, cutoff: .english, languages: items)]
    }()

    public func isAllowed(_ language: ServarrLanguage) -> Bool {
        languages.contains { $0.language.id == language.id && $0.allowed }
    }

    public func validate() -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(.init(propertyName: "Name", errorMessage: "'Name' must not be empty."))
        }
        if !languages.contains(where: \.allowed) {
            issues.append(.init(propertyName: "Languages", errorMessage: "Must have at least one allowed language."))
        }
        if !isAllowed(cutoff) {
            issues.append(.init(propertyName: "Cutoff", errorMessage: "Cutoff must be an allowed language."))
        }
        var seen = Set<Int>()
        for item in languages where !seen.insert(item.language.id).inserted {
            issues.append(.init(propertyName: "Languages", errorMessage: "Language \(item.language.id) is listed more than once."))
        }
        return issues
    }
}
