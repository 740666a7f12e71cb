import Foundation
import ReleaseParser

// Matching releases against custom formats. Conditions of different types must all hold
// (AND); conditions of one type need one to hold (OR), except that every `required` one
// of that type must hold; `negate` inverts a single condition. A format without
// conditions never matches. Regexes are compiled once, case-insensitive, in `init`.

/// What custom formats look at in a release.
public struct ReleaseFacts: Sendable {
    public var app: ServarrApp
    public var title: String
    public var quality: ServarrQuality
    public var revision: QualityRevision
    public var releaseGroup: String?
    public var languages: [ServarrLanguage]
    /// The series' or movie's original language, for the "Original" language condition.
    public var originalLanguage: ServarrLanguage?
    public var sizeBytes: Int64?
    /// Indexer flag bits as the app numbers them (Sonarr Freeleech 1 ... Nuked 128).
    public var indexerFlags: Int
    public var edition: String?
    public var releaseType: ReleaseType?
    public var year: Int?

    public init(
        app: ServarrApp, title: String, quality: ServarrQuality, revision: QualityRevision = QualityRevision(),
        releaseGroup: String? = nil, languages: [ServarrLanguage] = [.unknown], originalLanguage: ServarrLanguage? = nil,
        sizeBytes: Int64? = nil, indexerFlags: Int = 0, edition: String? = nil, releaseType: ReleaseType? = nil, year: Int? = nil
    ) {
        self.app = app
        self.title = title
        self.quality = quality
        self.revision = revision
        self.releaseGroup = releaseGroup
        self.languages = languages
        self.originalLanguage = originalLanguage
        self.sizeBytes = sizeBytes
        self.indexerFlags = indexerFlags
        self.edition = edition
        self.releaseType = releaseType
        self.year = year
    }

    /// Facts read from a release name with the release parser: quality, revision, group and
    /// languages; for Sonarr the release type, for Radarr the edition and year.
    public init(parsing title: String, app: ServarrApp, sizeBytes: Int64? = nil, indexerFlags: Int = 0) {
        let parsed = ReleaseParser.parse(title, as: app == .sonarr ? .episode : .movie)
        self.init(app: app, title: title, quality: QualityCatalog.quality(of: parsed.quality, for: app),
                  revision: QualityRevision(parsed.quality.revision), releaseGroup: parsed.releaseGroup,
                  languages: LanguageCatalog.languages(parsedNames: parsed.languages, for: app),
                  sizeBytes: sizeBytes, indexerFlags: indexerFlags, edition: parsed.movie?.edition, year: parsed.movie?.year)
        if app == .sonarr, let episode = parsed.episode {
            if episode.fullSeason { releaseType = .seasonPack }
            else if episode.episodeNumbers.count > 1 || episode.absoluteEpisodeNumbers.count > 1 { releaseType = .multiEpisode }
            else if !episode.episodeNumbers.isEmpty || !episode.absoluteEpisodeNumbers.isEmpty || episode.airDate != nil {
                releaseType = .singleEpisode
            } else { releaseType = .unknown }
        }
    }
}

/// A compiled, case-insensitive user regex. NSRegularExpression (ICU) accepts the .NET
/// constructs custom formats use: lookbehind, named groups, `\b`, inline options.
struct UserRegex: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as safe to share between threads.
    let regex: NSRegularExpression
    static let maxPatternLength = 1000
    /// Titles are short; longer inputs are cut so a pathological pattern stays bounded.
    static let maxInputLength = 1000

    enum Failure: Error, Equatable { case empty, tooLong, invalid(String) }

    static func compile(_ pattern: String, caseInsensitive: Bool = true) -> Result<UserRegex, Failure> {
        if pattern.isEmpty { return .failure(.empty) }
        if pattern.utf16.count > maxPatternLength { return .failure(.tooLong) }
        do {
            let r = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
            return .success(UserRegex(regex: r))
        } catch {
            return .failure(.invalid(pattern))
        }
    }

    func matches(_ text: String) -> Bool {
        let ns = text as NSString
        let length = min(ns.length, Self.maxInputLength)
        return regex.firstMatch(in: text, options: [], range: NSRange(location: 0, length: length)) != nil
    }
}

public struct CustomFormatMatcher: Sendable {
    enum Condition: Sendable {
        case title(UserRegex)
        case releaseGroup(UserRegex)
        case edition(UserRegex)
        case language(id: Int, except: Bool)
        case source(Int)
        case resolution(Int)
        case modifier(Int)
        case size(min: Double, max: Double)
        case indexerFlag(Int)
        case releaseType(Int)
        case year(min: Int, max: Int)
    }

    struct CompiledSpecification: Sendable {
        let condition: Condition
        let negate: Bool
        let required: Bool
    }

