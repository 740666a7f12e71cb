import BitTorrentCore
import NIOCore
import NIOPosix
import Synchronization

/// Announces to `udp://` trackers (BEP 15): a connect exchange for a connection id, then the announce.
///
/// Each request waits `retransmitBase × 2ⁿ` for its reply before being sent again, n = 0…`maximumRetransmits`
/// (15 s up to 8 by the BEP: over two hours in all, so the engine may want less). Connection ids are kept
/// per tracker for a minute, as the BEP allows, so regular announces cost one round trip.
public final class UDPTrackerClient: TrackerClient {
    public let retransmitBase: Duration
    public let maximumRetransmits: Int
    public let connectionIDLifetime: Duration
    private let group: any EventLoopGroup
    private let connectionIDs = Mutex<[String: CachedConnectionID]>([:])

    private struct CachedConnectionID {
        var id: UInt64
        var obtainedAt: ContinuousClock.Instant
    }

    public init(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        retransmitBase: Duration = .seconds(15),
        maximumRetransmits: Int = 8,
        connectionIDLifetime: Duration = .seconds(60)
    ) {
        precondition(maximumRetransmits >= 0 && maximumRetransmits <= 16, "between 0 and 16 retransmits")
        self.group = group
        self.retransmitBase = retransmitBase
        self.maximumRetransmits = maximumRetransmits
        self.connectionIDLifetime = connectionIDLifetime
    }

    public func announce(_ announce: TrackerAnnounce, to url: String) async throws(TrackerError) -> TrackerResponse {
        let tracker = try TrackerURL(parsing: url)
        guard tracker.scheme == .udp else { throw .unsupportedScheme(tracker.scheme.rawValue) }
        let address = try await Self.resolve(tracker)
        let waiter = UDPReplyWaiter()
        let channel: any Channel
        do {
            // A connected socket: the kernel picks the local address and drops datagrams from anyone else.
            channel = try await DatagramBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(UDPTrackerReplyHandler(waiter: waiter))
                    }
                }
                .connect(to: address)
                .get()
        } catch {
            throw .reaching(tracker.host, port: tracker.port, failedWith: error)
        }
        do {
            let response = try await exchange(announce, with: tracker, over: channel, waiter: waiter, ipv6: address.protocol == .inet6)
            try? await channel.close()
            return response
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private func exchange(_ announce: TrackerAnnounce, with tracker: TrackerURL, over channel: any Channel, waiter: UDPReplyWaiter, ipv6: Bool) async throws(TrackerError) -> TrackerResponse {
        let trackerKey = TrackerURL.authority(host: tracker.host.lowercased(), port: tracker.port)
        func send(_ request: ByteBuffer, transactionID: UInt32, timeout: Duration) async throws(TrackerError) -> ByteBuffer? {
            do {
                return try await waiter.send(request, transactionID: transactionID, over: channel, timeout: timeout)
            } catch {
                throw .reaching(tracker.host, port: tracker.port, failedWith: error)
            }
        }
        // One transaction id per request for the whole call, so a late reply to an earlier copy still counts.
        let connectTransaction = UInt32.random(in: .min ... .max)
        var announceTransaction = UInt32.random(in: .min ... .max)
        while announceTransaction == connectTransaction { announceTransaction = .random(in: .min ... .max) }
        var attempt = 0
        var mayRetryWithFreshConnectionID = true
        while true {
            let timeout = retransmitBase * (1 << attempt)
            let cachedID = cachedConnectionID(for: trackerKey)
            let connectionID: UInt64
            if let cachedID {
                connectionID = cachedID
            } else {
                let request = UDPTrackerMessage.connectRequest(transactionID: connectTransaction)
                guard let reply = try await send(request, transactionID: connectTransaction, timeout: timeout) else {
                    attempt += 1
                    guard attempt <= maximumRetransmits else { throw .timedOut }
                    continue
                }
                connectionID = try UDPTrackerMessage.connectionID(fromReply: reply, transactionID: connectTransaction)
                remember(connectionID, for: trackerKey)
            }
            let request = UDPTrackerMessage.announceRequest(announce, connectionID: connectionID, transactionID: announceTransaction)
            guard let reply = try await send(request, transactionID: announceTransaction, timeout: timeout) else {
                attempt += 1
                guard attempt <= maximumRetransmits else { throw .timedOut }
                continue
            }
            do {
                return try UDPTrackerMessage.announceResponse(fromReply: reply, transactionID: announceTransaction, ipv6: ipv6)
            } catch .malformedResponse where reply.readableBytes == 8 {
                throw .malformedResponse("the announce reply is empty, which is how opentracker refuses a torrent it does not track")
            } catch {
                // The tracker may have forgotten an id we kept (it restarted): connect afresh, once.
                forgetConnectionID(for: trackerKey)
                guard case .failure = error, cachedID != nil, mayRetryWithFreshConnectionID else { throw error }
                mayRetryWithFreshConnectionID = false
            }
        }
    }

    private func cachedConnectionID(for trackerKey: String) -> UInt64? {
        let now = ContinuousClock.now
        return connectionIDs.withLock { cache in
            guard let cached = cache[trackerKey], now - cached.obtainedAt < connectionIDLifetime else { return nil }
            return cached.id
        }
    }

    private func remember(_ id: UInt64, for trackerKey: String) {
        let now = ContinuousClock.now
        connectionIDs.withLock { cache in
            cache = cache.filter { now - $0.value.obtainedAt < connectionIDLifetime }
            cache[trackerKey] = CachedConnectionID(id: id, obtainedAt: now)
        }
    }

    private func forgetConnectionID(for trackerKey: String) {
        _ = connectionIDs.withLock { $0.removeValue(forKey: trackerKey) }
    }

    /// An address literal as is; a name through getaddrinfo on NIO's thread pool, never on an event loop.
    private static func resolve(_ tracker: TrackerURL) async throws(TrackerError) -> SocketAddress {
        let host = tracker.host
        let port = Int(tracker.port)
        if let literal = try? SocketAddress(ipAddress: host, port: port) { return literal }
        do {
            return try await NIOThreadPool.singleton.runIfActive { try SocketAddress.makeAddressResolvingHost(host, port: port) }
        } catch {
            throw .network("cannot resolve '\(host)': \(error)")
        }
    }
}

