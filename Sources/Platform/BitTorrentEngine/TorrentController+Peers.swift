import BitTorrentCore
import BitTorrentStorage
import NIOCore
import NIOPosix

extension TorrentController {
    var isActive: Bool { activity == .downloading || activity == .seeding || activity == .fetchingMetadata }

    // MARK: Connections

    func acceptsIncoming(from address: PeerAddress) -> Bool {
        isActive && links.count < configuration.maxPeersPerTorrent && !addressBook.isBanned(address)
    }

    /// A handshake completed: registers the connection, or nil to close it (wrong torrent, ourselves,
    /// a peer already connected, no room).
    func attach(channel: any Channel, address: PeerAddress, isOutgoing: Bool, handshake: PeerHandshake) -> PeerLink? {
        loop.assertInEventLoop()
        guard isActive, handshake.infoHash == infoHash, handshake.peerID != configuration.peerID else {
            if handshake.peerID == configuration.peerID { addressBook.ban(address) }  // our own listener
            return nil
        }
        guard !links.values.contains(where: { $0.peerID == handshake.peerID }) else { return nil }
        let link = PeerLink(handle: engine.makeHandle(), channel: channel, address: address, isOutgoing: isOutgoing, now: .now)
        link.peerID = handshake.peerID
        links[link.handle] = link
        if !readsAllowed {
            link.isReading = false
            channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
        }
        if isOutgoing { addressBook.connected(address) }
        if session != nil {
            perform(session!.peerConnected(link.handle, handshake: handshake, at: .now))
        } else {
            var connection = PeerConnection.StateMachine(
                configuration: PeerConnection.Configuration(
                    infoHash: infoHash,
                    layout: nil,
                    reserved: reserved,
                    extensionHandshake: extensionHandshake()
                ),
                ourPieces: nil
            )
            let actions = connection.handshakeReceived(handshake)
            link.pendingConnection = connection
            performPending(actions, link: link)
        }
        markDirty(link)
        return link
    }

    func handshakeFailed(_ address: PeerAddress) {
        addressBook.failed(address, now: .now)
    }

    func linkClosed(_ link: PeerLink) {
        guard links.removeValue(forKey: link.handle) != nil else { return }
        link.isClosing = true
        remember(link)
        if link.isOutgoing { addressBook.closed(link.address, now: .now) }
        assembler?.peerDropped(link.handle)
        if session != nil { perform(session!.peerDisconnected(link.handle)) }
        flushLinks()
    }

    // MARK: Messages

    func received(_ message: PeerMessage, from link: PeerLink) {
        let now = ContinuousClock.now
        link.lastReceived = now
        if case .piece(_, _, let block) = message {
            let bytes = block.readableBytes
            link.lastBlock = now
            link.downloadMeter.record(bytes, now: now)
            downloadMeter.record(bytes, now: now)
            downloadedBytes += bytes
            spendDownload(bytes, now: now)
        }
        if session != nil {
            perform(session!.received(message, from: link.handle))
        } else if link.pendingConnection != nil {
            let actions = link.pendingConnection!.received(message)
            performPending(actions, link: link)
        }
    }

    /// Marks a link to flush at the end of the current batch.
    func markDirty(_ link: PeerLink) {
        dirtyLinks.append(link)
    }

    func flushLinks() {
        guard !dirtyLinks.isEmpty else { return }
        let now = ContinuousClock.now
        let batch = dirtyLinks
        dirtyLinks.removeAll(keepingCapacity: true)
        for link in batch { link.flush(now: now) }
    }

    // MARK: Session actions

    func perform(_ actions: [TorrentSession.Action]) {
        for action in actions {
            switch action {
            case .send(let peer, let message):
                guard let link = links[peer] else { continue }
                link.enqueue(message)
                markDirty(link)
            case .disconnect(let peer, let reason):
                disconnect(peer, reason: reason)
            case .writeBlock(let block, let data):
                write(block, data: data)
            case .verifyPiece(let piece, let blockDigests):
                verify(piece: piece, blockDigests: blockDigests)
            case .pieceCompleted:
                piecesDownloaded += 1
                piecesSinceFlush += 1
            case .downloadFinished:
                downloadFinished()
            case .readBlock(let peer, let block):
                readForUpload(block, peer: peer)
            case .extensionMessage(let peer, let name, let payload):
                guard let link = links[peer] else { continue }
                extensionMessage(name: name, payload: payload, from: link)
            case .extensionHandshake(let peer, let handshake):
                links[peer]?.listenPort = handshake.listenPort
            case .dhtPort(let peer, let port):
                dhtPortReceived(port, from: peer)
            }
        }
    }

    func disconnect(_ peer: PeerHandle, reason: TorrentSession.DisconnectReason) {
        let link = links[peer]
        if case .banned = reason {
            // The address to refuse: where we dialled it, or where it says it listens.
            if let address = link?.advertisedAddress ?? link?.address ?? closedAddresses[peer], !addressBook.isBanned(address) {
                addressBook.ban(address)
                engine.emit(.peerBanned(infoHash, address, reason: "sent data that failed the piece hash"))
            }
        }
        guard let link else { return }
        links[peer] = nil
        remember(link)
        link.close()
        assembler?.peerDropped(peer)
        if link.isOutgoing, !addressBook.isBanned(link.address) { addressBook.closed(link.address, now: .now) }
    }

    /// Smart ban may name a peer after it left: keep where recent peers were (bounded).
    func remember(_ link: PeerLink) {
        if closedAddresses.count >= 1_024 { closedAddresses.removeAll(keepingCapacity: true) }
        closedAddresses[link.handle] = link.advertisedAddress ?? link.address
    }

    func downloadFinished() {
        becameSeed()
        engine.emit(.downloadFinished(infoHash))
        persistResume(closing: false)
        announceCompleted()
    }

    // MARK: Download limit

    /// Charges received payload to the torrent's and the engine's buckets; when either is overdrawn,
    /// stops reading from every peer of the torrent until it refills.
    func spendDownload(_ bytes: Int, now: ContinuousClock.Instant) {
        downloadBucket.spend(bytes, now: now)
        engine.downloadBucket.spend(bytes, now: now)
        guard !readingPaused else { return }
        let delay = max(downloadBucket.delayUntilPositive(now: now), engine.downloadBucket.delayUntilPositive(now: now))
        guard delay > .zero else { return }
        readingPaused = true
        updateReading()
        loop.scheduleTask(in: TimeAmount(delay)) { [self] in
            readingPaused = false
            updateReading()
        }
    }

    // MARK: Disk back-pressure

    func diskWorkStarted(_ bytes: Int) {
        diskBacklog += bytes
        guard !diskPaused, diskBacklog > configuration.maxDiskBacklogBytes else { return }
        diskPaused = true
        updateReading()
    }

    func diskWorkFinished(_ bytes: Int) {
        diskBacklog -= bytes
        guard diskPaused, diskBacklog <= configuration.maxDiskBacklogBytes / 2 else { return }
        diskPaused = false
        updateReading()
    }

    /// Peers are read unless the rate limit or the disk says wait; new connections follow the same rule.
    var readsAllowed: Bool { !readingPaused && !diskPaused }

    func updateReading() {
        let enabled = readsAllowed
        for link in links.values where link.isReading != enabled {
            link.isReading = enabled
            link.channel.setOption(ChannelOptions.autoRead, value: enabled).whenFailure { _ in }
            if enabled { link.channel.read() }
        }
    }
}
