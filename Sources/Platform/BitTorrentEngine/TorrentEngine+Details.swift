import BitTorrentCore
import BitTorrentStorage
import Foundation
import NIOCore

/// What a daemon shows and changes beyond the basic controls: peers, trackers, files, priorities,
/// options after the start, location.
extension TorrentEngine {
    /// One connected peer.
    public struct PeerStatus: Sendable, Hashable {
        public var address: PeerAddress
        /// From the extension handshake (`v`), else decoded from the peer id; empty when unknown.
        public var client: String
        public var isIncoming: Bool
        /// Over MSE/PE with RC4.
        public var isEncrypted: Bool
        /// Fraction of the torrent the peer has (0 while its bitfield is unknown).
        public var progress: Double
        public var downloadRate: Int
        public var uploadRate: Int
        public var amChoking: Bool
        public var amInterested: Bool
        public var peerChoking: Bool
        public var peerInterested: Bool
    }

    /// One tracker URL and how its last announce went.
    public struct TrackerStatus: Sendable, Hashable {
        public var url: String
        /// BEP 12 tier (0 first).
        public var tier: Int
        /// Set for the tracker that answered (or failed) last.
        public var lastAnnounce: Date?
        public var lastAnnounceSucceeded: Bool
        /// "Success", or what went wrong.
        public var lastAnnounceResult: String
        public var lastAnnouncePeerCount: Int
        public var nextAnnounce: Date?
        public var seeders: Int?
        public var leechers: Int?
        /// Why this URL is never announced to (unsupported scheme, malformed), when it is not.
        public var unusableReason: String?
    }

    /// One file a user sees (padding files left out).
    public struct FileStatus: Sendable, Hashable {
        /// Index among the torrent's files, padding included (what priorities are indexed by).
        public var index: Int
        /// Relative to the download directory, `/`-separated.
        public var path: String
        public var length: Int
        /// Bytes of this file inside verified pieces.
        public var completedBytes: Int
        public var priority: PiecePriority
    }

    /// Everything about one torrent at one moment.
    public struct TorrentDetails: Sendable {
        public var status: TorrentStatus
        public var directory: String
        public var peers: [PeerStatus]
        public var trackers: [TrackerStatus]
        public var files: [FileStatus]
        /// Verified pieces, once the metainfo is known and checked.
        public var pieces: Bitfield?
    }

    public func details(_ infoHash: InfoHash) async -> TorrentDetails? {
        try? await core.loop.submit { [core] in core.controllers[infoHash]?.details() }.get()
    }

    /// Priorities of every file (padding files included, in metainfo order); `.skip` leaves a file out.
    public func setFilePriorities(_ infoHash: InfoHash, _ priorities: [PiecePriority]) async {
        _ = try? await core.loop.submit { [core] in core.controllers[infoHash]?.setFilePriorities(priorities) }.get()
    }

    /// Changes seed limits, rate limits or peers of a running torrent.
    public func updateOptions(_ infoHash: InfoHash, _ change: @escaping @Sendable (inout TorrentOptions) -> Void) async {
        _ = try? await core.loop.submit { [core] in core.controllers[infoHash]?.updateOptions(change) }.get()
    }

    /// Global rate limits in bytes per second (nil: unlimited), e.g. for alternative speeds on a schedule.
    public func setGlobalLimits(download: Int?, upload: Int?) async {
        _ = try? await core.loop.submit { [core] in
            core.downloadBucket.setRate(download, now: .now)
            core.uploadBucket.setRate(upload, now: .now)
        }.get()
    }

    /// Replaces a torrent's trackers (BEP 12 tiers); nil goes back to the torrent's own.
    public func setTrackers(_ infoHash: InfoHash, _ tiers: [[String]]?) async {
        _ = try? await core.loop.submit { [core] in core.controllers[infoHash]?.setTrackers(tiers) }.get()
    }

    /// Announces now (as far as the tracker's minimum interval allows).
    public func reannounce(_ infoHash: InfoHash) async {
        _ = try? await core.loop.submit { [core] in core.controllers[infoHash]?.reannounceNow() }.get()
    }

