/// Makes one rendered path component safe for a file system, as the originals do: colons
/// replaced as configured, illegal characters replaced or removed, spaces collapsed, no trailing
/// dots or separators, never empty, never "." or "..", at most `maxComponentBytes` UTF-8 bytes.
public enum NamingFileName {
    /// The originals' substitutes when "Replace Illegal Characters" is on.
    static let substitutes: [Character: String] = [
        "\\": "+", "/": "+", "<": "", ">": "", "?": "!", "*": "-", "|": "", "\"": "",
    ]

    public static func clean(_ raw: String, options: NamingOptions) -> String {
        var text = replaceColons(raw, options: options)
        var cleaned = ""
        for character in text {
            if let substitute = substitutes[character] {
                cleaned += options.replaceIllegalCharacters ? substitute : ""
            } else if character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) {
                continue
            } else if character.isWhitespace {
                cleaned.append(" ")
            } else {
                cleaned.append(character)
            }
        }
        text = collapseDots(NamingTitles.collapseSpaces(cleaned))
        text = trimEnds(text)
        text = truncate(text, maxBytes: options.maxComponentBytes)
        if text.isEmpty || text == "." || text == ".." { return "_" }
        return text
    }

    static func replaceColons(_ text: String, options: NamingOptions) -> String {
        guard text.contains(":") else { return text }
        guard options.replaceIllegalCharacters else { return text.filter { $0 != ":" } }
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            guard character == ":" else {
                result.append(character)
                continue
            }
            let followedBySpace = index + 1 < characters.count && characters[index + 1] == " "
            switch options.colonReplacement {
            case .delete: break
            case .dash: result += "-"
            case .spaceDash: result += " -"
            case .spaceDashSpace: result += " - "
            case .custom(let replacement): result += replacement
            case .smart:
                if followedBySpace {
                    while result.last == " " { result.removeLast() }
                    result += " -"
                } else {
                    result += "-"
                }
            }
        }
        return result
    }

    /// Keeps "..." (an ellipsis) but folds any other run of dots into one, so ".." never appears
    /// from empty tokens between dot separators.
    static func collapseDots(_ text: String) -> String {
        var result = ""
        var run = 0
        for character in text + "\u{0}" {
            if character == "." {
                run += 1
                continue
            }
            if run > 0 { result += run == 3 ? "..." : "." }
            run = 0
            if character != "\u{0}" { result.append(character) }
        }
        return result
    }

    static func trimEnds(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last == " " || last == "." || last == "-" || last == "_" { result.removeLast() }
        while let first = result.first, first == " " { result.removeFirst() }
        return String(result)
    }

    static func truncate(_ text: String, maxBytes: Int) -> String {
        guard maxBytes > 0, text.utf8.count > maxBytes else { return text }
        var result = ""
        var bytes = 0
        for character in text {
            let size = String(character).utf8.count
            if bytes + size > maxBytes { break }
            result.append(character)
            bytes += size
        }
        return trimEnds(result)
    }
}
