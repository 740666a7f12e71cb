/// A peer's `host:port`, from a magnet link (`x.pe`), a tracker or PEX; host is an IPv4 address, an IPv6
/// address (without brackets) or a name.
public struct PeerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` or `[v6]:port`; nil when malformed or the port is 0.
    public init?(_ text: String) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else { return nil }  // a bare IPv6 address needs brackets
        }
        guard !host.isEmpty, !portText.isEmpty, portText.allSatisfy(\.isASCII), let port = UInt16(portText), port != 0 else { return nil }
        self.host = String(host)
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

extension PeerAddress {
    /// From the compact form (BEP 23, BEP 7): 4 or 16 address bytes, then the port, big-endian.
    /// Nil for any other length or port 0.
    public init?(compact bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        guard bytes.count == 6 || bytes.count == 18 else { return nil }
        let address = bytes.prefix(bytes.count - 2)
        let port = UInt16(bytes[bytes.count - 2]) << 8 | UInt16(bytes[bytes.count - 1])
        guard port != 0 else { return nil }
        if address.count == 4 {
            host = address.map(String.init).joined(separator: ".")
        } else {
            host = stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
        }
        self.port = port
    }

    /// Every whole entry of a compact peer list of `entryLength` (6 for IPv4, 18 for IPv6) bytes each;
    /// a ragged tail and port-0 entries are skipped, as trackers are not always careful.
    public static func compactList(_ bytes: some Collection<UInt8>, entryLength: Int) -> [PeerAddress] {
        let bytes = Array(bytes)
        return stride(from: 0, to: bytes.count - entryLength + 1, by: entryLength).compactMap {
            PeerAddress(compact: bytes[$0..<($0 + entryLength)])
        }
    }
}

