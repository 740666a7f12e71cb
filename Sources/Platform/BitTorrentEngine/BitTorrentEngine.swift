/// The BitTorrent engine's network side (issue 4): SwiftNIO peer connections in and out, tracker
/// announces, timers, rate limits and resume data, driving the pure state machines of `BitTorrentCore`
/// and the disk of `BitTorrentStorage`.
///
/// Threading: every torrent and every peer connection lives on one event loop (the engine's), as
/// libtorrent keeps its network on one thread: the state machines are plain values mutated there without
/// locks or hops. Disk work (spills, hashing from disk, reads for upload, syncs) runs on the NIO thread
/// pool; a block whose piece fits the write buffer is copied into memory on the loop itself, so the
/// common download path costs no thread hop per 16 KiB block. Tracker announces run as tasks and hand
/// their peers back to the loop.
///
/// - `TorrentEngine`: the public, `Sendable` face: start, add (metainfo or magnet), pause, resume,
///   remove, status, events, shutdown.
/// - `TorrentController`: one torrent on the loop: metadata (magnets), checking, the session state
///   machine, connections, announces, limits, resume flushes.
/// - `PeerWireHandler`: handshake and message framing for one channel, bounded by `PeerWireLimits`.
/// - `MSEHandshakeHandler` in front of it (plaintext or MSE/PE by the engine's `encryption` policy; retries
///   a refused dial once the other way), then `PeerCipherHandler` (RC4) on encrypted connections.
/// - `DHTNode`: a BEP 5 DHT node on a UDP socket (the engine's loop when `Configuration.dht` is set),
///   with `DHTStateStore` to keep its id and nodes; `TorrentController+DHT` looks peers up for public torrents.
public enum BitTorrentEngine {}
