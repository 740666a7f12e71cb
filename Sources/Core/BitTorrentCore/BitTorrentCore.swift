/// BitTorrent's protocol layer, pure: codecs, metainfo, and state machines that return actions
/// for the engine (Platform) to carry out. See issue 4.
///
/// Nothing here touches sockets, files or clocks: inputs arrive as bytes or events, outputs leave as
/// values, decisions or typed errors. Lengths and offsets are `Int` (64-bit on every supported platform).
///
/// Map, from the bytes up:
/// - Bencode: `BencodeDecoder` (strict, bounded by `BencodeLimits`; `BencodeDocument` keeps the raw
///   range of top-level values, which the infohash needs), `BencodeValue` and its canonical encoder.
/// - Torrents: `TorrentMetainfo` (v1 and hybrid-as-v1, BEP 12/27/47), `TorrentPath` (sanitised paths),
///   `TorrentLayout` (pieces ↔ files ↔ 16 KiB blocks), `InfoHash`, `MagnetLink`, `TorrentBuilder`,
///   `PieceHasher`.
/// - Wire: `PeerHandshake`, `PeerMessage`, `PeerMessageDecoder` (incremental, bounded), `Bitfield`,
///   `ExtensionHandshake`, `MetadataMessage` + `MetadataAssembler` (BEP 9), `PEXMessage` (BEP 11).
/// - Trackers: `TrackerAnnounce` (HTTP URL), `TrackerResponse` (BEP 3/7/23 replies), `UDPTrackerMessage` (BEP 15).
/// - Encryption: `MSE` (MSE/PE: `MSE.Initiator` and `MSE.Responder` handshake state machines, Diffie-Hellman,
///   RC4), `EncryptionPolicy` (tolerated / preferred / required, as Transmission names them).
/// - DHT (BEP 5, in DHT/): `DHT.NodeID` (XOR distance), `DHT.Message` (KRPC codec), `DHT.RoutingTable`,
///   `DHT.TokenSecrets`, `DHT.PeerStore`, `DHT.Lookup` (iterative lookup returning the queries to send).
/// - Decisions: `PiecePicker` (rarest first, priorities, sequential, endgame ≤ 2 requesters per block),
///   `Choker` (slots, optimistic unchoke, unchoke at once), `PeerConnection.StateMachine` (one peer's
///   protocol rules), `TorrentSession.StateMachine` (one torrent: peers + picker + choker + smart ban).
///
/// Engine loop, per torrent: decode bytes with `PeerMessageDecoder`, feed them to
/// `TorrentSession.StateMachine.received(_:from:)`, perform the returned `TorrentSession.Action`s in
/// order (send, disconnect, write, verify, read), and report their completions back
/// (`blockWritten`, `pieceChecked`, `blockRead`, `peerDisconnected`); call `rechoke` every 10 s.
public enum BitTorrentCore {
    /// The block size every client requests (BEP 3 practice); larger requests are refused by most peers.
    public static let blockLength = 16 * 1024
}
