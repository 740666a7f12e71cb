import BitTorrentCore
import Foundation

/// What a DHT node keeps across restarts (BEP 5 asks nodes to keep their id): its id and the nodes it
/// knew, so the next start rejoins the network without a bootstrap node.
public struct DHTState: Sendable, Hashable, Codable {
    public var nodeID: DHT.NodeID
    public var nodes: [DHT.NodeInfo]

    public init(nodeID: DHT.NodeID, nodes: [DHT.NodeInfo]) {
        self.nodeID = nodeID
        self.nodes = nodes
    }

    enum CodingKeys: String, CodingKey {
        case nodeID, nodes
    }

    struct StoredNode: Codable {
        var id: String
        var address: String
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let hex = try container.decode(String.self, forKey: .nodeID)
        guard let nodeID = DHT.NodeID(hex: hex) else {
            throw DecodingError.dataCorruptedError(forKey: .nodeID, in: container, debugDescription: "not 40 hexadecimal digits")
        }
        self.nodeID = nodeID
        // A damaged entry is skipped: the others still help the next start.
        self.nodes = try container.decode([StoredNode].self, forKey: .nodes).compactMap { stored in
            guard let id = DHT.NodeID(hex: stored.id), let address = PeerAddress(stored.address) else { return nil }
            return DHT.NodeInfo(id: id, address: address)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nodeID.hex, forKey: .nodeID)
        try container.encode(nodes.map { StoredNode(id: $0.id.hex, address: $0.address.description) }, forKey: .nodes)
    }
}

/// Where a DHT node's state lives: a file for `kinora torrent download`, the torrents role's database
/// for the daemon.
public protocol DHTStateStore: Sendable {
    func load() async throws -> DHTState?
    func save(_ state: DHTState) async throws
}

/// The DHT state as one JSON file, replaced atomically (temporary file, sync, rename).
public struct FileDHTStateStore: DHTStateStore {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func load() async throws -> DHTState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(DHTState.self, from: data)  // a damaged file: start afresh
    }

    public func save(_ state: DHTState) async throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(state), to: path)
    }
}

/// A state store in memory, for tests and for engines that should not write anything.
public actor MemoryDHTStateStore: DHTStateStore {
    public private(set) var state: DHTState?

    public init(_ state: DHTState? = nil) {
        self.state = state
    }

    public func load() async throws -> DHTState? { state }
    public func save(_ state: DHTState) async throws { self.state = state }
}
