extension DHT {
    /// A node: its id and its UDP address. The compact form (BEP 5 "compact node info") is 26 bytes:
    /// the id, the IPv4 address, the port, big-endian.
    public struct NodeInfo: Sendable, Hashable, CustomStringConvertible {
        public static let compactLength = 26

        public var id: NodeID
        public var address: PeerAddress

        public init(id: NodeID, address: PeerAddress) {
            self.id = id
            self.address = address
        }

        /// Nil unless 26 bytes with a non-zero port.
        public init?(compact bytes: some Collection<UInt8>) {
            let bytes = Array(bytes)
            guard bytes.count == Self.compactLength, let id = NodeID(bytes: bytes[0..<20]),
                let address = PeerAddress(compact: bytes[20..<26])
            else { return nil }
            self.init(id: id, address: address)
        }

        /// The 26-byte form; nil when the address is not an IPv4 literal (IPv6 nodes are BEP 32's "nodes6").
        public var compactBytes: [UInt8]? {
            guard let address = address.compactBytes, address.count == 6 else { return nil }
            return id.bytes + address
        }

        /// A whole `nodes` string: a multiple of 26 bytes, or nil. Entries with port 0 are skipped.
        public static func compactList(_ bytes: some Collection<UInt8>) -> [NodeInfo]? {
            let bytes = Array(bytes)
            guard bytes.count % compactLength == 0 else { return nil }
            return stride(from: 0, to: bytes.count, by: compactLength).compactMap { NodeInfo(compact: bytes[$0..<($0 + compactLength)]) }
        }

        /// The `nodes` string for a list; nodes without an IPv4 address are left out.
        public static func compactString(_ nodes: some Sequence<NodeInfo>) -> [UInt8] {
            nodes.reduce(into: []) { $0 += $1.compactBytes ?? [] }
        }

        public var description: String { "\(id.hex.prefix(8))…@\(address)" }
    }
}
