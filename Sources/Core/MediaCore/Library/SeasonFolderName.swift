import Foundation

/// Reads a season number from a folder name: `Season 01`, `Season 1`, `S01`, `Specials` (0),
/// `Series 2`, and the common localised forms (`Staffel 2`, `Saison 2`, `Сезон 2`, `第2季`).
public enum SeasonFolderName {
    static let prefixes = ["season", "series", "staffel", "saison", "temporada", "stagione", "seizoen", "sezon", "сезон", "sæson", "säsong"]
    static let specialNames: Set<String> = ["specials", "special", "season specials", "season 0", "extras specials"]

    /// The season number, nil when the folder is not a season folder.
    public static func seasonNumber(_ folder: String) -> Int? {
        guard folder.utf8.count <= 128 else { return nil }
        let lower = folder.lowercased()
            .map { "._-".contains($0) ? " " : $0 }
            .reduce(into: "") { $0.append($1) }
            .split(separator: " ").joined(separator: " ")
        if specialNames.contains(lower) { return 0 }
        for prefix in prefixes where lower.hasPrefix(prefix) {
            if let number = leadingNumber(lower.dropFirst(prefix.count).drop(while: { $0 == " " })) { return number }
        }
        // `S01`, `s2`: only when that is the whole name, so a series called `S Club` is not a season.
        if lower.hasPrefix("s"), lower.dropFirst().allSatisfy(\.isASCIIDigit), let number = leadingNumber(lower.dropFirst()) {
            return number
        }
        // `第2季` (Chinese/Japanese "season 2").
        if lower.hasPrefix("第"), lower.hasSuffix("季"), let number = leadingNumber(lower.dropFirst()) { return number }
        return nil
    }

    /// Digits at the start, ended by the end of text or a non-digit; capped to keep Int safe.
    static func leadingNumber(_ text: Substring) -> Int? {
        let digits = text.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        return Int(digits)
    }
}
