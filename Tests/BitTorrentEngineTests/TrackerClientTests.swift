import BitTorrentCore
import BitTorrentEngine
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Every socket here is on 127.0.0.1, and every wait has a bound: the clients' own timeouts, the
// suites' time limits, and bounded polling when starting and stopping opentracker.

private func peerID(_ letter: Character) -> [UInt8] {
    Array("-KN0001-".utf8) + Array(repeating: letter.asciiValue!, count: 12)
}

private func randomInfoHash() -> InfoHash {
    InfoHash(bytes: (0..<20).map { _ in UInt8.random(in: 0...255) })!
}

private func announce(_ infoHash: InfoHash, peer: Character, port: UInt16, event: TrackerAnnounce.Event = .started) -> TrackerAnnounce {
    TrackerAnnounce(infoHash: infoHash, peerID: peerID(peer), port: port, left: 1000, event: event, numWant: 50, key: 7)
}

/// What a test expects from a call that should fail; the error as thrown, or nil when it did not throw.
private func trackerError(_ body: () async throws(TrackerError) -> TrackerResponse) async -> TrackerError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

// MARK: - Against a real opentracker

private let opentrackerPath = ["/usr/bin/opentracker", "/usr/local/bin/opentracker"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(.enabled(if: opentrackerPath != nil, "needs opentracker (apt-get install opentracker)"), .timeLimit(.minutes(1)))
struct OpenTrackerTests {
    @Test func twoPeersSeeEachOtherOverHTTP() async throws {
        let infoHash = randomInfoHash()
        let tracker = try await OpenTracker.start(whitelisting: [infoHash])
        defer { tracker.stop() }
        let client = HTTPTrackerClient(timeout: .seconds(10))
        let first = try await client.announce(announce(infoHash, peer: "a", port: 7001), to: tracker.httpURL)
        let second = try await client.announce(announce(infoHash, peer: "b", port: 7002), to: tracker.httpURL)
        #expect(first.interval > 0)
        #expect(second.peers.contains(PeerAddress(host: "127.0.0.1", port: 7001)))
        #expect(second.leechers == 2)
        let again = try await client.announce(announce(infoHash, peer: "a", port: 7001, event: .none), to: tracker.httpURL)
        #expect(again.peers.contains(PeerAddress(host: "127.0.0.1", port: 7002)))
    }

    @Test func twoPeersSeeEachOtherOverUDP() async throws {
        let infoHash = randomInfoHash()
        let tracker = try await OpenTracker.start(whitelisting: [infoHash])
        defer { tracker.stop() }
        let client = UDPTrackerClient(retransmitBase: .seconds(1), maximumRetransmits: 2)
        let first = try await client.announce(announce(infoHash, peer: "a", port: 7101), to: tracker.udpURL)
        let second = try await client.announce(announce(infoHash, peer: "b", port: 7102), to: tracker.udpURL)
        #expect(first.interval > 0)
        #expect(second.peers.contains(PeerAddress(host: "127.0.0.1", port: 7101)))
        #expect(second.leechers == 2)
        let again = try await client.announce(announce(infoHash, peer: "a", port: 7101, event: .none), to: tracker.udpURL)
        #expect(again.peers.contains(PeerAddress(host: "127.0.0.1", port: 7102)))
    }

    @Test(arguments: [TrackerURL.Scheme.http, .udp])
    func aStoppedPeerIsGone(scheme: TrackerURL.Scheme) async throws {
        let infoHash = randomInfoHash()
        let tracker = try await OpenTracker.start(whitelisting: [infoHash])
        defer { tracker.stop() }
        let client = TrackerClients(
            http: HTTPTrackerClient(timeout: .seconds(10)),
            udp: UDPTrackerClient(retransmitBase: .seconds(1), maximumRetransmits: 2)
        )
        let url = scheme == .http ? tracker.httpURL : tracker.udpURL
        _ = try await client.announce(announce(infoHash, peer: "a", port: 7201), to: url)
        let seen = try await client.announce(announce(infoHash, peer: "b", port: 7202), to: url)
        #expect(seen.peers.contains(PeerAddress(host: "127.0.0.1", port: 7201)))
        _ = try await client.announce(announce(infoHash, peer: "a", port: 7201, event: .stopped), to: url)
        let after = try await client.announce(announce(infoHash, peer: "b", port: 7202, event: .none), to: url)
        #expect(!after.peers.contains(PeerAddress(host: "127.0.0.1", port: 7201)))
        #expect(after.leechers == 1)
    }

    @Test func aTorrentOffTheWhitelistIsRefusedInTheTrackersWords() async throws {
        let tracker = try await OpenTracker.start(whitelisting: [randomInfoHash()])
        defer { tracker.stop() }
        let stranger = announce(randomInfoHash(), peer: "a", port: 7301)
        let overHTTP = await trackerError { () async throws(TrackerError) in
            try await HTTPTrackerClient(timeout: .seconds(10)).announce(stranger, to: tracker.httpURL)
        }
        let overUDP = await trackerError { () async throws(TrackerError) in
            try await UDPTrackerClient(retransmitBase: .seconds(1), maximumRetransmits: 2).announce(stranger, to: tracker.udpURL)
        }
        guard case .failure(let reason)? = overHTTP else {
            Issue.record("expected the tracker's refusal, got \(String(describing: overHTTP))")
            return
        }
        #expect(reason.contains("not authorized"))
        // Over UDP opentracker answers with a bare header rather than an error reply.
        #expect(overUDP == .malformedResponse("the announce reply is empty, which is how opentracker refuses a torrent it does not track"))
    }
}

/// An opentracker on 127.0.0.1, in whitelist mode (Debian builds it so), in its own directory.
private struct OpenTracker {
    let process: Process
    let directory: URL
    let httpPort: Int
    let udpPort: Int

    var httpURL: String { "http://127.0.0.1:\(httpPort)/announce" }
    var udpURL: String { "udp://127.0.0.1:\(udpPort)/announce" }

    static func start(whitelisting hashes: [InfoHash]) async throws -> OpenTracker {
        // It chroots to its working directory and drops to `nobody`: both must be world-readable.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opentracker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        let whitelist = directory.appendingPathComponent("whitelist.txt")
        try Data(hashes.map { $0.hex + "\n" }.joined().utf8).write(to: whitelist)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: whitelist.path)
        let configuration = directory.appendingPathComponent("opentracker.conf")
        try Data("access.whitelist \(whitelist.path)\n".utf8).write(to: configuration)

        let (httpPort, udpPort) = try await freePorts()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opentrackerPath!)
        process.arguments = ["-i", "127.0.0.1", "-p", "\(httpPort)", "-P", "\(udpPort)", "-f", configuration.path]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let tracker = OpenTracker(process: process, directory: directory, httpPort: httpPort, udpPort: udpPort)
        do {
            try await tracker.waitUntilListening()
        } catch {
            tracker.stop()
            throw error
        }
        return tracker
    }

    /// A TCP and a UDP port the kernel just handed out and that nothing else holds: opentracker would
    /// share a busy port (SO_REUSEPORT) rather than fail.
    private static func freePorts() async throws -> (Int, Int) {
        let group = MultiThreadedEventLoopGroup.singleton
        let server = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let datagram = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let ports = (server.localAddress!.port!, datagram.localAddress!.port!)
        try await server.close()
        try await datagram.close()
        return ports
    }

    private func waitUntilListening() async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw OpenTrackerError.exited(process.terminationStatus) }
            if let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.milliseconds(200)).connect(host: "127.0.0.1", port: httpPort).get()
            {
                try? await channel.close()
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw OpenTrackerError.notListening
    }

    /// SIGTERM, up to two seconds' grace, then SIGKILL; the directory goes too.
    func stop() {
        let pid = process.processIdentifier
        if process.isRunning {
            kill(pid, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(2)
            while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    enum OpenTrackerError: Error {
        case exited(Int32)
        case notListening
    }
}

// MARK: - UDP timing and retries, against an in-process tracker

@Suite(.timeLimit(.minutes(1)))
struct UDPTrackerClientTests {
    let infoHash = randomInfoHash()

    @Test func aSilentTrackerTimesOutAfterTheConfiguredRetries() async throws {
        let tracker = try await FakeUDPTracker.start(behaviour: .silent)
        defer { tracker.stop() }
        let client = UDPTrackerClient(retransmitBase: .milliseconds(200), maximumRetransmits: 2)
        let started = ContinuousClock.now
        let error = await trackerError { () async throws(TrackerError) in try await client.announce(announce(infoHash, peer: "a", port: 1), to: tracker.url) }
        let elapsed = ContinuousClock.now - started
        #expect(error == .timedOut)
        #expect(error?.description == "the tracker did not answer in time")
        // Not sooner than the schedule (0.2 + 0.4 + 0.8 s); no upper bound here: a busy machine delays
        // timers, and the suite's time limit already catches a client that never gives up.
        #expect(elapsed >= .milliseconds(1400))
        #expect(tracker.log.connects == 3)
    }

    @Test func aDroppedPacketIsSentAgain() async throws {
        let tracker = try await FakeUDPTracker.start(behaviour: .answer, droppingFirst: 1)
        defer { tracker.stop() }
        let client = UDPTrackerClient(retransmitBase: .milliseconds(200), maximumRetransmits: 2)
        let response = try await client.announce(announce(infoHash, peer: "a", port: 1), to: tracker.url)
        #expect(response == FakeUDPTracker.response)
        #expect(tracker.log.connects == 2)
        #expect(tracker.log.announces == 1)
    }

    @Test func aDroppedAnnounceIsSentAgainWithTheSameConnectionID() async throws {
        let tracker = try await FakeUDPTracker.start(behaviour: .answer, droppingAnnounces: 2)
        defer { tracker.stop() }
        let client = UDPTrackerClient(retransmitBase: .milliseconds(200), maximumRetransmits: 2)
        let response = try await client.announce(announce(infoHash, peer: "a", port: 1), to: tracker.url)
        #expect(response == FakeUDPTracker.response)
        #expect(tracker.log.connects == 1)
        #expect(tracker.log.announces == 3)
    }

    @Test func theConnectionIDIsKeptForAMinute() async throws {
        let tracker = try await FakeUDPTracker.start(behaviour: .answer)
        defer { tracker.stop() }
        let client = UDPTrackerClient(retransmitBase: .milliseconds(200), maximumRetransmits: 2)
        for _ in 0..<3 { _ = try await client.announce(announce(infoHash, peer: "a", port: 1), to: tracker.url) }
        #expect(tracker.log.connects == 1)
        #expect(tracker.log.announces == 3)

        let forgetful = UDPTrackerClient(retransmitBase: .milliseconds(200), maximumRetransmits: 2, connectionIDLifetime: .zero)
        for _ in 0..<2 { _ = try await forgetful.announce(announce(infoHash, peer: "a", port: 1), to: tracker.url) }
        #expect(tracker.log.connects == 3)
    }

    @Test func anErrorReplyCarriesTheTrackersMessage() async throws {
        let tracker = try await FakeUDPTracker.start(behaviour: .refuse("torrent not registered"))
        defer { tracker.stop() }
        let client = UDPTrackerClient(retransmitBase: .milliseconds(200), maximumRetransmits: 2)
        let error = await trackerError { () async throws(TrackerError) in try await client.announce(announce(infoHash, peer: "a", port: 1), to: tracker.url) }
        #expect(error == .failure("torrent not registered"))
    }

    @Test func repliesForOtherTransactionsAreIgnored() async throws {
        let tracker = try await FakeUDPTracker.start(behaviour: .answer, strayReplyFirst: true)
        defer { tracker.stop() }
        let client = UDPTrackerClient(retransmitBase: .milliseconds(500), maximumRetransmits: 1)
        let response = try await client.announce(announce(infoHash, peer: "a", port: 1), to: tracker.url)
        #expect(response == FakeUDPTracker.response)
    }

    @Test func aClosedPortFailsWithoutWaitingForEveryRetry() async throws {
        let port = try await closedUDPPort()
        let client = UDPTrackerClient(retransmitBase: .seconds(5), maximumRetransmits: 2)
        let started = ContinuousClock.now
        let error = await trackerError { () async throws(TrackerError) in
            try await client.announce(announce(infoHash, peer: "a", port: 1), to: "udp://127.0.0.1:\(port)/announce")
        }
        #expect(error == .network("127.0.0.1:\(port): Connection refused"))
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func otherSchemesAreRefused() async {
        let client = UDPTrackerClient()
        let error = await trackerError { () async throws(TrackerError) in try await client.announce(announce(infoHash, peer: "a", port: 1), to: "http://127.0.0.1:1/announce") }
        #expect(error == .unsupportedScheme("http"))
    }

    private func closedUDPPort() async throws -> Int {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        return port
    }
}

/// A BEP 15 tracker on 127.0.0.1 that answers, stays silent, refuses, or loses packets on purpose.
private final class FakeUDPTracker: Sendable {
    enum Behaviour: Sendable {
        case answer
        case silent
        case refuse(String)
    }

    struct Log: Sendable {
        var connects = 0
        var announces = 0
    }

    static let connectionID: UInt64 = 0x1122_3344_5566_7788
    static let response = TrackerResponse(interval: 900, seeders: 2, leechers: 1, peers: [PeerAddress(host: "10.0.0.1", port: 6881)])

    let channel: any Channel
    private let state = Mutex(Log())

    var log: Log { state.withLock { $0 } }
    var url: String { "udp://127.0.0.1:\(channel.localAddress!.port!)/announce" }

    private init(channel: any Channel) {
        self.channel = channel
    }

    static func start(behaviour: Behaviour, droppingFirst: Int = 0, droppingAnnounces: Int = 0, strayReplyFirst: Bool = false) async throws -> FakeUDPTracker {
        let shared = Shared(behaviour: behaviour, droppingFirst: droppingFirst, droppingAnnounces: droppingAnnounces, strayReplyFirst: strayReplyFirst)
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Handler(shared: shared)) }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let tracker = FakeUDPTracker(channel: channel)
        shared.tracker.withLock { $0 = tracker }
        return tracker
    }

    func stop() { channel.close(promise: nil) }

    fileprivate func record(_ update: (inout Log) -> Void) { state.withLock { update(&$0) } }

    fileprivate final class Shared: Sendable {
        let behaviour: Behaviour
        let droppingFirst: Int
        let droppingAnnounces: Int
        let strayReplyFirst: Bool
        let tracker = Mutex<FakeUDPTracker?>(nil)

        init(behaviour: Behaviour, droppingFirst: Int, droppingAnnounces: Int, strayReplyFirst: Bool) {
            self.behaviour = behaviour
            self.droppingFirst = droppingFirst
            self.droppingAnnounces = droppingAnnounces
            self.strayReplyFirst = strayReplyFirst
        }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        typealias OutboundOut = AddressedEnvelope<ByteBuffer>

        let shared: Shared
        var datagrams = 0
        var announces = 0

        init(shared: Shared) { self.shared = shared }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = unwrapInboundIn(data)
            var request = envelope.data
            guard let tracker = shared.tracker.withLock({ $0 }), let first = request.readInteger(as: UInt64.self),
                let action = request.readInteger(as: UInt32.self), let transaction = request.readInteger(as: UInt32.self)
            else { return }
            datagrams += 1
            let isConnect = first == 0x417_2710_1980 && action == 0
            let isAnnounce = first == FakeUDPTracker.connectionID && action == 1
            tracker.record { log in
                if isConnect { log.connects += 1 }
                if isAnnounce { log.announces += 1 }
            }
            if isAnnounce { announces += 1 }
            guard datagrams > shared.droppingFirst, !(isAnnounce && announces <= shared.droppingAnnounces) else { return }

            var reply = context.channel.allocator.buffer(capacity: 64)
            switch shared.behaviour {
            case .silent:
                return
            case .refuse(let message) where isAnnounce:
                reply.writeInteger(UInt32(3))
                reply.writeInteger(transaction)
                reply.writeString(message)
            case .answer, .refuse:
                if shared.strayReplyFirst {
                    var stray = context.channel.allocator.buffer(capacity: 16)
                    stray.writeInteger(UInt32(0))
                    stray.writeInteger(transaction &+ 1)
                    stray.writeInteger(UInt64(0xDEAD))
                    context.write(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: stray)), promise: nil)
                }
                if isConnect {
                    reply.writeInteger(UInt32(0))
                    reply.writeInteger(transaction)
                    reply.writeInteger(FakeUDPTracker.connectionID)
                } else if isAnnounce {
                    reply.writeInteger(UInt32(1))
                    reply.writeInteger(transaction)
                    reply.writeInteger(UInt32(900))
                    reply.writeInteger(UInt32(1))
                    reply.writeInteger(UInt32(2))
                    reply.writeBytes([10, 0, 0, 1, 0x1A, 0xE1])
                } else {
                    return
                }
            }
            context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: reply)), promise: nil)
        }
    }
}

