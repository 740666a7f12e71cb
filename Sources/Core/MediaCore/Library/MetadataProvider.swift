import Foundation

/// External metadata databases an item can be linked to. Raw values are the keys Jellyfin
/// uses in `ProviderIds`, so ids flow to clients and plugins unchanged.
public enum MetadataProvider: String, Sendable, Hashable, CaseIterable, Codable {
    case imdb = "Imdb"
    case tmdb = "Tmdb"
    case tvdb = "Tvdb"
    case tvmaze = "TvMaze"
    case anidb = "AniDB"

    /// Provider named by a tag key or NFO `uniqueid` type (`tmdbid`, `tvdb`, `IMDB`...).
    public init?(key: String) {
        switch key.lowercased() {
        case "imdb", "imdbid": self = .imdb
        case "tmdb", "tmdbid", "themoviedb": self = .tmdb
        case "tvdb", "tvdbid", "thetvdb": self = .tvdb
        case "tvmaze", "tvmazeid": self = .tvmaze
        case "anidb", "anidbid": self = .anidb
        default: return nil
        }
    }

    /// Normalises an id for this provider, nil when it is not plausible. Validating here keeps
    /// junk like `[tmdbid-abc]` from being sent to a remote API.
    public func normalizedID(_ raw: String) -> String? {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty, value.utf8.count <= 24 else { return nil }
        switch self {
        case .imdb:
            let lower = value.lowercased()
            guard lower.hasPrefix("tt") else { return nil }
            let digits = lower.dropFirst(2)
            guard (5...10).contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else { return nil }
            return lower
        case .tmdb, .tvdb, .tvmaze, .anidb:
            guard value.count <= 12, value.allSatisfy(\.isASCIIDigit), value.contains(where: { $0 != "0" }) else {
                return nil
            }
            return value
        }
    }
}

extension Character {
    /// `isNumber` also accepts other scripts' digits and fractions; ids are ASCII.
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
