import BitTorrentCore
import NIOCore

extension TorrentEngine {
    /// The engine's DHT (BEP 5): off unless `Configuration.dht` is set. Never used for private torrents.
    public struct DHTSettings: Sendable {
        /// Address of the UDP socket; nil: the engine's `bindHost`.
        public var bindHost: String?
        /// UDP port; nil: the TCP listener's port number (any free port when that one is taken on UDP).
        public var port: Int?
        /// Nodes to join through, `host:port`. None by default (public routers are the user's choice).
        public var bootstrapNodes: [PeerAddress]
        /// Where the node id and the known nodes live across restarts (nil: nowhere).
        public var stateStore: (any DHTStateStore)?
        /// Peers are looked up (and we announce) at a torrent's start, then every interval plus a random
        /// part of it (15–30 minutes by default)…
        public var lookupInterval: Duration
        /// …or this often while a magnet lacks metadata, or a download has few peers.
        public var starvingLookupInterval: Duration
        /// "Few peers", for the rule above.
        public var starvingPeerCount: Int
        public var queryTimeout: Duration
        public var maintenanceInterval: Duration

        public init(
            bindHost: String? = nil,
            port: Int? = nil,
            bootstrapNodes: [PeerAddress] = [],
            stateStore: (any DHTStateStore)? = nil,
            lookupInterval: Duration = .seconds(15 * 60),
            starvingLookupInterval: Duration = .seconds(30),
            starvingPeerCount: Int = 5,
            queryTimeout: Duration = .seconds(4),
            maintenanceInterval: Duration = .seconds(60)
        ) {
            self.bindHost = bindHost
            self.port = port
            self.bootstrapNodes = bootstrapNodes
            self.stateStore = stateStore
            self.lookupInterval = lookupInterval
            self.starvingLookupInterval = starvingLookupInterval
            self.starvingPeerCount = starvingPeerCount
            self.queryTimeout = queryTimeout
            self.maintenanceInterval = maintenanceInterval
        }
    }

    /// The DHT node's status (nodes in the table, stored peers…), nil when the DHT is off.
    public func dhtStatus() async -> DHTNode.Status? {
        guard let node = try? await core.loop.submit({ [core] in core.dht }).get() else { return nil }
        return await node.status()
    }

    /// Starts the DHT node on the engine's loop when the configuration asks for one.
    func startDHT(listenPort: Int) async throws {
        guard let settings = configuration.dht else { return }
        let host = settings.bindHost ?? configuration.bindHost
        var nodeConfiguration = DHTNode.Configuration(
            bindHost: host == "::" ? "0.0.0.0" : host,
            port: settings.port ?? listenPort,
            bootstrapNodes: settings.bootstrapNodes,
            queryTimeout: settings.queryTimeout,
            maintenanceInterval: settings.maintenanceInterval
        )
        var node = DHTNode(configuration: nodeConfiguration, stateStore: settings.stateStore, eventLoop: core.loop)
        do {
            try await node.start()
        } catch where settings.port == nil {
            // The TCP port's number is taken on UDP: any free port will do.
            nodeConfiguration.port = 0
            node = DHTNode(configuration: nodeConfiguration, stateStore: settings.stateStore, eventLoop: core.loop)
            try await node.start()
        }
        try await core.loop.submit { [core, node] in core.dht = node }.get()
    }

    func stopDHT() async {
        guard let node = try? await core.loop.submit({ [core] in
            defer { core.dht = nil }
            return core.dht
        }).get() else { return }
        await node.shutdown()
    }
}
