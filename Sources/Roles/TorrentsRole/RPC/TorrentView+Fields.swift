import BitTorrentCore
import BitTorrentEngine
import Foundation
import KinoraCore

/// One torrent as `torrent-get` sees it: the daemon's record and the engine's snapshot.
struct TorrentView: Sendable {
    let record: TorrentRecord
    let status: TorrentEngine.TorrentStatus?
    /// Peers, files and trackers: fetched only when a requested field needs them.
    let details: TorrentEngine.TorrentDetails?
    let metainfo: TorrentMetainfo?
    let state: TorrentState
    let seedRatioGoal: Double?
    let seedIdleGoal: Int?
    let isStalled: Bool

    /// Fields that need `details` (or the metainfo).
    static let detailFields: Set<String> = [
        "files", "fileStats", "peers", "peersFrom", "pieces", "priorities", "wanted", "trackers", "trackerStats",
        "trackerList", "magnetLink", "comment", "creator", "dateCreated", "webseeds", "primary-mime-type",
    ]

    /// Every `torrent-get` field Kinora answers, by Transmission's name. Fields not here are left out of
    /// the answer, as Transmission does with names it does not know.
    static let fields: [String: @Sendable (TorrentView) -> JSONValue] = [
        "activityDate": { .int($0.record.activityDate) },
        "addedDate": { .int($0.record.addedDate) },
        "bandwidthPriority": { .int($0.record.bandwidthPriority) },
        "comment": { .string($0.metainfo?.comment ?? "") },
        "corruptEver": { .int($0.record.corruptBefore + ($0.status.map { $0.hashFailures * $0.pieceLength } ?? 0)) },
        "creator": { .string($0.metainfo?.createdBy ?? "") },
        "dateCreated": { .int(Int($0.metainfo?.creationDate ?? 0)) },
        "desiredAvailable": { .int($0.desiredAvailable) },
        "doneDate": { .int($0.record.doneDate) },
        "downloadDir": { .string($0.record.downloadDirectory) },
        "downloadedEver": { .int($0.downloadedEver) },
        "downloadLimit": { .int($0.record.downloadLimit) },
        "downloadLimited": { .bool($0.record.downloadLimited) },
        "editDate": { .int($0.record.editDate) },
        "error": { .int($0.record.errorString.isEmpty ? 0 : 3) },
        "errorString": { .string($0.record.errorString) },
        "eta": { .int($0.eta) },
        "etaIdle": { .int($0.etaIdle) },
        "file-count": { .int($0.fileCount) },
        "files": { view in .array(view.files.map { view.fileJSON($0) }) },
        "fileStats": { view in .array(view.files.map { view.fileStatJSON($0) }) },
        "group": { _ in "" },
        "hashString": { .string($0.record.infoHash) },
        "haveUnchecked": { _ in 0 },
        "haveValid": { .int($0.status?.verifiedBytes ?? 0) },
        "honorsSessionLimits": { .bool($0.record.honorsSessionLimits) },
        "id": { .int($0.record.id) },
        "isFinished": { .bool($0.record.seedLimitReached) },
        "isPrivate": { .bool($0.status?.isPrivate ?? false) },
        "isStalled": { .bool($0.isStalled) },
        "labels": { .array($0.record.labels.map { .string($0) }) },
        "leftUntilDone": { .int($0.leftUntilDone) },
        "magnetLink": { .string($0.magnetLink) },
        "manualAnnounceTime": { _ in -1 },
        "maxConnectedPeers": { .int($0.record.peerLimit) },
        "metadataPercentComplete": { .double($0.hasMetadata ? 1 : 0) },
        "name": { .string($0.record.name) },
        "peer-limit": { .int($0.record.peerLimit) },
        "peers": { view in .array((view.details?.peers ?? []).map(TorrentView.peerJSON)) },
        "peersConnected": { .int($0.status?.connectedPeers ?? 0) },
        "peersFrom": { view in
            let peers = view.details?.peers ?? []
            let incoming = peers.filter(\.isIncoming).count
            return [
                "fromCache": 0, "fromDht": 0, "fromIncoming": .int(incoming), "fromLpd": 0, "fromLtep": 0, "fromPex": 0,
                "fromTracker": .int(peers.count - incoming),
            ]
        },
        "peersGettingFromUs": { view in .int((view.details?.peers ?? []).filter { $0.uploadRate > 0 }.count) },
        "peersSendingToUs": { view in .int((view.details?.peers ?? []).filter { $0.downloadRate > 0 }.count) },
        "percentComplete": { .double($0.percentComplete) },
        "percentDone": { .double($0.percentDone) },
        "pieceCount": { .int($0.status?.pieceCount ?? 0) },
        "pieceSize": { .int($0.status?.pieceLength ?? 0) },
        "pieces": { .string($0.details?.pieces.map { Data($0.bytes).base64EncodedString() } ?? "") },
        "primary-mime-type": { .string($0.primaryMimeType) },
        "priorities": { .array($0.record.priorities.map { .int($0) }) },
        "queuePosition": { .int($0.record.queuePosition) },
        "rateDownload": { .int($0.status?.downloadRate ?? 0) },
        "rateUpload": { .int($0.status?.uploadRate ?? 0) },
        "recheckProgress": { _ in 0 },
        "secondsDownloading": { .int($0.record.secondsDownloadingBefore + ($0.status?.secondsDownloading ?? 0)) },
        "secondsSeeding": { .int($0.record.secondsSeedingBefore + ($0.status?.secondsSeeding ?? 0)) },
        "seedIdleLimit": { .int($0.record.seedIdleLimit) },
        "seedIdleMode": { .int($0.record.seedIdleMode) },
        "seedRatioLimit": { .double($0.record.seedRatioLimit) },
        "seedRatioMode": { .int($0.record.seedRatioMode) },
        "sizeWhenDone": { .int($0.sizeWhenDone) },
        "startDate": { .int($0.record.startDate) },
        "status": { .int($0.state.rawValue) },
        "torrentFile": { _ in "" },
        "totalSize": { .int($0.status?.totalSize ?? 0) },
        "trackers": { view in .array(view.trackerList.map { view.trackerJSON($0) }) },
        "trackerList": { view in
            let tiers = Dictionary(grouping: view.trackerList, by: \.tier).sorted { $0.key < $1.key }
            return .string(tiers.map { $0.value.map(\.url).joined(separator: "\n") }.joined(separator: "\n\n"))
        },
        "trackerStats": { view in .array(view.trackerList.map { view.trackerStatJSON($0) }) },
        "uploadedEver": { .int($0.uploadedEver) },
        "uploadLimit": { .int($0.record.uploadLimit) },
        "uploadLimited": { .bool($0.record.uploadLimited) },
        "uploadRatio": { .double($0.uploadRatio) },
        "wanted": { .array($0.record.wanted.map { .bool($0) }) },
        "webseeds": { .array(($0.metainfo?.urlList ?? []).map { .string($0) }) },
        "webseedsSendingToUs": { _ in 0 },
    ]

