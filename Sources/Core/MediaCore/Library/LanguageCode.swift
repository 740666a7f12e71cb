import Foundation

/// Maps language tokens found in file names and stream tags (`en`, `eng`, `English`, `pt-BR`,
/// `deu`) to ISO 639-2/B codes, the form Jellyfin stores on media streams.
public enum LanguageCode {
    struct Entry: Sendable {
        let bibliographic: String
        let terminology: String?
        let twoLetter: String
        let englishName: String
        let otherNames: [String]
    }

    /// The ISO 639-2/B code for a token, nil when the token is not a language we know.
    /// Case-insensitive; a region or script suffix (`pt-BR`, `zh_Hans`) is ignored.
    public static func iso6392B(_ token: String) -> String? {
        guard !token.isEmpty, token.utf8.count <= 40 else { return nil }
        let lower = token.lowercased()
        let primary = lower.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? lower
        return lookup[lower] ?? lookup[primary]
    }

    /// English display name for an ISO 639-2 code (`ger` → `German`), used in display titles.
    public static func englishName(for code: String) -> String? {
        guard let b = iso6392B(code) else { return nil }
        return entries.first { $0.bibliographic == b }?.englishName
    }

    /// Every accepted spelling → 639-2/B, built once.
    static let lookup: [String: String] = {
        var map: [String: String] = [:]
        for entry in entries {
            var keys = [entry.bibliographic, entry.twoLetter, entry.englishName.lowercased()] + entry.otherNames
            if let terminology = entry.terminology { keys.append(terminology) }
            for key in keys where map[key] == nil { map[key] = entry.bibliographic }
        }
        return map
    }()
}
