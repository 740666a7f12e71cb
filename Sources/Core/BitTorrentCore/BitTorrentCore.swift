/// BitTorrent's protocol layer, pure: codecs, metainfo, and state machines that return actions
/// for the engine (Platform) to carry out. See issue 4.
public enum BitTorrentCore {}
