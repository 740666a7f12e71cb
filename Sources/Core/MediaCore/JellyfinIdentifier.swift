/// Jellyfin writes GUIDs as 32 lower-case hexadecimal digits without dashes and reads both forms.
public struct JellyfinIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// 32 lower-case hexadecimal digits.
    public let hex: String

    /// Accepts `0123…` (32 digits) or `01234567-89ab-cdef-0123-456789abcdef`, any case.
    public init?(_ text: String) {
        let digits = text.utf8.count == 36 ? text.filter { $0 != "-" } : text
        guard digits.utf8.count == 32, digits.utf8.allSatisfy({ $0.isHex }) else { return nil }
        if text.utf8.count == 36 {
            let dashes = text.utf8.enumerated().filter { $0.element == UInt8(ascii: "-") }.map(\.offset)
            guard dashes == [8, 13, 18, 23] else { return nil }
        }
        hex = digits.lowercased()
    }

    public var description: String { hex }

    /// The dashed form some clients send back.
    public var dashed: String {
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}

extension UInt8 {
    fileprivate var isHex: Bool {
        (48...57).contains(self) || (65...70).contains(self) || (97...102).contains(self)
    }
}
