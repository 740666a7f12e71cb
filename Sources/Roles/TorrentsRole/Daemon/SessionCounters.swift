import Foundation

/// `session-stats` totals: this run (`current-stats`) and every run (`cumulative-stats`).
struct SessionCounters: Sendable, Equatable {
    struct Stats: Sendable, Equatable {
        var uploadedBytes = 0
        var downloadedBytes = 0
        var filesAdded = 0
        var sessionCount = 0
        var secondsActive = 0

        static func + (lhs: Stats, rhs: Stats) -> Stats {
            Stats(
                uploadedBytes: lhs.uploadedBytes + rhs.uploadedBytes, downloadedBytes: lhs.downloadedBytes + rhs.downloadedBytes,
                filesAdded: lhs.filesAdded + rhs.filesAdded, sessionCount: lhs.sessionCount + rhs.sessionCount,
                secondsActive: lhs.secondsActive + rhs.secondsActive)
        }
    }

    /// Totals of earlier runs, as saved.
    var before: Stats
    var current = Stats(sessionCount: 1)
    /// Bytes of torrents removed during this run (no longer in the engine's statuses).
    var removedUploaded = 0
    var removedDownloaded = 0

    init(saved: [String: Int]) {
        before = Stats(
            uploadedBytes: saved["uploadedBytes"] ?? 0, downloadedBytes: saved["downloadedBytes"] ?? 0,
            filesAdded: saved["filesAdded"] ?? 0, sessionCount: saved["sessionCount"] ?? 0, secondsActive: saved["secondsActive"] ?? 0)
    }

    mutating func add(filesAdded: Int) { current.filesAdded += filesAdded }

    func cumulative(now: Date, startedAt: Date) -> Stats {
        var current = self.current
        current.secondsActive = Int(now.timeIntervalSince(startedAt))
        return before + current
    }

    func persisted(now: Date, startedAt: Date) -> [String: Int] {
        let total = cumulative(now: now, startedAt: startedAt)
        return [
            "uploadedBytes": total.uploadedBytes, "downloadedBytes": total.downloadedBytes, "filesAdded": total.filesAdded,
            "sessionCount": total.sessionCount, "secondsActive": total.secondsActive,
        ]
    }
}
