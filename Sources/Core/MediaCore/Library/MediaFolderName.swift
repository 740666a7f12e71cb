import Foundation

/// A Jellyfin-style item name: `Title (Year) [provider-id] {edition-Name}`, as used for movie and
/// series folders and for tidy movie files. Scene names are left to `ReleaseParser`.
public struct MediaFolderName: Sendable, Hashable {
    public var title: String
    public var year: Int?
    public var providerIds: [MetadataProvider: String]
    /// From a Plex-style `{edition-Director's Cut}` tag.
    public var edition: String?

    /// Years outside this range are part of a title (`2001: A Space Odyssey` has none; `1917` does).
    static let plausibleYears = 1880...2100

    public init(title: String, year: Int? = nil, providerIds: [MetadataProvider: String] = [:], edition: String? = nil) {
        self.title = title
        self.year = year
        self.providerIds = providerIds
        self.edition = edition
    }

    /// Parses a name; the title falls back to the whole name so it is never empty for non-empty input.
    public init(parsing name: String) {
        var (text, ids) = MetadataProvider.extractTags(from: name)
        edition = Self.takeEditionTag(&text)
        providerIds = ids
        year = Self.takeTrailingYear(&text)
        title = text.isEmpty ? MetadataProvider.collapseSpaces(name) : text
    }

    /// True when the name carried anything beyond a bare title, i.e. it looks deliberately named.
    public var hasIdentifyingDetails: Bool { year != nil || !providerIds.isEmpty }

    /// Removes a trailing `(2019)`; only in parentheses, so `Blade Runner 2049` keeps its number.
    static func takeTrailingYear(_ text: inout String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return nil }
        let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        guard inner.count == 4, inner.allSatisfy(\.isASCIIDigit), let year = Int(inner),
              plausibleYears.contains(year) else { return nil }
        let rest = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty else { return nil }
        text = rest
        return year
    }

    static func takeEditionTag(_ text: inout String) -> String? {
        guard let range = text.range(of: "{edition-", options: .caseInsensitive),
              let close = text[range.upperBound...].prefix(128).firstIndex(of: "}") else { return nil }
        let edition = text[range.upperBound..<close].trimmingCharacters(in: .whitespaces)
        text = MetadataProvider.collapseSpaces(String(text[..<range.lowerBound] + text[text.index(after: close)...]))
        return edition.isEmpty ? nil : edition
    }
}