    func json(fields names: [String]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for name in names {
            if let field = Self.fields[name] { object[name] = field(self) }
        }
        return .object(object)
    }

    // MARK: Derived values

    var hasMetadata: Bool { (status?.pieceCount ?? 0) > 0 }
    var uploadedEver: Int { record.uploadedBefore + (status?.uploadedBytes ?? 0) }
    var downloadedEver: Int { record.downloadedBefore + (status?.downloadedBytes ?? 0) }
    var sizeWhenDone: Int { hasMetadata ? status?.wantedBytes ?? 0 : 0 }
    var leftUntilDone: Int { hasMetadata ? status?.wantedBytesLeft ?? 0 : 0 }
    var fileCount: Int { metainfo?.userFiles.count ?? record.wanted.count }

    var desiredAvailable: Int {
        // Without the peers' bitfields per piece, what is left counts as available while a peer is connected.
        (status?.connectedPeers ?? 0) > 0 ? leftUntilDone : 0
    }

    var percentComplete: Double {
        guard let status, status.totalSize > 0 else { return 0 }
        return Double(status.verifiedBytes) / Double(status.totalSize)
    }

    var percentDone: Double {
        guard sizeWhenDone > 0 else { return 0 }
        return Double(sizeWhenDone - leftUntilDone) / Double(sizeWhenDone)
    }

    /// Transmission's ratio: -1 when nothing moved, -2 (infinite) when uploaded without downloading.
    var uploadRatio: Double {
        let base = downloadedEver > 0 ? downloadedEver : (leftUntilDone == 0 ? sizeWhenDone : 0)
        if base > 0 { return Double(uploadedEver) / Double(base) }
        return uploadedEver > 0 ? -2 : -1
    }

