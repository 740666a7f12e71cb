import Foundation

/// A file stem split into lowercase words for the hand-written episode patterns.
struct EpisodeTokens: Sendable {
    let words: [String]

    init(_ stem: String) {
        words = stem.prefix(512).lowercased()
            .split(whereSeparator: { " ._[]()".contains($0) })
            .map(String.init)
    }

    /// `s01e02`, `s1e2e3`, `s01e01-e03`, `1x02`, `1x02-03`.
    func seasonEpisode() -> (Int, [Int])? {
        for (index, word) in words.enumerated() {
            let joined = index + 1 < words.count && words[index + 1].hasPrefix("-") ? word + words[index + 1] : word
            if let match = Self.sxxeyy(joined) ?? Self.nxnn(joined) { return match }
        }
        return nil
    }

    /// `episode 5`, `ep 5`, `ep05`, `e05`.
    func episodeWord() -> Int? {
        for (index, word) in words.enumerated() {
            if word == "episode" || word == "ep", index + 1 < words.count, let number = Self.number(words[index + 1]) {
                return number
            }
            for prefix in ["episode", "ep", "e"] where word.hasPrefix(prefix) {
                if let number = Self.number(word.dropFirst(prefix.count)) { return number }
            }
        }
        return nil
    }

    /// A `2024-03-05` style date anywhere in the name.
    func airDate() -> AirDate? {
        for word in words where word.count == 10 {
            if let date = AirDate(parsing: word) { return date }
        }
        // Dots split `2024.03.05` into three words.
        for index in words.indices.dropLast(2) where words[index].count == 4 {
            if let year = Self.number(words[index]), let month = Self.number(words[index + 1]),
               let day = Self.number(words[index + 2]), let date = AirDate(year: year, month: month, day: day) {
                return date
            }
        }
        return nil
    }

    /// `02 - Pilot`, `102`: only used inside a season folder.
    func leadingNumber() -> Int? {
        guard let first = words.first, first.count <= 3 else { return nil }
        return Self.number(first)
    }

    static func number<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }

    /// Parses `s01e02e03` / `s01e01-e03` / `s01e01-03`; ranges expand, reversed ranges are refused.
    static func sxxeyy(_ word: String) -> (Int, [Int])? {
        guard word.hasPrefix("s") else { return nil }
        let body = word.dropFirst()
        let seasonDigits = body.prefix(while: \.isASCIIDigit)
        guard let season = number(seasonDigits), body.dropFirst(seasonDigits.count).hasPrefix("e") else { return nil }
        return episodeList(body.dropFirst(seasonDigits.count)).map { (season, $0) }
    }

    /// Parses `1x02` and `1x02-03`.
    static func nxnn(_ word: String) -> (Int, [Int])? {
        let seasonDigits = word.prefix(while: \.isASCIIDigit)
        guard let season = number(seasonDigits), seasonDigits.count <= 2 else { return nil }
        let rest = word.dropFirst(seasonDigits.count)
        guard rest.hasPrefix("x") else { return nil }
        return episodeList("e" + rest.dropFirst()).map { (season, $0) }
    }

    /// `e01e02`, `e01-e03`, `e01-03` → episode numbers.
    static func episodeList<S: StringProtocol>(_ text: S) -> [Int]? {
        var numbers: [Int] = []
        var rest = Substring(text)
        var isRange = false
        while !rest.isEmpty {
            if rest.hasPrefix("-") { isRange = true; rest = rest.dropFirst() }
            if rest.hasPrefix("e") { rest = rest.dropFirst() }
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard let value = number(digits) else { break }
            rest = rest.dropFirst(digits.count)
            if isRange, let last = numbers.last, value > last, value - last < LibraryPathParser.maxEpisodesPerFile {
                numbers.append(contentsOf: (last + 1)...value)
            } else if !isRange {
                numbers.append(value)
            }
            isRange = false
        }
        return numbers.isEmpty ? nil : numbers
    }
}
