/// An *arr-style API key: 32 lowercase hexadecimal characters, as Sonarr and Radarr generate them.
public struct APIKey: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// Accepts only a well-formed key, so a typo in configuration is caught at start.
    public init?(_ value: String) {
        guard Self.isWellFormed(value) else { return nil }
        self.value = value.lowercased()
    }

    public static func generate(using generator: inout some RandomNumberGenerator) -> APIKey {
        let hexDigits = Array("0123456789abcdef")
        let text = String((0..<32).map { _ in hexDigits[Int(generator.next() % 16)] })
        return APIKey(text)!
    }

    public static func generate() -> APIKey {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { $0.isHexDigit }
    }

    /// Compares in time independent of where the strings differ, so a key cannot be guessed
    /// byte by byte from response times.
    public func matches(_ candidate: String) -> Bool {
        let expected = Array(value.utf8)
        let given = Array(candidate.lowercased().utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }

    public var description: String { value }

    /// The key with all but its first four characters hidden, for logs and `config show`.
    public var masked: String { Secret.mask(value) }
}

public enum Secret {
    public static func mask(_ text: String) -> String {
        guard text.count > 4 else { return String(repeating: "*", count: text.count) }
        return String(text.prefix(4)) + String(repeating: "*", count: text.count - 4)
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
