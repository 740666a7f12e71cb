import BitTorrentCore
import BitTorrentEngine
import Foundation
import NIOCore
import NIOPosix
import Testing

/// Our own DHT nodes on 127.0.0.1: joining through a bootstrap node, announce and get_peers with
/// tokens, implied_port, persistence, hostile datagrams, and an engine that downloads a magnet with no
/// tracker and no peer from a seeder it finds through the DHT. libtorrent is exercised by Tests/Interop.
@Suite("DHT nodes on loopback", .timeLimit(.minutes(2)))
struct DHTNodeTests {
    static func node(bootstrap: [PeerAddress] = [], store: (any DHTStateStore)? = nil) -> DHTNode {
        DHTNode(configuration: DHTNode.Configuration(bindHost: "127.0.0.1", port: 0, bootstrapNodes: bootstrap, queryTimeout: .seconds(1)), stateStore: store)
    }

    /// A started node and its address.
    static func started(bootstrap: [PeerAddress] = [], store: (any DHTStateStore)? = nil) async throws -> (DHTNode, PeerAddress) {
        let node = node(bootstrap: bootstrap, store: store)
        let port = try await node.start()
        return (node, PeerAddress(host: "127.0.0.1", port: UInt16(port)))
    }

    /// Polls until `condition` holds (bounded).
    static func eventually(timeout: Duration = .seconds(15), _ what: String, _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }

    static let infoHash = InfoHash(bytes: (0..<20).map { UInt8($0 * 7) })!

    @Test("nodes join through a bootstrap node, and an announced peer is found by another node")
    func announceAndFind() async throws {
        let (router, routerAddress) = try await Self.started()
        var nodes: [DHTNode] = []
        for _ in 0..<6 { nodes.append(try await Self.started(bootstrap: [routerAddress]).0) }

        // The first lookup waits for the bootstrap; every node then knows others.
        let result = await nodes[0].lookup(Self.infoHash, announcing: 4242)
        #expect(result.peers.isEmpty)
        #expect(result.announcedTo > 0)
        try await Self.eventually("the announce to be stored") { await router.status()?.storedPeers == 1 }
        let peers = await nodes[5].findPeers(for: Self.infoHash)
        #expect(peers.contains(PeerAddress(host: "127.0.0.1", port: 4242)))
        for node in nodes {
            try await Self.eventually("every node to join") { await node.status()?.isBootstrapped == true }
            #expect((await node.status()?.nodes ?? 0) > 1)
        }
        // find_node converges on real nodes.
        let someID = try #require(await nodes[3].status()?.nodeID)
        let found = await nodes[1].findNodes(closestTo: someID)
        #expect(found.first?.id == someID)
        for node in nodes + [router] { await node.shutdown() }
    }

    @Test("implied_port: the peer's port is the UDP source port of the announce")
    func impliedPort() async throws {
        let (router, routerAddress) = try await Self.started()
        let (announcer, announcerAddress) = try await Self.started(bootstrap: [routerAddress])
        let (seeker, _) = try await Self.started(bootstrap: [routerAddress])
        await announcer.announce(Self.infoHash, port: nil)
        try await Self.eventually("the implied-port announce to be found") {
            await seeker.findPeers(for: Self.infoHash).contains(announcerAddress)
        }
        for node in [router, announcer, seeker] { await node.shutdown() }
    }

    @Test("the node id and the known nodes persist, and a restart rejoins without a bootstrap node")
    func persistence() async throws {
        let (router, routerAddress) = try await Self.started()
        let store = MemoryDHTStateStore()
        let (first, _) = try await Self.started(bootstrap: [routerAddress], store: store)
        try await Self.eventually("the first node to join") { await first.status()?.isBootstrapped == true }
        let id = try #require(await first.status()?.nodeID)
        await first.shutdown()
        let saved = try #require(await store.state)
        #expect(saved.nodeID == id)
        #expect(saved.nodes.map(\.address) == [routerAddress])

        let (second, _) = try await Self.started(store: store)
        try await Self.eventually("the restarted node to rejoin from its saved nodes") { await second.status()?.nodes == 1 }
        #expect(await second.status()?.nodeID == id)
        await second.shutdown()
        await router.shutdown()

        // The file store round-trips the same state.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-dht-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = FileDHTStateStore(path: path)
        #expect(try await file.load() == nil)
        try await file.save(saved)
        #expect(try await file.load() == saved)
    }

