import Foundation

extension MetadataProvider {
    /// Removes `[tmdbid-123]`, `{tvdb-456}`, `[imdbid=tt0111161]` tags from a folder or file name and
    /// returns them; unknown bracket groups stay in the text. These tags let users pin a match.
    public static func extractTags(from name: String) -> (remainder: String, ids: [MetadataProvider: String]) {
        var ids: [MetadataProvider: String] = [:]
        var remainder = ""
        var index = name.startIndex
        while index < name.endIndex {
            let character = name[index]
            if character == "[" || character == "{",
               let (provider, id, end) = tag(in: name, openingAt: index) {
                if ids[provider] == nil { ids[provider] = id }
                index = end
                continue
            }
            remainder.append(character)
            index = name.index(after: index)
        }
        return (collapseSpaces(remainder), ids)
    }

    /// Parses the tag opening at `open`; returns the index just past its closing bracket.
    private static func tag(in name: String, openingAt open: String.Index) -> (MetadataProvider, String, String.Index)? {
        let closer: Character = name[open] == "[" ? "]" : "}"
        let innerStart = name.index(after: open)
        guard let close = name[innerStart...].prefix(64).firstIndex(of: closer) else { return nil }
        let inner = name[innerStart..<close]
        guard let separator = inner.firstIndex(where: { $0 == "-" || $0 == "=" }),
              let provider = MetadataProvider(key: String(inner[..<separator])),
              let id = provider.normalizedID(String(inner[inner.index(after: separator)...]))
        else { return nil }
        return (provider, id, name.index(after: close))
    }

    /// Finds provider ids in text holding database URLs, as Kodi users paste into NFO files:
    /// `https://www.imdb.com/title/tt0111161/`, `https://www.themoviedb.org/movie/278-title`,
    /// `https://thetvdb.com/?tab=series&id=81189`, `https://thetvdb.com/dereferrer/series/81189`.
    public static func ids(fromURLText text: String) -> [MetadataProvider: String] {
        var ids: [MetadataProvider: String] = [:]
        let lower = String(text.prefix(8192)).lowercased()
        if let id = digits(after: "imdb.com/title/tt", in: lower), let valid = MetadataProvider.imdb.normalizedID("tt" + id) {
            ids[.imdb] = valid
        }
        for marker in ["themoviedb.org/movie/", "themoviedb.org/tv/"] {
            if ids[.tmdb] == nil, let id = digits(after: marker, in: lower) { ids[.tmdb] = MetadataProvider.tmdb.normalizedID(id) }
        }
        if lower.contains("thetvdb.com") {
            for marker in ["thetvdb.com/dereferrer/series/", "thetvdb.com/series/", "&id=", "?id=", "seriesid="] {
                if ids[.tvdb] == nil, let id = digits(after: marker, in: lower) { ids[.tvdb] = MetadataProvider.tvdb.normalizedID(id) }
            }
        }
        return ids
    }

    /// The run of ASCII digits right after the first occurrence of `marker`.
    private static func digits(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let run = text[range.upperBound...].prefix(while: \.isASCIIDigit).prefix(13)
        return run.isEmpty ? nil : String(run)
    }

    static func collapseSpaces(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
