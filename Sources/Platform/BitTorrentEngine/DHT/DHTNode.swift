import BitTorrentCore
import NIOCore
import NIOPosix

/// A Mainline DHT node (BEP 5) on one UDP socket: it answers other nodes' queries (ping, find_node,
/// get_peers, announce_peer), keeps a routing table, and runs lookups for peers of an infohash.
///
/// The protocol is `BitTorrentCore`'s pure values (`DHT.Message`, `DHT.RoutingTable`, `DHT.Lookup`,
/// `DHT.TokenSecrets`, `DHT.PeerStore`); this side owns the socket, transaction ids, query timeouts,
/// timers and the state store. Everything runs on one event loop (the engine's, when the engine owns the
/// node). Every method is safe to call from any task.
public final class DHTNode: Sendable {
    public struct Configuration: Sendable {
        /// Address the UDP socket binds to; IPv4 (BEP 5 compact node info is IPv4).
        public var bindHost: String
        /// 0 picks a free port.
        public var port: Int
        /// Nodes to join the network through, `host:port` (names are resolved at start). None by default:
        /// the public routers are for users to configure.
        public var bootstrapNodes: [PeerAddress]
        /// Our id; nil: the stored one, else a random one.
        public var nodeID: DHT.NodeID?
        public var queryTimeout: Duration
        /// How often tokens rotate, stored peers expire, stale buckets refresh and the state is saved.
        public var maintenanceInterval: Duration
        public var saveInterval: Duration
        /// `v` in our messages: "KN" and a version.
        public var clientVersion: [UInt8]

        public init(
            bindHost: String = "0.0.0.0",
            port: Int = 0,
            bootstrapNodes: [PeerAddress] = [],
            nodeID: DHT.NodeID? = nil,
            queryTimeout: Duration = .seconds(4),
            maintenanceInterval: Duration = .seconds(60),
            saveInterval: Duration = .seconds(10 * 60),
            clientVersion: [UInt8] = Array("KN".utf8) + [0, 1]
        ) {
            self.bindHost = bindHost
            self.port = port
            self.bootstrapNodes = bootstrapNodes
            self.nodeID = nodeID
            self.queryTimeout = queryTimeout
            self.maintenanceInterval = maintenanceInterval
            self.saveInterval = saveInterval
            self.clientVersion = clientVersion
        }
    }

    /// A snapshot for status pages and the CLI.
    public struct Status: Sendable, Hashable {
        public var nodeID: DHT.NodeID
        public var port: Int
        /// Nodes in the routing table, and how many of them are good.
        public var nodes: Int
        public var goodNodes: Int
        /// Peers other nodes announced to us, and for how many torrents.
        public var storedPeers: Int
        public var storedTorrents: Int
        public var isBootstrapped: Bool
    }

    /// What a lookup found: peers, and the closest nodes that answered.
    public struct LookupResult: Sendable, Hashable {
        public var peers: [PeerAddress]
        public var closestNodes: [DHT.NodeInfo]
        /// announce_peer queries sent (to the closest nodes that gave a token).
        public var announcedTo: Int
        public var queries: Int
    }

    public let configuration: Configuration
    let core: DHTNodeCore
    var loop: any EventLoop { core.loop }

    public init(
        configuration: Configuration = Configuration(),
        stateStore: (any DHTStateStore)? = nil,
        eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()
    ) {
        self.configuration = configuration
        self.core = DHTNodeCore(loop: eventLoop, configuration: configuration, stateStore: stateStore)
    }

    /// Loads the stored state, binds the socket and starts joining the network (without waiting for it:
    /// lookups wait for the bootstrap themselves). Returns the UDP port.
    @discardableResult
    public func start() async throws -> Int {
        let saved = try? await core.stateStore?.load()
        let bootstrap = await Self.resolve(configuration.bootstrapNodes)
        return try await core.loop.flatSubmit { [core] in core.start(saved: saved, bootstrap: bootstrap) }.get()
    }