    @Test("hostile datagrams are answered with KRPC errors or dropped, and the node keeps working")
    func hostileDatagrams() async throws {
        let (node, address) = try await Self.started()
        let probe = try await UDPProbe.open()
        defer { probe.close() }
        let id = Array(repeating: UInt8(ascii: "a"), count: 20)
        func query(_ text: String) -> [UInt8] { Array(text.utf8) }
        // Garbage, truncated bencode and a reply to nothing: no answer at all.
        for junk in [[UInt8](repeating: 0xFF, count: 1500), query("d1:t2:aa1:y1:q"), query("d1:rd2:id20:\(String(repeating: "b", count: 20))e1:t2:zz1:y1:re")] {
            try await probe.send(junk, to: address)
        }
        // An unknown method: 204; a bad argument: 203; a forged token: 203.
        try await probe.send(query("d1:ad2:id20:\(String(decoding: id, as: UTF8.self))e1:q4:vote1:t2:x11:y1:qe"), to: address)
        try await probe.send(query("d1:ad2:id3:abce1:q4:ping1:t2:x21:y1:qe"), to: address)
        let announce = DHT.Message(transactionID: Array("x3".utf8), body: .query(DHT.Query(
            sender: DHT.NodeID(bytes: id)!, method: .announcePeer(infoHash: Self.infoHash, port: 1, token: Array("forgedtk".utf8), impliedPort: false)
        )))
        try await probe.send(announce.encoded(), to: address)
        let ping = DHT.Message(transactionID: Array("x4".utf8), body: .query(DHT.Query(sender: DHT.NodeID(bytes: id)!, method: .ping)))
        try await probe.send(ping.encoded(), to: address)

        // Replies by transaction id (the node also pings the probe, a stranger that queried it: skipped).
        var replies: [String: DHT.Message.Body] = [:]
        while replies.count < 4 {
            let reply = try DHT.Message(decoding: try await probe.receive(timeout: .seconds(5)))
            if case .query = reply.body { continue }
            replies[String(decoding: reply.transactionID, as: UTF8.self)] = reply.body
        }
        guard case .error(let unknown) = replies["x1"], case .error(let malformed) = replies["x2"], case .error(let badToken) = replies["x3"],
            case .response(let pong) = replies["x4"]
        else {
            Issue.record("unexpected replies \(replies)")
            return
        }
        #expect(unknown.code == 204)
        #expect(malformed.code == 203)
        #expect(badToken.code == 203)
        #expect(pong.sender == (await node.status())?.nodeID)
        #expect(await node.status()?.storedPeers == 0)
        await node.shutdown()
    }

    @Test("an engine downloads a magnet with no tracker and no peer from a seeder found through the DHT; private torrents stay out")
    func engineFindsASeederThroughTheDHT() async throws {
        let fixture = try EngineSwarmTests.Fixture()
        defer { fixture.remove() }
        let (router, routerAddress) = try await Self.started()
        func engine() -> TorrentEngine {
            var configuration = TorrentEngine.Configuration(bindHost: "127.0.0.1", listenPort: 0)
            configuration.dht = TorrentEngine.DHTSettings(bootstrapNodes: [routerAddress], starvingLookupInterval: .seconds(1), queryTimeout: .seconds(1))
            return TorrentEngine(configuration: configuration)
        }
        let seeder = engine()
        try await seeder.start()
        let privateTorrent = try TorrentCreator.create(from: fixture.seedFolder + "/payload", trackers: [], pieceLength: 32 << 10, isPrivate: true).metainfo
        try await seeder.add(.metainfo(privateTorrent), directory: fixture.seedFolder)
        try await seeder.add(.metainfo(fixture.metainfo), directory: fixture.seedFolder)
        _ = try await EngineSwarmTests.wait(seeder, fixture.metainfo.infoHash) { $0.activity == .seeding }

        let leecher = engine()
        try await leecher.start()
        let magnet = MagnetLink(infoHash: fixture.metainfo.infoHash, displayName: "payload")
        let target = fixture.root + "/dht"
        try await leecher.add(.magnet(magnet), directory: target)
        _ = try await EngineSwarmTests.wait(leecher, fixture.metainfo.infoHash) { $0.isComplete }
        #expect((await leecher.dhtStatus()?.nodes ?? 0) > 0)
        // Only the public torrent was ever announced (BEP 27).
        #expect(await router.status()?.storedTorrents == 1)
        #expect(await router.findPeers(for: privateTorrent.infoHash).isEmpty)
        await leecher.shutdown()
        await seeder.shutdown()
        await router.shutdown()
        #expect(fixture.contents(in: target) == fixture.files)
        #expect(await leecher.dhtStatus() == nil)
    }
}

/// A bare UDP socket on 127.0.0.1 for sending hand-made datagrams and reading the replies.
final class UDPProbe: Sendable {
    let channel: any Channel
    let replies: AsyncStream<[UInt8]>

    private init(channel: any Channel, replies: AsyncStream<[UInt8]>) {
        self.channel = channel
        self.replies = replies
    }

    static func open() async throws -> UDPProbe {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(continuation: continuation)) }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return UDPProbe(channel: channel, replies: stream)
    }

    func send(_ bytes: [UInt8], to address: PeerAddress) async throws {
        let remote = try SocketAddress(ipAddress: address.host, port: Int(address.port))
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: bytes))).get()
    }

    func receive(timeout: Duration) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask { [replies] in
                for await datagram in replies { return datagram }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let datagram = first else { throw CancellationError() }
            return datagram
        }
    }

    func close() { channel.close(promise: nil) }

    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let continuation: AsyncStream<[UInt8]>.Continuation

        init(continuation: AsyncStream<[UInt8]>.Continuation) {
            self.continuation = continuation
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            continuation.yield(Array(unwrapInboundIn(data).data.readableBytesView))
        }
    }
}