    /// Moves the torrent's files into `directory` (a rename where possible, else copy and delete), then
    /// carries on from there. Without `movingData`, only the location changes (the data is looked for there).
    public func setLocation(_ infoHash: InfoHash, to directory: String, movingData: Bool) async throws {
        guard let controller = try await core.loop.submit({ [core] in core.controllers[infoHash] }).get() else { return }
        let (metainfo, from, wasActive) = try await controller.loop.flatSubmit { () -> EventLoopFuture<(TorrentMetainfo?, String, Bool)> in
            let metainfo = controller.metainfo
            let from = controller.directory
            return controller.closeForMove().map { (metainfo, from, $0) }
        }.get()
        var moveError: (any Error)?
        if movingData, let metainfo, from != directory {
            do { try TorrentFiles.move(metainfo, from: from, to: directory) } catch { moveError = error }
        }
        try await controller.loop.submit {
            if moveError == nil { controller.directory = directory }
            controller.reopenAfterMove(resuming: wasActive)
        }.get()
        if let moveError { throw moveError }
    }
}

extension TorrentEngine {
    /// Renames a file or folder of the torrent (`path` from the torrent's top, the last component gets
    /// `newName`) on disk and in the file list; returns the renamed metainfo, which the caller keeps to
    /// re-apply after a restart. Verified pieces stay verified: the bytes did not change.
    public func renamePath(_ infoHash: InfoHash, _ path: [String], to newName: String) async throws -> TorrentMetainfo {
        guard let controller = try await core.loop.submit({ [core] in core.controllers[infoHash] }).get() else {
            throw TorrentRenameError.noSuchPath(path.joined(separator: "/"))
        }
        let (current, directory, wasActive) = try await controller.loop.flatSubmit { () -> EventLoopFuture<(TorrentMetainfo?, String, Bool)> in
            controller.closeForMove().map { (controller.metainfo, controller.directory, $0) }
        }.get()
        var result: Result<TorrentMetainfo, any Error>
        if let current {
            result = Result { try current.renaming(path, to: newName) }
            if case .success = result {
                do { try TorrentFiles.renameEntry(path, to: newName, in: directory) } catch { result = .failure(error) }
            }
        } else {
            result = .failure(TorrentRenameError.noSuchPath(path.joined(separator: "/")))
        }
        try await controller.loop.submit {
            if case .success(let renamed) = result { controller.metainfo = renamed }
            controller.reopenAfterMove(resuming: wasActive)
        }.get()
        return try result.get()
    }
}

extension TorrentController {
    func details() -> TorrentEngine.TorrentDetails {
        let now = ContinuousClock.now
        let pieceCount = metainfo?.pieceCount ?? 0
        let peers = links.values.sorted { $0.handle < $1.handle }.map { link -> TorrentEngine.PeerStatus in
            let connection = session?.peers[link.handle] ?? link.pendingConnection
            let have = connection?.peerPieces?.setCount ?? 0
            return TorrentEngine.PeerStatus(
                address: link.address,
                client: connection?.peerExtensions?.client ?? link.peerID.map(PeerClientName.decode) ?? "",
                isIncoming: !link.isOutgoing,
                isEncrypted: link.isEncrypted,
                progress: pieceCount == 0 ? 0 : Double(have) / Double(pieceCount),
                downloadRate: link.downloadMeter.rate(now: now),
                uploadRate: link.uploadMeter.rate(now: now),
                amChoking: connection?.amChoking ?? true,
                amInterested: connection?.amInterested ?? false,
                peerChoking: connection?.peerChoking ?? true,
                peerInterested: connection?.peerInterested ?? false
            )
        }
        return TorrentEngine.TorrentDetails(
            status: status(), directory: directory, peers: peers, trackers: trackerStatuses(), files: fileStatuses(),
            pieces: session?.have
        )
    }

    func fileStatuses() -> [TorrentEngine.FileStatus] {
        guard let metainfo else { return [] }
        let layout = metainfo.layout
        var completed = Array(repeating: 0, count: metainfo.files.count)
        if let have = session?.have {
            for piece in have.setIndices {
                for span in layout.fileSpans(ofPiece: piece) { completed[span.file] += span.length }
            }
        }
        let priorities = options.filePriorities ?? []
        return metainfo.files.filter { !$0.isPadding }.map { file in
            TorrentEngine.FileStatus(
                index: file.index, path: file.path.components.joined(separator: "/"), length: file.length,
                completedBytes: completed[file.index],
                priority: file.index < priorities.count ? priorities[file.index] : .normal)
        }
    }

