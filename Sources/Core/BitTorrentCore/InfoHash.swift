import Crypto

/// A v1 infohash: SHA-1 of the raw bencoded `info` dictionary, 20 bytes.
public struct InfoHash: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Nil unless exactly 20 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 20 else { return nil }
        self.bytes = bytes
    }

    /// From 40 hexadecimal digits, either case.
    public init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 40 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        for pair in stride(from: 0, to: 40, by: 2) {
            guard let high = Self.hexValue(utf8[pair]), let low = Self.hexValue(utf8[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// From 32 RFC 4648 base32 characters (magnet links of old clients), either case, no padding.
    public init?(base32: some StringProtocol) {
        let utf8 = Array(base32.utf8)
        guard utf8.count == 32 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        var accumulator: UInt64 = 0
        var bitCount = 0
        for character in utf8 {
            let value: UInt8
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a")
            case UInt8(ascii: "2")...UInt8(ascii: "7"): value = character - UInt8(ascii: "2") + 26
            default: return nil
            }
            accumulator = accumulator << 5 | UInt64(value)
            bitCount += 5
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(bitCount)))
            }
        }
        self.bytes = bytes  // 32 × 5 bits = 160 bits exactly: nothing left over
    }

    /// SHA-1 of the given bytes: pass the raw `info` dictionary exactly as it appeared in the input.
    public static func sha1(of bytes: some Sequence<UInt8>) -> InfoHash {
        var hasher = Insecure.SHA1()
        hasher.update(data: Array(bytes))
        return InfoHash(bytes: Array(hasher.finalize()))!
    }

    /// Lowercase hex, as trackers, magnet links and the Transmission RPC `hashString` use it.
    public var hex: String { bytes.lowercaseHex }

    public var description: String { hex }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Sequence<UInt8> {
    /// Two lowercase hex digits per byte.
    public var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
