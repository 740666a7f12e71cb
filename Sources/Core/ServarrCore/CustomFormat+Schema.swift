import Foundation

// The condition types (`/customformat/schema`) each app offers, with their fields and the
// enum values their select fields use. The numbers are the originals' enum values, which
// TRaSH files rely on (e.g. Sonarr source 6 = Bluray, 7 = BlurayRaw).

enum CustomFormatSchema {
    enum Kind: String, Sendable, CaseIterable {
        case releaseTitle = "ReleaseTitleSpecification"
        case edition = "EditionSpecification"
        case language = "LanguageSpecification"
        case indexerFlag = "IndexerFlagSpecification"
        case source = "SourceSpecification"
        case resolution = "ResolutionSpecification"
        case qualityModifier = "QualityModifierSpecification"
        case size = "SizeSpecification"
        case releaseGroup = "ReleaseGroupSpecification"
        case releaseType = "ReleaseTypeSpecification"
        case year = "YearSpecification"

        /// Which apps offer this condition.
        var apps: Set<ServarrApp> {
            switch self {
            case .edition, .qualityModifier, .year: [.radarr]
            case .releaseType: [.sonarr]
            default: [.sonarr, .radarr]
            }
        }

        var implementationName: String {
            switch self {
            case .releaseTitle: "Release Title"
            case .edition: "Edition"
            case .language: "Language"
            case .indexerFlag: "Indexer Flag"
            case .source: "Source"
            case .resolution: "Resolution"
            case .qualityModifier: "Quality Modifier"
            case .size: "Size"
            case .releaseGroup: "Release Group"
            case .releaseType: "Release Type"
            case .year: "Year"
            }
        }

        /// Sort order of the schema list.
        var order: Int {
            switch self {
            case .releaseTitle: 1
            case .edition: 2
            case .language: 3
            case .indexerFlag: 4
            case .source: 5
            case .resolution: 6
            case .qualityModifier: 7
            case .size: 8
            case .releaseGroup: 9
            case .releaseType, .year: 10
            }
        }

        var isRegex: Bool { self == .releaseTitle || self == .edition || self == .releaseGroup }
        var hasRange: Bool { self == .size || self == .year }
    }

    struct FieldTemplate: Sendable {
        let name: String
        let label: String
        let helpText: String?
        let unit: String?
        let type: String
        let isFloat: Bool
        let defaultValue: CustomFormatValue
        /// A field the condition cannot work without.
        let isRequired: Bool
    }

    struct Template: Sendable {
        let kind: Kind
        let fields: [FieldTemplate]
        var implementationName: String { kind.implementationName }
        /// App-neutral templates (used while decoding) carry no wiki link.
        let infoLink: String?
    }

    static func infoLink(for app: ServarrApp) -> String {
        switch app {
        case .sonarr: "https://wiki.servarr.com/sonarr/settings#custom-formats-2"
        case .radarr: "https://wiki.servarr.com/radarr/settings#custom-formats-2"
        }
    }

    static func fieldTemplates(_ kind: Kind) -> [FieldTemplate] {
        func value(_ label: String, type: String, help: String? = nil, default def: CustomFormatValue) -> FieldTemplate {
            FieldTemplate(name: "value", label: label, helpText: help, unit: nil, type: type, isFloat: false, defaultValue: def, isRequired: true)
        }
        switch kind {
        case .releaseTitle, .edition, .releaseGroup:
            return [value("Regular Expression", type: "textbox", help: "Custom Format RegEx is Case Insensitive", default: .string(""))]
        case .language:
            return [
                value("Language", type: "select", default: .int(0)),
                FieldTemplate(name: "exceptLanguage", label: "Except Language",
                              helpText: "Matches if any language other than the selected language is present",
                              unit: nil, type: "checkbox", isFloat: false, defaultValue: .bool(false), isRequired: false),
            ]
        case .indexerFlag: return [value("Flag", type: "select", default: .int(0))]
        case .source: return [value("Source", type: "select", default: .int(0))]
        case .resolution: return [value("Resolution", type: "select", default: .int(0))]
        case .qualityModifier: return [value("Quality Modifier", type: "select", default: .int(0))]
        case .releaseType: return [value("Release Type", type: "select", default: .int(0))]
        case .size:
            return [
                FieldTemplate(name: "min", label: "Minimum Size", helpText: "Release must be greater than this size", unit: "GB",
                              type: "number", isFloat: true, defaultValue: .double(0), isRequired: true),
                FieldTemplate(name: "max", label: "Maximum Size", helpText: "Release must be less than or equal to this size",
                              unit: "GB", type: "number", isFloat: true, defaultValue: .double(0), isRequired: true),
            ]
        case .year:
            return [
                FieldTemplate(name: "min", label: "Minimum Year", helpText: nil, unit: nil, type: "number", isFloat: false,
                              defaultValue: .int(0), isRequired: true),
                FieldTemplate(name: "max", label: "Maximum Year", helpText: nil, unit: nil, type: "number", isFloat: false,
                              defaultValue: .int(0), isRequired: true),
            ]
        }
    }

