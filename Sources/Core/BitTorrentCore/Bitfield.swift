/// One bit per piece, high bit of the first byte for piece 0 (BEP 3); spare bits at the end are zero.
public struct Bitfield: Sendable, Hashable {
    public let count: Int
    public private(set) var bytes: [UInt8]
    /// Pieces set, kept up to date so "complete?" and progress are O(1).
    public private(set) var setCount: Int

    public init(count: Int, allSet: Bool = false) {
        precondition(count >= 0, "a bitfield cannot have a negative count")
        self.count = count
        self.bytes = Array(repeating: allSet ? 0xFF : 0, count: (count + 7) / 8)
        self.setCount = allSet ? count : 0
        if allSet, count % 8 != 0 { bytes[bytes.count - 1] = 0xFF << UInt8(8 - count % 8) }
    }

    /// A peer's bitfield: exactly ⌈count/8⌉ bytes with the spare bits clear, or an error naming the fault.
    public init(validating bytes: [UInt8], count: Int) throws(BitfieldError) {
        let expected = (count + 7) / 8
        guard bytes.count == expected else { throw .wrongLength(expected: expected, actual: bytes.count) }
        if count % 8 != 0, bytes[expected - 1] & (0xFF >> UInt8(count % 8)) != 0 { throw .spareBitsSet }
        self.count = count
        self.bytes = bytes
        self.setCount = bytes.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    public subscript(piece: Int) -> Bool {
        get {
            precondition(piece >= 0 && piece < count, "piece \(piece) out of range")
            return bytes[piece >> 3] & (0x80 >> UInt8(piece & 7)) != 0
        }
        set {
            precondition(piece >= 0 && piece < count, "piece \(piece) out of range")
            let mask: UInt8 = 0x80 >> UInt8(piece & 7)
            let wasSet = bytes[piece >> 3] & mask != 0
            guard wasSet != newValue else { return }
            if newValue {
                bytes[piece >> 3] |= mask
                setCount += 1
            } else {
                bytes[piece >> 3] &= ~mask
                setCount -= 1
            }
        }
    }

    public var isComplete: Bool { setCount == count }
    public var isEmpty: Bool { setCount == 0 }

    /// Indices of set bits in ascending order.
    public var setIndices: [Int] {
        var result: [Int] = []
        result.reserveCapacity(setCount)
        for (byteIndex, byte) in bytes.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 { result.append(byteIndex * 8 + bit) }
        }
        return result
    }
}

/// Why a peer's bitfield is refused.
public enum BitfieldError: Error, Sendable, Hashable, CustomStringConvertible {
    case wrongLength(expected: Int, actual: Int)
    case spareBitsSet

    public var description: String {
        switch self {
        case .wrongLength(let expected, let actual): "the bitfield is \(actual) bytes where \(expected) were expected"
        case .spareBitsSet: "the bitfield has bits set past the last piece"
        }
    }
}
