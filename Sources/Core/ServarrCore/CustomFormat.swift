import Foundation

// Custom formats (`/customformat`) in the API shape, where each specification's `fields`
// is an array of field objects. Decoding also accepts the export shape that the
// originals' "Export" button and TRaSH guides' JSON files use, where `fields` is an object
// (`{"value": "\\bx265\\b"}`, `{"min": 1, "max": 10}`), so users can paste those files.

/// A field value as JSON holds it.
public enum CustomFormatValue: Sendable, Equatable, Codable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([CustomFormatValue])
    case null

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([CustomFormatValue].self) { self = .array(a) }
        else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "A custom format field value must be a string, number, boolean or array.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .array(let a): try c.encode(a)
        case .null: try c.encodeNil()
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Integers, whole doubles and numeric strings (some clients send `"6"`).
    public var intValue: Int? {
        switch self {
        case .int(let i): i
        case .double(let d) where d.isFinite && d.rounded() == d && abs(d) < 1e15: Int(d)
        case .string(let s): Int(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    public var boolValue: Bool? {
        switch self {
        case .bool(let b): b
        case .int(let i): i != 0
        case .string(let s): Bool(s.lowercased())
        default: nil
        }
    }
}

/// One option of a select field (`{"value": 6, "name": "Bluray", "order": 6}`).
public struct SelectOption: Sendable, Codable, Equatable {
    public var value: Int
    public var name: String
    public var order: Int
    public var hint: String?

    public init(value: Int, name: String, order: Int, hint: String? = nil) {
        self.value = value
        self.name = name
        self.order = order
        self.hint = hint
    }
}

/// A specification field in the API shape.
public struct CustomFormatField: Sendable, Codable, Equatable {
    public var order: Int
    public var name: String
    public var label: String?
    public var unit: String?
    public var helpText: String?
    public var value: CustomFormatValue
    /// textbox, select, number, checkbox...
    public var type: String?
    public var advanced: Bool?
    public var selectOptions: [SelectOption]?
    public var privacy: String?
    public var isFloat: Bool?

    public init(
        order: Int, name: String, label: String? = nil, unit: String? = nil, helpText: String? = nil,
        value: CustomFormatValue, type: String? = nil, advanced: Bool? = false, selectOptions: [SelectOption]? = nil,
        privacy: String? = "normal", isFloat: Bool? = false
    ) {
        self.order = order
        self.name = name
        self.label = label
        self.unit = unit
        self.helpText = helpText
        self.value = value
        self.type = type
        self.advanced = advanced
        self.selectOptions = selectOptions
        self.privacy = privacy
        self.isFloat = isFloat
    }

    enum CodingKeys: String, CodingKey { case order, name, label, unit, helpText, value, type, advanced, selectOptions, privacy, isFloat }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        order = try c.decodeIfPresent(Int.self, forKey: .order) ?? 0
        name = try c.decode(String.self, forKey: .name)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        helpText = try c.decodeIfPresent(String.self, forKey: .helpText)
        value = try c.decodeIfPresent(CustomFormatValue.self, forKey: .value) ?? .null
        type = try c.decodeIfPresent(String.self, forKey: .type)
        advanced = try c.decodeIfPresent(Bool.self, forKey: .advanced)
        selectOptions = try c.decodeIfPresent([SelectOption].self, forKey: .selectOptions)
        privacy = try c.decodeIfPresent(String.self, forKey: .privacy)
        isFloat = try c.decodeIfPresent(Bool.self, forKey: .isFloat)
    }
}

public struct CustomFormatSpecification: Sendable, Codable, Equatable {
    public var name: String
    /// ReleaseTitleSpecification, SourceSpecification...
    public var implementation: String
    public var implementationName: String?
    public var infoLink: String?
    public var negate: Bool
    public var required: Bool
    public var fields: [CustomFormatField]

    public init(
        name: String, implementation: String, implementationName: String? = nil, infoLink: String? = nil,
        negate: Bool = false, required: Bool = false, fields: [CustomFormatField]
    ) {
        self.name = name
        self.implementation = implementation
        self.implementationName = implementationName
        self.infoLink = infoLink
        self.negate = negate
        self.required = required
        self.fields = fields
    }

    /// A specification built from field values, with labels and types taken from the schema.
    public init(name: String, implementation: String, negate: Bool = false, required: Bool = false, values: [String: CustomFormatValue]) {
        self.init(name: name, implementation: implementation, negate: negate, required: required, fields: [])
        fields = CustomFormatSchema.fields(for: implementation, values: values)
        let template = CustomFormatSchema.template(implementation)
        implementationName = template?.implementationName
        infoLink = template?.infoLink
    }

    /// The value of the field called `name` (`value`, `min`, `max`, `exceptLanguage`).
    public func value(_ name: String) -> CustomFormatValue? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    enum CodingKeys: String, CodingKey { case name, implementation, implementationName, infoLink, negate, required, fields }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        implementation = try c.decode(String.self, forKey: .implementation)
        implementationName = try c.decodeIfPresent(String.self, forKey: .implementationName)
        infoLink = try c.decodeIfPresent(String.self, forKey: .infoLink)
        negate = try c.decodeIfPresent(Bool.self, forKey: .negate) ?? false
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        if let list = try? c.decodeIfPresent([CustomFormatField].self, forKey: .fields) {
            fields = list
        } else if let object = try c.decodeIfPresent([String: CustomFormatValue].self, forKey: .fields) {
            // Export/TRaSH shape: field metadata comes from the schema.
            fields = CustomFormatSchema.fields(for: implementation, values: object)
            let template = CustomFormatSchema.template(implementation)
            implementationName = implementationName ?? template?.implementationName
            infoLink = infoLink ?? template?.infoLink
        } else {
            fields = []
        }
    }
}

