extension BencodeValue {
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var bytesValue: [UInt8]? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The byte string as text, or nil when it is not valid UTF-8.
    public var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return String(validating: value, as: UTF8.self)
    }

    public var listValue: [BencodeValue]? {
        if case .list(let value) = self { return value }
        return nil
    }

    public var dictionaryValue: [[UInt8]: BencodeValue]? {
        if case .dictionary(let value) = self { return value }
        return nil
    }

    /// The value under a text key when this is a dictionary.
    public subscript(key: String) -> BencodeValue? {
        guard case .dictionary(let entries) = self else { return nil }
        return entries[Array(key.utf8)]
    }
}