    static func template(_ implementation: String) -> Template? {
        guard let kind = Kind(rawValue: implementation) else { return nil }
        return Template(kind: kind, fields: fieldTemplates(kind), infoLink: nil)
    }

    /// Fields in the schema's order with its metadata, for values given by name (export
    /// shape). Unknown names are kept after the known ones, sorted, so nothing is lost.
    static func fields(for implementation: String, values: [String: CustomFormatValue]) -> [CustomFormatField] {
        var remaining = values
        var fields: [CustomFormatField] = []
        for (i, t) in (template(implementation)?.fields ?? []).enumerated() {
            guard let key = remaining.keys.first(where: { $0.caseInsensitiveCompare(t.name) == .orderedSame }),
                  let v = remaining.removeValue(forKey: key) else { continue }
            fields.append(CustomFormatField(order: i, name: t.name, label: t.label, unit: t.unit, helpText: t.helpText,
                                            value: v, type: t.type, isFloat: t.isFloat))
        }
        let base = fields.count
        for (i, key) in remaining.keys.sorted().enumerated() {
            fields.append(CustomFormatField(order: base + i, name: key, value: remaining[key] ?? .null))
        }
        return fields
    }

    /// Options of a select field for an app; nil for fields that are not selects.
    static func selectOptions(_ kind: Kind, app: ServarrApp) -> [SelectOption]? {
        func options(_ list: [(Int, String)]) -> [SelectOption] {
            list.enumerated().map { SelectOption(value: $1.0, name: $1.1, order: $0) }
        }
        switch kind {
        case .language:
            return LanguageCatalog.languages(for: app).enumerated().map { SelectOption(value: $1.id, name: $1.name, order: $0) }
        case .source:
            return options(sourceValues(app))
        case .resolution:
            return options(resolutionValues)
        case .qualityModifier:
            return options(modifierValues)
        case .releaseType:
            return options(ReleaseType.allCases.map { ($0.rawValue, $0.displayName) })
        case .indexerFlag:
            return options(indexerFlagValues(app))
        default:
            return nil
        }
    }

    static func sourceValues(_ app: ServarrApp) -> [(Int, String)] {
        switch app {
        case .sonarr:
            [(0, "Unknown"), (1, "Television"), (2, "TelevisionRaw"), (3, "Web"), (4, "WebRip"), (5, "DVD"), (6, "Bluray"), (7, "BlurayRaw")]
        case .radarr:
            [(0, "UNKNOWN"), (1, "CAM"), (2, "TELESYNC"), (3, "TELECINE"), (4, "WORKPRINT"), (5, "DVD"), (6, "TV"), (7, "WEBDL"),
             (8, "WEBRIP"), (9, "BLURAY")]
        }
    }

    /// The enum value of a quality's API source string (`bluray` → 6 in Sonarr, 9 in Radarr).
    static func sourceValue(of source: String, app: ServarrApp) -> Int {
        let key = source.lowercased()
        return sourceValues(app).first { $0.1.lowercased() == key }?.0 ?? 0
    }

