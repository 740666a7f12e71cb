import NIOCore

/// Bounds that keep a hostile input from costing more than its own size: every allocation the decoder
/// makes is backed by bytes already present in the input, and nesting is limited so recursion is too.
public struct BencodeLimits: Sendable, Hashable {
    public var maxInputSize: Int
    public var maxDepth: Int
    public var maxStringLength: Int
    /// Integers, strings, lists and dictionaries counted together, keys included.
    public var maxElementCount: Int

    public init(maxInputSize: Int = 64 << 20, maxDepth: Int = 64, maxStringLength: Int = 64 << 20, maxElementCount: Int = 4_000_000) {
        self.maxInputSize = maxInputSize
        self.maxDepth = maxDepth
        self.maxStringLength = maxStringLength
        self.maxElementCount = maxElementCount
    }

    /// For .torrent files and ut_metadata: a large torrent's info dictionary is a few MB of piece hashes.
    public static let metainfo = BencodeLimits()
    /// For messages on the wire (extension handshake, PEX, tracker replies): small and flat.
    public static let message = BencodeLimits(maxInputSize: 1 << 20, maxDepth: 16, maxStringLength: 1 << 20, maxElementCount: 65_536)
}

/// The result of a decode that also reports where each top-level dictionary value sits in the input.
public struct BencodeDocument: Sendable {
    public let value: BencodeValue
    /// Byte range of each value of the top-level dictionary, by key; empty when the top level is not a dictionary.
    /// The infohash is SHA-1 of the raw `info` bytes, so it must come from here, never from a re-encoding.
    public let topLevelValueRanges: [[UInt8]: Range<Int>]
    /// How many input bytes the value used (less than the input for `decodePrefix`).
    public let consumedCount: Int

    public func range(ofTopLevelKey key: String) -> Range<Int>? { topLevelValueRanges[Array(key.utf8)] }
}

/// A strict bencode decoder: canonical integers and lengths only, dictionary keys sorted and unique,
/// so that every accepted input re-encodes to exactly the same bytes.
public enum BencodeDecoder {
    /// Decodes one value that must fill the whole input.
    public static func decode(_ bytes: [UInt8], limits: BencodeLimits = .metainfo) throws(BencodeError) -> BencodeValue {
        try decodeDocument(bytes, limits: limits).value
    }

    /// Decodes one value that must fill the whole input, keeping the top-level value ranges.
    public static func decodeDocument(_ bytes: [UInt8], limits: BencodeLimits = .metainfo) throws(BencodeError) -> BencodeDocument {
        let document = try decodePrefix(bytes, limits: limits)
        guard document.consumedCount == bytes.count else { throw .trailingBytes(offset: document.consumedCount) }
        return document
    }

    /// Decodes one value at the start of the input and reports how many bytes it used; the rest is the
    /// caller's (a ut_metadata `data` message carries raw bytes after its dictionary).
    public static func decodePrefix(_ bytes: [UInt8], limits: BencodeLimits = .metainfo) throws(BencodeError) -> BencodeDocument {
        guard bytes.count <= limits.maxInputSize else { throw .inputTooLarge(size: bytes.count, limit: limits.maxInputSize) }
        var parser = Parser(bytes: bytes, limits: limits)
        let value = try parser.parseValue(depth: 0)
        return BencodeDocument(value: value, topLevelValueRanges: parser.topLevelRanges, consumedCount: parser.index)
    }

    /// Decodes the readable bytes of a buffer as one whole value.
    public static func decode(_ buffer: ByteBuffer, limits: BencodeLimits = .message) throws(BencodeError) -> BencodeValue {
        guard buffer.readableBytes <= limits.maxInputSize else {
            throw .inputTooLarge(size: buffer.readableBytes, limit: limits.maxInputSize)
        }
        return try decode(Array(buffer.readableBytesView), limits: limits)
    }
}

