/// The generic resource Sonarr and Radarr use for indexers, download clients, notifications and
/// import lists: common keys, a list of typed `fields`, and kind-specific top-level keys kept in
/// `extra` and written back flat at the top level.
public struct ProviderResource: Sendable, Codable, Equatable {
    public var id: Int?
    public var name: String?
    public var implementation: String
    public var implementationName: String?
    public var configContract: String?
    public var infoLink: String?
    public var message: ProviderMessage?
    public var tags: [Int]
    public var fields: [ProviderField]
    public var presets: [ProviderResource]?
    /// Kind-specific top-level keys (`enableRss`, `priority`, `onGrab`, `protocol`, ...).
    public var extra: [String: ProviderValue]

    public init(
        id: Int? = nil,
        name: String? = nil,
        implementation: String,
        implementationName: String? = nil,
        configContract: String? = nil,
        infoLink: String? = nil,
        message: ProviderMessage? = nil,
        tags: [Int] = [],
        fields: [ProviderField] = [],
        presets: [ProviderResource]? = nil,
        extra: [String: ProviderValue] = [:]
    ) {
        self.id = id
        self.name = name
        self.implementation = implementation
        self.implementationName = implementationName
        self.configContract = configContract
        self.infoLink = infoLink
        self.message = message
        self.tags = tags
        self.fields = fields
        self.presets = presets
        self.extra = extra
    }

    static let commonKeys: Set<String> = [
        "id", "name", "implementation", "implementationName", "configContract", "infoLink", "message", "tags",
        "fields", "presets",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ProviderCodingKey.self)
        id = try container.decodeIfPresent(Int.self, forKey: "id")
        name = try container.decodeIfPresent(String.self, forKey: "name")
        // A missing implementation decodes as "" so validation can answer on "Implementation".
        implementation = try container.decodeIfPresent(String.self, forKey: "implementation") ?? ""
        implementationName = try container.decodeIfPresent(String.self, forKey: "implementationName")
        configContract = try container.decodeIfPresent(String.self, forKey: "configContract")
        infoLink = try container.decodeIfPresent(String.self, forKey: "infoLink")
        message = try container.decodeIfPresent(ProviderMessage.self, forKey: "message")
        tags = try container.decodeIfPresent([Int].self, forKey: "tags") ?? []
        fields = try container.decodeIfPresent([ProviderField].self, forKey: "fields") ?? []
        presets = try container.decodeIfPresent([ProviderResource].self, forKey: "presets")
        var extra: [String: ProviderValue] = [:]
        for key in container.allKeys where !Self.commonKeys.contains(key.stringValue) {
            extra[key.stringValue] = try container.decode(ProviderValue.self, forKey: key)
        }
        self.extra = extra
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ProviderCodingKey.self)
        for (key, value) in extra where !Self.commonKeys.contains(key) {
            try container.encode(value, forKey: ProviderCodingKey(stringValue: key))
        }
        try container.encodeIfPresent(id, forKey: "id")
        try container.encodeIfPresent(name, forKey: "name")
        try container.encode(implementation, forKey: "implementation")
        try container.encodeIfPresent(implementationName, forKey: "implementationName")
        try container.encodeIfPresent(configContract, forKey: "configContract")
        try container.encodeIfPresent(infoLink, forKey: "infoLink")
        try container.encodeIfPresent(message, forKey: "message")
        try container.encode(tags, forKey: "tags")
        try container.encode(fields, forKey: "fields")
        try container.encodeIfPresent(presets, forKey: "presets")
    }
}

/// A message shown with a provider in the originals' UI (`{"message": "...", "type": "warning"}`).
public struct ProviderMessage: Sendable, Codable, Equatable {
    public var message: String
    public var type: String

    public init(message: String, type: String = "info") {
        self.message = message
        self.type = type
    }
}

/// One setting of a provider, in the originals' client-schema shape.
public struct ProviderField: Sendable, Codable, Equatable {
    public var order: Int
    public var name: String
    public var label: String?
    public var unit: String?
    public var helpText: String?
    public var helpTextWarning: String?
    public var helpLink: String?
    /// Nil when the key is absent (the originals omit null values); `.null` when sent as null.
    public var value: ProviderValue?
    public var type: String
    public var advanced: Bool
    public var selectOptions: [ProviderSelectOption]?
    public var selectOptionsProviderAction: String?
    public var section: String?
    public var hidden: String?
    /// "normal", "password", "apiKey" or "userName".
    public var privacy: String?
    public var placeholder: String?
    public var isFloat: Bool?

