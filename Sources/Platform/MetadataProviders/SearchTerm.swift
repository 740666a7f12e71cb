import Foundation

/// A search term split into its text and an optional year: `Inception 2010`, `Dune (2021)`.
/// A term that is only a year (`1917`) stays text.
struct SearchTerm: Sendable, Equatable {
    var text: String
    var year: Int?

    /// Up to a few years ahead: `Blade Runner 2049` keeps its number, `Dune 2026` is a year.
    static let plausibleYears: ClosedRange<Int> = {
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        return 1880...(thisYear + 5)
    }()

    init(_ raw: String) {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var year: Int?
        let candidates: [(suffixLength: Int, digitsOffset: Int)] = [(7, 2), (5, 1)]  // " (2010)" and " 2010"
        for (length, offset) in candidates where text.count > length {
            let suffix = Array(text.suffix(length))
            let digits = String(suffix[offset..<offset + 4])
            let shapeMatches = length == 7 ? suffix[0] == " " && suffix[1] == "(" && suffix[6] == ")" : suffix[0] == " "
            guard shapeMatches, digits.allSatisfy(\.isASCII), let value = Int(digits), Self.plausibleYears.contains(value) else { continue }
            year = value
            text = String(text.dropLast(length)).trimmingCharacters(in: .whitespaces)
            break
        }
        if text.isEmpty, let year { (self.text, self.year) = (String(year), nil); return }
        self.text = text
        self.year = year
    }
}

/// Loose title comparison for the offline catalog: case, accents and punctuation do not matter,
/// `&` equals `and`, and a leading article is optional.
enum TitleMatcher {
    /// `Amélie: Le Fabuleux Destin!` → `amelie le fabuleux destin`.
    static func normalize(_ title: String) -> String {
        let folded = title.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        var pendingSpace = false
        for character in folded {
            if character == "'" || character == "’" || character == "`" { continue }  // Grey's → greys
            if character == "&" {
                result += result.isEmpty ? "and" : " and"
                pendingSpace = true
                continue
            }
            if character.isLetter || character.isNumber {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.append(character)
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    static func withoutArticle(_ normalized: String) -> String {
        for article in ["the ", "a ", "an "] where normalized.hasPrefix(article) {
            return String(normalized.dropFirst(article.count))
        }
        return normalized
    }

    /// How well `term` (normalized) names `title`; nil when it does not match at all.
    static func score(term: String, title: String) -> Int? {
        let candidate = normalize(title)
        guard !term.isEmpty, !candidate.isEmpty else { return nil }
        if candidate == term { return 100 }
        let bareTerm = withoutArticle(term), bareCandidate = withoutArticle(candidate)
        if bareCandidate == bareTerm { return 95 }
        if bareCandidate.hasPrefix(bareTerm + " ") { return 70 }
        let termWords = bareTerm.split(separator: " ")
        let candidateWords = candidate.split(separator: " ")
        if termWords.allSatisfy({ word in candidateWords.contains { $0.hasPrefix(word) } }) { return 50 }
        if candidate.replacingOccurrences(of: " ", with: "").contains(term.replacingOccurrences(of: " ", with: "")) { return 40 }
        return nil
    }

    /// Best score over an item's titles, adjusted by the year when the term has one.
    static func score(term: SearchTerm, titles: [String?], year: Int?) -> Int? {
        let normalizedTerm = normalize(term.text)
        guard var best = titles.compactMap({ $0.flatMap { score(term: normalizedTerm, title: $0) } }).max() else { return nil }
        if let wanted = term.year, let year {
            best += wanted == year ? 10 : abs(wanted - year) == 1 ? 0 : -20
        }
        return best
    }
}
