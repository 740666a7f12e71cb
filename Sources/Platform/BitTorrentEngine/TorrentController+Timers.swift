import BitTorrentCore
import NIOCore
import NIOPosix

extension TorrentController {
    /// Once a second: dial peers, time out silent requests, keep connections alive, rechoke every ten
    /// seconds, PEX every minute, save resume data, and apply seeding limits.
    func tick() {
        let now = ContinuousClock.now
        tickCount += 1
        guard isActive else { return }
        if activity == .downloading || activity == .fetchingMetadata { secondsDownloading += 1 }
        if activity == .seeding { secondsSeeding += 1 }
        connectPeers()
        if session != nil {
            timeOutRequests(now: now)
            if tickCount % 10 == 0 { rechoke(now: now) }
            if tickCount % 60 == 0 { sendPEX() }
            if piecesSinceFlush > 0, lastFlush.duration(to: now) >= configuration.resumeFlushInterval { persistResume(closing: false) }
        }
        keepAlive(now: now)
        if activity == .seeding { checkSeedingLimits(now: now) }
        announceIfDue(now: now)
        dhtTick(now: now)
        flushLinks()
    }

    /// Dials known addresses while there is room, a few at a time.
    func connectPeers() {
        guard isActive, activity != .seeding || addressBook.count > 0 else { return }
        let room = min(configuration.maxPeersPerTorrent - links.count - halfOpen, configuration.maxHalfOpenConnections - halfOpen)
        guard room > 0 else { return }
        for address in addressBook.nextToDial(limit: room, now: .now) {
            guard isDialable(address), !links.values.contains(where: { $0.isOutgoing && $0.address == address }) else {
                addressBook.failed(address, now: .now)
                continue
            }
            dial(address)
        }
    }

    /// `handshake`: nil for the encryption policy's first kind (see `addOutgoingPeerHandlers`).
    func dial(_ address: PeerAddress, handshake: EncryptionPolicy.Handshake? = nil) {
        halfOpen += 1
        let timeout = TimeAmount(configuration.connectTimeout)
        var bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelOption(ChannelOptions.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 64 << 10, maximum: 1 << 20))
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try addOutgoingPeerHandlers(to: channel, address: address, handshake: handshake)
                }
            }
        if !engine.bindsWildcard, let local = try? SocketAddress(ipAddress: configuration.bindHost, port: 0),
           (local.protocol == .inet) == !address.host.contains(":") {
            bootstrap = bootstrap.bind(to: local)
        }
        bootstrap.connect(host: address.host, port: Int(address.port)).whenComplete { [self] result in
            halfOpen -= 1
            if case .failure = result { addressBook.failed(address, now: .now) }
        }
    }

    private func timeOutRequests(now: ContinuousClock.Instant) {
        guard let session else { return }
        for link in links.values {
            guard let connection = session.peers[link.handle], !connection.outstanding.isEmpty else {
                link.lastBlock = now
                continue
            }
            guard link.lastBlock.duration(to: now) > configuration.requestTimeout else { continue }
            link.lastBlock = now
            perform(self.session!.requestsTimedOut(Array(connection.outstanding), peer: link.handle))
        }
    }

    private func rechoke(now: ContinuousClock.Instant) {
        guard session != nil else { return }
        var rates: [PeerHandle: Int] = [:]
        let seeding = activity == .seeding
        for link in links.values {
            rates[link.handle] = seeding ? link.uploadMeter.rate(now: now) : link.downloadMeter.rate(now: now)
        }
        perform(session!.rechoke(at: now, rates: rates))
    }

    /// A keep-alive after 90 s of silence from us; a peer silent for 3 minutes is dropped.
    private func keepAlive(now: ContinuousClock.Instant) {
        for link in links.values {
            if link.lastReceived.duration(to: now) > .seconds(180) {
                link.close()
            } else if link.lastSent.duration(to: now) > .seconds(90) {
                link.enqueue(.keepAlive)
                markDirty(link)
            }
        }
    }

    private func checkSeedingLimits(now: ContinuousClock.Instant) {
        guard let metainfo else { return }
        var reached = false
        if let ratio = options.seedRatioLimit, Double(uploadedBytes) >= ratio * Double(metainfo.totalLength) { reached = true }
        if let idle = options.seedIdleLimit, lastUploadAt.duration(to: now) >= idle { reached = true }
        guard reached else { return }
        stopNetworking()
        activity = .finished
        persistResume(closing: false)
        engine.emit(.seedingLimitReached(infoHash))
    }
}
