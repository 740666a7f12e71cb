import BitTorrentCore
import BitTorrentEngine
import Foundation
import Logging
import KinoraCore

/// Transmission's torrent states, as `status` numbers.
enum TorrentState: Int, Sendable {
    case stopped = 0, checkWait, checking, downloadWait, downloading, seedWait, seeding
}

extension TorrentDaemon {
    /// Once a second: the engine's statuses, seeding limits, the queues, alternative speeds, totals.
    func tick() async {
        let now = Date()
        await refreshStatuses()
        for (id, record) in records {
            guard let infoHash = record.hash, let status = statuses[infoHash] else { continue }
            if status.downloadRate > 0 || status.uploadRate > 0 { records[id]?.activityDate = Int(now.timeIntervalSince1970) }
            if let error = status.error, record.errorString != error, status.activity == .failed {
                records[id]?.errorString = error
                records[id]?.isStopped = true
                await persist(id)
            }
            await enforceSeedLimits(id: id, status: status, now: now)
        }
        await applyQueues(now: now)
        await applyAltSpeedSchedule(now: now)
    }

    func refreshStatuses() async {
        let fresh = await engine.statuses()
        statuses = Dictionary(fresh.map { ($0.infoHash, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Handles what the engine reports: metadata for magnets, finished downloads, failures.
    func handle(_ event: TorrentEngine.Event) async {
        switch event {
        case .metadataReceived(let infoHash, let metainfo):
            guard let id = idsByHash[infoHash], var record = records[id] else { return }
            record.name = metainfo.name
            record.magnet = nil
            let count = metainfo.userFiles.count
            if record.wanted.count != count { record.wanted = Array(repeating: true, count: count) }
            if record.priorities.count != count { record.priorities = Array(repeating: 0, count: count) }
            records[id] = record
            try? await registry.saveMetainfo(Data(metainfo.torrentFile()), id: id)
            await persist(id)
            if let priorities = await filePriorities(for: record, infoHash: infoHash) { await engine.setFilePriorities(infoHash, priorities) }
        case .downloadFinished(let infoHash):
            guard let id = idsByHash[infoHash], var record = records[id] else { return }
            record.doneDate = Int(Date().timeIntervalSince1970)
            records[id] = record
            await persist(id)
            if record.incompleteDirectory != nil { await moveToDownloadDirectory(id: id) }
            await runScript("script-torrent-done", id: id)
        case .failed(let infoHash, let message):
            guard let id = idsByHash[infoHash] else { return }
            records[id]?.errorString = message
            await persist(id)
            logger.warning("torrent failed", metadata: ["torrent": "\(infoHash.hex)", "error": "\(message)"])
        case .peerBanned(let infoHash, let address, let reason):
            logger.notice("peer banned", metadata: ["torrent": "\(infoHash.hex)", "peer": "\(address)", "reason": "\(reason)"])
        case .checked:
            await tick()  // start it (or queue it) now rather than on the next tick
        case .listening, .seedingLimitReached:
            break
        }
    }

    /// Runs the user's script for an event when its setting is on.
    func runScript(_ setting: String, id: Int) async {
        guard settings.bool(setting + "-enabled"), let record = records[id], let infoHash = record.hash else { return }
        let trackers = await engine.metainfo(infoHash)?.trackers ?? []
        TorrentScripts.run(
            settings.string(setting + "-filename"), for: record, trackers: trackers,
            bytesDownloaded: record.downloadedBefore + (statuses[infoHash]?.downloadedBytes ?? 0), logger: logger)
    }

    /// A finished download leaves the incomplete folder for the download folder (a rename on one filesystem).
    func moveToDownloadDirectory(id: Int) async {
        guard var record = records[id], let infoHash = record.hash, record.incompleteDirectory != nil else { return }
        do {
            try FileManager.default.createDirectory(atPath: record.downloadDirectory, withIntermediateDirectories: true)
            try await engine.setLocation(infoHash, to: record.downloadDirectory, movingData: true)
            record.incompleteDirectory = nil
        } catch {
            record.errorString = "could not move the finished download to \(record.downloadDirectory): \(error)"
            logger.error("move to download folder failed", metadata: ["torrent": "\(infoHash.hex)", "error": "\(error)"])
        }
        records[id] = record
        await persist(id)
    }

    // MARK: State

    func state(of record: TorrentRecord, status: TorrentEngine.TorrentStatus?) -> TorrentState {
        guard let status else { return record.isStopped ? .stopped : .downloadWait }
        switch status.activity {
        case .checking: return .checking
        case .failed, .finished: return .stopped
        case .paused:
            // Paused in the engine but not by the user: waiting for the queue (or for the next tick to start it).
            if record.isStopped { return .stopped }
            return isDone(status) ? .seedWait : .downloadWait
        case .fetchingMetadata, .downloading: return .downloading
        case .seeding: return .seeding
        }
    }

    /// Every wanted byte is verified (a magnet without metadata is never done).
    func isDone(_ status: TorrentEngine.TorrentStatus) -> Bool {
        status.pieceCount > 0 && status.wantedBytesLeft == 0
    }

    /// The ratio at which seeding stops, or nil for none.
    func seedRatioGoal(for record: TorrentRecord) -> Double? {
        switch record.seedRatioMode {
        case 1: record.seedRatioLimit
        case 2: nil
        default: settings.bool("seedRatioLimited") ? settings.double("seedRatioLimit") : nil
        }
    }

    /// Minutes without upload after which seeding stops, or nil.
    func seedIdleGoal(for record: TorrentRecord) -> Int? {
        switch record.seedIdleMode {
        case 1: record.seedIdleLimit
        case 2: nil
        default: settings.bool("idle-seeding-limit-enabled") ? settings.int("idle-seeding-limit") : nil
        }
    }

    private func enforceSeedLimits(id: Int, status: TorrentEngine.TorrentStatus, now: Date) async {
        guard status.activity == .seeding, var record = records[id], let infoHash = record.hash else { return }
        let uploaded = record.uploadedBefore + status.uploadedBytes
        let downloaded = record.downloadedBefore + status.downloadedBytes
        // Transmission measures the ratio against what was downloaded, or the size when nothing was.
        let baseline = downloaded > 0 ? downloaded : status.wantedBytes
        var reached = false
        if let goal = seedRatioGoal(for: record), baseline > 0, Double(uploaded) >= goal * Double(baseline) { reached = true }
        if let minutes = seedIdleGoal(for: record) {
            let lastActive = max(record.activityDate, record.doneDate, record.startDate, Int(startedAt.timeIntervalSince1970))
            if Int(now.timeIntervalSince1970) - lastActive >= minutes * 60 { reached = true }
        }
        guard reached else { return }
        record.seedLimitReached = true
        record.isStopped = true
        records[id] = record
        await engine.pause(infoHash)
        await persist(id)
        logger.info("seeding limit reached", metadata: ["torrent": "\(record.name)"])
        await runScript("script-torrent-done-seeding", id: id)
    }

    // MARK: Queues

    /// Starts and pauses torrents so at most `download-queue-size` download and `seed-queue-size` seed
    /// (when those queues are on); stalled torrents do not hold a slot; "start now" bypasses the queue.
    private func applyQueues(now: Date) async {
        let stalledAfter = settings.bool("queue-stalled-enabled") ? settings.int("queue-stalled-minutes") * 60 : nil
        var downloadSlots = settings.bool("download-queue-enabled") ? settings.int("download-queue-size") : Int.max
        var seedSlots = settings.bool("seed-queue-enabled") ? settings.int("seed-queue-size") : Int.max
        let nowSeconds = Int(now.timeIntervalSince1970)
        for record in records.values.sorted(by: { $0.queuePosition < $1.queuePosition }) {
            guard let infoHash = record.hash, let status = statuses[infoHash] else { continue }
            if record.isStopped || status.activity == .failed {
                if status.activity != .paused, status.activity != .failed, status.activity != .finished { await engine.pause(infoHash) }
                continue
            }
            if status.activity == .checking { continue }
            let done = isDone(status)
            let running = status.activity != .paused
            let stalled = stalledAfter.map { limit in
                running && nowSeconds - max(record.activityDate, record.startDate, Int(startedAt.timeIntervalSince1970)) >= limit
            } ?? false
            var allowed = record.ignoresQueue
            if !allowed {
                if done, seedSlots > 0 {
                    allowed = true
                    if !stalled { seedSlots -= 1 }
                } else if !done, downloadSlots > 0 {
                    allowed = true
                    if !stalled { downloadSlots -= 1 }
                }
            }
            if allowed {
                if !running {
                    if records[record.id]?.startDate == 0 { records[record.id]?.startDate = nowSeconds }
                    await engine.resume(infoHash)
                }
            } else {
                if running { await engine.pause(infoHash) }
            }
        }
    }

    // MARK: Limits

    /// The session's global limits, or the alternative ones while those are on (kB/s of 1000 bytes).
    func applyGlobalLimits() async {
        let alt = settings.bool("alt-speed-enabled")
        let down = alt ? settings.int("alt-speed-down") : (settings.bool("speed-limit-down-enabled") ? settings.int("speed-limit-down") : nil)
        let up = alt ? settings.int("alt-speed-up") : (settings.bool("speed-limit-up-enabled") ? settings.int("speed-limit-up") : nil)
        await engine.setGlobalLimits(download: down.map { $0 * 1000 }, upload: up.map { $0 * 1000 })
    }

    /// Turns alternative speeds on and off at the schedule's edges (a manual toggle holds until the next edge).
    private func applyAltSpeedSchedule(now: Date) async {
        guard settings.bool("alt-speed-time-enabled") else {
            altSpeedScheduled = nil
            return
        }
        let inWindow = AltSpeedSchedule(
            begin: settings.int("alt-speed-time-begin"), end: settings.int("alt-speed-time-end"), days: settings.int("alt-speed-time-day")
        ).isActive(at: now, calendar: .current)
        guard inWindow != altSpeedScheduled else { return }
        altSpeedScheduled = inWindow
        guard settings.bool("alt-speed-enabled") != inWindow else { return }
        _ = try? await setSettings(["alt-speed-enabled": .bool(inWindow)])
        altSpeedScheduled = inWindow
    }

    /// Adds the engine's counters of this run to the records' totals from earlier runs.
    func refreshTotals() async {
        await refreshStatuses()
        var sessionUp = 0
        var sessionDown = 0
        for status in statuses.values {
            sessionUp += status.uploadedBytes
            sessionDown += status.downloadedBytes
        }
        counters.current.uploadedBytes = sessionUp + counters.removedUploaded
        counters.current.downloadedBytes = sessionDown + counters.removedDownloaded
    }

    // MARK: Engine options

    /// The engine's options for a record; with the metainfo, its file choices too (so they hold from the
    /// first piece picked, on add and after a restart).
    func engineOptions(for record: TorrentRecord, paused: Bool, metainfo: TorrentMetainfo? = nil) -> TorrentEngine.TorrentOptions {
        TorrentEngine.TorrentOptions(
            paused: paused,
            downloadLimit: record.downloadLimited ? record.downloadLimit * 1000 : nil,
            uploadLimit: record.uploadLimited ? record.uploadLimit * 1000 : nil,
            filePriorities: metainfo.flatMap { Self.filePriorities(for: record, metainfo: $0) },
            trackers: record.trackers
        )
    }

    func filePriorities(for record: TorrentRecord, infoHash: InfoHash) async -> [PiecePriority]? {
        guard let metainfo = await engine.metainfo(infoHash) else { return nil }
        return Self.filePriorities(for: record, metainfo: metainfo)
    }

    /// The engine's per-file priorities (padding files included) from the record's wanted/priority lists.
    static func filePriorities(for record: TorrentRecord, metainfo: TorrentMetainfo) -> [PiecePriority]? {
        guard record.wanted.count == metainfo.userFiles.count, record.priorities.count == record.wanted.count else { return nil }
        var result = Array(repeating: PiecePriority.skip, count: metainfo.files.count)
        for (userIndex, file) in metainfo.userFiles.enumerated() where record.wanted[userIndex] {
            switch record.priorities[userIndex] {
            case 1: result[file.index] = .high
            case -1: result[file.index] = .low
            default: result[file.index] = .normal
            }
        }
        return result
    }
}

/// Alternative speed hours: minutes after midnight, and a bitmask of days (Sunday = 1 … Saturday = 64).
struct AltSpeedSchedule: Sendable {
    var begin: Int
    var end: Int
    var days: Int

    func isActive(at date: Date, calendar: Calendar) -> Bool {
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        guard let weekday = parts.weekday, let hour = parts.hour, let minute = parts.minute else { return false }
        let minuteOfDay = hour * 60 + minute
        // A window past midnight (begin > end) belongs to the day it started on.
        if begin <= end {
            return days & (1 << (weekday - 1)) != 0 && minuteOfDay >= begin && minuteOfDay < end
        }
        if minuteOfDay >= begin { return days & (1 << (weekday - 1)) != 0 }
        if minuteOfDay < end {
            let yesterday = (weekday + 5) % 7
            return days & (1 << yesterday) != 0
        }
        return false
    }
}
