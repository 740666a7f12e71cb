import NIOCore

/// A BEP 11 `ut_pex` message: peers the sender connected to or dropped since its last one.
/// Never sent or used on private torrents (BEP 27).
public struct PEXMessage: Sendable, Hashable {
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let prefersEncryption = Flags(rawValue: 0x01)
        public static let seed = Flags(rawValue: 0x02)
        public static let supportsUTP = Flags(rawValue: 0x04)
        public static let supportsHolepunch = Flags(rawValue: 0x08)
        public static let reachable = Flags(rawValue: 0x10)
    }

    public struct Entry: Sendable, Hashable {
        public var address: PeerAddress
        public var flags: Flags

        public init(address: PeerAddress, flags: Flags = []) {
            self.address = address
            self.flags = flags
        }
    }

    /// BEP 11 asks for at most 50 added and 50 dropped per message; more from a peer is ignored.
    public static let maxEntries = 50

    public var added: [Entry]
    public var dropped: [PeerAddress]

    public init(added: [Entry] = [], dropped: [PeerAddress] = []) {
        self.added = added
        self.dropped = dropped
    }

    /// Reads a payload; entries beyond `maxEntries` per list are dropped, malformed lists read as empty.
    public init(decoding payload: ByteBuffer) throws(ExtensionMessageError) {
        let value: BencodeValue
        do { value = try BencodeDecoder.decode(payload, limits: .message) } catch { throw .bencode(error) }
        guard case .dictionary = value else { throw .notADictionary }
        func list(_ key: String, _ length: Int) -> [PeerAddress] {
            Array(PeerAddress.compactList(value[key]?.bytesValue ?? [], entryLength: length).prefix(Self.maxEntries))
        }
        var added: [Entry] = []
        for (key, length) in [("added", 6), ("added6", 18)] {
            let flags = value[key + ".f"]?.bytesValue ?? []
            for (index, address) in list(key, length).enumerated() {
                added.append(Entry(address: address, flags: index < flags.count ? Flags(rawValue: flags[index]) : []))
            }
        }
        self.added = added
        self.dropped = list("dropped", 6) + list("dropped6", 18)
    }

    /// Encodes IPv4 and IPv6 literals in their compact lists; host names cannot be sent and are left out.
    public func encoded() -> ByteBuffer {
        var entries: [[UInt8]: BencodeValue] = [:]
        for (suffix, length) in [("", 4), ("6", 16)] {
            let adds = added.filter { $0.address.compactBytes?.count == length + 2 }
            let drops = dropped.filter { $0.compactBytes?.count == length + 2 }
            guard !adds.isEmpty || !drops.isEmpty || suffix.isEmpty else { continue }
            entries[Array("added\(suffix)".utf8)] = .string(adds.flatMap { $0.address.compactBytes! })
            entries[Array("added\(suffix).f".utf8)] = .string(adds.map(\.flags.rawValue))
            entries[Array("dropped\(suffix)".utf8)] = .string(drops.flatMap { $0.compactBytes! })
        }
        var buffer = ByteBuffer()
        BencodeValue.dictionary(entries).encode(into: &buffer)
        return buffer
    }
}

extension PeerAddress {
    /// The compact form (address bytes, then port) of an IPv4 or full IPv6 literal; nil for host names.
    public var compactBytes: [UInt8]? {
        let port = [UInt8(port >> 8), UInt8(port & 0xFF)]
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4 {
            let bytes = octets.compactMap { $0.count <= 3 && $0.allSatisfy(\.isASCII) ? UInt8($0) : nil }
            return bytes.count == 4 ? bytes + port : nil
        }
        let groups = host.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.count == 8 else { return nil }  // the full form only (as `init(compact:)` writes it)
        var bytes: [UInt8] = []
        for group in groups {
            guard group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
            bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return bytes + port
    }
}