    /// Peers of a torrent, from a get_peers lookup (waits for the bootstrap first).
    public func findPeers(for infoHash: InfoHash) async -> [PeerAddress] {
        await lookup(infoHash, announcing: nil).peers
    }

    /// A get_peers lookup that then announces us (announce_peer) to the closest nodes that gave a token:
    /// `announcing` is our TCP peer port, or nil for no announce. With `impliedPort`, the nodes take the
    /// port our UDP datagrams come from instead (BEP 5 `implied_port`).
    public func lookup(_ infoHash: InfoHash, announcing port: UInt16?, impliedPort: Bool = false) async -> LookupResult {
        let future = core.loop.flatSubmit { [core] in core.peerLookup(infoHash, announcing: port, impliedPort: impliedPort) }
        return (try? await future.get()) ?? LookupResult(peers: [], closestNodes: [], announcedTo: 0, queries: 0)
    }

    /// Announces us for a torrent (a lookup for the closest nodes and their tokens, then announce_peer).
    public func announce(_ infoHash: InfoHash, port: UInt16?, impliedPort: Bool = false) async {
        _ = await lookup(infoHash, announcing: port ?? 0, impliedPort: impliedPort || port == nil)
    }

    /// A find_node lookup for `target`: the closest nodes that answered.
    public func findNodes(closestTo target: DHT.NodeID) async -> [DHT.NodeInfo] {
        let future = core.loop.flatSubmit { [core] in core.nodeLookup(target).map { $0.closest.map(\.node) } }
        return (try? await future.get()) ?? []
    }

    /// Pings a node we heard of (a peer's PORT message, BEP 5); it joins the table if it answers.
    public func addNode(_ address: PeerAddress) async {
        let resolved = await Self.resolve([address])
        _ = try? await core.loop.submit { [core] in
            for address in resolved { core.ping(address, id: nil) }
        }.get()
    }

    public func status() async -> Status? {
        try? await core.loop.submit { [core] in core.status() }.get()
    }

    /// The id and the nodes worth keeping, as the state store gets them.
    public func snapshot() async -> DHTState? {
        try? await core.loop.submit { [core] in core.snapshot() }.get()
    }

    /// Saves the state now (it is also saved every `saveInterval` and at shutdown).
    public func save() async throws {
        guard let store = core.stateStore, let state = await snapshot() else { return }
        try await store.save(state)
    }

    /// Saves the state, then closes the socket; lookups in progress end with what they found.
    public func shutdown() async {
        try? await save()
        try? await core.loop.flatSubmit { [core] in core.close() }.get()
    }

    /// Literal addresses as they are; names through getaddrinfo on the thread pool (IPv4 only).
    static func resolve(_ addresses: [PeerAddress]) async -> [PeerAddress] {
        var resolved: [PeerAddress] = []
        for address in addresses {
            if (try? SocketAddress(ipAddress: address.host, port: Int(address.port))) != nil {
                resolved.append(address)
                continue
            }
            let found = try? await NIOThreadPool.singleton.runIfActive {
                try SocketAddress.makeAddressResolvingHost(address.host, port: Int(address.port))
            }
            if let found, found.protocol == .inet, let host = found.ipAddress { resolved.append(PeerAddress(host: host, port: address.port)) }
        }
        return resolved
    }
}

/// The node's state on its event loop.
final class DHTNodeCore: @unchecked Sendable {
    let loop: any EventLoop
    let configuration: DHTNode.Configuration
    let stateStore: (any DHTStateStore)?

    var channel: (any Channel)?
    var localPort = 0
    var table: DHT.RoutingTable
    var tokens: DHT.TokenSecrets
    var peerStore = DHT.PeerStore()
    var random = SystemRandomNumberGenerator()
    var bootstrapAddresses: [PeerAddress] = []
    var savedNodes: [DHT.NodeInfo] = []

    var transactions: [UInt16: Transaction] = [:]
    var nextTransaction: UInt16
    var lookups: [Int: LookupRun] = [:]
    var nextLookupID = 0
    var bootstrap: EventLoopFuture<Void>?
    var maintenance: RepeatedTask?
    var lastSave: ContinuousClock.Instant
    var isClosed = false

