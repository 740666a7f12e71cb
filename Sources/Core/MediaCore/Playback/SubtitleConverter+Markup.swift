import Foundation

extension SubtitleConverter {
    /// Pieces of cue text on the way to WebVTT markup.
    enum Token: Equatable {
        case text(String)
        case open(String)
        case close(String)
        case lineBreak
    }

    static let keptTags: Set<String> = ["i", "b", "u"]

    /// Renders tokens as WebVTT cue text: text escaped, tags balanced (stray closers dropped,
    /// unclosed ones closed at the end), blank and surrounding-space lines removed.
    static func render(_ tokens: [Token]) -> String {
        var output = ""
        var open: [String] = []
        for token in tokens {
            switch token {
            case .text(let text): output += escapeText(text)
            case .lineBreak: output += "\n"
            case .open(let tag):
                guard !open.contains(tag) else { continue }
                open.append(tag)
                output += "<\(tag)>"
            case .close(let tag):
                guard let position = open.lastIndex(of: tag) else { continue }
                while open.count > position { output += "</\(open.removeLast())>" }
            }
        }
        while let tag = open.popLast() { output += "</\(tag)>" }
        return output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !isOnlyTags($0) }
            .joined(separator: "\n")
    }

    static func isOnlyTags(_ line: String) -> Bool {
        var inside = false
        for character in line {
            if character == "<" { inside = true } else if character == ">" { inside = false } else if !inside { return false }
        }
        return true
    }

    /// Escapes `&`, `<`, `>` for WebVTT, leaving existing entities (`&amp;`, `&#39;`) alone.
    static func escapeText(_ text: String) -> String {
        var output = ""
        let characters = Array(text)
        for (offset, character) in characters.enumerated() {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += isEntity(characters, at: offset) ? "&" : "&amp;"
            default: output.append(character)
            }
        }
        return output
    }

    static func isEntity(_ characters: [Character], at start: Int) -> Bool {
        var index = start + 1
        var length = 0
        while index < characters.count, length <= 10 {
            let character = characters[index]
            if character == ";" { return length > 0 }
            guard character.isLetter || character.isNumber || (character == "#" && length == 0) else { return false }
            index += 1
            length += 1
        }
        return false
    }

    /// SubRip cue text: `<i>`, `<b>`, `<u>` kept; `<font>` and other tags dropped; `{\an8}`-style
    /// overrides removed.
    static func srtTokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var buffer = ""
        var index = text.startIndex
        func flush() {
            if !buffer.isEmpty { tokens.append(.text(buffer)) }
            buffer = ""
        }
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" {
                flush()
                tokens.append(.lineBreak)
                index = text.index(after: index)
            } else if character == "{", text[text.index(after: index)...].first == "\\", let close = text[index...].firstIndex(of: "}") {
                index = text.index(after: close)
            } else if character == "<", let close = text[index...].firstIndex(of: ">"),
                let tag = parseTag(text[text.index(after: index)..<close])
            {
                flush()
                if keptTags.contains(tag.name) { tokens.append(tag.closing ? .close(tag.name) : .open(tag.name)) }
                index = text.index(after: close)
            } else {
                buffer.append(character)
                index = text.index(after: index)
            }
        }
        flush()
        return tokens
    }

    /// `i`, `/i`, `font color="red"` → (name, closing); nil for text like `< 5` that is no tag.
    static func parseTag(_ inner: Substring) -> (name: String, closing: Bool)? {
        guard let first = inner.first, first.isLetter || first == "/" else { return nil }
        var body = inner.trimmingCharacters(in: .whitespaces)
        let closing = body.hasPrefix("/")
        if closing { body.removeFirst() }
        let name = body.prefix { $0.isLetter || $0.isNumber }.lowercased()
        guard !name.isEmpty, name.first?.isLetter == true else { return nil }
        return (name, closing)
    }

    /// ASS/SSA dialogue text: `\N`/`\n` line breaks, `\h` spaces, `{...}` override blocks
    /// dropped except italic/bold/underline switches, which become tags; drawings (`\p1`) dropped.
    static func assTokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var buffer = ""
        var drawing = false
        var index = text.startIndex
        func flush() {
            if !buffer.isEmpty, !drawing { tokens.append(.text(buffer)) }
            buffer = ""
        }
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", let close = text[index...].firstIndex(of: "}") {
                flush()
                for override in text[next..<close].split(separator: "\\") {
                    switch override.first {
                    case "i", "b", "u":
                        let tag = String(override.first!)
                        guard let value = Int(override.dropFirst()) else { continue }
                        tokens.append(value == 0 ? .close(tag) : .open(tag))
                    case "p":
                        if let value = Int(override.dropFirst()) { drawing = value != 0 }
                    default: continue
                    }
                }
                index = text.index(after: close)
            } else if character == "\\", next < text.endIndex, "Nnh".contains(text[next]) {
                if text[next] == "h" {
                    buffer.append(" ")
                } else {
                    flush()
                    tokens.append(.lineBreak)
                }
                index = text.index(after: next)
            } else {
                buffer.append(character)
                index = next
            }
        }
        flush()
        return tokens
    }
}
