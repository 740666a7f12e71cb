import BitTorrentCore
import Foundation

/// What the daemon keeps about a torrent across restarts, beyond the engine's resume data: its RPC id,
/// where it downloads, labels, limits, queue position, file choices and lifetime totals.
struct TorrentRecord: Codable, Sendable, Equatable {
    /// Transmission's numeric id: assigned once, never reused while the database lives.
    var id: Int
    var infoHash: String
    /// The magnet it was added from, until its metadata arrived (then the .torrent is kept instead).
    var magnet: String?
    var name: String
    /// Where the data ends up (`downloadDir`); while incomplete it may sit in `incompleteDirectory`.
    var downloadDirectory: String
    var incompleteDirectory: String?
    var labels: [String] = []
    /// Unix seconds; 0 when not yet.
    var addedDate: Int
    var doneDate: Int = 0
    var activityDate: Int = 0
    var startDate: Int = 0
    var editDate: Int = 0
    /// Stopped by the user (or a seeding limit): not started by the queue.
    var isStopped: Bool = false
    /// Started with "start now": bypasses the queue.
    var ignoresQueue: Bool = false
    var queuePosition: Int
    /// 0: session setting, 1: this torrent's limit, 2: unlimited (Transmission's modes).
    var seedRatioMode: Int = 0
    var seedRatioLimit: Double = 2
    var seedIdleMode: Int = 0
    /// Minutes.
    var seedIdleLimit: Int = 30
    /// kB/s (1000 bytes).
    var downloadLimit: Int = 100
    var downloadLimited: Bool = false
    var uploadLimit: Int = 100
    var uploadLimited: Bool = false
    var honorsSessionLimits: Bool = true
    /// -1 low, 0 normal, 1 high.
    var bandwidthPriority: Int = 0
    var peerLimit: Int = 50
    /// Trackers the user set (BEP 12 tiers) instead of the torrent's own; nil keeps the torrent's.
    var trackers: [[String]]?
    /// Files and folders renamed by `torrent-rename-path`, in order; re-applied to the metainfo on restart
    /// (the stored .torrent keeps the published names, as peers must see them).
    var renames: [PathRename]?
    /// Per file a user sees (padding left out): wanted, and -1/0/1 priority. Empty until known.
    var wanted: [Bool] = []
    var priorities: [Int] = []
    /// Totals from earlier runs; the engine's counters of this run are added on top.
    var uploadedBefore: Int = 0
    var downloadedBefore: Int = 0
    var corruptBefore: Int = 0
    var secondsDownloadingBefore: Int = 0
    var secondsSeedingBefore: Int = 0
    /// Why the torrent stopped on its own (disk full, data missing), shown as `errorString`.
    var errorString: String = ""
    /// Reached its seed ratio or idle limit: Transmission's `isFinished`.
    var seedLimitReached: Bool = false
    struct PathRename: Codable, Sendable, Equatable {
        var path: [String]
        var name: String
    }

    /// `infoHash` as a value (nil only for a row that was tampered with).
    var hash: InfoHash? { InfoHash(hex: infoHash) }
    /// Where the data is now: the incomplete folder until done, then the download folder.
    var currentDirectory: String { incompleteDirectory ?? downloadDirectory }
}