    struct Transaction {
        var address: PeerAddress
        /// The id we expect at the address, when known.
        var nodeID: DHT.NodeID?
        var purpose: Purpose
        var timeout: Scheduled<Void>?

        var isPing: Bool { if case .ping = purpose { true } else { false } }
    }

    /// Queries in flight at most; past it, new ones fail at once (the id space is 16 bits).
    static let maxTransactions = 4_096

    enum Purpose {
        case ping
        case lookup(Int)
        case announce
    }

    final class LookupRun {
        var lookup: DHT.Lookup
        let promise: EventLoopPromise<DHT.Lookup.Result>

        init(lookup: DHT.Lookup, promise: EventLoopPromise<DHT.Lookup.Result>) {
            self.lookup = lookup
            self.promise = promise
        }
    }

    init(loop: any EventLoop, configuration: DHTNode.Configuration, stateStore: (any DHTStateStore)?) {
        self.loop = loop
        self.configuration = configuration
        self.stateStore = stateStore
        let now = ContinuousClock.now
        var random = SystemRandomNumberGenerator()
        self.table = DHT.RoutingTable(ownID: configuration.nodeID ?? .random(using: &random), now: now)
        self.tokens = DHT.TokenSecrets(now: now, using: &random)
        self.nextTransaction = UInt16.random(in: 0...UInt16.max)
        self.lastSave = now
    }

    var ownID: DHT.NodeID { table.ownID }

    // MARK: Life cycle

