/// A naming format such as `{Series Title} - S{season:00}E{episode:00} - {Episode Title}`,
/// parsed once and rendered for many files. Syntax (Servarr wiki):
/// - `{Token Name}` or `{Token Name:format}` (`{season:00}` pads, `{Episode Title:90}` truncates);
/// - text inside the braces around the token (`{[Quality Full]}`, `{-Release Group}`,
///   `{(Series Year)}`) appears only when the token is not empty;
/// - `{Series.Title}` / `{Series_Title}` put that separator between the value's words;
/// - `{series title}` writes lower case, `{SERIES TITLE}` upper case;
/// - `/` outside braces starts a sub-folder.
public struct NamingTemplate: Sendable, Equatable {
    public let format: String
    let components: [[NamingNode]]

    public init(_ format: String) throws(NamingTemplateError) {
        self.format = format
        self.components = try NamingParser.parse(format)
    }

    /// The token names used (lower case, one space between words: "series title", "season").
    public var tokenNames: Set<String> {
        var names: Set<String> = []
        for node in components.joined() {
            switch node {
            case .literal: break
            case .token(let token): names.insert(token.key)
            case .seasonEpisode(_, let season, _, let episode, _):
                names.insert(season.key)
                names.insert(episode.key)
            }
        }
        return names
    }

    /// The rendered relative path: components joined by "/", each cleaned for the file system.
    public func render(_ values: NamingValues, options: NamingOptions = NamingOptions()) -> String {
        components.map { nodes in
            let raw = NamingRenderer(values: values, options: options).render(nodes)
            return NamingFileName.clean(raw, options: options)
        }.joined(separator: "/")
    }
}

public struct NamingTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unclosedBrace
        case emptyToken
        case invalidToken
        case unknownToken
    }

    public var kind: Kind
    /// The token text as written, braces included (or the rest of the format for an unclosed brace).
    public var token: String

    public var description: String {
        switch kind {
        case .unclosedBrace: "Unclosed brace: '\(token)' has no closing '}'"
        case .emptyToken: "Empty token '\(token)'"
        case .invalidToken: "Invalid token '\(token)'"
        case .unknownToken: "Unknown token '\(token)'"
        }
    }
}

enum NamingLetterCase: Sendable, Equatable { case asIs, lower, upper }

struct NamingToken: Sendable, Equatable {
    var prefix: String
    var suffix: String
    /// Words in lower case joined by one space: "series title", "air date", "season".
    var key: String
    /// The character written between the words: " ", ".", "_" or "-".
    var separator: Character
    var format: String?
    var casing: NamingLetterCase
}

enum NamingNode: Sendable, Equatable {
    case literal(String)
    case token(NamingToken)
    /// `S{season:00}E{episode:00}` (or `{season}x{episode:00}`), expanded by the multi-episode style.
    case seasonEpisode(seasonPrefix: String, season: NamingToken, episodeSeparator: String, episode: NamingToken,
        duplicateSeparator: String)
}

enum NamingParser {
    static let prefixCharacters: Set<Character> = ["-", " ", ".", "_", "[", "("]
    static let suffixCharacters: Set<Character> = ["-", " ", ".", "_", ")", "]"]
    static let wordSeparators: Set<Character> = ["-", " ", ".", "_"]

    static func parse(_ format: String) throws(NamingTemplateError) -> [[NamingNode]] {
        var components: [[NamingNode]] = []
        var nodes: [NamingNode] = []
        var literal = ""
        var index = format.startIndex
        func flushLiteral() {
            if !literal.isEmpty { nodes.append(.literal(literal)) }
            literal = ""
        }
        while index < format.endIndex {
            let character = format[index]
            if character == "{" {
                guard let close = format[index...].firstIndex(of: "}") else {
                    throw NamingTemplateError(kind: .unclosedBrace, token: String(format[index...]))
                }
                if let nested = format[format.index(after: index)..<close].firstIndex(of: "{") {
                    throw NamingTemplateError(kind: .unclosedBrace, token: String(format[index..<nested]))
                }
                flushLiteral()
                nodes.append(.token(try token(String(format[format.index(after: index)..<close]))))
                index = format.index(after: close)
                continue
            }
            if character == "/" || character == "\\" {
                flushLiteral()
                components.append(groupSeasonEpisode(nodes))
                nodes = []
            } else {
                literal.append(character)
            }
            index = format.index(after: index)
        }
        flushLiteral()
        components.append(groupSeasonEpisode(nodes))
        return components
    }