    /// Seconds to done (downloading) or to the ratio goal (seeding); -1 not available, -2 unknown.
    var eta: Int {
        guard let status else { return -1 }
        switch state {
        case .downloading:
            if status.downloadRate > 0 { return leftUntilDone / status.downloadRate }
            // Transmission: not available (-1) when what is left is not on offer, unknown (-2) when it only has no speed.
            return desiredAvailable < leftUntilDone ? -1 : -2
        case .seeding:
            guard let goal = seedRatioGoal else { return -1 }
            guard status.uploadRate > 0 else { return -2 }
            let base = downloadedEver > 0 ? downloadedEver : sizeWhenDone
            return max(0, Int(goal * Double(base)) - uploadedEver) / status.uploadRate
        default:
            return -1
        }
    }

    var etaIdle: Int {
        guard state == .seeding, let minutes = seedIdleGoal, (status?.uploadRate ?? 0) == 0 else { return -1 }
        let idle = Int(Date().timeIntervalSince1970) - max(record.activityDate, record.doneDate, record.startDate)
        return max(0, minutes * 60 - idle)
    }

    var magnetLink: String {
        guard let infoHash = record.hash else { return "" }
        let trackers = metainfo?.trackers ?? (record.magnet.flatMap { try? MagnetLink(parsing: $0) }?.trackers ?? [])
        return MagnetLink(infoHash: infoHash, displayName: record.name, trackers: trackers).uri
    }

    var files: [TorrentEngine.FileStatus] { details?.files ?? [] }

    var trackerList: [TorrentEngine.TrackerStatus] { details?.trackers ?? [] }

    var primaryMimeType: String {
        guard let largest = metainfo?.userFiles.max(by: { $0.length < $1.length }) else { return "application/octet-stream" }
        return MimeType.guess(fileName: largest.path.components.last ?? "")
    }

    // MARK: Nested objects

    func fileJSON(_ file: TorrentEngine.FileStatus) -> JSONValue {
        let layout = metainfo?.layout
        let begin = layout.map { file.length == 0 ? 0 : fileStart(file, layout: $0) } ?? 0
        let end = layout.map { file.length == 0 ? begin : fileEnd(file, layout: $0) } ?? 0
        return ["bytesCompleted": .int(file.completedBytes), "length": .int(file.length), "name": .string(file.path),
                "beginPiece": .int(begin), "endPiece": .int(end)]
    }

    private func fileStart(_ file: TorrentEngine.FileStatus, layout: TorrentLayout) -> Int {
        layout.pieces(ofFile: file.index).lowerBound
    }

    private func fileEnd(_ file: TorrentEngine.FileStatus, layout: TorrentLayout) -> Int {
        layout.pieces(ofFile: file.index).upperBound
    }

    func fileStatJSON(_ file: TorrentEngine.FileStatus) -> JSONValue {
        let userIndex = files.firstIndex(of: file) ?? 0
        let wanted = userIndex < record.wanted.count ? record.wanted[userIndex] : true
        let priority = userIndex < record.priorities.count ? record.priorities[userIndex] : 0
        return ["bytesCompleted": .int(file.completedBytes), "wanted": .bool(wanted), "priority": .int(priority)]
    }

    static func peerJSON(_ peer: TorrentEngine.PeerStatus) -> JSONValue {
        let downloadingFrom = peer.downloadRate > 0
        let uploadingTo = peer.uploadRate > 0
        // Transmission's flag letters: D downloading from, U uploading to, d/u interested but choked, I incoming.
        var flags = ""
        if downloadingFrom { flags += "D" } else if peer.amInterested { flags += "d" }
        if uploadingTo { flags += "U" } else if peer.peerInterested { flags += "u" }
        if !peer.amChoking && !peer.peerInterested { flags += "K" }
        if peer.isEncrypted { flags += "E" }
        if peer.isIncoming { flags += "I" }
        return [
            "address": .string(peer.address.host), "clientName": .string(peer.client), "clientIsChoked": .bool(peer.peerChoking),
            "clientIsInterested": .bool(peer.amInterested), "flagStr": .string(flags), "isDownloadingFrom": .bool(downloadingFrom),
            "isEncrypted": .bool(peer.isEncrypted), "isIncoming": .bool(peer.isIncoming), "isUploadingTo": .bool(uploadingTo), "isUTP": false,
            "peerIsChoked": .bool(peer.amChoking), "peerIsInterested": .bool(peer.peerInterested), "port": .int(Int(peer.address.port)),
            "progress": .double(peer.progress), "rateToClient": .int(peer.downloadRate), "rateToPeer": .int(peer.uploadRate),
        ]
    }

