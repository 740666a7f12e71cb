import BitTorrentCore
import BitTorrentStorage
import NIOCore
import NIOPosix

/// One torrent on the engine's event loop: everything here runs on `loop`, so the session state machine
/// is mutated without locks. Asynchronous work (disk, trackers) reports back with `loop.execute`.
final class TorrentController: @unchecked Sendable {
    /// Strong: loop callbacks may outlive `TorrentEngine`; the cycle is broken when the engine drops its controllers.
    let engine: EngineCore
    let infoHash: InfoHash
    var directory: String
    var options: TorrentEngine.TorrentOptions
    let resumeStore: (any ResumeStore)?

    var metainfo: TorrentMetainfo?
    var magnet: MagnetLink?
    var assembler: MetadataAssembler?
    var storage: TorrentStorage?
    var session: TorrentSession.StateMachine?
    var activity: TorrentEngine.Activity
    var failure: String?
    /// Set when a pause arrives while the data is being checked: the check finishes, then the torrent rests.
    var pauseAfterCheck = false
    /// Bumped by every check and by closing the storage: a check's answer is used only if nothing
    /// replaced it meanwhile (a second check, a rename or a move while it ran).
    var checkGeneration = 0

    var links: [PeerHandle: PeerLink] = [:]
    var halfOpen = 0
    var addressBook = PeerAddressBook()
    var dirtyLinks: [PeerLink] = []
    var closedAddresses: [PeerHandle: PeerAddress] = [:]

    var downloadBucket: TokenBucket
    var uploadBucket: TokenBucket
    var downloadMeter: RateMeter
    var uploadMeter: RateMeter
    var downloadedBytes = 0
    var uploadedBytes = 0
    var piecesDownloaded = 0
    var hashFailures = 0
    /// Reads are paused for the rate limit, for the disk backlog, or both.
    var readingPaused = false
    var diskPaused = false
    /// Bytes handed to the thread pool (writes, pieces being verified) and not yet done.
    var diskBacklog = 0
    var lastUploadAt: ContinuousClock.Instant
    var seedingSince: ContinuousClock.Instant?

    var piecesSinceFlush = 0
    var flushInFlight = false
    var lastFlush: ContinuousClock.Instant
    var ticker: RepeatedTask?
    var tickCount = 0
    var secondsDownloading = 0
    var secondsSeeding = 0

    var tracker = TrackerState()
    var dhtLookups = DHTLookupState()

    var loop: any EventLoop { engine.loop }
    var configuration: TorrentEngine.Configuration { engine.configuration }

    init(engine: EngineCore, source: TorrentEngine.Source, directory: String, options: TorrentEngine.TorrentOptions, resumeStore: (any ResumeStore)?) {
        let now = ContinuousClock.now
        self.engine = engine
        self.infoHash = source.infoHash
        self.directory = directory
        self.options = options
        self.resumeStore = resumeStore
        self.downloadBucket = TokenBucket(rate: options.downloadLimit, now: now)
        self.uploadBucket = TokenBucket(rate: options.uploadLimit, now: now)
        self.downloadMeter = RateMeter(now: now)
        self.uploadMeter = RateMeter(now: now)
        self.lastUploadAt = now
        self.lastFlush = now
        switch source {
        case .metainfo(let metainfo):
            self.metainfo = metainfo
            self.activity = .checking
        case .magnet(let magnet):
            self.magnet = magnet
            self.assembler = MetadataAssembler(infoHash: magnet.infoHash, trackers: magnet.trackers)
            self.activity = .fetchingMetadata
            addressBook.add(magnet.peers, source: .magnet)
        }
        addressBook.add(options.peers, source: .user)
    }

    var isPrivate: Bool { metainfo?.isPrivate ?? false }
    var pieceCount: Int? { metainfo?.pieceCount }
    var name: String { metainfo?.name ?? magnet?.displayName ?? infoHash.hex }

    var ourHandshake: PeerHandshake {
        PeerHandshake(reserved: reserved, infoHash: infoHash, peerID: configuration.peerID)
    }

