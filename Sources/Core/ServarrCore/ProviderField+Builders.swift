// Small constructors so the schema tables read like the originals' settings classes.
extension ProviderField {
    static func textbox(
        _ name: String, _ label: String, value: ProviderValue? = nil, helpText: String? = nil, advanced: Bool = false,
        privacy: String = "normal"
    ) -> ProviderField {
        ProviderField(
            name: name, label: label, helpText: helpText, value: value, type: "textbox", advanced: advanced,
            privacy: privacy, isFloat: false)
    }

    static func password(_ name: String, _ label: String, helpText: String? = nil) -> ProviderField {
        ProviderField(
            name: name, label: label, helpText: helpText, type: "password", advanced: false, privacy: "password",
            isFloat: false)
    }

    static func number(
        _ name: String, _ label: String, value: ProviderValue? = nil, unit: String? = nil, helpText: String? = nil,
        advanced: Bool = false, isFloat: Bool = false
    ) -> ProviderField {
        ProviderField(
            name: name, label: label, unit: unit, helpText: helpText, value: value, type: "number", advanced: advanced,
            privacy: "normal", isFloat: isFloat)
    }

    static func checkbox(
        _ name: String, _ label: String, value: Bool = false, helpText: String? = nil, advanced: Bool = false
    ) -> ProviderField {
        ProviderField(
            name: name, label: label, helpText: helpText, value: .bool(value), type: "checkbox", advanced: advanced,
            privacy: "normal", isFloat: false)
    }

    static func select(
        _ name: String, _ label: String, value: ProviderValue? = nil, options: [ProviderSelectOption]? = nil,
        providerAction: String? = nil, helpText: String? = nil, helpLink: String? = nil, advanced: Bool = false
    ) -> ProviderField {
        ProviderField(
            name: name, label: label, helpText: helpText, helpLink: helpLink, value: value, type: "select",
            advanced: advanced, selectOptions: options, selectOptionsProviderAction: providerAction,
            privacy: "normal", isFloat: false)
    }

    static func tag(_ name: String, _ label: String, value: ProviderValue = .array([]), helpText: String? = nil)
        -> ProviderField
    {
        ProviderField(
            name: name, label: label, helpText: helpText, value: value, type: "tag", advanced: false,
            privacy: "normal", isFloat: false)
    }
}

extension Array where Element == ProviderField {
    /// Numbers the fields 0, 1, 2... as the originals' schema builder does after flattening
    /// nested settings such as `seedCriteria.*`.
    func numbered() -> [ProviderField] {
        enumerated().map { index, field in
            var copy = field
            copy.order = index
            return copy
        }
    }
}
