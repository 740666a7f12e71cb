import BitTorrentCore
import NIOCore
import NIOPosix

/// The engine's state on its event loop: the torrents by infohash, the listener, the global limits.
final class EngineCore: @unchecked Sendable {
    let loop: any EventLoop
    let configuration: TorrentEngine.Configuration
    let threadPool: NIOThreadPool
    let trackerClient: any TrackerClient
    let events: AsyncStream<TorrentEngine.Event>.Continuation

    var controllers: [InfoHash: TorrentController] = [:]
    var listener: (any Channel)?
    var listenPort = 0
    /// The DHT node, when `configuration.dht` asks for one (set once started).
    var dht: DHTNode?
    var downloadBucket: TokenBucket
    var uploadBucket: TokenBucket
    private var nextHandle: UInt64 = 0

    init(
        loop: any EventLoop,
        configuration: TorrentEngine.Configuration,
        threadPool: NIOThreadPool,
        trackerClient: any TrackerClient,
        events: AsyncStream<TorrentEngine.Event>.Continuation
    ) {
        self.loop = loop
        self.configuration = configuration
        self.threadPool = threadPool
        self.trackerClient = trackerClient
        self.events = events
        let now = ContinuousClock.now
        self.downloadBucket = TokenBucket(rate: configuration.downloadLimit, now: now)
        self.uploadBucket = TokenBucket(rate: configuration.uploadLimit, now: now)
    }

    func makeHandle() -> PeerHandle {
        nextHandle += 1
        return PeerHandle(nextHandle)
    }

    func controller(for infoHash: InfoHash) -> TorrentController? {
        controllers[infoHash]
    }

    func emit(_ event: TorrentEngine.Event) {
        events.yield(event)
    }

    var bindsWildcard: Bool { configuration.bindHost == "0.0.0.0" || configuration.bindHost == "::" }

    /// Whether `host` is one of our own addresses as far as dialling ourselves goes.
    func isLocal(_ host: String) -> Bool {
        host == configuration.bindHost || host == "127.0.0.1" || host == "::1" || (bindsWildcard && host == "0.0.0.0")
    }

    func listen() -> EventLoopFuture<Int> {
        ServerBootstrap(group: loop)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 64 << 10, maximum: 1 << 20))
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try addIncomingPeerHandlers(to: channel)
                }
            }
            .bind(host: configuration.bindHost, port: configuration.listenPort)
            .map { [self] channel in
                listener = channel
                listenPort = channel.localAddress?.port ?? 0
                emit(.listening(port: listenPort))
                return listenPort
            }
    }
}
