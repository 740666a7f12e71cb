/// Why a byte string is not acceptable bencode. Offsets are from the start of the input.
public enum BencodeError: Error, Sendable, Hashable, CustomStringConvertible {
    case inputTooLarge(size: Int, limit: Int)
    case unexpectedEnd(offset: Int)
    case unexpectedByte(UInt8, offset: Int)
    case nonCanonicalInteger(offset: Int)
    case integerOverflow(offset: Int)
    case nonCanonicalLength(offset: Int)
    case stringTooLong(offset: Int, limit: Int)
    case lengthExceedsInput(offset: Int)
    case nestingTooDeep(offset: Int, limit: Int)
    case tooManyElements(offset: Int, limit: Int)
    case unsortedKeys(offset: Int)
    case duplicateKey(offset: Int)
    case trailingBytes(offset: Int)

    public var description: String {
        switch self {
        case .inputTooLarge(let size, let limit):
            "bencode input of \(size) bytes is over the limit of \(limit) bytes"
        case .unexpectedEnd(let offset):
            "bencode input ends early at byte \(offset)"
        case .unexpectedByte(let byte, let offset):
            "bencode has an unexpected byte 0x\(String(byte, radix: 16)) at byte \(offset)"
        case .nonCanonicalInteger(let offset):
            "bencode integer at byte \(offset) is not canonical (leading zero, -0 or no digits)"
        case .integerOverflow(let offset):
            "bencode integer at byte \(offset) does not fit in 64 bits"
        case .nonCanonicalLength(let offset):
            "bencode string length at byte \(offset) has a leading zero"
        case .stringTooLong(let offset, let limit):
            "bencode string at byte \(offset) is longer than the limit of \(limit) bytes"
        case .lengthExceedsInput(let offset):
            "bencode string at byte \(offset) claims more bytes than the input holds"
        case .nestingTooDeep(let offset, let limit):
            "bencode nesting at byte \(offset) is deeper than the limit of \(limit)"
        case .tooManyElements(let offset, let limit):
            "bencode input has more than \(limit) elements (at byte \(offset))"
        case .unsortedKeys(let offset):
            "bencode dictionary key at byte \(offset) is out of sorted order"
        case .duplicateKey(let offset):
            "bencode dictionary key at byte \(offset) repeats the previous key"
        case .trailingBytes(let offset):
            "bencode value ends at byte \(offset) but more bytes follow"
        }
    }
}
