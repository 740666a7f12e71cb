/// The client identity and token a Jellyfin client sends, from any of the places Jellyfin accepts
/// them. Clients differ: the web app sends `Authorization: MediaBrowser …`, older apps and
/// Jellyseerr send `X-Emby-Token` or `X-Emby-Authorization`, players get URLs with `ApiKey=`.
public struct JellyfinAuthorization: Sendable, Equatable {
    public var client: String?
    public var device: String?
    public var deviceID: String?
    public var version: String?
    public var token: String?

    public init(client: String? = nil, device: String? = nil, deviceID: String? = nil, version: String? = nil, token: String? = nil) {
        self.client = client
        self.device = device
        self.deviceID = deviceID
        self.version = version
        self.token = token
    }

    /// Reads a request's credentials in Jellyfin's order: the `Authorization` header's Token, then
    /// `X-Emby-Authorization`, `X-Emby-Token`, `X-MediaBrowser-Token`, then the `ApiKey` and
    /// `api_key` query parameters. `header` and `query` look names up ignoring case.
    public static func from(header: (String) -> String?, query: (String) -> String?) -> JellyfinAuthorization {
        var result = header("Authorization").flatMap(parse) ?? header("X-Emby-Authorization").flatMap(parse) ?? JellyfinAuthorization()
        if result.token == nil {
            result.token = [header("X-Emby-Token"), header("X-MediaBrowser-Token"), query("ApiKey"), query("api_key")]
                .lazy.compactMap { $0?.trimmedToken }.first
        }
        return result
    }

    /// Parses `MediaBrowser Client="Jellyfin Web", Device="Firefox", DeviceId="…", Version="10.10.7", Token="…"`.
    /// The scheme is `MediaBrowser` or `Emby` in any case; values are quoted or bare, split on commas
    /// outside quotes, and percent-decoded. Anything else is not a Jellyfin header: nil.
    public static func parse(_ header: String) -> JellyfinAuthorization? {
        let text = Substring(header).drop { $0 == " " }
        guard let space = text.firstIndex(of: " ") else { return nil }
        let scheme = text[..<space].lowercased()
        guard scheme == "mediabrowser" || scheme == "emby" else { return nil }
        var result = JellyfinAuthorization()
        for pair in splitOutsideQuotes(text[space...]) {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let key = pair[..<equals].trimmingSpaces.lowercased()
            var value = pair[pair.index(after: equals)...].trimmingSpaces
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            let decoded = percentDecoded(value)
            guard !decoded.isEmpty else { continue }
            switch key {
            case "client": result.client = decoded
            case "device": result.device = decoded
            case "deviceid": result.deviceID = decoded
            case "version": result.version = decoded
            case "token": result.token = decoded
            default: continue
            }
        }
        return result
    }

    static func splitOutsideQuotes(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var inQuotes = false
        var start = text.startIndex
        for index in text.indices {
            switch text[index] {
            case "\"": inQuotes.toggle()
            case "," where !inQuotes:
                parts.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        parts.append(text[start...])
        return parts
    }

    static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed().reduce(into: Substring()) { $0.append($1) }
    }
}

extension String {
    fileprivate var trimmedToken: String? {
        let trimmed = self.filter { $0 != " " }
        return trimmed.isEmpty ? nil : trimmed
    }
}