    func start(saved: DHTState?, bootstrap addresses: [PeerAddress]) -> EventLoopFuture<Int> {
        loop.assertInEventLoop()
        if let saved {
            if configuration.nodeID == nil, saved.nodeID != table.ownID {
                table = DHT.RoutingTable(ownID: saved.nodeID, now: .now)
            }
            savedNodes = saved.nodes
        }
        bootstrapAddresses = addresses
        return DatagramBootstrap(group: loop)
            .channelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DHTDatagramHandler(core: self))
                }
            }
            .bind(host: configuration.bindHost, port: configuration.port)
            .map { [self] channel in
                self.channel = channel
                localPort = channel.localAddress?.port ?? 0
                maintenance = loop.scheduleRepeatedTask(initialDelay: TimeAmount(configuration.maintenanceInterval), delay: TimeAmount(configuration.maintenanceInterval)) { [weak self] _ in
                    self?.maintain()
                }
                startBootstrap()
                return localPort
            }
    }

    func close() -> EventLoopFuture<Void> {
        isClosed = true
        maintenance?.cancel()
        maintenance = nil
        for (_, transaction) in transactions { transaction.timeout?.cancel() }
        transactions.removeAll()
        for run in lookups.values { run.promise.succeed(run.lookup.result) }
        lookups.removeAll()
        guard let channel else { return loop.makeSucceededVoidFuture() }
        self.channel = nil
        return channel.close().recover { _ in }
    }

    /// A find_node for our own id through the stored nodes and the bootstrap nodes: the answers fill the
    /// table. Lookups started meanwhile wait for it.
    func startBootstrap() {
        guard bootstrap == nil else { return }
        let seeds = savedNodes + table.closest(to: ownID, count: DHT.bucketSize, now: .now)
        guard !seeds.isEmpty || !bootstrapAddresses.isEmpty else { return }
        bootstrap = runLookup(.node(ownID), seeds: seeds, bootstrap: bootstrapAddresses).map { [self] _ in bootstrap = nil }
    }

    /// Joined: the bootstrap is over and the table has nodes.
    var isBootstrapped: Bool { bootstrap == nil && table.count > 0 }

    /// Waits for a bootstrap in progress, if any.
    private func afterBootstrap() -> EventLoopFuture<Void> {
        bootstrap ?? loop.makeSucceededVoidFuture()
    }

    /// Every `maintenanceInterval`: rotate tokens, expire peers, refresh stale buckets, rejoin when the
    /// table is empty, and save the state now and then.
    func maintain() {
        guard !isClosed else { return }
        let now = ContinuousClock.now
        tokens.rotateIfDue(now: now, using: &random)
        peerStore.expire(now: now)
        if table.count == 0 {
            startBootstrap()
        } else {
            for target in table.refreshTargets(now: now, using: &random) {
                _ = runLookup(.node(target), seeds: table.closest(to: target, count: DHT.bucketSize, now: now), bootstrap: [])
            }
        }
        if let store = stateStore, lastSave.duration(to: now) >= configuration.saveInterval {
            lastSave = now
            let state = snapshot()
            Task { try? await store.save(state) }
        }
    }

    func status() -> DHTNode.Status {
        let now = ContinuousClock.now
        return DHTNode.Status(
            nodeID: ownID,
            port: localPort,
            nodes: table.count,
            goodNodes: table.goodCount(now: now),
            storedPeers: peerStore.peerCount,
            storedTorrents: peerStore.torrentCount,
            isBootstrapped: isBootstrapped
        )
    }

    func snapshot() -> DHTState {
        let nodes = table.snapshot(now: .now)
        // Nodes never reached this run are kept until the table has some of its own.
        return DHTState(nodeID: ownID, nodes: nodes.isEmpty ? savedNodes : nodes)
    }

    // MARK: Lookups

    func peerLookup(_ infoHash: InfoHash, announcing port: UInt16?, impliedPort: Bool) -> EventLoopFuture<DHTNode.LookupResult> {
        afterBootstrap().flatMap { [self] in
            let target = DHT.NodeID(infoHash)
            let seeds = table.closest(to: target, count: DHT.bucketSize * 2, now: .now)
            // Too few nodes of our own: ask the bootstrap nodes too.
            let bootstrap = table.count < DHT.bucketSize ? bootstrapAddresses : []
            return runLookup(.peers(infoHash), seeds: seeds.isEmpty ? savedNodes : seeds, bootstrap: bootstrap).map { [self] result in
                var announced = 0
                if let port, !isClosed {
                    // With implied_port the port field is ignored; ours is sent anyway, as some nodes want one.
                    let given = impliedPort ? UInt16(exactly: localPort) ?? port : port
                    for responder in result.closest {
                        guard let token = responder.token else { continue }
                        let query = DHT.Query(sender: ownID, method: .announcePeer(infoHash: infoHash, port: given, token: token, impliedPort: impliedPort))
                        send(query, to: responder.node.address, id: responder.node.id, purpose: .announce)
                        announced += 1
                    }
                }
                let stored = peerStore.peers(for: infoHash, now: .now, limit: 50, using: &random)
                var peers = result.peers
                for peer in stored where !peers.contains(peer) { peers.append(peer) }
                return DHTNode.LookupResult(peers: peers, closestNodes: result.closest.map(\.node), announcedTo: announced, queries: result.queries)
            }
        }
    }

    func nodeLookup(_ target: DHT.NodeID) -> EventLoopFuture<DHT.Lookup.Result> {
        afterBootstrap().flatMap { [self] in
            let seeds = table.closest(to: target, count: DHT.bucketSize * 2, now: .now)
            return runLookup(.node(target), seeds: seeds.isEmpty ? savedNodes : seeds, bootstrap: table.count < DHT.bucketSize ? bootstrapAddresses : [])
        }
    }

    func runLookup(_ target: DHT.Lookup.Target, seeds: [DHT.NodeInfo], bootstrap: [PeerAddress]) -> EventLoopFuture<DHT.Lookup.Result> {
        let promise = loop.makePromise(of: DHT.Lookup.Result.self)
        let lookup = DHT.Lookup(
            target: target,
            seeds: seeds,
            bootstrap: bootstrap,
            ownID: ownID,
            configuration: DHT.Lookup.Configuration(queryTimeout: configuration.queryTimeout)
        )
        guard !isClosed else {
            promise.succeed(lookup.result)
            return promise.futureResult
        }
        nextLookupID += 1
        let id = nextLookupID
        let run = LookupRun(lookup: lookup, promise: promise)
        lookups[id] = run
        perform(run.lookup.start(now: .now), lookup: id)
        return promise.futureResult
    }

    private func perform(_ actions: [DHT.Lookup.Action], lookup id: Int) {
        for action in actions {
            switch action {
            case .query(let address, let expectedID):
                guard let run = lookups[id] else { return }
                if isSelf(address) {
                    // Our own socket: never a query, just a failure the lookup moves past.
                    loop.execute { [self] in lookupEvent(id) { $0.failed(address, now: .now) } }
                    continue
                }
                send(DHT.Query(sender: ownID, method: run.lookup.method(sender: ownID)), to: address, id: expectedID, purpose: .lookup(id))
            case .finished(let result):
                lookups.removeValue(forKey: id)?.promise.succeed(result)
            }
        }
    }

    private func lookupEvent(_ id: Int, _ event: (inout DHT.Lookup) -> [DHT.Lookup.Action]) {
        guard let run = lookups[id] else { return }
        perform(event(&run.lookup), lookup: id)
    }

    func ping(_ address: PeerAddress, id: DHT.NodeID?) {
        // One ping at a time per address: a stream of queries from a stranger costs one ping, not many.
        guard !isSelf(address), !transactions.values.contains(where: { $0.address == address && $0.isPing }) else { return }
        send(DHT.Query(sender: ownID, method: .ping), to: address, id: id, purpose: .ping)
    }

    private func perform(_ actions: [DHT.RoutingTable.Action]) {
        for case .ping(let node) in actions { ping(node.address, id: node.id) }
    }

    func isSelf(_ address: PeerAddress) -> Bool {
        guard Int(address.port) == localPort else { return false }
        let wildcard = configuration.bindHost == "0.0.0.0"
        return address.host == configuration.bindHost || address.host == "127.0.0.1" || (wildcard && address.host == "0.0.0.0")
    }

    // MARK: Sending

    private func send(_ query: DHT.Query, to address: PeerAddress, id: DHT.NodeID?, purpose: Purpose) {
        guard let channel, transactions.count < Self.maxTransactions,
            let remote = try? SocketAddress(ipAddress: address.host, port: Int(address.port)),
            remote.protocol == channel.localAddress?.protocol
        else {
            // Unreachable from this socket (an IPv6 node on an IPv4 socket), or too much in flight: an immediate failure.
            if case .lookup(let lookupID) = purpose {
                loop.execute { [self] in lookupEvent(lookupID) { $0.failed(address, now: .now) } }
            }
            return
        }
        var transactionID = nextTransaction
        while transactions[transactionID] != nil { transactionID &+= 1 }
        nextTransaction = transactionID &+ 1
        let timeout = loop.scheduleTask(in: TimeAmount(configuration.queryTimeout)) { [self, transactionID] in timedOut(transactionID) }
        transactions[transactionID] = Transaction(address: address, nodeID: id, purpose: purpose, timeout: timeout)
        let message = DHT.Message(
            transactionID: [UInt8(transactionID >> 8), UInt8(transactionID & 0xFF)],
            body: .query(query),
            clientVersion: configuration.clientVersion
        )
        write(message, to: remote)
    }

    private func write(_ message: DHT.Message, to remote: SocketAddress) {
        guard let channel else { return }
        let envelope = AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: message.encoded()))
        channel.writeAndFlush(envelope).whenFailure { _ in }  // a lost datagram: the timeout covers it
    }

    private func timedOut(_ transactionID: UInt16) {
        guard let transaction = transactions.removeValue(forKey: transactionID) else { return }
        let now = ContinuousClock.now
        if let id = transaction.nodeID {
            perform(table.failed(DHT.NodeInfo(id: id, address: transaction.address), now: now))
        }
        if case .lookup(let lookupID) = transaction.purpose {
            lookupEvent(lookupID) { $0.failed(transaction.address, now: now) }
        }
    }

    // MARK: Receiving

    func received(_ bytes: [UInt8], from remote: SocketAddress) {
        guard !isClosed, let host = remote.ipAddress, let port = remote.port, let port16 = UInt16(exactly: port), port16 != 0 else { return }
        let sender = PeerAddress(host: host, port: port16)
        let message: DHT.Message
        do {
            message = try DHT.Message(decoding: bytes)
        } catch .badQuery(let transactionID, let reply) {
            write(DHT.Message(transactionID: transactionID, body: .error(reply), clientVersion: configuration.clientVersion), to: remote)
            return
        } catch {
            return  // not a KRPC message we can answer: dropped
        }
        switch message.body {
        case .query(let query):
            answer(query, transactionID: message.transactionID, from: sender, remote: remote)
        case .response(let response):
            guard let transaction = matchTransaction(message.transactionID, from: sender) else { return }
            responded(response, to: transaction, from: sender)
        case .error:
            guard let transaction = matchTransaction(message.transactionID, from: sender) else { return }
            // An error reply is an answer, though not a useful one: the lookup moves on.
            if case .lookup(let lookupID) = transaction.purpose {
                lookupEvent(lookupID) { $0.failed(sender, now: .now) }
            }
        }
    }

    /// The transaction a reply belongs to: our id, from the address we sent to (anything else is dropped).
    private func matchTransaction(_ bytes: [UInt8], from sender: PeerAddress) -> Transaction? {
        guard bytes.count == 2 else { return nil }
        let transactionID = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        guard let transaction = transactions[transactionID], transaction.address == sender else { return nil }
        transactions[transactionID] = nil
        transaction.timeout?.cancel()
        return transaction
    }

    private func responded(_ response: DHT.Response, to transaction: Transaction, from sender: PeerAddress) {
        let now = ContinuousClock.now
        if response.sender != ownID {
            perform(table.heard(from: DHT.NodeInfo(id: response.sender, address: sender), .responded, now: now))
        }
        guard case .lookup(let lookupID) = transaction.purpose else { return }
        lookupEvent(lookupID) {
            $0.responded(from: sender, id: response.sender, nodes: response.nodes, values: response.values, token: response.token, now: now)
        }
    }

    private func answer(_ query: DHT.Query, transactionID: [UInt8], from sender: PeerAddress, remote: SocketAddress) {
        let now = ContinuousClock.now
        guard query.sender != ownID else { return }  // our own query looped back
        if !query.readOnly {
            perform(table.heard(from: DHT.NodeInfo(id: query.sender, address: sender), .queried, now: now))
        }
        let body: DHT.Message.Body
        switch query.method {
        case .ping:
            body = .response(DHT.Response(sender: ownID))
        case .findNode(let target):
            body = .response(DHT.Response(sender: ownID, nodes: table.closest(to: target, now: now)))
        case .getPeers(let infoHash):
            tokens.rotateIfDue(now: now, using: &random)
            body = .response(DHT.Response(
                sender: ownID,
                nodes: table.closest(to: DHT.NodeID(infoHash), now: now),
                values: peerStore.peers(for: infoHash, now: now, limit: 50, using: &random),
                token: tokens.token(for: sender.host)
            ))
        case .announcePeer(let infoHash, let port, let token, let impliedPort):
            tokens.rotateIfDue(now: now, using: &random)
            guard tokens.isValid(token, for: sender.host) else {
                body = .error(.protocolError("bad token"))
                break
            }
            let peerPort = impliedPort ? sender.port : port
            guard peerPort != 0 else {
                body = .error(.protocolError("port must be from 1 to 65535"))
                break
            }
            peerStore.announce(PeerAddress(host: sender.host, port: peerPort), for: infoHash, now: now)
            body = .response(DHT.Response(sender: ownID))
        }
        write(DHT.Message(transactionID: transactionID, body: body, clientVersion: configuration.clientVersion, observedAddress: sender), to: remote)
    }
}

/// Hands each datagram to the node; socket errors (an ICMP "unreachable") are ignored, as the
/// transaction timeouts already cover lost replies.
private final class DHTDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let core: DHTNodeCore

    init(core: DHTNodeCore) {
        self.core = core
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        core.received(Array(envelope.data.readableBytesView), from: envelope.remoteAddress)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}