public struct CustomFormat: Sendable, Codable, Equatable {
    public var id: Int?
    public var name: String
    public var includeCustomFormatWhenRenaming: Bool
    public var specifications: [CustomFormatSpecification]
    /// `trash_scores.default` of a TRaSH guides file: the score the guide suggests. Not part
    /// of the API shape; the caller may apply it to profiles on import.
    public var defaultScore: Int?

    public init(
        id: Int? = nil, name: String, includeCustomFormatWhenRenaming: Bool = false,
        specifications: [CustomFormatSpecification], defaultScore: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.includeCustomFormatWhenRenaming = includeCustomFormatWhenRenaming
        self.specifications = specifications
        self.defaultScore = defaultScore
    }

    enum CodingKeys: String, CodingKey {
        case id, name, includeCustomFormatWhenRenaming, specifications
        case trashScores = "trash_scores"
    }

    struct TrashScores: Codable { var `default`: Int? }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        includeCustomFormatWhenRenaming = try c.decodeIfPresent(Bool.self, forKey: .includeCustomFormatWhenRenaming) ?? false
        specifications = try c.decodeIfPresent([CustomFormatSpecification].self, forKey: .specifications) ?? []
        defaultScore = (try? c.decodeIfPresent(TrashScores.self, forKey: .trashScores))?.default
    }

    /// API shape (fields as arrays); `trash_scores` is not part of it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(includeCustomFormatWhenRenaming, forKey: .includeCustomFormatWhenRenaming)
        try c.encode(specifications, forKey: .specifications)
    }

    /// Decodes either shape (API or export/TRaSH) from JSON bytes.
    public static func imported(from data: Data) throws -> CustomFormat {
        try JSONDecoder().decode(CustomFormat.self, from: data)
    }

    /// The originals' export shape: no id, specifications with `fields` as an object.
    /// Importing the result gives this format back (without its id).
    public var export: CustomFormatExport { CustomFormatExport(self) }

    /// `export` as pretty-printed JSON with sorted keys.
    public func exported() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(export)) ?? Data()
    }
}

/// The export/TRaSH shape of a custom format.
public struct CustomFormatExport: Sendable, Codable, Equatable {
    public struct Specification: Sendable, Codable, Equatable {
        public var name: String
        public var implementation: String
        public var negate: Bool
        public var required: Bool
        public var fields: [String: CustomFormatValue]
    }

    public struct Scores: Sendable, Codable, Equatable {
        public var `default`: Int?
    }

    public var name: String
    public var includeCustomFormatWhenRenaming: Bool
    public var specifications: [Specification]
    /// Written only when the format came with a TRaSH default score, so it survives a round trip.
    public var trashScores: Scores?

    enum CodingKeys: String, CodingKey {
        case name, includeCustomFormatWhenRenaming, specifications
        case trashScores = "trash_scores"
    }

    public init(_ format: CustomFormat) {
        name = format.name
        includeCustomFormatWhenRenaming = format.includeCustomFormatWhenRenaming
        specifications = format.specifications.map { spec in
            Specification(name: spec.name, implementation: spec.implementation, negate: spec.negate, required: spec.required,
                          fields: Dictionary(spec.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
        }
        trashScores = format.defaultScore.map { Scores(default: $0) }
    }
}
