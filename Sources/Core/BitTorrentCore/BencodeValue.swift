/// A decoded bencode value (BEP 3). Byte strings stay bytes: torrent fields are not guaranteed UTF-8.
public enum BencodeValue: Sendable, Hashable {
    case integer(Int64)
    case string([UInt8])
    case list([BencodeValue])
    /// Keys are raw byte strings; the encoder writes them in sorted order, as BEP 3 requires.
    case dictionary([[UInt8]: BencodeValue])
}

extension BencodeValue {
    /// A byte string from UTF-8 text.
    public static func text(_ string: String) -> BencodeValue { .string(Array(string.utf8)) }

    /// A dictionary from text keys, the usual way to build one in code.
    public static func dict(_ entries: KeyValuePairs<String, BencodeValue>) -> BencodeValue {
        var result: [[UInt8]: BencodeValue] = [:]
        for (key, value) in entries { result[Array(key.utf8)] = value }
        return .dictionary(result)
    }
}