extension BencodeDecoder {
    fileprivate struct Parser {
        let bytes: [UInt8]
        let limits: BencodeLimits
        var index = 0
        var elementCount = 0
        var topLevelRanges: [[UInt8]: Range<Int>] = [:]

        init(bytes: [UInt8], limits: BencodeLimits) {
            self.bytes = bytes
            self.limits = limits
        }

        mutating func countElement() throws(BencodeError) {
            elementCount += 1
            if elementCount > limits.maxElementCount { throw .tooManyElements(offset: index, limit: limits.maxElementCount) }
        }

        func peek() throws(BencodeError) -> UInt8 {
            guard index < bytes.count else { throw .unexpectedEnd(offset: index) }
            return bytes[index]
        }

        mutating func parseValue(depth: Int) throws(BencodeError) -> BencodeValue {
            try countElement()
            let byte = try peek()
            switch byte {
            case UInt8(ascii: "i"):
                return .integer(try parseInteger())
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .string(try parseString())
            case UInt8(ascii: "l"):
                guard depth < limits.maxDepth else { throw .nestingTooDeep(offset: index, limit: limits.maxDepth) }
                index += 1
                var items: [BencodeValue] = []
                while try peek() != UInt8(ascii: "e") {
                    items.append(try parseValue(depth: depth + 1))
                }
                index += 1
                return .list(items)
            case UInt8(ascii: "d"):
                guard depth < limits.maxDepth else { throw .nestingTooDeep(offset: index, limit: limits.maxDepth) }
                index += 1
                var entries: [[UInt8]: BencodeValue] = [:]
                var previousKey: [UInt8]?
                while try peek() != UInt8(ascii: "e") {
                    let keyOffset = index
                    guard try peek() >= UInt8(ascii: "0"), try peek() <= UInt8(ascii: "9") else {
                        throw .unexpectedByte(try peek(), offset: index)
                    }
                    try countElement()
                    let key = try parseString()
                    if let previousKey {
                        if key == previousKey { throw .duplicateKey(offset: keyOffset) }
                        if !previousKey.lexicographicallyPrecedes(key) { throw .unsortedKeys(offset: keyOffset) }
                    }
                    let valueStart = index
                    entries[key] = try parseValue(depth: depth + 1)
                    if depth == 0 { topLevelRanges[key] = valueStart..<index }
                    previousKey = key
                }
                index += 1
                return .dictionary(entries)
            default:
                throw .unexpectedByte(byte, offset: index)
            }
        }

        /// `i<canonical decimal>e`: no leading zeros, no `-0`, no empty digits, fits in Int64.
        mutating func parseInteger() throws(BencodeError) -> Int64 {
            let start = index
            index += 1  // "i"
            var negative = false
            if try peek() == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            let digitsStart = index
            var magnitude: UInt64 = 0
            while true {
                let byte = try peek()
                if byte == UInt8(ascii: "e") { break }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .unexpectedByte(byte, offset: index) }
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { throw .integerOverflow(offset: start) }
                magnitude = sum
                index += 1
            }
            let digitCount = index - digitsStart
            guard digitCount > 0 else { throw .nonCanonicalInteger(offset: start) }
            if bytes[digitsStart] == UInt8(ascii: "0"), digitCount > 1 || negative { throw .nonCanonicalInteger(offset: start) }
            index += 1  // "e"
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { throw .integerOverflow(offset: start) }
                return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { throw .integerOverflow(offset: start) }
            return Int64(magnitude)
        }

        /// `<length>:<bytes>`; the length is checked against the limit and the remaining input before
        /// anything is allocated, so a huge claimed length fails at once.
        mutating func parseString() throws(BencodeError) -> [UInt8] {
            let start = index
            var length = 0
            let bound = min(limits.maxStringLength, limits.maxInputSize)
            while true {
                let byte = try peek()
                if byte == UInt8(ascii: ":") { break }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .unexpectedByte(byte, offset: index) }
                length = length * 10 + Int(byte - UInt8(ascii: "0"))
                if length > bound { throw .stringTooLong(offset: start, limit: bound) }
                index += 1
            }
            if bytes[start] == UInt8(ascii: "0"), index - start > 1 { throw .nonCanonicalLength(offset: start) }
            index += 1  // ":"
            guard length <= bytes.count - index else { throw .lengthExceedsInput(offset: start) }
            let value = Array(bytes[index..<(index + length)])
            index += length
            return value
        }
    }
}
