import BitTorrentCore
import BitTorrentEngine
import BitTorrentStorage
import Foundation
import NIOCore
import NIOPosix
import Testing

/// MSE/PE between our own engines on 127.0.0.1, by policy, and a plaintext handshake against a seeder
/// that requires encryption. Real clients (libtorrent, aria2) are in Tests/Interop/test_torrent_encryption.py.
@Suite("Engine encryption (MSE/PE) on loopback", .timeLimit(.minutes(2)))
struct EngineEncryptionTests {
    typealias Fixture = EngineSwarmTests.Fixture

    static func engine(_ encryption: EncryptionPolicy) -> TorrentEngine {
        var configuration = TorrentEngine.Configuration(bindHost: "127.0.0.1", listenPort: 0)
        configuration.encryption = encryption
        return TorrentEngine(configuration: configuration)
    }

    static func seeder(of fixture: Fixture, encryption: EncryptionPolicy) async throws -> (TorrentEngine, PeerAddress) {
        let seeder = engine(encryption)
        let port = try await seeder.start()
        try await seeder.add(.metainfo(fixture.metainfo), directory: fixture.seedFolder)
        _ = try await EngineSwarmTests.wait(seeder, fixture.metainfo.infoHash) { $0.activity == .seeding }
        return (seeder, PeerAddress(host: "127.0.0.1", port: UInt16(port)))
    }

    /// (leecher, seeder): required/required is RC4 both ways; tolerated → required goes through the retry
    /// (plaintext refused, then MSE); preferred and required leechers dial MSE first.
    @Test("a leecher downloads from a seeder, byte for byte", arguments: [
        (EncryptionPolicy.required, EncryptionPolicy.required),
        (.tolerated, .required),
        (.preferred, .required),
        (.required, .tolerated),
        (.preferred, .tolerated),
        (.tolerated, .preferred),
    ])
    func download(leecherPolicy: EncryptionPolicy, seederPolicy: EncryptionPolicy) async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture, encryption: seederPolicy)
        let leecher = Self.engine(leecherPolicy)
        try await leecher.start()
        let target = fixture.root + "/download"
        try await leecher.add(.metainfo(fixture.metainfo), directory: target, options: .init(peers: [seedAddress]))
        let status = try await EngineSwarmTests.wait(leecher, fixture.metainfo.infoHash) { $0.isComplete }
        #expect(status.piecesDownloaded == fixture.metainfo.pieceCount)
        await leecher.shutdown()
        await seeder.shutdown()
        #expect(fixture.contents(in: target) == fixture.files)
    }

    @Test("a magnet's metadata and data over RC4 (both sides required)")
    func magnet() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture, encryption: .required)
        let leecher = Self.engine(.required)
        try await leecher.start()
        let target = fixture.root + "/magnet"
        try await leecher.add(.magnet(MagnetLink(infoHash: fixture.metainfo.infoHash, displayName: "payload", peers: [seedAddress])), directory: target)
        _ = try await EngineSwarmTests.wait(leecher, fixture.metainfo.infoHash) { $0.isComplete }
        await leecher.shutdown()
        await seeder.shutdown()
        #expect(fixture.contents(in: target) == fixture.files)
    }

    @Test("a seeder that requires encryption closes a plaintext handshake without a byte in reply")
    func requiredRefusesPlaintext() async throws {
        let fixture = try Fixture(sizes: ["a.bin": 1000])
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture, encryption: .required)
        var handshake = ByteBuffer()
        PeerHandshake(reserved: ReservedBits(), infoHash: fixture.metainfo.infoHash, peerID: Array("-XX0001-plaintext123".utf8)).encode(into: &handshake)
        let reply = try await Self.exchange(handshake, with: seedAddress)
        #expect(reply.closed)
        #expect(reply.bytes.isEmpty)
        await seeder.shutdown()
    }

    @Test("a tolerating seeder answers a plaintext handshake with its own")
    func toleratedAnswersPlaintext() async throws {
        let fixture = try Fixture(sizes: ["a.bin": 1000])
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture, encryption: .tolerated)
        var handshake = ByteBuffer()
        PeerHandshake(reserved: ReservedBits(), infoHash: fixture.metainfo.infoHash, peerID: Array("-XX0001-plaintext123".utf8)).encode(into: &handshake)
        let reply = try await Self.exchange(handshake, with: seedAddress, until: PeerHandshake.length)
        #expect(Array(reply.bytes.prefix(20)) == [19] + Array("BitTorrent protocol".utf8))
        await seeder.shutdown()
    }

    @Test("an MSE handshake for a torrent the engine does not serve is closed")
    func unknownTorrentIsClosed() async throws {
        let fixture = try Fixture(sizes: ["a.bin": 1000])
        defer { fixture.remove() }
        let (seeder, seedAddress) = try await Self.seeder(of: fixture, encryption: .tolerated)
        var generator = SystemRandomNumberGenerator()
        let stranger = InfoHash(hex: "0123456789abcdef0123456789abcdef01234567")!
        let initiator = Box(MSE.Initiator(infoHash: stranger, provide: .rc4, initialPayload: [], using: &generator))
        guard case .send(let ya) = initiator.value.start().first else { return }
        // Ya, then step 3 as soon as Yb is in: the engine must close after reading it.
        let reply = try await Self.exchange(ByteBuffer(bytes: ya), with: seedAddress) { received in
            let actions = initiator.value.receive(received)
            return actions.compactMap { if case .send(let bytes) = $0 { bytes } else { nil } }.first
        }
        #expect(reply.closed)
        #expect(reply.bytes.count >= MSE.keyLength)  // Yb and PadB came, nothing after
        await seeder.shutdown()
    }

    // MARK: A raw client

    /// A value mutated only on the client channel's loop.
    final class Box<Value>: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    struct Reply {
        var bytes: [UInt8]
        var closed: Bool
    }

    /// Connects, sends `opening`, and collects what comes back until the peer closes, `until` bytes
    /// arrived, or 10 s passed. `respond` may answer (once) what was received so far.
    static func exchange(
        _ opening: ByteBuffer,
        with address: PeerAddress,
        until limit: Int = .max,
        respond: (@Sendable ([UInt8]) -> [UInt8]?)? = nil
    ) async throws -> Reply {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let done = loop.makePromise(of: Reply.self)
        let collector = Collector(limit: limit, done: done, respond: respond)
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
            }
            .connect(host: address.host, port: Int(address.port))
            .get()
        try await channel.writeAndFlush(opening)
        let timeout = loop.scheduleTask(in: .seconds(10)) { collector.finish(closed: false) }
        let reply = try await done.futureResult.get()
        timeout.cancel()
        try? await channel.close()
        return reply
    }

    final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let limit: Int
        let done: EventLoopPromise<Reply>
        var respond: (@Sendable ([UInt8]) -> [UInt8]?)?
        var bytes: [UInt8] = []
        var finished = false

        init(limit: Int, done: EventLoopPromise<Reply>, respond: (@Sendable ([UInt8]) -> [UInt8]?)?) {
            self.limit = limit
            self.done = done
            self.respond = respond
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            bytes += buffer.readableBytesView
            if let respond, let answer = respond(Array(buffer.readableBytesView)) {
                self.respond = nil
                context.writeAndFlush(NIOAny(ByteBuffer(bytes: answer)), promise: nil)
            }
            if bytes.count >= limit { finish(closed: false) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            finish(closed: true)
        }

        func finish(closed: Bool) {
            guard !finished else { return }
            finished = true
            done.succeed(Reply(bytes: bytes, closed: closed))
        }
    }
}
