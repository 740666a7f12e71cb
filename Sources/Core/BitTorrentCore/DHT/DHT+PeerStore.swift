extension DHT {
    /// Peers announced to us (announce_peer), by infohash, each kept `lifetime` (30 minutes) after its
    /// last announce. Bounded both ways: past `maxTorrents` the torrent announced least recently goes,
    /// past `maxPeersPerTorrent` the oldest peer of that torrent goes.
    public struct PeerStore: Sendable {
        public let maxTorrents: Int
        public let maxPeersPerTorrent: Int
        public let lifetime: Duration
        private var torrents: [InfoHash: Swarm] = [:]

        struct Swarm: Sendable {
            var peers: [PeerAddress: ContinuousClock.Instant] = [:]
            var lastAnnounce: ContinuousClock.Instant
        }

        public init(maxTorrents: Int = 2_000, maxPeersPerTorrent: Int = 500, lifetime: Duration = DHT.peerLifetime) {
            precondition(maxTorrents > 0 && maxPeersPerTorrent > 0, "a store holds something")
            self.maxTorrents = maxTorrents
            self.maxPeersPerTorrent = maxPeersPerTorrent
            self.lifetime = lifetime
        }

        public var torrentCount: Int { torrents.count }
        public var peerCount: Int { torrents.values.reduce(0) { $0 + $1.peers.count } }

        public mutating func announce(_ peer: PeerAddress, for infoHash: InfoHash, now: ContinuousClock.Instant) {
            if torrents[infoHash] == nil, torrents.count >= maxTorrents,
                let stalest = torrents.min(by: { $0.value.lastAnnounce < $1.value.lastAnnounce })?.key
            {
                torrents[stalest] = nil
            }
            var swarm = torrents[infoHash] ?? Swarm(lastAnnounce: now)
            if swarm.peers[peer] == nil, swarm.peers.count >= maxPeersPerTorrent,
                let oldest = swarm.peers.min(by: { $0.value < $1.value })?.key
            {
                swarm.peers[oldest] = nil
            }
            swarm.peers[peer] = now
            swarm.lastAnnounce = now
            torrents[infoHash] = swarm
        }

        /// Up to `limit` live peers of a torrent, a random pick when there are more.
        public func peers(for infoHash: InfoHash, now: ContinuousClock.Instant, limit: Int = 50, using generator: inout some RandomNumberGenerator) -> [PeerAddress] {
            guard let swarm = torrents[infoHash] else { return [] }
            let live = swarm.peers.filter { $0.value.duration(to: now) < lifetime }.map(\.key)
            guard live.count > limit else { return live.sorted { $0.description < $1.description } }
            return Array(live.shuffled(using: &generator).prefix(limit))
        }

        /// Forgets peers not announced within the lifetime, and torrents left without peers.
        public mutating func expire(now: ContinuousClock.Instant) {
            for (infoHash, swarm) in torrents {
                let live = swarm.peers.filter { $0.value.duration(to: now) < lifetime }
                torrents[infoHash] = live.isEmpty ? nil : Swarm(peers: live, lastAnnounce: swarm.lastAnnounce)
            }
        }
    }
}
