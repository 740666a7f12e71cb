/// BitTorrent's protocol layer, pure: codecs, metainfo, and state machines that return actions
/// for the engine (Platform) to carry out. See issue 4.
///
/// Nothing here touches sockets, files or clocks: inputs arrive as bytes or events, outputs leave as
/// values, decisions or typed errors. Lengths and offsets are `Int` (64-bit on every supported platform).
public enum BitTorrentCore {
    /// The block size every client requests (BEP 3 practice); larger requests are refused by most peers.
    public static let blockLength = 16 * 1024
}
