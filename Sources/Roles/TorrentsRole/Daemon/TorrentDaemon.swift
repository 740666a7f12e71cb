import BitTorrentCore
import BitTorrentEngine
import Foundation
import KinoraCore
import Logging

/// The Transmission-like daemon: the engine plus what users expect around it — numeric ids, labels,
/// download and incomplete folders, queues, seeding limits, alternative speeds, a watch folder, and every
/// torrent's state kept across restarts. All of its state lives in this actor; the RPC only calls it.
actor TorrentDaemon {
    let engine: TorrentEngine
    let registry: TorrentRegistry
    let resumeStore: TorrentResumeStore
    let roots: AllowedRoots
    let logger: Logger
    private(set) var settings: SessionSettings

    var records: [Int: TorrentRecord] = [:]
    var idsByHash: [InfoHash: Int] = [:]
    /// The engine's view of every torrent, refreshed each tick (what torrent-get reads).
    var statuses: [InfoHash: TorrentEngine.TorrentStatus] = [:]
    /// Ids removed recently, for `torrent-get` with `ids: "recently-active"`.
    var recentlyRemoved: [(id: Int, at: Date)] = []
    var nextID = 1
    var counters: SessionCounters
    let startedAt = Date()
    /// The last schedule decision for alternative speeds, so a manual toggle holds until the next edge.
    var altSpeedScheduled: Bool?
    var watchSeen: [String: Date] = [:]

    init(
        engine: TorrentEngine, registry: TorrentRegistry, resumeStore: TorrentResumeStore, roots: AllowedRoots,
        settings: SessionSettings, counters: SessionCounters, logger: Logger
    ) {
        self.engine = engine
        self.registry = registry
        self.resumeStore = resumeStore
        self.roots = roots
        self.settings = settings
        self.counters = counters
        self.logger = logger
    }

    // MARK: Start and stop

    /// Re-adds every saved torrent to the engine, as it was (stopped ones stay stopped).
    func restore() async throws {
        let stored = try await registry.loadTorrents()
        nextID = try await registry.nextID()
                for item in stored {
            var record = item.record
            guard let infoHash = record.hash else { continue }
            let source: TorrentEngine.Source
            var known: TorrentMetainfo?
            if let bytes = item.metainfo, let metainfo = try? Self.renamed(TorrentMetainfo(bytes: Array(bytes)), record.renames ?? []) {
                source = .metainfo(metainfo)
                known = metainfo
            } else if let link = record.magnet, let magnet = try? MagnetLink(parsing: link) {
                source = .magnet(magnet)
            } else {
                record.errorString = "the saved torrent could not be read; remove it and add it again"
                record.isStopped = true
                records[record.id] = record
                continue
            }
            records[record.id] = record
            idsByHash[infoHash] = record.id
            try await engine.add(
                source, directory: record.currentDirectory, options: engineOptions(for: record, paused: true, metainfo: known),
                resumeStore: resumeStore)
        }
        await applyGlobalLimits()
        await tick()
    }

    /// Saves totals; the engine's shutdown saves resume data.
    func shutdown() async {
        await refreshTotals()
        await persistAll()
        try? await registry.saveCounters(counters.persisted(now: Date(), startedAt: startedAt))
        await engine.shutdown()
    }

    // MARK: Persistence

    /// A record as saved: this run's transfer counters folded into its lifetime totals, so a restart
    /// (or a crash after this save) starts from them.
    func persistedCopy(of record: TorrentRecord) -> TorrentRecord {
        guard let status = record.hash.flatMap({ statuses[$0] }) else { return record }
        var copy = record
        copy.uploadedBefore += status.uploadedBytes
        copy.downloadedBefore += status.downloadedBytes
        copy.corruptBefore += status.hashFailures * status.pieceLength
        copy.secondsDownloadingBefore += status.secondsDownloading
        copy.secondsSeedingBefore += status.secondsSeeding
        return copy
    }

    func persist(_ id: Int) async {
        guard let record = records[id] else { return }
        do { try await registry.save(persistedCopy(of: record)) } catch {
            logger.error("could not save a torrent", metadata: ["torrent": "\(record.name)", "error": "\(error)"])
        }
    }

    func persistAll() async {
        do { try await registry.saveAll(records.values.map(persistedCopy(of:))) } catch {
            logger.error("could not save the torrents", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Adding

    enum AddResult: Sendable {
        case added(id: Int, name: String, hash: String)
        case duplicate(id: Int, name: String, hash: String)
    }

    struct AddRequest: Sendable {
        var source: TorrentEngine.Source
        /// The .torrent bytes when added from a file.
        var metainfoBytes: [UInt8]?
        var paused: Bool?
        var downloadDirectory: String?
        var labels: [String] = []
        var unwanted: Set<Int> = []
        var wantedOnly: Set<Int>?
        var high: Set<Int> = []
        var low: Set<Int> = []
        var peerLimit: Int?
        var bandwidthPriority: Int?
    }

    func add(_ request: AddRequest) async throws -> AddResult {
        let infoHash = request.source.infoHash
        if let id = idsByHash[infoHash], let record = records[id] {
            return .duplicate(id: id, name: record.name, hash: record.infoHash)
        }
        let directory = try roots.check(request.downloadDirectory ?? settings.downloadDirectory)
        let now = Int(Date().timeIntervalSince1970)
        var record = TorrentRecord(
            id: nextID, infoHash: infoHash.hex, magnet: nil, name: "", downloadDirectory: directory,
            incompleteDirectory: nil, labels: request.labels, addedDate: now, queuePosition: (records.values.map(\.queuePosition).max() ?? -1) + 1)
        record.isStopped = !(request.paused.map { !$0 } ?? settings.bool("start-added-torrents"))
        record.peerLimit = request.peerLimit ?? settings.int("peer-limit-per-torrent")
        if let priority = request.bandwidthPriority { record.bandwidthPriority = priority }
        switch request.source {
        case .metainfo(let metainfo):
            record.name = metainfo.name
            let count = metainfo.userFiles.count
            record.wanted = (0..<count).map { index in request.wantedOnly.map { $0.contains(index) } ?? !request.unwanted.contains(index) }
            record.priorities = (0..<count).map { request.high.contains($0) ? 1 : request.low.contains($0) ? -1 : 0 }
            // Complete data already in the download folder is seeded from there, never copied.
            if let incomplete = settings.incompleteDirectory, !TorrentFilesProbe.anyFileExists(metainfo, in: directory) {
                record.incompleteDirectory = try roots.check(incomplete)
            }
        case .magnet(let magnet):
            record.name = magnet.displayName ?? infoHash.hex
            record.magnet = magnet.uri
            if let incomplete = settings.incompleteDirectory { record.incompleteDirectory = try roots.check(incomplete) }
        }
        try FileManager.default.createDirectory(atPath: record.currentDirectory, withIntermediateDirectories: true)
        let metainfoBytes = request.metainfoBytes.map { Data($0) }
        try await registry.insert(record, metainfo: metainfoBytes)
        nextID += 1
        records[record.id] = record
        idsByHash[infoHash] = record.id
        counters.add(filesAdded: 1)
        let metainfo: TorrentMetainfo? = if case .metainfo(let metainfo) = request.source { metainfo } else { nil }
        try await engine.add(
            request.source, directory: record.currentDirectory, options: engineOptions(for: record, paused: true, metainfo: metainfo),
            resumeStore: resumeStore)
        await runScript("script-torrent-added", id: record.id)
        await tick()
        return .added(id: record.id, name: record.name, hash: record.infoHash)
    }

    // MARK: Controls

    func start(_ ids: [Int], now startNow: Bool) async {
        for id in ids {
            guard var record = records[id] else { continue }
            record.isStopped = false
            record.ignoresQueue = startNow
            record.seedLimitReached = false
            record.errorString = ""
            record.startDate = Int(Date().timeIntervalSince1970)
            records[id] = record
            await persist(id)
        }
        await tick()
    }

    func stop(_ ids: [Int]) async {
        for id in ids {
            guard var record = records[id], let infoHash = record.hash else { continue }
            record.isStopped = true
            record.ignoresQueue = false
            records[id] = record
            await engine.pause(infoHash)
            await persist(id)
        }
        await tick()
    }

    func verify(_ ids: [Int]) async {
        for id in ids {
            guard let record = records[id], let infoHash = record.hash else { continue }
            await engine.recheck(infoHash)
        }
        await tick()
    }

    func reannounce(_ ids: [Int]) async {
        for id in ids {
            guard let record = records[id], let infoHash = record.hash else { continue }
            await engine.reannounce(infoHash)
        }
    }

    func remove(_ ids: [Int], deletingData: Bool) async throws {
        for id in ids {
            guard let record = records[id], let infoHash = record.hash else { continue }
            if let status = statuses[infoHash] {
                counters.removedUploaded += status.uploadedBytes
                counters.removedDownloaded += status.downloadedBytes
            }
            try await engine.remove(infoHash, deletingData: deletingData)
            records[id] = nil
            idsByHash[infoHash] = nil
            statuses[infoHash] = nil
            recentlyRemoved.append((id, Date()))
            try await registry.delete(id: id)
        }
        await tick()
    }

    func setLocation(_ ids: [Int], to location: String, move: Bool) async throws {
        let directory = try roots.check(location)
        for id in ids {
            guard var record = records[id], let infoHash = record.hash else { continue }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try await engine.setLocation(infoHash, to: directory, movingData: move)
            record.downloadDirectory = directory
            record.incompleteDirectory = nil
            records[id] = record
            await persist(id)
        }
    }

    /// Renames a file or folder of one torrent (Transmission's `torrent-rename-path`): on disk when
    /// written, and in its file list from now on, across restarts too.
    func renamePath(_ id: Int, path: String, to name: String) async throws {
        guard var record = records[id], let infoHash = record.hash else { throw RenameRefusal.noTorrent }
        guard await engine.metainfo(infoHash) != nil else { throw RenameRefusal.noMetadata }
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let renamed = try await engine.renamePath(infoHash, components, to: name)
        record.renames = (record.renames ?? []) + [TorrentRecord.PathRename(path: components, name: name)]
        record.name = renamed.name
        record.editDate = Int(Date().timeIntervalSince1970)
        records[id] = record
        await persist(id)
    }

    enum RenameRefusal: Error, CustomStringConvertible {
        case noTorrent, noMetadata
        var description: String {
            switch self {
            case .noTorrent: "torrent-rename-path requires 1 torrent"
            case .noMetadata: "the torrent's metadata has not arrived yet, so it has no files to rename"
            }
        }
    }

    /// The metainfo with the user's earlier renames applied; one that no longer applies is skipped.
    static func renamed(_ metainfo: TorrentMetainfo, _ renames: [TorrentRecord.PathRename]) -> TorrentMetainfo {
        renames.reduce(metainfo) { current, rename in (try? current.renaming(rename.path, to: rename.name)) ?? current }
    }

    /// Moves the torrents to `position` in the queue (0 first), keeping the others' order.
    func moveInQueue(_ ids: [Int], _ move: QueueMove) async {
        var order = records.values.sorted { $0.queuePosition < $1.queuePosition }.map(\.id)
        order = move.apply(to: order, moving: ids)
        for (position, id) in order.enumerated() where records[id]?.queuePosition != position {
            records[id]?.queuePosition = position
        }
        await persistAll()
        await tick()
    }

    /// Applies a `torrent-set` change to a record, then to the engine.
    func update(_ ids: [Int], _ change: @Sendable (inout TorrentRecord) -> Void) async throws {
        for id in ids {
            guard var record = records[id], let infoHash = record.hash else { continue }
            change(&record)
            record.editDate = Int(Date().timeIntervalSince1970)
            records[id] = record
            await persist(id)
            let options = engineOptions(for: record, paused: false)
            await engine.updateOptions(infoHash) { current in
                current.downloadLimit = options.downloadLimit
                current.uploadLimit = options.uploadLimit
            }
            if let priorities = await filePriorities(for: record, infoHash: infoHash) {
                await engine.setFilePriorities(infoHash, priorities)
            }
        }
        await tick()
    }

    /// Changes trackers: `change` gets the current tiers and returns the new ones (it may throw to refuse).
    func setTrackers(_ ids: [Int], _ change: ([[String]]) throws -> [[String]]) async throws {
        for id in ids {
            guard var record = records[id], let infoHash = record.hash else { continue }
            let current: [[String]]
            if let trackers = record.trackers {
                current = trackers
            } else if let metainfo = await engine.metainfo(infoHash) {
                current = metainfo.announceTiers
            } else {
                current = record.magnet.flatMap { try? MagnetLink(parsing: $0) }.map { [$0.trackers] } ?? []
            }
            let tiers = try change(current).map { $0.filter { !$0.isEmpty } }.filter { !$0.isEmpty }
            record.trackers = tiers
            record.editDate = Int(Date().timeIntervalSince1970)
            records[id] = record
            await persist(id)
            await engine.setTrackers(infoHash, tiers)
        }
    }

    // MARK: Settings

    func setSettings(_ arguments: [String: JSONValue]) async throws -> [String] {
        var updated = settings
        let changed = try updated.apply(arguments)
        if changed.contains("download-dir") { _ = try roots.check(updated.downloadDirectory) }
        if changed.contains("incomplete-dir") { _ = try roots.check(updated.string("incomplete-dir")) }
        if changed.contains("watch-dir") { _ = try roots.check(updated.string("watch-dir")) }
        settings = updated
        try await registry.saveSettings(settings.values)
        if changed.contains("alt-speed-enabled") { altSpeedScheduled = nil }
        await applyGlobalLimits()
        await tick()
        return changed
    }

    // MARK: Reading

    func ids(matching selector: TorrentSelector) -> [Int] {
        switch selector {
        case .all:
            return records.keys.sorted()
        case .some(let references):
            return references.compactMap { reference in
                switch reference {
                case .id(let id): records[id] == nil ? nil : id
                case .hash(let hash): idsByHash[hash]
                }
            }
        case .recentlyActive:
            let since = Int(Date().timeIntervalSince1970) - 60
            return records.values.filter { record in
                record.activityDate >= since || record.editDate >= since || record.addedDate >= since
                    || record.hash.flatMap { statuses[$0] }.map { $0.activity == .checking || $0.downloadRate > 0 || $0.uploadRate > 0 } == true
            }.map(\.id).sorted()
        }
    }

    /// Transmission's stalled: running, nothing moved for `queue-stalled-minutes` since it started or last moved.
    func isStalled(_ record: TorrentRecord, state: TorrentState, status: TorrentEngine.TorrentStatus?) -> Bool {
        guard settings.bool("queue-stalled-enabled"), state == .downloading || state == .seeding, let status,
              status.downloadRate == 0, status.uploadRate == 0
        else { return false }
        let since = max(record.activityDate, record.startDate)
        return since > 0 && Int(Date().timeIntervalSince1970) - since >= settings.int("queue-stalled-minutes") * 60
    }

    func recentlyRemovedIDs() -> [Int] {
        let since = Date().addingTimeInterval(-60)
        recentlyRemoved.removeAll { $0.at < since }
        return recentlyRemoved.map(\.id)
    }

    /// Everything torrent-get may show of one torrent. Peers, files and trackers only when asked for.
    func view(of id: Int, withDetails: Bool) async -> TorrentView? {
        guard let record = records[id], let infoHash = record.hash else { return nil }
        let details = withDetails ? await engine.details(infoHash) : nil
        let status = details?.status ?? statuses[infoHash]
        let metainfo = withDetails ? await engine.metainfo(infoHash) : nil
        let state = state(of: record, status: status)
        return TorrentView(
            record: record, status: status, details: details, metainfo: metainfo,
            state: state, seedRatioGoal: seedRatioGoal(for: record),
            seedIdleGoal: seedIdleGoal(for: record), isStalled: isStalled(record, state: state, status: status))
    }

    func sessionStats() async -> (active: Int, paused: Int, total: Int, down: Int, up: Int) {
        await refreshStatuses()
        var active = 0
        var paused = 0
        var down = 0
        var up = 0
        for record in records.values {
            guard let status = record.hash.flatMap({ statuses[$0] }) else { continue }
            if state(of: record, status: status) == .stopped { paused += 1 } else if status.downloadRate > 0 || status.uploadRate > 0 { active += 1 }
            down += status.downloadRate
            up += status.uploadRate
        }
        return (active, paused, records.count, down, up)
    }

    func currentCounters() async -> SessionCounters {
        await refreshTotals()
        return counters
    }

    var engineListenPort: Int {
        get async { await engine.listenPort }
    }

    /// Whether a peer from outside this machine has connected to us: the honest answer to `port-test`.
    func hasIncomingPeerFromOutside() async -> Bool {
        for record in records.values {
            guard let infoHash = record.hash, let details = await engine.details(infoHash) else { continue }
            if details.peers.contains(where: { $0.isIncoming && !PeerAddressScope.isLocal($0.address.host) }) { return true }
        }
        return false
    }
}

/// How `ids` chose torrents.
enum TorrentSelector: Sendable, Equatable {
    case all
    case some([TorrentReference])
    case recentlyActive
}

enum TorrentReference: Sendable, Equatable {
    case id(Int)
    case hash(InfoHash)
}

/// The queue moves of the RPC.
enum QueueMove: Sendable {
    case top, up, down, bottom
    /// `torrent-set` with `queuePosition`.
    case to(Int)

    func apply(to order: [Int], moving ids: [Int]) -> [Int] {
        let moving = Set(ids)
        switch self {
        case .to(let position):
            var rest = order.filter { !moving.contains($0) }
            rest.insert(contentsOf: order.filter(moving.contains), at: max(0, min(position, rest.count)))
            return rest
        case .top: return order.filter(moving.contains) + order.filter { !moving.contains($0) }
        case .bottom: return order.filter { !moving.contains($0) } + order.filter(moving.contains)
        case .up:
            var result = order
            for index in result.indices.dropFirst() where moving.contains(result[index]) && !moving.contains(result[index - 1]) {
                result.swapAt(index, index - 1)
            }
            return result
        case .down:
            var result = order
            for index in result.indices.dropLast().reversed() where moving.contains(result[index]) && !moving.contains(result[index + 1]) {
                result.swapAt(index, index + 1)
            }
            return result
        }
    }
}

enum PeerAddressScope {
    /// Loopback, private and link-local addresses: peers that prove nothing about reachability from outside.
    static func isLocal(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "::1" || lower.hasPrefix("fe80:") || lower.hasPrefix("fc") || lower.hasPrefix("fd") { return true }
        let octets = host.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return false }
        switch (octets[0], octets[1]) {
        case (127, _), (10, _), (192, 168), (169, 254): return true
        case (172, 16...31): return true
        default: return false
        }
    }
}
