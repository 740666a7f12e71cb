import BitTorrentCore
import Testing

@Suite struct DHTTokenTests {
    static let start = ContinuousClock.now

    @Test(arguments: [
        // seconds after issue, requester, valid
        (0, "10.0.0.1", true),
        (299, "10.0.0.1", true),
        (300, "10.0.0.1", true),   // one rotation: the previous secret still counts
        (599, "10.0.0.1", true),
        (0, "10.0.0.2", false),    // bound to the address it was given to
        (0, "::1", false),
    ])
    func tokensLiveForOneRotationAndOneAddress(after seconds: Int, host: String, valid: Bool) {
        var random = SplitMix64(seed: 1)
        var secrets = DHT.TokenSecrets(now: Self.start, using: &random)
        let token = secrets.token(for: "10.0.0.1")
        #expect(token.count == DHT.TokenSecrets.tokenLength)
        if seconds >= 300 { secrets.rotateIfDue(now: Self.start + .seconds(300), using: &random) }
        secrets.rotateIfDue(now: Self.start + .seconds(seconds), using: &random)
        #expect(secrets.isValid(token, for: host) == valid)
    }

    @Test func twoRotationsOrTenIdleMinutesEndAToken() {
        var random = SplitMix64(seed: 2)
        var secrets = DHT.TokenSecrets(now: Self.start, using: &random)
        let token = secrets.token(for: "10.0.0.1")
        secrets.rotateIfDue(now: Self.start + .seconds(300), using: &random)
        secrets.rotateIfDue(now: Self.start + .seconds(600), using: &random)
        #expect(!secrets.isValid(token, for: "10.0.0.1"))

        var idle = DHT.TokenSecrets(now: Self.start, using: &random)
        let old = idle.token(for: "10.0.0.1")
        idle.rotateIfDue(now: Self.start + .seconds(601), using: &random)
        #expect(!idle.isValid(old, for: "10.0.0.1"))
        #expect(idle.isValid(idle.token(for: "10.0.0.1"), for: "10.0.0.1"))
        #expect(!idle.isValid([], for: "10.0.0.1"))
        #expect(!idle.isValid(old + [0], for: "10.0.0.1"))
    }
}

@Suite struct DHTPeerStoreTests {
    static let start = ContinuousClock.now
    static let hash = InfoHash(bytes: [UInt8](repeating: 7, count: 20))!

    static func peer(_ i: Int) -> PeerAddress { PeerAddress(host: "10.0.\(i / 256).\(i % 256)", port: 6881) }

    @Test func announcedPeersExpireAfter30Minutes() {
        var store = DHT.PeerStore()
        var random = SplitMix64(seed: 3)
        store.announce(Self.peer(1), for: Self.hash, now: Self.start)
        store.announce(Self.peer(2), for: Self.hash, now: Self.start + .seconds(600))
        #expect(store.peers(for: Self.hash, now: Self.start + .seconds(1799), using: &random).count == 2)
        #expect(store.peers(for: Self.hash, now: Self.start + .seconds(1800), using: &random) == [Self.peer(2)])
        // A fresh announce renews a peer.
        store.announce(Self.peer(1), for: Self.hash, now: Self.start + .seconds(1700))
        store.expire(now: Self.start + .seconds(2300))
        #expect(store.peerCount == 2)
        store.expire(now: Self.start + .seconds(3600))
        #expect(store.peerCount == 0 && store.torrentCount == 0)
        #expect(store.peers(for: InfoHash(bytes: [UInt8](repeating: 8, count: 20))!, now: Self.start, using: &random).isEmpty)
    }

    @Test func theStoreIsBoundedByTorrentsAndPeers() {
        var store = DHT.PeerStore(maxTorrents: 3, maxPeersPerTorrent: 4)
        var random = SplitMix64(seed: 4)
        for i in 0..<10 { store.announce(Self.peer(i), for: Self.hash, now: Self.start + .seconds(i)) }
        #expect(store.peerCount == 4)
        #expect(Set(store.peers(for: Self.hash, now: Self.start + .seconds(10), using: &random)) == Set((6..<10).map(Self.peer)))
        let hashes = (1...4).map { InfoHash(bytes: [UInt8](repeating: UInt8($0), count: 20))! }
        for (i, hash) in hashes.enumerated() { store.announce(Self.peer(100), for: hash, now: Self.start + .seconds(100 + i)) }
        #expect(store.torrentCount == 3)
        #expect(store.peers(for: Self.hash, now: Self.start + .seconds(200), using: &random).isEmpty)  // the stalest torrent went
        // A reply holds at most `limit` peers, a random pick of distinct ones.
        var big = DHT.PeerStore()
        for i in 0..<200 { big.announce(Self.peer(i), for: Self.hash, now: Self.start) }
        let picked = big.peers(for: Self.hash, now: Self.start, limit: 50, using: &random)
        #expect(picked.count == 50 && Set(picked).count == 50)
    }
}
