@testable import BitTorrentEngine
import BitTorrentCore
import NIOCore
import NIOEmbedded
import NIOPosix
import Testing

/// `MSEHandshakeHandler` on an EmbeddedChannel, against the pure `MSE.Responder` as the remote side: IA
/// taken from what the wire handler writes, the cipher left in place, refusals reported, bounds enforced.
@Suite struct MSEHandshakeHandlerTests {
    static let infoHash = InfoHash(hex: "d8e8fca2dc0f896fd7cb4cb0031ba249b4e5a5b4")!
    static let btHandshake: [UInt8] = [19] + Array("BitTorrent protocol".utf8) + [UInt8](repeating: 0, count: 8)
        + infoHash.bytes + Array("-KN0001-abcdefghijkl".utf8)

    /// Stands in for PeerWireHandler: writes `opening` when the channel goes active, passes reads on.
    final class Opener: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let opening: [UInt8]
        init(_ opening: [UInt8]) { self.opening = opening }

        func channelActive(context: ChannelHandlerContext) {
            if !opening.isEmpty {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: opening)), promise: nil)
            }
            context.fireChannelActive()
        }
    }

    final class Counter: @unchecked Sendable {
        var count = 0
    }

    static func channel(_ handler: MSEHandshakeHandler, opening: [UInt8] = btHandshake) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.pipeline.syncOperations.addHandler(Opener(opening))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 6881)).wait()
        return channel
    }

    static func written(_ channel: EmbeddedChannel) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { bytes += buffer.readableBytesView }
        return bytes
    }

    static func read(_ channel: EmbeddedChannel) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let buffer = try channel.readInbound(as: ByteBuffer.self) { bytes += buffer.readableBytesView }
        return bytes
    }

    static func sent(_ actions: [MSE.Action]) -> [UInt8] {
        actions.reduce(into: []) { bytes, action in
            if case .send(let more) = action { bytes += more }
        }
    }

    @Test("outgoing: Ya first, our handshake as IA, then RC4 both ways through the cipher left in place")
    func initiatorGlue() throws {
        let refused = Counter()
        let channel = try Self.channel(MSEHandshakeHandler(mode: .initiator(Self.infoHash, provide: .rc4), policy: .required) { refused.count += 1 })
        var generator = SystemRandomNumberGenerator()
        var responder = MSE.Responder(infoHashes: [Self.infoHash], policy: .required, using: &generator)

        let opening = try Self.written(channel)
        #expect(opening.count >= MSE.keyLength && opening.count <= MSE.keyLength + MSE.maxPadding)
        try channel.writeInbound(ByteBuffer(bytes: Self.sent(responder.receive(opening))))
        let stepThree = try Self.written(channel)
        let actions = responder.receive(stepThree)
        #expect(actions.last == .deliver(Self.btHandshake))
        guard case .established(.rc4(var encryptor, var decryptor)) = actions.dropFirst().first else {
            Issue.record("not established over RC4: \(actions)")
            return
        }
        let bitfield: [UInt8] = [0, 0, 0, 2, 5, 0x80]
        try channel.writeInbound(ByteBuffer(bytes: Self.sent(actions) + encryptor.processed(bitfield)))
        #expect(try Self.read(channel) == bitfield)
        #expect((try? channel.pipeline.syncOperations.handler(type: PeerCipherHandler.self)) != nil)
        #expect((try? channel.pipeline.syncOperations.handler(type: MSEHandshakeHandler.self)) == nil)

        try channel.writeOutbound(ByteBuffer(bytes: [0, 0, 0, 1, 2]))
        #expect(decryptor.processed(try Self.written(channel)) == [0, 0, 0, 1, 2])
        try channel.writeInbound(ByteBuffer(bytes: encryptor.processed([0, 0, 0, 0])))
        #expect(try Self.read(channel) == [0, 0, 0, 0])
        _ = try channel.finish()
        #expect(refused.count == 0)
    }

    @Test("outgoing MSE closed before it is established: refused, once")
    func initiatorRefused() throws {
        let refused = Counter()
        let channel = try Self.channel(MSEHandshakeHandler(mode: .initiator(Self.infoHash, provide: [.plaintext, .rc4]), policy: .preferred) { refused.count += 1 })
        _ = try Self.written(channel)
        try channel.close().wait()
        #expect(refused.count == 1)
    }

    @Test("outgoing plaintext: closed before a byte came back is a refusal; a reply removes the watcher")
    func plaintextWatch() throws {
        let refused = Counter()
        let quiet = try Self.channel(MSEHandshakeHandler(mode: .plaintextWatch, policy: .tolerated) { refused.count += 1 })
        #expect(try Self.written(quiet) == Self.btHandshake)  // plaintext goes out untouched
        try quiet.close().wait()
        #expect(refused.count == 1)

        let answered = try Self.channel(MSEHandshakeHandler(mode: .plaintextWatch, policy: .tolerated) { refused.count += 1 })
        try answered.writeInbound(ByteBuffer(bytes: Self.btHandshake))
        #expect(try Self.read(answered) == Self.btHandshake)
        #expect((try? answered.pipeline.syncOperations.handler(type: MSEHandshakeHandler.self)) == nil)
        try answered.close().wait()
        #expect(refused.count == 1)
    }

    @Test("more than 1 MiB written during the handshake closes the connection")
    func heldWritesAreBounded() throws {
        let channel = try Self.channel(MSEHandshakeHandler(mode: .initiator(Self.infoHash, provide: .rc4), policy: .required))
        _ = try Self.written(channel)
        let promise = channel.eventLoop.makePromise(of: Void.self)
        channel.write(ByteBuffer(repeating: 0, count: MSEHandshakeHandler.maxHeldBytes + 1), promise: promise)
        #expect(throws: (any Error).self) { try promise.futureResult.wait() }
        #expect(!channel.isActive)
    }

    // MARK: Incoming

    static func engine(_ policy: EncryptionPolicy, loop: any EventLoop) -> EngineCore {
        var configuration = TorrentEngine.Configuration(bindHost: "127.0.0.1", listenPort: 0)
        configuration.encryption = policy
        return EngineCore(
            loop: loop,
            configuration: configuration,
            threadPool: .singleton,
            trackerClient: TrackerClients(udp: UDPTrackerClient(maximumRetransmits: 0)),
            events: AsyncStream<TorrentEngine.Event>.makeStream().continuation
        )
    }

    static func incoming(_ policy: EncryptionPolicy) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(MSEHandshakeHandler(mode: .incoming(engine(policy, loop: channel.eventLoop)), policy: policy))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 6881)).wait()
        return channel
    }

    @Test("incoming plaintext, even split, passes through and the handler leaves", arguments: [1, 10, 19, 20, 68])
    func incomingPlaintext(split: Int) throws {
        let channel = try Self.incoming(.tolerated)
        try channel.writeInbound(ByteBuffer(bytes: Self.btHandshake.prefix(split)))
        try channel.writeInbound(ByteBuffer(bytes: Self.btHandshake.dropFirst(split)))
        #expect(try Self.read(channel) == Self.btHandshake)
        #expect((try? channel.pipeline.syncOperations.handler(type: MSEHandshakeHandler.self)) == nil)
    }

    @Test("incoming plaintext under `required` is closed unanswered")
    func incomingPlaintextRequired() throws {
        let channel = try Self.incoming(.required)
        try? channel.writeInbound(ByteBuffer(bytes: Self.btHandshake))
        #expect(try Self.read(channel).isEmpty)
        #expect(try Self.written(channel).isEmpty)
        #expect(!channel.isActive)
    }

    @Test("incoming garbage: Yb goes out, then the connection closes at the req1 bound, nothing passed on")
    func incomingGarbage() throws {
        let channel = try Self.incoming(.tolerated)
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<(MSE.keyLength + MSE.maxPadding + 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let bytes = [0x8F] + garbage.dropFirst()
        try channel.writeInbound(ByteBuffer(bytes: bytes.prefix(MSE.keyLength)))  // taken as Ya
        #expect(try Self.written(channel).count >= MSE.keyLength)  // Yb and PadB
        #expect(channel.isActive)
        try? channel.writeInbound(ByteBuffer(bytes: bytes.dropFirst(MSE.keyLength)))
        #expect(try Self.read(channel).isEmpty)
        #expect(!channel.isActive)
    }
}
