import BitTorrentCore
import Foundation
import NIOCore

/// Announce state of one torrent: BEP 12 tiers (`TrackerTiers`) and the when-and-which-event rules
/// (`AnnounceSchedule`) are pure values; this side only performs the announces.
struct TrackerState: Sendable {
    var tiers: TrackerTiers?
    var schedule: AnnounceSchedule?
    var seeders: Int?
    var leechers: Int?
    var lastError: String?
    var trackerID: String?
    /// The tracker asked last, when, and how it went (for the daemon's tracker list).
    var lastURL: String?
    var lastAnnounceDate: Date?
    var lastAnnounceSucceeded = false
    var lastPeerCount = 0
    let key = UInt32.random(in: 0...UInt32.max)
}

extension TorrentController {
    func startAnnouncing() {
        guard tracker.schedule == nil || tracker.schedule?.isStopped == true else { return }
        let salt = UInt64.random(in: 0...UInt64.max)
        let tiers = tracker.tiers ?? TrackerTiers(tiers: announceTiers, salt: salt)
        guard !tiers.isEmpty else {
            tracker.lastError = tiers.skipped.first.map { "\($0.url): \($0.reason)" }
            return
        }
        tracker.tiers = tiers
        tracker.schedule = AnnounceSchedule(now: .now)
        announceIfDue(now: .now)
    }

    /// The trackers in BEP 12 tiers: the user's list when set, else the metainfo's (a magnet's `tr` form one tier).
    var announceTiers: [[String]] {
        options.trackers ?? metainfo?.announceTiers ?? magnet.map { [$0.trackers] } ?? []
    }

    /// Replaces the tracker list (nil: back to the torrent's own); a running torrent announces to the new list.
    func setTrackers(_ tiers: [[String]]?) {
        options.trackers = tiers
        let wasAnnouncing = tracker.schedule.map { !$0.isStopped } ?? false
        if wasAnnouncing { stopAnnouncing() }
        tracker.tiers = nil
        tracker.schedule = nil
        tracker.lastURL = nil
        if wasAnnouncing, isActive { startAnnouncing() }
    }

    func stopAnnouncing() {
        guard let event = tracker.schedule?.stop() else { return }
        announce(event: event)
    }

    func announceCompleted() {
        tracker.schedule?.downloadFinished(at: .now)
        announceIfDue(now: .now)
    }

    func announceIfDue(now: ContinuousClock.Instant) {
        guard let event = tracker.schedule?.announceIfDue(at: now) else { return }
        announce(event: event)
    }

    private func announce(event: TrackerAnnounce.Event) {
        guard let urls = tracker.tiers?.announceOrder, !urls.isEmpty, let port = UInt16(exactly: engine.listenPort) else { return }
        let request = TrackerAnnounce(
            infoHash: infoHash,
            peerID: configuration.peerID,
            port: port,
            uploaded: uploadedBytes,
            downloaded: downloadedBytes,
            left: metainfo.map { max(0, $0.totalLength - verifiedBytes) } ?? 1,
            event: event,
            numWant: event == .stopped ? 0 : 80,
            key: tracker.key,
            trackerID: tracker.trackerID
        )
        let client = engine.trackerClient
        if event == .stopped {
            // Best effort: nobody waits for the answer.
            Task { _ = try? await client.announce(request, to: urls[0]) }
            return
        }
        loop.makeFutureWithTask { () async throws -> (String, TrackerResponse) in
            var lastError: (any Error)?
            for url in urls {
                do {
                    return (url, try await client.announce(request, to: url))
                } catch {
                    lastError = AnnounceFailure(url: url, error: error)
                }
            }
            throw lastError ?? TrackerError.malformedResponse("no tracker answered")
        }.whenComplete { [self] result in
            let now = ContinuousClock.now
            switch result {
            case .success(let (url, response)):
                tracker.tiers?.announceSucceeded(to: url)
                tracker.lastURL = url
                tracker.lastAnnounceDate = Date()
                tracker.lastAnnounceSucceeded = true
                tracker.lastPeerCount = response.peers.count
                tracker.schedule?.announceSucceeded(interval: response.interval, minInterval: response.minInterval, at: now)
                tracker.lastError = response.warning
                tracker.seeders = response.seeders
                tracker.leechers = response.leechers
                if let id = response.trackerID { tracker.trackerID = id }
                addressBook.add(response.peers.filter(isDialable), source: .tracker)
                // Starving: ask again as soon as the tracker allows.
                if activity == .downloading, links.isEmpty, response.peers.isEmpty { tracker.schedule?.reannounce(at: now) }
                connectPeers()
                flushLinks()
            case .failure(let error):
                tracker.schedule?.announceFailed(at: now)
                tracker.lastAnnounceDate = Date()
                tracker.lastAnnounceSucceeded = false
                if let failure = error as? AnnounceFailure {
                    tracker.lastURL = failure.url
                    tracker.lastError = "\(failure.error)"
                } else {
                    tracker.lastError = "\(error)"
                }
            }
        }
    }
}

/// Which tracker failed last, so the tracker list can say.
struct AnnounceFailure: Error {
    let url: String
    let error: any Error
}