/// The one request in flight on a tracker socket and the promise its reply completes.
private final class UDPReplyWaiter: Sendable {
    private struct Pending {
        var transactionID: UInt32
        var promise: EventLoopPromise<ByteBuffer?>
    }

    private let pending = Mutex<Pending?>(nil)

    /// Sends `request` and waits up to `timeout` for the reply carrying `transactionID`; nil on timeout.
    func send(_ request: ByteBuffer, transactionID: UInt32, over channel: any Channel, timeout: Duration) async throws -> ByteBuffer? {
        let promise = channel.eventLoop.makePromise(of: ByteBuffer?.self)
        pending.withLock { $0 = Pending(transactionID: transactionID, promise: promise) }
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { promise.succeed(nil) }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        channel.writeAndFlush(request).whenFailure { promise.fail($0) }
        defer { pending.withLock { $0 = nil } }
        return try await promise.futureResult.get()
    }

    /// A datagram arrived: it answers the pending request if its transaction id matches; strays are dropped.
    func received(_ datagram: ByteBuffer) {
        guard let transactionID = datagram.getInteger(at: datagram.readerIndex + 4, as: UInt32.self) else { return }
        let promise: EventLoopPromise<ByteBuffer?>? = pending.withLock { pending in
            guard let waiting = pending, waiting.transactionID == transactionID else { return nil }
            pending = nil
            return waiting.promise
        }
        promise?.succeed(datagram)
    }

    /// The socket failed (an ICMP "port unreachable" arrives as ECONNREFUSED): no reply will come.
    func failed(_ error: any Error) {
        let promise = pending.withLock { pending in
            defer { pending = nil }
            return pending?.promise
        }
        promise?.fail(error)
    }
}

private final class UDPTrackerReplyHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let waiter: UDPReplyWaiter

    init(waiter: UDPReplyWaiter) {
        self.waiter = waiter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        waiter.received(unwrapInboundIn(data).data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        waiter.failed(error)
    }
}