    public init(
        order: Int = 0,
        name: String,
        label: String? = nil,
        unit: String? = nil,
        helpText: String? = nil,
        helpTextWarning: String? = nil,
        helpLink: String? = nil,
        value: ProviderValue? = nil,
        type: String = "textbox",
        advanced: Bool = false,
        selectOptions: [ProviderSelectOption]? = nil,
        selectOptionsProviderAction: String? = nil,
        section: String? = nil,
        hidden: String? = nil,
        privacy: String? = nil,
        placeholder: String? = nil,
        isFloat: Bool? = nil
    ) {
        self.order = order
        self.name = name
        self.label = label
        self.unit = unit
        self.helpText = helpText
        self.helpTextWarning = helpTextWarning
        self.helpLink = helpLink
        self.value = value
        self.type = type
        self.advanced = advanced
        self.selectOptions = selectOptions
        self.selectOptionsProviderAction = selectOptionsProviderAction
        self.section = section
        self.hidden = hidden
        self.privacy = privacy
        self.placeholder = placeholder
        self.isFloat = isFloat
    }

    enum CodingKeys: String, CodingKey {
        case order, name, label, unit, helpText, helpTextWarning, helpLink, value, type, advanced, selectOptions,
            selectOptionsProviderAction, section, hidden, privacy, placeholder, isFloat
    }

    /// Lenient like the originals: clients such as Prowlarr send only `name` and `value`
    /// (sometimes `type` and `advanced`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        order = try container.decodeIfPresent(Int.self, forKey: .order) ?? 0
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        label = try container.decodeIfPresent(String.self, forKey: .label)
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
        helpText = try container.decodeIfPresent(String.self, forKey: .helpText)
        helpTextWarning = try container.decodeIfPresent(String.self, forKey: .helpTextWarning)
        helpLink = try container.decodeIfPresent(String.self, forKey: .helpLink)
        value = container.contains(.value) ? try container.decode(ProviderValue.self, forKey: .value) : nil
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "textbox"
        advanced = try container.decodeIfPresent(Bool.self, forKey: .advanced) ?? false
        selectOptions = try container.decodeIfPresent([ProviderSelectOption].self, forKey: .selectOptions)
        selectOptionsProviderAction = try container.decodeIfPresent(String.self, forKey: .selectOptionsProviderAction)
        section = try container.decodeIfPresent(String.self, forKey: .section)
        hidden = try container.decodeIfPresent(String.self, forKey: .hidden)
        privacy = try container.decodeIfPresent(String.self, forKey: .privacy)
        placeholder = try container.decodeIfPresent(String.self, forKey: .placeholder)
        isFloat = try container.decodeIfPresent(Bool.self, forKey: .isFloat)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(order, forKey: .order)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encodeIfPresent(helpText, forKey: .helpText)
        try container.encodeIfPresent(helpTextWarning, forKey: .helpTextWarning)
        try container.encodeIfPresent(helpLink, forKey: .helpLink)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encode(type, forKey: .type)
        try container.encode(advanced, forKey: .advanced)
        try container.encodeIfPresent(selectOptions, forKey: .selectOptions)
        try container.encodeIfPresent(selectOptionsProviderAction, forKey: .selectOptionsProviderAction)
        try container.encodeIfPresent(section, forKey: .section)
        try container.encodeIfPresent(hidden, forKey: .hidden)
        try container.encodeIfPresent(privacy, forKey: .privacy)
        try container.encodeIfPresent(placeholder, forKey: .placeholder)
        try container.encodeIfPresent(isFloat, forKey: .isFloat)
    }
}

/// An entry of a select field (`{"value": 0, "name": "Last", "order": 0, "hint": "(0)"}`).
public struct ProviderSelectOption: Sendable, Codable, Equatable {
    public var value: Int
    public var name: String
    public var order: Int
    public var hint: String?

    public init(value: Int, name: String, order: Int? = nil, hint: String? = nil) {
        self.value = value
        self.name = name
        self.order = order ?? value
        self.hint = hint ?? "(\(value))"
    }
}

struct ProviderCodingKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { self.stringValue = value }
}
