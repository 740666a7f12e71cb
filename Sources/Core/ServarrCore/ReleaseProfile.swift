// Release profiles (Sonarr v4 `/releaseprofile`): terms a release must contain (any one
// of them) and must not contain (none of them). Terms are case-insensitive substrings, or
// regexes written `/pattern/flags` (`i` for case-insensitive, as in the originals).

public struct ReleaseProfile: Sendable, Codable, Equatable {
    public var id: Int?
    public var name: String?
    public var enabled: Bool
    public var required: [String]
    public var ignored: [String]
    /// 0 = every indexer.
    public var indexerId: Int
    public var tags: [Int]

    public init(
        id: Int? = nil, name: String? = nil, enabled: Bool = true, required: [String] = [], ignored: [String] = [],
        indexerId: Int = 0, tags: [Int] = []
    ) {
        self.id = id
        self.name = name
        self.enabled = enabled
        self.required = required
        self.ignored = ignored
        self.indexerId = indexerId
        self.tags = tags
    }

    enum CodingKeys: String, CodingKey { case id, name, enabled, required, ignored, indexerId, tags }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        required = try Self.terms(c, .required)
        ignored = try Self.terms(c, .ignored)
        indexerId = try c.decodeIfPresent(Int.self, forKey: .indexerId) ?? 0
        tags = try c.decodeIfPresent([Int].self, forKey: .tags) ?? []
    }

    /// v4 sends arrays; v3-era clients send one comma-joined string.
    static func terms(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [String] {
        if let list = try? c.decodeIfPresent([String].self, forKey: key) { return list.filter { !$0.isEmpty } }
        guard let joined = try c.decodeIfPresent(String.self, forKey: key) else { return [] }
        return joined.split(separator: ",").map { String(String($0).trimmingWhitespaceAndNewlines()) }.filter { !$0.isEmpty }
    }

    public func validate() -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        if required.isEmpty && ignored.isEmpty {
            issues.append(.init(propertyName: "Required", errorMessage: "'Must contain' or 'Must not contain' is required"))
        }
        if indexerId < 0 { issues.append(.init(propertyName: "IndexerId", errorMessage: "Indexer does not exist")) }
        for term in required + ignored {
            if let reason = ReleaseProfileTerm.parse(term).invalidReason {
                let property = required.contains(term) ? "Required" : "Ignored"
                issues.append(.init(propertyName: property, errorMessage: "Invalid regular expression term '\(term)': \(reason)"))
            }
        }
        return issues
    }

    /// Compiles the terms once, for evaluating many titles.
    public func compiled() -> CompiledReleaseProfile { CompiledReleaseProfile(self) }

    /// Convenience for a single title; use `compiled()` for many.
    public func evaluate(title: String) -> ReleaseProfileVerdict { compiled().evaluate(title: title) }
}

/// Why a release profile accepts or rejects a title.
public enum ReleaseProfileVerdict: Sendable, Equatable {
    case accepted
    /// None of the "must contain" terms is present (they are listed).
    case missingRequired([String])
    /// These "must not contain" terms are present.
    case containsIgnored([String])

    public var isAccepted: Bool { self == .accepted }
}

/// One term: a plain substring or a `/regex/flags`.
enum ReleaseProfileTerm: Sendable {
    case text(String)
    case regex(UserRegex)
    /// A `/.../` term whose pattern does not compile; it never matches.
    case invalid(String)

    /// Why a `/.../` term cannot be used, if it cannot.
    var invalidReason: String? {
        if case .invalid(let reason) = self { return reason }
        return nil
    }

    static func parse(_ term: String) -> ReleaseProfileTerm {
        // `/pattern/flags`: a leading slash, a last slash, then only letters.
        if term.hasPrefix("/"), term.count >= 2, let last = term.lastIndex(of: "/"), last > term.startIndex {
            let flags = term[term.index(after: last)...]
            if flags.allSatisfy(\.isLetter) {
                let pattern = String(term[term.index(after: term.startIndex)..<last])
                switch UserRegex.compile(pattern, caseInsensitive: flags.contains("i")) {
                case .success(let r): return .regex(r)
                case .failure(.empty): return .invalid("empty pattern")
                case .failure(.tooLong): return .invalid("longer than \(UserRegex.maxPatternLength) characters")
                case .failure(.invalid): return .invalid("does not compile")
                }
            }
        }
        return .text(term.lowercased())
    }

    func matches(_ title: String, lowercased: String) -> Bool {
        switch self {
        case .text(let t): lowercased.contains(t)
        case .regex(let r): r.matches(title)
        case .invalid: false
        }
    }
}

public struct CompiledReleaseProfile: Sendable {
    public let profile: ReleaseProfile
    let required: [(String, ReleaseProfileTerm)]
    let ignored: [(String, ReleaseProfileTerm)]

    public init(_ profile: ReleaseProfile) {
        self.profile = profile
        required = profile.required.map { ($0, ReleaseProfileTerm.parse($0)) }
        ignored = profile.ignored.map { ($0, ReleaseProfileTerm.parse($0)) }
    }

    public func evaluate(title: String) -> ReleaseProfileVerdict {
        guard profile.enabled else { return .accepted }
        let lower = title.lowercased()
        if !required.isEmpty, !required.contains(where: { $0.1.matches(title, lowercased: lower) }) {
            return .missingRequired(required.map(\.0))
        }
        let hits = ignored.filter { $0.1.matches(title, lowercased: lower) }.map(\.0)
        return hits.isEmpty ? .accepted : .containsIgnored(hits)
    }
}
