/// One requirement of a codec profile: `{Condition, Property, Value, IsRequired}`, e.g.
/// `VideoLevel LessThanEqual 51` or `VideoProfile EqualsAny high|main|baseline`.
public struct ProfileCondition: Sendable, Hashable, Decodable {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case equals = "Equals"
        case notEquals = "NotEquals"
        case lessThanEqual = "LessThanEqual"
        case greaterThanEqual = "GreaterThanEqual"
        case equalsAny = "EqualsAny"
    }

    /// Nil when the client sent a comparison this code does not know; such a condition is ignored.
    public var condition: Comparison?
    /// The property name as sent (`VideoLevel`, `Width`…); unknown properties are ignored.
    public var property: String
    public var value: String?
    /// When the media does not report the property: true fails the condition, false passes it.
    public var isRequired: Bool

    public init(_ condition: Comparison, _ property: String, _ value: String?, isRequired: Bool = false) {
        self.condition = condition
        self.property = property
        self.value = value
        self.isRequired = isRequired
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: JellyfinJSONKey.self)
        let name = json.lenientString("Condition")?.lowercased()
        condition = Comparison.allCases.first { $0.rawValue.lowercased() == name }
        property = json.lenientString("Property") ?? ""
        value = json.lenientString("Value")
        isRequired = json.lenientBool("IsRequired") ?? false
    }
}