// MARK: - HTTP replies, against an in-process server

@Suite(.timeLimit(.minutes(1)))
struct HTTPTrackerClientTests {
    static let okBody = Array("d8:intervali900e5:peers6:".utf8) + [127, 0, 0, 1, 0x1A, 0xE1] + Array("e".utf8)
    static let okResponse = TrackerResponse(interval: 900, peers: [PeerAddress(host: "127.0.0.1", port: 6881)])
    static let overLimit = 4 << 20

    /// Every framing NIOHTTP1 undoes for us, and redirects, end in the same response.
    @Test(arguments: ["/length", "/chunked", "/close", "/redirect", "/redirect-absolute", "/redirect-relative/x"])
    func readsAReply(path: String) async throws {
        let server = try await CannedHTTPServer.start()
        defer { server.stop() }
        let client = HTTPTrackerClient(timeout: .seconds(10))
        let response = try await client.announce(announce(randomInfoHash(), peer: "a", port: 1), to: server.url(path))
        #expect(response == Self.okResponse)
    }

    @Test(arguments: [
        ("/missing", TrackerError.httpStatus(404)),
        ("/huge-declared", .responseTooLarge(limit: 4 << 20)),
        ("/huge-streamed", .responseTooLarge(limit: 4 << 20)),
        ("/redirect-loop", .tooManyRedirects(limit: 3)),
        ("/redirect-https", .unsupportedScheme("https")),
        ("/refused", .failure("nope")),
        ("/not-dictionary", .malformedResponse("not a dictionary")),
        ("/silent", .timedOut),
    ])
    func failsWithTheRightError(path: String, expected: TrackerError) async throws {
        let server = try await CannedHTTPServer.start()
        defer { server.stop() }
        let client = HTTPTrackerClient(timeout: .seconds(3))
        let error = await trackerError { () async throws(TrackerError) in try await client.announce(announce(randomInfoHash(), peer: "a", port: 1), to: server.url(path)) }
        #expect(error == expected)
        if path == "/redirect-loop" { #expect(server.requestLines.count == 4) }
    }

    @Test func garbageIsABencodeError() async throws {
        let server = try await CannedHTTPServer.start()
        defer { server.stop() }
        let error = await trackerError { () async throws(TrackerError) in
            try await HTTPTrackerClient(timeout: .seconds(10)).announce(announce(randomInfoHash(), peer: "a", port: 1), to: server.url("/garbage"))
        }
        guard case .bencode? = error else {
            Issue.record("expected a bencode error, got \(String(describing: error))")
            return
        }
    }

    @Test func theRequestCarriesTheAnnounceQueryAndHost() async throws {
        let server = try await CannedHTTPServer.start()
        defer { server.stop() }
        let infoHash = InfoHash(hex: "0123456789abcdef0123456789abcdef01234567")!
        _ = try await HTTPTrackerClient().announce(announce(infoHash, peer: "a", port: 6881), to: server.url("/length?passkey=k"))
        let request = try #require(server.requests.first)
        #expect(request.hasPrefix("GET /length?passkey=k&info_hash=%01%23Eg%89%AB%CD%EF%01%23Eg%89%AB%CD%EF%01%23Eg&peer_id=-KN0001-aaaaaaaaaaaa&port=6881&"))
        #expect(request.contains("\r\nHost: 127.0.0.1:\(server.port)\r\n"))
    }

    @Test func httpsIsRefusedWithoutDialling() async {
        let error = await trackerError { () async throws(TrackerError) in
            try await HTTPTrackerClient().announce(announce(randomInfoHash(), peer: "a", port: 1), to: "https://127.0.0.1:1/announce")
        }
        #expect(error == .unsupportedScheme("https"))
        #expect(error?.description == "'https' trackers are not supported yet; only http and udp trackers are")
    }

    @Test func nothingListeningIsANetworkError() async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        let error = await trackerError { () async throws(TrackerError) in
            try await HTTPTrackerClient(timeout: .seconds(5)).announce(announce(randomInfoHash(), peer: "a", port: 1), to: "http://127.0.0.1:\(port)/announce")
        }
        #expect(error == .network("127.0.0.1:\(port): Connection refused"))
        #expect(error?.description == "the tracker could not be reached: 127.0.0.1:\(port): Connection refused")
    }

