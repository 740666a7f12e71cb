import BitTorrentCore
import BitTorrentStorage
import NIOCore
import NIOPosix

/// A BitTorrent client: many torrents, one listener, one event loop. Every method is safe to call from
/// any task; each hops to the engine's loop.
public final class TorrentEngine: Sendable {
    public let configuration: TorrentEngine.Configuration
    /// Everything that happens, in order (listening, checked, banned, finished…).
    public let events: AsyncStream<Event>
    let core: EngineCore

    public init(
        configuration: TorrentEngine.Configuration = TorrentEngine.Configuration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        threadPool: NIOThreadPool = .singleton,
        trackerClient: (any TrackerClient)? = nil
    ) {
        self.configuration = configuration
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(4_096))
        self.events = stream
        self.core = EngineCore(
            loop: eventLoopGroup.next(),
            configuration: configuration,
            threadPool: threadPool,
            trackerClient: trackerClient ?? TrackerClients(udp: UDPTrackerClient(maximumRetransmits: 2)),
            events: continuation
        )
    }

    /// Opens the peer listener (and the DHT node, when configured); returns the port (useful with `listenPort: 0`).
    @discardableResult
    public func start() async throws -> Int {
        let port = try await core.loop.flatSubmit { [core] in core.listen() }.get()
        try await startDHT(listenPort: port)
        return port
    }

    public var listenPort: Int {
        get async { (try? await core.loop.submit { [core] in core.listenPort }.get()) ?? 0 }
    }

    /// Adds a torrent to download into (or seed from) `directory`. A torrent already present is left as is.
    @discardableResult
    public func add(
        _ source: Source,
        directory: String,
        options: TorrentOptions = TorrentOptions(),
        resumeStore: (any ResumeStore)? = nil
    ) async throws -> InfoHash {
        try await core.loop.submit { [core] in
            let infoHash = source.infoHash
            guard core.controllers[infoHash] == nil else { return infoHash }
            let controller = TorrentController(engine: core, source: source, directory: directory, options: options, resumeStore: resumeStore)
            core.controllers[infoHash] = controller
            controller.start()
            return infoHash
        }.get()
    }

    public func status(_ infoHash: InfoHash) async -> TorrentStatus? {
        try? await core.loop.submit { [core] in core.controllers[infoHash]?.status() }.get()
    }

    public func statuses() async -> [TorrentStatus] {
        (try? await core.loop.submit { [core] in core.controllers.values.map { $0.status() } }.get()) ?? []
    }

    /// The metainfo once known (at once for a .torrent, after ut_metadata for a magnet).
    public func metainfo(_ infoHash: InfoHash) async -> TorrentMetainfo? {
        try? await core.loop.submit { [core] in core.controllers[infoHash]?.metainfo }.get()
    }

    public func pause(_ infoHash: InfoHash) async {
        _ = try? await core.loop.submit { [core] in core.controllers[infoHash]?.pause() }.get()
    }

    public func resume(_ infoHash: InfoHash) async {
        _ = try? await core.loop.submit { [core] in core.controllers[infoHash]?.resume() }.get()
    }

    /// Re-hashes everything on disk (the torrent restarts from what is verified).
    public func recheck(_ infoHash: InfoHash) async {
        _ = try? await core.loop.submit { [core] in core.controllers[infoHash]?.recheck() }.get()
    }

    /// Removes a torrent; with `deletingData`, its files too (only the torrent's own files, never the folder).
    public func remove(_ infoHash: InfoHash, deletingData: Bool = false) async throws {
        let controller = try await core.loop.submit { [core] in core.controllers.removeValue(forKey: infoHash) }.get()
        guard let controller else { return }
        try await controller.loop.flatSubmit { controller.shutdown() }.get()
        try await controller.resumeStore?.remove(infoHash)
        if deletingData, let metainfo = try await controller.loop.submit({ controller.metainfo }).get() {
            try TorrentFiles.delete(metainfo, in: controller.directory)
        }
    }

    /// Stops every torrent (saving clean resume data) and closes the listener.
    public func shutdown() async {
        let controllers = (try? await core.loop.submit { [core] in Array(core.controllers.values) }.get()) ?? []
        for controller in controllers {
            try? await controller.loop.flatSubmit { controller.shutdown() }.get()
        }
        try? await core.loop.flatSubmit { [core] in
            core.controllers.removeAll()
            return core.listener?.close() ?? core.loop.makeSucceededVoidFuture()
        }.get()
        await stopDHT()
        core.events.finish()
    }
}
