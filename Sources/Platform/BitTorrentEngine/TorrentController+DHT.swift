import BitTorrentCore
import NIOCore

/// DHT lookups of one torrent: when the next is due and whether one is running.
struct DHTLookupState: Sendable {
    var nextLookup: ContinuousClock.Instant?
    var lastLookup: ContinuousClock.Instant?
    var inFlight = false
    var lookups = 0
    var peersFound = 0
}

extension TorrentController {
    /// BEP 27: a private torrent never touches the DHT. (A magnet's privacy is only known with its
    /// metadata; once that says private, lookups stop.)
    var usesDHT: Bool { engine.dht != nil && !isPrivate }

    /// At the start of networking: a lookup at once, unless one ran moments ago (a magnet's session
    /// starts networking again when its metadata arrives).
    func startDHTLookups() {
        guard usesDHT, let settings = configuration.dht else { return }
        if let last = dhtLookups.lastLookup, last.duration(to: .now) < settings.starvingLookupInterval { return }
        dhtLookups.nextLookup = .now
        dhtTick(now: .now)
    }

    /// From the one-second tick: a lookup when one is due.
    func dhtTick(now: ContinuousClock.Instant) {
        guard usesDHT, isActive, !dhtLookups.inFlight, let next = dhtLookups.nextLookup, next <= now else { return }
        lookUpPeersOnDHT()
    }

    /// get_peers for our infohash, then announce_peer of our listen port to the closest nodes; the
    /// peers found join the address book as tracker peers do.
    private func lookUpPeersOnDHT() {
        guard let node = engine.dht else { return }
        dhtLookups.inFlight = true
        dhtLookups.lookups += 1
        dhtLookups.lastLookup = .now
        let infoHash = self.infoHash
        let port = UInt16(exactly: engine.listenPort).flatMap { $0 == 0 ? nil : $0 }
        loop.makeFutureWithTask {
            await node.lookup(infoHash, announcing: port)
        }.whenComplete { [self] result in
            dhtLookups.inFlight = false
            let found = try? result.get()
            guard usesDHT, isActive else { return }
            let dialable = (found?.peers ?? []).filter(isDialable)
            dhtLookups.peersFound += dialable.count
            addressBook.add(dialable, source: .dht)
            scheduleNextDHTLookup(askedNobody: (found?.queries ?? 0) == 0)
            connectPeers()
            flushLinks()
        }
    }

    /// `askedNobody`: the node knew no other node yet (a fresh node without bootstrap nodes waits for
    /// others to contact it): try again soon.
    private func scheduleNextDHTLookup(askedNobody: Bool) {
        guard let settings = configuration.dht else { return }
        let starving = (metainfo == nil || activity == .downloading) && links.count < settings.starvingPeerCount
        if askedNobody {
            dhtLookups.nextLookup = .now + min(settings.starvingLookupInterval, .seconds(5))
        } else if starving {
            dhtLookups.nextLookup = .now + settings.starvingLookupInterval
        } else {
            let jitter = settings.lookupInterval * Double.random(in: 0..<1)
            dhtLookups.nextLookup = .now + settings.lookupInterval + jitter
        }
    }

    /// BEP 5 PORT message: the peer runs a DHT node at its address and this port; ping it, and it joins
    /// our routing table if it answers.
    func dhtPortReceived(_ port: UInt16, from peer: PeerHandle) {
        guard usesDHT, port != 0, let node = engine.dht, let link = links[peer] else { return }
        let address = PeerAddress(host: link.address.host, port: port)
        Task { await node.addNode(address) }
    }
}
