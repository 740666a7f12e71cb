import NIOCore

extension BencodeValue {
    /// The canonical encoding: dictionary keys sorted as raw bytes.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        encode(into: &output)
        return output
    }

    public func encode(into output: inout [UInt8]) {
        switch self {
        case .integer(let value):
            output.append(UInt8(ascii: "i"))
            output.append(contentsOf: String(value).utf8)
            output.append(UInt8(ascii: "e"))
        case .string(let bytes):
            output.append(contentsOf: String(bytes.count).utf8)
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: bytes)
        case .list(let items):
            output.append(UInt8(ascii: "l"))
            for item in items { item.encode(into: &output) }
            output.append(UInt8(ascii: "e"))
        case .dictionary(let entries):
            output.append(UInt8(ascii: "d"))
            for key in entries.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                output.append(contentsOf: String(key.count).utf8)
                output.append(UInt8(ascii: ":"))
                output.append(contentsOf: key)
                entries[key]!.encode(into: &output)
            }
            output.append(UInt8(ascii: "e"))
        }
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeBytes(encoded())
    }
}