    static func token(_ content: String) throws(NamingTemplateError) -> NamingToken {
        let written = "{\(content)}"
        var body = Substring(content)
        var prefix = ""
        while let first = body.first, prefixCharacters.contains(first) {
            prefix.append(first)
            body.removeFirst()
        }
        var suffix = ""
        while let last = body.last, suffixCharacters.contains(last) {
            suffix.insert(last, at: suffix.startIndex)
            body.removeLast()
        }
        if body.isEmpty { throw NamingTemplateError(kind: .emptyToken, token: written) }
        var format: String?
        if let colon = body.firstIndex(of: ":") {
            format = String(body[body.index(after: colon)...])
            body = body[..<colon]
        }
        var words: [String] = []
        var separator: Character = " "
        var current = ""
        for character in body {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if wordSeparators.contains(character), !current.isEmpty {
                if words.isEmpty { separator = character }
                words.append(current)
                current = ""
            } else {
                throw NamingTemplateError(kind: .invalidToken, token: written)
            }
        }
        guard !current.isEmpty else { throw NamingTemplateError(kind: .invalidToken, token: written) }
        words.append(current)
        let letters = body.filter(\.isLetter)
        let casing: NamingLetterCase =
            letters.allSatisfy(\.isLowercase) ? .lower : letters.allSatisfy(\.isUppercase) ? .upper : .asIs
        let key = words.joined(separator: " ").lowercased()
        guard NamingTokens.known.contains(key) else { throw NamingTemplateError(kind: .unknownToken, token: written) }
        return NamingToken(prefix: prefix, suffix: suffix, key: key, separator: separator, format: format, casing: casing)
    }

    /// Finds `S{season}E{episode}` so several episodes can be written in the chosen style.
    static func groupSeasonEpisode(_ nodes: [NamingNode]) -> [NamingNode] {
        var result: [NamingNode] = []
        var index = 0
        while index < nodes.count {
            if index + 2 < nodes.count,
                case .token(let season) = nodes[index], season.key == "season", season.prefix.isEmpty, season.suffix.isEmpty,
                case .literal(let between) = nodes[index + 1], isEpisodeSeparator(between),
                case .token(let episode) = nodes[index + 2], episode.key == "episode", episode.prefix.isEmpty
            {
                var seasonPrefix = ""
                var before = ""
                if case .literal(let text)? = result.last, let last = text.last, last == "S" || last == "s" {
                    seasonPrefix = String(last)
                    before = String(text.dropLast())
                    result.removeLast()
                    if !before.isEmpty { result.append(.literal(before)) }
                } else if case .literal(let text)? = result.last {
                    before = text
                }
                var duplicateSeparator = " - "
                if index + 3 < nodes.count, case .literal(let after) = nodes[index + 3] {
                    let run = after.prefix { wordSeparators.contains($0) }
                    if !run.isEmpty { duplicateSeparator = String(run) }
                } else {
                    let run = String(before.reversed().prefix { wordSeparators.contains($0) }.reversed())
                    if !run.isEmpty { duplicateSeparator = run }
                }
                result.append(.seasonEpisode(
                    seasonPrefix: seasonPrefix, season: season, episodeSeparator: between, episode: episode,
                    duplicateSeparator: duplicateSeparator))
                index += 3
                continue
            }
            result.append(nodes[index])
            index += 1
        }
        return result
    }

    /// "E", "e", "x", "X", optionally after one of "- ._": what sits between season and episode.
    static func isEpisodeSeparator(_ text: String) -> Bool {
        guard let last = text.last, "EeXx".contains(last) else { return false }
        let head = text.dropLast()
        return head.isEmpty || (head.count == 1 && head.allSatisfy { wordSeparators.contains($0) })
    }
}

/// The token names the templates accept (lower case, words joined by one space).
enum NamingTokens {
    static let titleVariants = [
        "title", "titleyear", "cleantitle", "cleantitleyear", "titlethe", "cleantitlethe", "titletheyear",
        "cleantitletheyear", "titlewithoutyear", "cleantitlewithoutyear", "titlethewithoutyear",
        "cleantitlethewithoutyear", "titlefirstcharacter",
    ]

    static let known: Set<String> = {
        var keys: Set<String> = [
            "series year", "release year", "movie originaltitle", "movie cleanoriginaltitle", "movie collection",
            "movie certification", "edition tags", "imdbid", "tvdbid", "tmdbid", "tvmazeid", "season", "episode",
            "absolute", "air date", "episode title", "episode cleantitle", "quality full", "quality title",
            "quality proper", "quality real", "release group", "original title", "original filename",
            "custom formats", "custom format", "release hash",
        ]
        for variant in titleVariants {
            keys.insert("series \(variant)")
            keys.insert("movie \(variant)")
        }
        for info in [
            "simple", "full", "audiocodec", "audiochannels", "audiolanguages", "audiolanguagesall",
            "subtitlelanguages", "subtitlelanguagesall", "videocodec", "videobitdepth", "videodynamicrange",
            "videodynamicrangetype", "3d",
        ] {
            keys.insert("mediainfo \(info)")
        }
        return keys
    }()
}
