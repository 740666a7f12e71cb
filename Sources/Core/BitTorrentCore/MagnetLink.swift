/// A magnet link (BEP 9): enough to find peers and fetch the info dictionary from them.
public struct MagnetLink: Sendable, Hashable {
    public var infoHash: InfoHash
    /// `dn`: a display name until the metadata arrives.
    public var displayName: String?
    /// `tr`, in the order given, each once.
    public var trackers: [String]
    /// `x.pe`: peers to dial directly.
    public var peers: [PeerAddress]
    /// `xl`: the total length, when given.
    public var exactLength: Int?

    public init(infoHash: InfoHash, displayName: String? = nil, trackers: [String] = [], peers: [PeerAddress] = [], exactLength: Int? = nil) {
        self.infoHash = infoHash
        self.displayName = displayName
        self.trackers = trackers
        self.peers = peers
        self.exactLength = exactLength
    }
}

/// Why a magnet link is refused.
public enum MagnetLinkError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAMagnetLink
    case missingInfoHash
    case invalidInfoHash(String)
    case conflictingInfoHashes
    case v2Only
    case invalidPercentEncoding(parameter: String)
    case invalidPeerAddress(String)

    public var description: String {
        switch self {
        case .notAMagnetLink: "the link does not start with 'magnet:?'"
        case .missingInfoHash: "the magnet link has no 'xt=urn:btih:' infohash"
        case .invalidInfoHash(let text): "the magnet infohash '\(text)' is neither 40 hex nor 32 base32 characters"
        case .conflictingInfoHashes: "the magnet link names two different v1 infohashes"
        case .v2Only: "the magnet link has only a v2 infohash (urn:btmh), which is not supported yet"
        case .invalidPercentEncoding(let parameter): "the magnet parameter '\(parameter)' has a bad percent escape or is not UTF-8"
        case .invalidPeerAddress(let text): "the magnet peer address '\(text)' is not host:port"
        }
    }
}

extension MagnetLink {
    public init(parsing text: String) throws(MagnetLinkError) {
        guard text.lowercased().hasPrefix("magnet:?") else { throw .notAMagnetLink }
        let query = text.dropFirst("magnet:?".count)
        var infoHash: InfoHash?
        var sawV2 = false
        var displayName: String?
        var trackers: [String] = []
        var peers: [PeerAddress] = []
        var exactLength: Int?
        for parameter in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).lowercased()
            let rawValue = parts.count > 1 ? parts[1] : ""
            let baseKey = key.split(separator: ".", maxSplits: 1).first.map(String.init) ?? key
            switch key == "x.pe" ? key : baseKey {
            case "xt":
                let value = try Self.percentDecoded(rawValue, parameter: key, plusIsSpace: false)
                let lowered = value.lowercased()
                if lowered.hasPrefix("urn:btih:") {
                    let digits = value.dropFirst("urn:btih:".count)
                    guard let hash = InfoHash(hex: digits) ?? InfoHash(base32: digits) else { throw .invalidInfoHash(String(digits)) }
                    if let infoHash, infoHash != hash { throw .conflictingInfoHashes }
                    infoHash = hash
                } else if lowered.hasPrefix("urn:btmh:") {
                    sawV2 = true
                }
            case "dn":
                displayName = try Self.percentDecoded(rawValue, parameter: key, plusIsSpace: true)
            case "tr":
                let tracker = try Self.percentDecoded(rawValue, parameter: key, plusIsSpace: false)
                if !tracker.isEmpty, !trackers.contains(tracker) { trackers.append(tracker) }
            case "x.pe":
                let address = try Self.percentDecoded(rawValue, parameter: key, plusIsSpace: false)
                guard let peer = PeerAddress(address) else { throw .invalidPeerAddress(address) }
                if !peers.contains(peer) { peers.append(peer) }
            case "xl":
                exactLength = Int(try Self.percentDecoded(rawValue, parameter: key, plusIsSpace: false)).flatMap { $0 >= 0 ? $0 : nil }
            default:
                continue  // unknown parameters (ws, as, so, …) are ignored
            }
        }
        guard let infoHash else { throw sawV2 ? .v2Only : .missingInfoHash }
        self.init(infoHash: infoHash, displayName: displayName, trackers: trackers, peers: peers, exactLength: exactLength)
    }

    /// The link in canonical form: hex infohash, then dn, tr and x.pe, percent-encoded.
    public var uri: String {
        var result = "magnet:?xt=urn:btih:" + infoHash.hex
        if let displayName { result += "&dn=" + Self.percentEncoded(displayName) }
        for tracker in trackers { result += "&tr=" + Self.percentEncoded(tracker) }
        for peer in peers { result += "&x.pe=" + Self.percentEncoded(peer.description) }
        if let exactLength { result += "&xl=\(exactLength)" }
        return result
    }

    static func percentDecoded(_ text: Substring, parameter: String, plusIsSpace: Bool) throws(MagnetLinkError) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) else {
                    throw .invalidPercentEncoding(parameter: parameter)
                }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .invalidPercentEncoding(parameter: parameter) }
        return decoded
    }

    /// Leaves RFC 3986 unreserved characters and `:/` as they are, escapes the rest.
    static func percentEncoded(_ text: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "/"):
                output.append(byte)
            default:
                output.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
