extension ProviderResource {
    /// What the originals send instead of a secret on GET.
    public static let secretMask = "********"

    /// The value of the field named `name` (exact name first, then case-insensitive), nil when
    /// the field is absent or has no value.
    public func field(named name: String) -> ProviderValue? {
        fieldIndex(named: name).flatMap { fields[$0].value }
    }

    public func string(_ name: String) -> String? { field(named: name)?.string }
    public func int(_ name: String) -> Int? { field(named: name)?.int }
    public func double(_ name: String) -> Double? { field(named: name)?.double }
    public func bool(_ name: String) -> Bool? { field(named: name)?.bool }
    public func ints(_ name: String) -> [Int]? { field(named: name)?.ints }

    /// Sets the value of an existing field; returns false when there is no such field.
    @discardableResult
    public mutating func setField(_ name: String, to value: ProviderValue?) -> Bool {
        guard let index = fieldIndex(named: name) else { return false }
        fields[index].value = value
        return true
    }

    func fieldIndex(named name: String) -> Int? {
        if let exact = fields.firstIndex(where: { $0.name == name }) { return exact }
        let lowered = name.lowercased()
        return fields.firstIndex { $0.name.lowercased() == lowered }
    }

    /// The resource as the originals answer a GET: password and API-key fields that hold a value
    /// read "********".
    public func masked() -> ProviderResource {
        var copy = self
        for index in copy.fields.indices where copy.fields[index].isSecret {
            if let value = copy.fields[index].value, let text = value.string, !text.isEmpty {
                copy.fields[index].value = .string(Self.secretMask)
            }
        }
        copy.presets = presets?.map { $0.masked() }
        return copy
    }

    /// For a PUT (or test) that sends the mask back: every field still holding "********" takes
    /// the stored resource's value, so the secret is kept.
    public func merging(secretsFrom stored: ProviderResource) -> ProviderResource {
        var copy = self
        for index in copy.fields.indices where copy.fields[index].value == .string(Self.secretMask) {
            if let storedIndex = stored.fieldIndex(named: copy.fields[index].name) {
                copy.fields[index].value = stored.fields[storedIndex].value
            }
        }
        return copy
    }

    /// A top-level kind-specific key as a Bool (`enableRss`, `onGrab`, ...).
    public func extraBool(_ key: String) -> Bool? { extra[key]?.bool }
    public func extraInt(_ key: String) -> Int? { extra[key]?.int }
    public func extraString(_ key: String) -> String? { extra[key]?.string }
}

extension ProviderField {
    /// Password and API-key fields are never answered in clear.
    public var isSecret: Bool {
        switch privacy?.lowercased() {
        case "password", "apikey": true
        default: type == "password"
        }
    }
}