    func trackerStatuses() -> [TorrentEngine.TrackerStatus] {
        let tiers = announceTiers
        let skipped = Dictionary((tracker.tiers?.skipped ?? []).map { ($0.url, "\($0.reason)") }, uniquingKeysWith: { a, _ in a })
        let next = tracker.schedule?.nextAnnounceAt.map { Date(timeIntervalSinceNow: ContinuousClock.now.duration(to: $0) / .seconds(1)) }
        var seen = Set<String>()
        var result: [TorrentEngine.TrackerStatus] = []
        for (tier, urls) in tiers.enumerated() {
            for url in urls where seen.insert(url).inserted {
                let isLast = url == tracker.lastURL
                result.append(TorrentEngine.TrackerStatus(
                    url: url, tier: tier,
                    lastAnnounce: isLast ? tracker.lastAnnounceDate : nil,
                    lastAnnounceSucceeded: isLast && tracker.lastAnnounceSucceeded,
                    lastAnnounceResult: isLast ? (tracker.lastAnnounceSucceeded ? "Success" : tracker.lastError ?? "") : "",
                    lastAnnouncePeerCount: isLast ? tracker.lastPeerCount : 0,
                    nextAnnounce: skipped[url] == nil ? next : nil,
                    seeders: isLast ? tracker.seeders : nil,
                    leechers: isLast ? tracker.leechers : nil,
                    unusableReason: skipped[url]))
            }
        }
        return result
    }

    func setFilePriorities(_ priorities: [PiecePriority]) {
        guard let metainfo, priorities.count == metainfo.files.count else { return }
        options.filePriorities = priorities
        guard session != nil else { return }
        let wasFinished = session!.isFinished
        perform(session!.setFilePriorities(priorities))
        // More wanted than before: a finished torrent downloads again.
        if wasFinished, !session!.isFinished, activity == .seeding {
            activity = .downloading
            seedingSince = nil
        }
        flushLinks()
    }

    func updateOptions(_ change: (inout TorrentEngine.TorrentOptions) -> Void) {
        change(&options)
        let now = ContinuousClock.now
        downloadBucket.setRate(options.downloadLimit, now: now)
        uploadBucket.setRate(options.uploadLimit, now: now)
        addressBook.add(options.peers, source: .user)
        if isActive { connectPeers() }
    }

    func reannounceNow() {
        tracker.schedule?.reannounce(at: .now)
        announceIfDue(now: .now)
    }

    /// Stops the torrent and closes its files so they can be moved; `resume()` reopens them.
    /// Stops the torrent and closes its files for a move or a rename; answers whether it was running
    /// (or about to run, once checked), so that `reopenAfterMove` carries on the same way.
    func closeForMove() -> EventLoopFuture<Bool> {
        let wasActive = activity == .checking ? !pauseAfterCheck : activity != .paused
        // Only a checked torrent's state is worth saving: a check still running has not restored the
        // verified pieces yet, and saving its empty state would forget them. Its answer is dropped.
        let wasChecked = session != nil
        checkGeneration &+= 1
        if activity == .checking {
            activity = .paused
            pauseAfterCheck = false
            stopNetworking()
        }
        pause()
        session = nil
        guard let storage else { return loop.makeSucceededFuture(wasActive) }
        self.storage = nil
        let store = resumeStore
        let infoHash = self.infoHash
        return loop.makeFutureWithTask {
            // The pieces stay verified after a move: the same files, in another folder.
            let state = try await storage.close()
            if wasChecked { try await store?.save(state, for: infoHash) }
        }.recover { _ in }.map { wasActive }
    }

    /// After `closeForMove`: carries on where it was, or (paused) checks again so that its progress shows.
    func reopenAfterMove(resuming: Bool) {
        if resuming { resume() } else if metainfo != nil {
            pauseAfterCheck = true
            check()
        }
    }
}
