import Foundation

/// The title forms the naming tokens offer (`TitleThe`, `CleanTitle`, `TitleYear`...).
enum NamingTitles {
    static func variant(_ variant: String, title: String?, year: Int?) -> String {
        guard let title, !title.isEmpty else { return "" }
        let withoutYear = self.withoutYear(title)
        switch variant {
        case "title": return title
        case "titleyear": return titleYear(title, year: year)
        case "cleantitle": return clean(title)
        case "cleantitleyear": return clean(titleYear(title, year: year))
        case "titlethe": return titleThe(title)
        case "cleantitlethe": return clean(titleThe(title))
        case "titletheyear": return titleYear(titleThe(title), year: year)
        case "cleantitletheyear": return clean(titleYear(titleThe(title), year: year))
        case "titlewithoutyear": return withoutYear
        case "cleantitlewithoutyear": return clean(withoutYear)
        case "titlethewithoutyear": return titleThe(withoutYear)
        case "cleantitlethewithoutyear": return clean(titleThe(withoutYear))
        case "titlefirstcharacter": return firstCharacter(titleThe(title))
        default: return title
        }
    }

    /// "The Series (2010)" stays; "The Series" with 2010 becomes "The Series (2010)".
    static func titleYear(_ title: String, year: Int?) -> String {
        guard let year, year > 0 else { return title }
        if title.hasSuffix("(\(year))") { return title }
        return "\(title) (\(year))"
    }

    /// Drops a trailing " (2010)".
    static func withoutYear(_ title: String) -> String {
        let characters = Array(title)
        guard characters.count >= 6, characters.last == ")" else { return title }
        let open = characters.count - 6
        guard characters[open] == "(", characters[(open + 1)..<(characters.count - 1)].allSatisfy(\.isNumber) else {
            return title
        }
        return String(characters[..<open]).providerTrimmed()
    }

    /// "The Series Title (2010)" → "Series Title, The (2010)"; also "A" and "An".
    static func titleThe(_ title: String) -> String {
        for article in ["The", "An", "A"] {
            let lead = article + " "
            guard title.count > lead.count, title.lowercased().hasPrefix(lead.lowercased()) else { continue }
            let rest = String(title.dropFirst(lead.count))
            let writtenArticle = String(title.prefix(article.count))
            let core = withoutTrailingParentheses(rest)
            let tail = String(rest.dropFirst(core.count))
            return "\(core.providerTrimmed()), \(writtenArticle)\(tail.isEmpty ? "" : " " + tail.providerTrimmed())"
        }
        return title
    }

    private static func withoutTrailingParentheses(_ text: String) -> String {
        var core = text.providerTrimmed()
        while core.hasSuffix(")"), let open = core.lastIndex(of: "(") {
            core = String(core[..<open]).providerTrimmed()
        }
        return core.isEmpty ? text : core
    }

    static func firstCharacter(_ title: String) -> String {
        guard let first = clean(title).first else { return "" }
        return first.isLetter || first.isNumber ? String(first).uppercased() : "_"
    }

    /// The "clean" form: "&" → "and", no brackets, no apostrophes or colons inside words,
    /// no lone punctuation between spaces, no diacritics.
    static func clean(_ title: String) -> String {
        var text = title.replacingOccurrences(of: "&", with: "and")
        text = String(text.map { $0 == "/" || $0 == "\\" ? " " : $0 })
        text = text.filter { !"()[]{}".contains($0) }
        var characters = Array(text)
        var result: [Character] = []
        let removable: Set<Character> = ["'", "`", ":", "?", ","]
        let loneMarks: Set<Character> = [",", "<", ">", ";", ":", "'", "\"", "|", "`", "~", "!", "?", "@", "$", "%",
            "^", "*", "-", "_", "=", "’"]
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if loneMarks.contains(character), previous == " ", next == " " {
                index += 1
                continue
            }
            if removable.contains(character) || character == "’" {
                let after = String(characters[(index + 1)...].prefix { $0.isLetter }).lowercased()
                let afterEnd = index + 1 + after.count
                let boundary = afterEnd >= characters.count || !(characters[afterEnd].isLetter || characters[afterEnd].isNumber)
                if next == nil || next == " " || (["s", "m", "t", "ve", "ll", "d", "re"].contains(after) && boundary) {
                    index += 1
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        characters = result
        text = String(characters).folding(options: .diacriticInsensitive, locale: nil)
        return collapseSpaces(text)
    }

    static func collapseSpaces(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == " ", result.last == " " { continue }
            result.append(character)
        }
        return result.providerTrimmed()
    }

    /// One title, or for several episodes the shared title of "Title (1)"/"Title (2)" or
    /// "Title, Part 1"/"Title, Part 2", else all titles joined with " + ".
    static func episodeTitle(_ titles: [String]) -> String {
        let nonEmpty = titles.filter { !$0.isEmpty }
        guard nonEmpty.count > 1 else { return nonEmpty.first ?? "" }
        let bases = nonEmpty.map(withoutPartNumber)
        if let first = bases.first, bases.allSatisfy({ $0 == first }) { return first }
        return nonEmpty.joined(separator: " + ")
    }

    /// "Title (2)" → "Title"; "Title, Part 2" / "Title Pt. 2" → "Title".
    static func withoutPartNumber(_ title: String) -> String {
        var text = title.providerTrimmed()
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("),
            text[text.index(after: open)..<text.index(before: text.endIndex)].allSatisfy(\.isNumber),
            text.index(after: open) < text.index(before: text.endIndex)
        {
            return String(text[..<open]).providerTrimmed()
        }
        let digits = text.reversed().prefix { $0.isNumber }
        guard !digits.isEmpty else { return text }
        text = String(text.dropLast(digits.count)).providerTrimmed()
        for marker in ["part", "pt.", "pt"] where text.lowercased().hasSuffix(marker) {
            var base = String(text.dropLast(marker.count)).providerTrimmed()
            while let last = base.last, last == "," || last == ":" || last == "-" { base.removeLast() }
            return base.providerTrimmed()
        }
        return title.providerTrimmed()
    }

    /// `{Episode Title:30}` keeps at most 30 characters, ending in "..." when cut;
    /// `{Episode Title:-30}` keeps the end instead.
    static func truncate(_ text: String, to format: String?) -> String {
        guard let format, let limit = Int(format.providerTrimmed()), limit != 0 else { return text }
        let maximum = abs(limit)
        guard text.count > maximum else { return text }
        guard maximum > 3 else { return limit > 0 ? String(text.prefix(maximum)) : String(text.suffix(maximum)) }
        if limit > 0 {
            return String(text.prefix(maximum - 3)).providerTrimmed() + "..."
        }
        return "..." + String(text.suffix(maximum - 3)).providerTrimmed()
    }
}
