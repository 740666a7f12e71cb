import Foundation

/// Lenient reads in the spirit of Jellyfin's own JSON settings: keys match ignoring case,
/// numbers may arrive as strings (`AllowReadingFromString`), and a value of the wrong shape reads
/// as absent instead of failing the whole document.
extension KeyedDecodingContainer where Key == JellyfinJSONKey {
    func key(_ name: String) -> JellyfinJSONKey? {
        let wanted = name.lowercased()
        return allKeys.first { $0.stringValue.lowercased() == wanted }
    }

    func lenientString(_ name: String) -> String? {
        guard let key = key(name), (try? decodeNil(forKey: key)) == false else { return nil }
        if let text = try? decode(String.self, forKey: key) { return text }
        if let number = try? decode(Int.self, forKey: key) { return String(number) }
        if let number = try? decode(Double.self, forKey: key) { return String(number) }
        if let flag = try? decode(Bool.self, forKey: key) { return flag ? "true" : "false" }
        return nil
    }

    func lenientInt(_ name: String) -> Int? {
        guard let key = key(name), (try? decodeNil(forKey: key)) == false else { return nil }
        if let number = try? decode(Int.self, forKey: key) { return number }
        if let number = try? decode(Double.self, forKey: key), number.isFinite, abs(number) < 9e15 { return Int(number) }
        if let text = try? decode(String.self, forKey: key) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let number = Int(trimmed) { return number }
            if let number = Double(trimmed), number.isFinite, abs(number) < 9e15 { return Int(number) }
        }
        return nil
    }

    func lenientBool(_ name: String) -> Bool? {
        guard let key = key(name), (try? decodeNil(forKey: key)) == false else { return nil }
        if let flag = try? decode(Bool.self, forKey: key) { return flag }
        if let text = try? decode(String.self, forKey: key) {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: return nil
            }
        }
        if let number = try? decode(Int.self, forKey: key) { return number != 0 }
        return nil
    }

    /// An array whose unreadable elements are skipped; absent or not an array reads as empty.
    func lenientArray<Element: Decodable>(_ name: String, of type: Element.Type = Element.self) -> [Element] {
        guard let key = key(name), var list = try? nestedUnkeyedContainer(forKey: key) else { return [] }
        var result: [Element] = []
        while !list.isAtEnd {
            if let element = try? list.decode(Element.self) {
                result.append(element)
            } else if (try? list.decode(SkippedJSONValue.self)) == nil {
                break
            }
        }
        return result
    }
}

/// Consumes one JSON value of any shape, so a lenient array can step over a bad element.
private struct SkippedJSONValue: Decodable {
    init(from decoder: any Decoder) throws {}
}