    func trackerJSON(_ tracker: TorrentEngine.TrackerStatus) -> JSONValue {
        let id = trackerList.firstIndex(of: tracker) ?? 0
        return ["announce": .string(tracker.url), "id": .int(id), "scrape": .string(Self.scrapeURL(tracker.url)),
                "sitename": .string(Self.siteName(tracker.url)), "tier": .int(tracker.tier)]
    }

    func trackerStatJSON(_ tracker: TorrentEngine.TrackerStatus) -> JSONValue {
        let id = trackerList.firstIndex(of: tracker) ?? 0
        let announced = tracker.lastAnnounce != nil
        // 0 inactive, 1 waiting, 2 queued, 3 active (Transmission's announceState).
        let announceState = tracker.unusableReason != nil || state == .stopped ? 0 : 1
        return [
            "announce": .string(tracker.url), "announceState": .int(announceState), "downloadCount": -1,
            "hasAnnounced": .bool(announced), "hasScraped": false, "host": .string(Self.hostAndPort(tracker.url)),
            "id": .int(id), "isBackup": false, "lastAnnouncePeerCount": .int(tracker.lastAnnouncePeerCount),
            "lastAnnounceResult": .string(tracker.unusableReason ?? tracker.lastAnnounceResult),
            "lastAnnounceStartTime": .int(tracker.lastAnnounce.map { Int($0.timeIntervalSince1970) } ?? 0),
            "lastAnnounceSucceeded": .bool(tracker.lastAnnounceSucceeded),
            "lastAnnounceTime": .int(tracker.lastAnnounce.map { Int($0.timeIntervalSince1970) } ?? 0),
            "lastAnnounceTimedOut": false, "lastScrapeResult": "", "lastScrapeStartTime": 0, "lastScrapeSucceeded": false,
            "lastScrapeTime": 0, "lastScrapeTimedOut": false, "leecherCount": .int(tracker.leechers ?? -1),
            "nextAnnounceTime": .int(tracker.nextAnnounce.map { Int($0.timeIntervalSince1970) } ?? 0), "nextScrapeTime": 0,
            "scrape": .string(Self.scrapeURL(tracker.url)), "scrapeState": 0, "seederCount": .int(tracker.seeders ?? -1),
            "sitename": .string(Self.siteName(tracker.url)), "tier": .int(tracker.tier),
        ]
    }

    /// BEP 48's convention: `/announce` → `/scrape`; trackers without it cannot be scraped.
    static func scrapeURL(_ announce: String) -> String {
        guard let range = announce.range(of: "/announce", options: .backwards) else { return "" }
        return announce.replacingCharacters(in: range, with: "/scrape")
    }

    static func hostAndPort(_ url: String) -> String {
        guard let parsed = try? TrackerURL(parsing: url) else { return url }
        return "\(parsed.scheme.rawValue)://\(parsed.host):\(parsed.port)"
    }

    /// The registrable name Transmission shows: `tracker.example.org` → `example`.
    static func siteName(_ url: String) -> String {
        guard let host = try? TrackerURL(parsing: url).host else { return "" }
        let labels = host.split(separator: ".")
        if labels.count >= 2, labels.allSatisfy({ $0.allSatisfy(\.isNumber) }) == false { return String(labels[labels.count - 2]) }
        return host
    }
}

/// A MIME type from a file extension, for `primary-mime-type` (what the web UIs pick icons by).
enum MimeType {
    static let byExtension: [String: String] = [
        "mkv": "video/x-matroska", "mp4": "video/mp4", "m4v": "video/mp4", "avi": "video/x-msvideo", "ts": "video/mp2t",
        "webm": "video/webm", "mov": "video/quicktime", "wmv": "video/x-ms-wmv", "mp3": "audio/mpeg", "m4a": "audio/mp4",
        "m4b": "audio/mp4", "flac": "audio/flac", "ogg": "audio/ogg", "opus": "audio/ogg", "wav": "audio/wav",
        "srt": "text/plain", "txt": "text/plain", "nfo": "text/plain", "pdf": "application/pdf", "epub": "application/epub+zip",
        "zip": "application/zip", "rar": "application/vnd.rar", "iso": "application/x-iso9660-image", "jpg": "image/jpeg",
        "png": "image/png",
    ]

    static func guess(fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[fileName[fileName.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
