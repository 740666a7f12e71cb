/// The BitTorrent engine's disk layer (issue 4): the bytes of a torrent on disk, read and written with
/// pread/pwrite on a thread pool, never on an event loop and never with mmap (libtorrent 2.0's mmap backend
/// cost RAM and throughput; see the transmission reference §3).
///
/// - `PieceStore`: blocks ↔ files through `TorrentLayout.fileSpans`. Padding files are never created (read
///   as zeros, writes skipped); every path component is opened with `O_NOFOLLOW`, so a symlink planted
///   inside the torrent's folder cannot redirect a write; a small LRU cache of file descriptors; files are
///   created on first write (sparse), so skipped files never appear. Piece verification and `recheck`.
/// - `TorrentStorage`: the engine's entry point. A bounded write buffer (`PieceWriteBuffer`) holds the
///   blocks of pieces in flight; a complete piece is hashed *in memory* and written only when it matches,
///   so bad data from a peer never reaches the disk while the budget holds. When the budget is exhausted
///   the least recently used piece is spilled to disk and verified from disk later (write, then verify).
/// - Durability: a verified piece is first *pending*; `flush()` fdatasyncs every file written since the
///   last flush (and the directories that gained entries) and only then moves pending pieces into the
///   `ResumeState` it returns. The engine persists that value and nothing else, so after `kill -9` or a
///   power cut every piece it lists is on disk, and pieces it does not list are never trusted unhashed.
/// - Start-up: `TorrentStorage.restore(from:)` compares the saved file sizes and mtimes with the disk and
///   returns the pieces to `recheck`; an unclean shutdown also rechecks the data the resume state cannot
///   vouch for, so pieces verified after the last flush are found again instead of downloaded again.
public enum BitTorrentStorage {}
