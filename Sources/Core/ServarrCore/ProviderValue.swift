/// Any JSON value, as found in a provider field's `value` or a resource's kind-specific keys.
/// Decodes whatever the client sent and encodes it back unchanged.
public enum ProviderValue: Sendable, Equatable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([ProviderValue])
    case object([String: ProviderValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ProviderValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: ProviderValue].self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a JSON value.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    // MARK: Typed views (lenient like the originals: "5" reads as 5, "a,b" as a list)

    public var isNull: Bool { self == .null }

    public var string: String? {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    public var int: Int? {
        switch self {
        case .int(let value): value
        case .double(let value): value.rounded() == value && abs(value) < 1e15 ? Int(value) : nil
        case .string(let value): Int(value.providerTrimmed())
        default: nil
        }
    }

    public var double: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        case .string(let value): Double(value.providerTrimmed())
        default: nil
        }
    }

    public var bool: Bool? {
        switch self {
        case .bool(let value): value
        case .int(let value): value != 0
        case .string(let value):
            switch value.providerTrimmed().lowercased() {
            case "true", "1": true
            case "false", "0": false
            default: nil
            }
        default: nil
        }
    }

    /// A list of whole numbers: a JSON array of numbers or numeric strings, or a comma-separated
    /// string (the form Sonarr's schema reader also accepts). Nil when any element is not one.
    public var ints: [Int]? {
        switch self {
        case .array(let values):
            var result: [Int] = []
            for value in values {
                guard let number = value.int else { return nil }
                result.append(number)
            }
            return result
        case .string(let text):
            var result: [Int] = []
            for part in text.split(separator: ",") {
                let trimmed = String(part).providerTrimmed()
                if trimmed.isEmpty { continue }
                guard let number = Int(trimmed) else { return nil }
                result.append(number)
            }
            return result
        case .int(let value):
            return [value]
        default:
            return nil
        }
    }

    public var strings: [String]? {
        switch self {
        case .array(let values): values.compactMap(\.string)
        case .string(let text): text.split(separator: ",").map { String($0).providerTrimmed() }.filter { !$0.isEmpty }
        default: nil
        }
    }

    public static func ints(_ values: [Int]) -> ProviderValue { .array(values.map(ProviderValue.int)) }
}

// No ExpressibleByNilLiteral: `nil` must keep meaning "absent" for `ProviderValue?`, never `.null`.
extension ProviderValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension String {
    func providerTrimmed() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