    static let resolutionValues: [(Int, String)] = [
        (0, "Unknown"), (360, "R360p"), (480, "R480p"), (540, "R540p"), (576, "R576p"), (720, "R720p"), (1080, "R1080p"), (2160, "R2160p"),
    ]

    static let modifierValues: [(Int, String)] = [
        (0, "NONE"), (1, "REGIONAL"), (2, "SCREENER"), (3, "RAWHD"), (4, "BRDISK"), (5, "REMUX"),
    ]

    static func modifierValue(of modifier: String?) -> Int {
        let key = (modifier ?? "none").lowercased()
        return modifierValues.first { $0.1.lowercased() == key }?.0 ?? 0
    }

    static func indexerFlagValues(_ app: ServarrApp) -> [(Int, String)] {
        switch app {
        case .sonarr:
            [(1, "Freeleech"), (2, "Halfleech"), (4, "DoubleUpload"), (8, "Internal"), (16, "Scene"), (32, "Freeleech75"),
             (64, "Freeleech25"), (128, "Nuked")]
        case .radarr:
            [(1, "G_Freeleech"), (2, "G_Halfleech"), (4, "G_DoubleUpload"), (8, "PTP_Golden"), (16, "PTP_Approved"),
             (32, "G_Internal"), (128, "G_Scene"), (256, "G_Freeleech75"), (512, "G_Freeleech25"), (2048, "Nuked")]
        }
    }

    /// The full specification template the schema endpoint lists for `kind`.
    static func specification(_ kind: Kind, app: ServarrApp) -> CustomFormatSpecification {
        let fields = fieldTemplates(kind).enumerated().map { i, t in
            CustomFormatField(order: i, name: t.name, label: t.label, unit: t.unit, helpText: t.helpText, value: t.defaultValue,
                              type: t.type, selectOptions: t.type == "select" ? selectOptions(kind, app: app) : nil, isFloat: t.isFloat)
        }
        return CustomFormatSpecification(name: "", implementation: kind.rawValue, implementationName: kind.implementationName,
                                         infoLink: infoLink(for: app), negate: false, required: false, fields: fields)
    }
}

/// Sonarr's release types, as its ReleaseTypeSpecification numbers them.
public enum ReleaseType: Int, Sendable, Codable, CaseIterable {
    case unknown = 0, singleEpisode = 1, multiEpisode = 2, seasonPack = 3

    var displayName: String {
        switch self {
        case .unknown: "Unknown"
        case .singleEpisode: "Single Episode"
        case .multiEpisode: "Multi-Episode"
        case .seasonPack: "Season Pack"
        }
    }
}

extension CustomFormat {
    /// The templates `/customformat/schema` returns for `app`, in the originals' order.
    public static func schema(for app: ServarrApp) -> [CustomFormatSpecification] {
        CustomFormatSchema.Kind.allCases
            .filter { $0.apps.contains(app) }
            .sorted { $0.order < $1.order }
            .map { CustomFormatSchema.specification($0, app: app) }
    }

    /// This format with every specification's field metadata (labels, types, select
    /// options, wiki link) filled in from `app`'s schema; values are kept, and optional
    /// fields the body left out (Language's `exceptLanguage`) get their defaults.
    public func withSchema(for app: ServarrApp) -> CustomFormat {
        var copy = self
        copy.specifications = specifications.map { spec in
            guard let kind = CustomFormatSchema.Kind(rawValue: spec.implementation), kind.apps.contains(app) else { return spec }
            var filled = CustomFormatSchema.specification(kind, app: app)
            filled.name = spec.name
            filled.negate = spec.negate
            filled.required = spec.required
            filled.fields = filled.fields.compactMap { field in
                var field = field
                if let v = spec.value(field.name) {
                    field.value = v
                } else if CustomFormatSchema.fieldTemplates(kind).first(where: { $0.name == field.name })?.isRequired == true {
                    return nil
                }
                return field
            }
            let known = Set(filled.fields.map(\.name))
            filled.fields += spec.fields.filter { !known.contains($0.name) }
            return filled
        }
        return copy
    }
}
