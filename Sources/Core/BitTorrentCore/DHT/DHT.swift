/// BEP 5, the Mainline DHT, as pure values: node ids and XOR distance (`DHT.NodeID`), the KRPC codec
/// (`DHT.Message`, over the strict bencode decoder), the routing table (`DHT.RoutingTable`), write tokens
/// (`DHT.TokenSecrets`), the store of announced peers (`DHT.PeerStore`) and the iterative lookup
/// (`DHT.Lookup`), a state machine that returns the queries to send and, at the end, what it found.
///
/// Nothing here owns a socket, a clock or a random source: the engine (`DHTNode` in BitTorrentEngine)
/// passes `now` and a generator in, sends the datagrams, times out transactions and reports back.
///
/// Private torrents (BEP 27) never reach the DHT: that rule lives with the torrent, not here.
public enum DHT {
    /// K: nodes per bucket, and how many closest nodes a lookup converges on.
    public static let bucketSize = 8
    /// Queries a lookup keeps in flight.
    public static let alpha = 3
    /// A node not heard from for this long is questionable; a bucket untouched for this long is refreshed.
    public static let questionableAfter: Duration = .seconds(15 * 60)
    /// How often the token secret changes; a token stays valid for one more period.
    public static let tokenRotationInterval: Duration = .seconds(5 * 60)
    /// How long an announced peer is kept without a fresh announce.
    public static let peerLifetime: Duration = .seconds(30 * 60)
}