    @Test func trackerClientsPickTheClientByScheme() async throws {
        let http = try await CannedHTTPServer.start()
        defer { http.stop() }
        let udp = try await FakeUDPTracker.start(behaviour: .answer)
        defer { udp.stop() }
        let clients = TrackerClients(udp: UDPTrackerClient(retransmitBase: .milliseconds(200), maximumRetransmits: 2))
        let request = announce(randomInfoHash(), peer: "a", port: 1)
        #expect(try await clients.announce(request, to: http.url("/length")) == Self.okResponse)
        #expect(try await clients.announce(request, to: udp.url) == FakeUDPTracker.response)
        let error = await trackerError { () async throws(TrackerError) in try await clients.announce(request, to: "wss://127.0.0.1:1/") }
        #expect(error == .unsupportedScheme("wss"))
    }
}

/// An HTTP/1.1 server on 127.0.0.1 answering each path with fixed bytes, to exercise framings and failures.
private final class CannedHTTPServer: Sendable {
    let channel: any Channel
    private let received = Mutex<[String]>([])

    var port: Int { channel.localAddress!.port! }
    /// Each request's head, in arrival order.
    var requests: [String] { received.withLock { $0 } }
    var requestLines: [String] { requests.map { String($0.prefix { $0 != "\r" }) } }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    private init(channel: any Channel) {
        self.channel = channel
    }

