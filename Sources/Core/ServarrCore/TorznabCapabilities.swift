import Foundation

/// What an indexer's `t=caps` answer says it can do: its categories (with subcategories) and which
/// searches it supports. Read by a small tolerant scanner of the caps XML — only `<category>`,
/// `<subcat>` and `<searching>` children matter, and a feed from an unknown site is hostile until
/// checked, so anything malformed is skipped rather than trusted.
public struct TorznabCapabilities: Sendable, Equatable, Codable {
    public struct Category: Sendable, Equatable, Codable {
        public var id: Int
        public var name: String
        public var subCategories: [Category]

        public init(id: Int, name: String, subCategories: [Category] = []) {
            self.id = id
            self.name = name
            self.subCategories = subCategories
        }
    }

    public struct Search: Sendable, Equatable, Codable {
        public var available: Bool
        public var supportedParams: [String]

        public init(available: Bool, supportedParams: [String]) {
            self.available = available
            self.supportedParams = supportedParams
        }
    }

    public var categories: [Category]
    /// Keyed by the element name: `search`, `tv-search`, `movie-search`, ...
    public var searching: [String: Search]

    public init(categories: [Category] = [], searching: [String: Search] = [:]) {
        self.categories = categories
        self.searching = searching
    }

    /// Every category id, parents and subcategories, ascending.
    public var categoryIds: [Int] {
        Set(categories.flatMap { [$0.id] + $0.subCategories.map(\.id) }).sorted()
    }

    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case indexerError(code: Int?, description: String)
        case notCapabilities

        public var description: String {
            switch self {
            case .indexerError(let code, let text):
                "the indexer answered with an error\(code.map { " \($0)" } ?? ""): \(text)"
            case .notCapabilities: "the answer is not a Newznab/Torznab capabilities document"
            }
        }
    }

    /// Parses a caps document; a Newznab `<error>` answer or anything without `<caps>` throws.
    public static func parse(_ xml: String) throws(ParseError) -> TorznabCapabilities {
        var capabilities = TorznabCapabilities()
        var sawCaps = false
        var searchingDepth = 0
        for event in XMLEventScanner.events(in: xml) {
            switch event {
            case .start("error", let attributes, _):
                throw .indexerError(code: attributes["code"].flatMap { Int($0) }, description: attributes["description"] ?? "")
            case .start("caps", _, _): sawCaps = true
            case .start("searching", _, _): searchingDepth += 1
            case .end("searching"): searchingDepth = max(0, searchingDepth - 1)
            case .start("category", let attributes, _):
                guard let id = attributes["id"].flatMap({ Int($0) }) else { continue }
                capabilities.categories.append(Category(id: id, name: attributes["name"] ?? ""))
            case .start("subcat", let attributes, _):
                guard let id = attributes["id"].flatMap({ Int($0) }), !capabilities.categories.isEmpty else { continue }
                capabilities.categories[capabilities.categories.count - 1].subCategories.append(Category(id: id, name: attributes["name"] ?? ""))
            case .start(let name, let attributes, _) where searchingDepth > 0:
                let params = (attributes["supportedParams"] ?? "").split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
                capabilities.searching[name] = Search(available: attributes["available"]?.lowercased() == "yes", supportedParams: params)
            default: break
            }
        }
        guard sawCaps else { throw .notCapabilities }
        return capabilities
    }
}

/// The pieces of XML reading both documents share: names without prefixes, attributes, entities.
enum XMLTagScanner {
    /// `torznab:attr` → `attr`: prefixes do not matter here.
    static func localName(_ name: Substring) -> String {
        String(name.split(separator: ":").last ?? name)
    }

    static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
            rest = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { break }
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { break }
            if !key.isEmpty { result[localName(Substring(key))] = unescape(rest[..<end]) }
            rest = rest[rest.index(after: end)...]
        }
        return result
    }

    /// The five named entities and numeric ones (`&#233;`, `&#xE9;`); anything else stays as written.
    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                result.append("&")
                rest = rest.dropFirst()
                continue
            }
            let entity = rest[rest.index(after: rest.startIndex)..<semicolon]
            let named: [Substring: String] = ["lt": "<", "gt": ">", "quot": "\"", "apos": "'", "amp": "&"]
            var decoded = named[entity]
            if decoded == nil, entity.hasPrefix("#") {
                let number = entity.dropFirst()
                let value = number.hasPrefix("x") || number.hasPrefix("X") ? UInt32(number.dropFirst(), radix: 16) : UInt32(number)
                decoded = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