    /// BEP 5's bit says we run a DHT node (never for a private torrent).
    var reserved: ReservedBits { ReservedBits(extensionProtocol: true, fastExtension: true, dht: configuration.dht != nil && !isPrivate) }
    static let metadataExtensionID: UInt8 = 2
    static let pexExtensionID: UInt8 = 1

    func extensionHandshake() -> ExtensionHandshake {
        var extensions: [String: UInt8] = ["ut_metadata": Self.metadataExtensionID]
        if !isPrivate { extensions["ut_pex"] = Self.pexExtensionID }
        return ExtensionHandshake(
            extensions: extensions,
            listenPort: UInt16(exactly: engine.listenPort),
            client: "\(configuration.clientName) 0.1",
            requestQueueLength: 2_000,
            metadataSize: metainfo?.infoBytes.count
        )
    }

    // MARK: Life cycle

    func start() {
        loop.assertInEventLoop()
        ticker = loop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .seconds(1)) { [weak self] _ in self?.tick() }
        if options.paused {
            // Checked all the same, so a paused torrent shows what it has; it stays paused after.
            activity = .paused
            pauseAfterCheck = true
            if metainfo != nil { check() }
            return
        }
        if metainfo != nil { check() } else { startNetworking() }
    }

    /// Restores resume data and hashes what it cannot vouch for, then starts the session.
    func check() {
        guard let metainfo else { return }
        activity = .checking
        let storage = self.storage ?? TorrentStorage(
            metainfo: metainfo,
            directory: directory,
            configuration: TorrentStorage.Configuration(writeBufferBytes: configuration.writeBufferBytes),
            threadPool: engine.threadPool
        )
        self.storage = storage
        checkGeneration &+= 1
        let generation = checkGeneration
        let store = resumeStore
        let infoHash = self.infoHash
        loop.makeFutureWithTask { () async throws -> (ResumePlan, Bitfield) in
            let saved = try await store?.load(infoHash)
            let plan = try await storage.restore(from: saved)
            let verified = plan.recheck.isEmpty ? plan.trusted : try await storage.recheck(pieces: plan.recheck)
            return (plan, verified)
        }.whenComplete { [self] result in
            guard generation == checkGeneration else { return }
            switch result {
            case .success(let (plan, verified)):
                engine.emit(.checked(infoHash, trusted: plan.trusted.setCount, rechecked: plan.recheck.count, verified: verified.setCount))
                startSession(have: verified)
            case .failure(let error):
                fail("could not check the data in \(directory): \(error)")
            }
        }
    }

    func startSession(have: Bitfield) {
        guard let metainfo, activity != .failed else { return }
        let stayPaused = activity == .paused || pauseAfterCheck
        pauseAfterCheck = false
        var sessionConfiguration = TorrentSession.Configuration(
            infoHash: infoHash,
            layout: metainfo.layout,
            reserved: reserved,
            extensionHandshake: extensionHandshake(),
            uploadSlots: configuration.uploadSlots,
            requestPipeline: requestPipeline
        )
        sessionConfiguration.maxQueuedUploads = 500
        session = TorrentSession.StateMachine(
            configuration: sessionConfiguration,
            have: have,
            mode: options.sequential ? .sequential : .rarestFirst,
            salt: UInt64.random(in: 0...UInt64.max)
        )
        if let priorities = options.filePriorities, priorities.count == metainfo.files.count {
            _ = session!.setFilePriorities(priorities)
        }
        if stayPaused {
            activity = .paused
            persistResume(closing: false)
            return
        }
        if session!.isFinished {
            becameSeed()
        } else {
            activity = .downloading
        }
        // Connections made while fetching metadata join the session.
        for link in links.values.sorted(by: { $0.handle < $1.handle }) {
            guard let connection = link.pendingConnection else { continue }
            link.pendingConnection = nil
            perform(session!.adopt(link.handle, connection: connection, at: .now))
        }
        startNetworking()
        flushLinks()
    }

    /// Requests in flight per peer: the configured depth, or about one second of data under a download
    /// limit, since pausing reads cannot hold back what a deep pipeline has already asked for.
    var requestPipeline: Int {
        let limits = [options.downloadLimit, configuration.downloadLimit].compactMap { $0 }
        guard let limit = limits.min() else { return configuration.requestPipeline }
        return max(4, min(configuration.requestPipeline, limit / BitTorrentCore.blockLength))
    }

    func startNetworking() {
        startAnnouncing()
        startDHTLookups()
        connectPeers()
    }

    func becameSeed() {
        activity = .seeding
        seedingSince = .now
        lastUploadAt = .now
    }

    func pause() {
        if activity == .checking { pauseAfterCheck = true }
        guard activity != .paused, activity != .checking else { return }
        stopNetworking()
        activity = .paused
        persistResume(closing: false)
    }

    func resume() {
        if activity == .checking { pauseAfterCheck = false }
        guard activity == .paused || activity == .finished || activity == .failed else { return }
        failure = nil
        session = nil
        if metainfo != nil { check() } else {
            activity = .fetchingMetadata
            startNetworking()
        }
    }

    /// Re-hashes everything on disk; the torrent restarts from what is verified.
    func recheck() {
        guard metainfo != nil else { return }
        // A stopped torrent stays stopped once checked (as Transmission's verify does).
        if activity == .paused || activity == .finished || activity == .failed { pauseAfterCheck = true }
        stopNetworking()
        session = nil
        check()
    }

    /// Closes every connection and announces `stopped`.
    func stopNetworking() {
        stopAnnouncing()
        for link in links.values { link.close() }
    }

    func fail(_ message: String) {
        failure = message
        activity = .failed
        stopNetworking()
        engine.emit(.failed(infoHash, message))
    }

    /// Stops everything, saves a clean resume state; the future completes when it is on disk.
    func shutdown() -> EventLoopFuture<Void> {
        ticker?.cancel()
        ticker = nil
        stopNetworking()
        guard let storage else { return loop.makeSucceededVoidFuture() }
        let store = resumeStore
        let infoHash = self.infoHash
        let wasChecked = session != nil
        return loop.makeFutureWithTask {
            let state = try await storage.close()
            if wasChecked { try await store?.save(state, for: infoHash) }
        }.recover { _ in }
    }

    // MARK: Status

    /// Bytes of verified pieces (what a tracker's `left` and the progress are computed from).
    var verifiedBytes: Int {
        guard let have = session?.have, let layout = metainfo?.layout else { return 0 }
        return have.isComplete ? layout.totalLength : have.setIndices.reduce(0) { $0 + layout.length(ofPiece: $1) }
    }

    func status() -> TorrentEngine.TorrentStatus {
        let now = ContinuousClock.now
        let have = session?.have
        let wanted = session?.picker.wantedBytes
        return TorrentEngine.TorrentStatus(
            infoHash: infoHash,
            name: name,
            activity: activity,
            error: failure,
            totalSize: metainfo?.totalLength ?? 0,
            pieceCount: metainfo?.pieceCount ?? 0,
            verifiedPieces: have?.setCount ?? 0,
            verifiedBytes: verifiedBytes,
            downloadedBytes: downloadedBytes,
            uploadedBytes: uploadedBytes,
            downloadRate: downloadMeter.rate(now: now),
            uploadRate: uploadMeter.rate(now: now),
            connectedPeers: links.count,
            knownPeers: addressBook.count,
            piecesDownloaded: piecesDownloaded,
            hashFailures: hashFailures,
            seeders: tracker.seeders,
            leechers: tracker.leechers,
            lastTrackerError: tracker.lastError,
            wantedBytes: wanted?.total ?? 0,
            wantedBytesLeft: wanted?.left ?? (metainfo?.totalLength ?? 0),
            secondsDownloading: secondsDownloading,
            secondsSeeding: secondsSeeding,
            isPrivate: isPrivate,
            pieceLength: metainfo?.pieceLength ?? 0
        )
    }
}