    static func start() async throws -> CannedHTTPServer {
        let log = RequestLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Handler(log: log)) }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = CannedHTTPServer(channel: channel)
        log.server.withLock { $0 = server }
        return server
    }

    func stop() { channel.close(promise: nil) }

    fileprivate func record(_ head: String) { received.withLock { $0.append(head) } }

    fileprivate final class RequestLog: Sendable {
        let server = Mutex<CannedHTTPServer?>(nil)
    }

    /// The reply to a path: bytes to send, and whether to close afterwards (nil: stay silent).
    static func reply(to path: String, port: Int) -> (bytes: [UInt8], close: Bool)? {
        let ok = HTTPTrackerClientTests.okBody
        func text(_ string: String) -> [UInt8] { Array(string.utf8) }
        switch path {
        case "/length", "/redirect-relative/length":
            return (text("HTTP/1.1 200 OK\r\nContent-Length: \(ok.count)\r\n\r\n") + ok, false)
        case "/chunked":
            let chunks = [Array(ok[..<5]), Array(ok[5...])]
            var bytes = text("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            for chunk in chunks { bytes += text(String(chunk.count, radix: 16) + "\r\n") + chunk + text("\r\n") }
            return (bytes + text("0\r\n\r\n"), false)
        case "/close":
            return (text("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n") + ok, true)
        case "/redirect":
            return (text("HTTP/1.1 302 Found\r\nLocation: /length\r\nContent-Length: 0\r\n\r\n"), false)
        case "/redirect-absolute":
            return (text("HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.1:\(port)/redirect\r\nContent-Length: 0\r\n\r\n"), false)
        case "/redirect-relative/x":
            return (text("HTTP/1.1 307 Temporary Redirect\r\nLocation: length\r\nContent-Length: 0\r\n\r\n"), false)
        case "/redirect-loop":
            return (text("HTTP/1.1 302 Found\r\nLocation: /redirect-loop\r\nContent-Length: 0\r\n\r\n"), false)
        case "/redirect-https":
            return (text("HTTP/1.1 302 Found\r\nLocation: https://127.0.0.1:\(port)/length\r\nContent-Length: 0\r\n\r\n"), false)
        case "/missing":
            return (text("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found"), false)
        case "/huge-declared":
            return (text("HTTP/1.1 200 OK\r\nContent-Length: \(HTTPTrackerClientTests.overLimit + 1)\r\n\r\n") + ok, false)
        case "/huge-streamed":
            return (text("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n") + Array(repeating: UInt8(ascii: "x"), count: HTTPTrackerClientTests.overLimit + 1), true)
        case "/refused":
            let body = text("d14:failure reason4:nopee")
            return (text("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\n\r\n") + body, false)
        case "/not-dictionary":
            return (text("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ni42e"), false)
        case "/garbage":
            return (text("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello there"), false)
        case "/silent":
            return nil
        default:
            return (text("HTTP/1.1 500 Unknown Test Path\r\nContent-Length: 0\r\n\r\n"), false)
        }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let log: RequestLog
        var pending: [UInt8] = []

        init(log: RequestLog) { self.log = log }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending += unwrapInboundIn(data).readableBytesView
            guard let end = pending.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            let head = String(decoding: pending[..<end.upperBound], as: UTF8.self)
            pending.removeSubrange(..<end.upperBound)
            log.server.withLock { $0 }?.record(head)
            let target = head.split(separator: " ", maxSplits: 2).dropFirst().first.map(String.init) ?? "/"
            let path = String(target.prefix { $0 != "?" })
            let port = context.channel.localAddress?.port ?? 0
            guard let reply = CannedHTTPServer.reply(to: path, port: port) else { return }
            let written = context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply.bytes)))
            if reply.close {
                let channel = context.channel
                written.whenComplete { _ in channel.close(promise: nil) }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