    struct CompiledFormat: Sendable {
        let format: CustomFormat
        /// Conditions grouped by implementation; nil when a condition could not be compiled
        /// (bad regex, missing value), in which case the format never matches.
        let groups: [[CompiledSpecification]]?
    }

    let formats: [CompiledFormat]

    public init(_ formats: [CustomFormat]) {
        self.formats = formats.map { format in
            var order: [String] = []
            var byType: [String: [CompiledSpecification]] = [:]
            var valid = !format.specifications.isEmpty
            for spec in format.specifications {
                guard let condition = Self.compile(spec) else { valid = false; break }
                if byType[spec.implementation] == nil { order.append(spec.implementation) }
                byType[spec.implementation, default: []].append(
                    CompiledSpecification(condition: condition, negate: spec.negate, required: spec.required))
            }
            return CompiledFormat(format: format, groups: valid ? order.map { byType[$0] ?? [] } : nil)
        }
    }

    /// The formats the release matches, in the order given to `init`.
    public func matching(_ facts: ReleaseFacts) -> [CustomFormat] {
        formats.filter { Self.matches($0, facts) }.map(\.format)
    }

    /// The release's custom-format score in `profile`.
    public func score(_ facts: ReleaseFacts, profile: QualityProfile) -> Int {
        profile.formatScore(matching: matching(facts).compactMap(\.id))
    }

    static func matches(_ format: CompiledFormat, _ facts: ReleaseFacts) -> Bool {
        guard let groups = format.groups, !groups.isEmpty else { return false }
        return groups.allSatisfy { group in
            let results = group.map { ($0, holds($0, facts)) }
            if results.contains(where: { $0.0.required && !$0.1 }) { return false }
            return results.contains { $0.1 }
        }
    }

    static func holds(_ spec: CompiledSpecification, _ facts: ReleaseFacts) -> Bool {
        let raw: Bool
        switch spec.condition {
        case .title(let r):
            // Simplification: Sonarr matches only the text after the series title; this
            // matches the whole release title, as Radarr does.
            raw = r.matches(facts.title)
        case .releaseGroup(let r): raw = facts.releaseGroup.map(r.matches) ?? false
        case .edition(let r): raw = facts.edition.map(r.matches) ?? false
        case .language(let id, let except):
            let wanted = id == ServarrLanguage.original.id ? facts.originalLanguage?.id : id
            if let wanted {
                raw = except ? facts.languages.contains { $0.id != wanted } : facts.languages.contains { $0.id == wanted }
            } else {
                raw = false
            }
        case .source(let value): raw = CustomFormatSchema.sourceValue(of: facts.quality.source, app: facts.app) == value
        case .resolution(let value): raw = facts.quality.resolution == value
        case .modifier(let value): raw = CustomFormatSchema.modifierValue(of: facts.quality.modifier) == value
        case .size(let min, let max):
            if let bytes = facts.sizeBytes {
                // The originals compare in binary gigabytes: more than min, at most max.
                let gib = Double(bytes) / 1_073_741_824
                raw = gib > min && gib <= max
            } else {
                raw = false
            }
        case .indexerFlag(let bits): raw = bits != 0 && facts.indexerFlags & bits == bits
        case .releaseType(let value): raw = (facts.releaseType ?? .unknown).rawValue == value
        case .year(let min, let max): raw = facts.year.map { $0 >= min && $0 <= max } ?? false
        }
        return spec.negate ? !raw : raw
    }

    static func compile(_ spec: CustomFormatSpecification) -> Condition? {
        guard let kind = CustomFormatSchema.Kind(rawValue: spec.implementation) else { return nil }
        func regex() -> UserRegex? {
            guard let pattern = spec.value("value")?.stringValue else { return nil }
            return try? UserRegex.compile(pattern).get()
        }
        func int(_ name: String) -> Int? { spec.value(name)?.intValue }
        func double(_ name: String) -> Double? { spec.value(name)?.doubleValue }
        switch kind {
        case .releaseTitle: return regex().map(Condition.title)
        case .releaseGroup: return regex().map(Condition.releaseGroup)
        case .edition: return regex().map(Condition.edition)
        case .language:
            guard let id = int("value") else { return nil }
            return .language(id: id, except: spec.value("exceptLanguage")?.boolValue ?? false)
        case .source: return int("value").map(Condition.source)
        case .resolution: return int("value").map(Condition.resolution)
        case .qualityModifier: return int("value").map(Condition.modifier)
        case .indexerFlag: return int("value").map(Condition.indexerFlag)
        case .releaseType: return int("value").map(Condition.releaseType)
        case .size:
            guard let min = double("min"), let max = double("max") else { return nil }
            return .size(min: min, max: max)
        case .year:
            guard let min = int("min"), let max = int("max") else { return nil }
            return .year(min: min, max: max)
        }
    }
}
