import BitTorrentCore
import NIOCore

/// Announce bookkeeping of one torrent (BEP 3/12/15): trackers are tried tier by tier, URL by URL, until
/// one answers; the one that answered is asked first next time.
struct TrackerState: Sendable {
    var running = false
    var inFlight = false
    var nextAnnounce: ContinuousClock.Instant?
    var failures = 0
    var sentStarted = false
    var completedPending = false
    var seeders: Int?
    var leechers: Int?
    var lastError: String?
    var preferredURL: String?
    var trackerID: String?
    let key = UInt32.random(in: 0...UInt32.max)
}

extension TorrentController {
    func startAnnouncing() {
        guard !tracker.running, !trackerURLs.isEmpty else { return }
        tracker.running = true
        tracker.sentStarted = false
        tracker.nextAnnounce = .now
        announceIfDue(now: .now)
    }

    func stopAnnouncing() {
        guard tracker.running else { return }
        tracker.running = false
        guard tracker.sentStarted else { return }
        tracker.sentStarted = false
        announce(event: .stopped)
    }

    func announceCompleted() {
        guard tracker.running else { return }
        tracker.completedPending = true
        tracker.nextAnnounce = .now
    }

    func announceIfDue(now: ContinuousClock.Instant) {
        guard tracker.running, !tracker.inFlight, let due = tracker.nextAnnounce, due <= now else { return }
        let event: TrackerAnnounce.Event = !tracker.sentStarted ? .started : tracker.completedPending ? .completed : .none
        announce(event: event)
    }

    private func announce(event: TrackerAnnounce.Event) {
        guard engine.listenPort > 0, let port = UInt16(exactly: engine.listenPort) else { return }
        let left = metainfo.map { max(0, $0.totalLength - status().verifiedBytes) } ?? 1
        let request = TrackerAnnounce(
            infoHash: infoHash,
            peerID: configuration.peerID,
            port: port,
            uploaded: uploadedBytes,
            downloaded: downloadedBytes,
            left: left,
            event: event,
            numWant: event == .stopped ? 0 : 80,
            key: tracker.key,
            trackerID: tracker.trackerID
        )
        var urls = trackerURLs.flatMap { $0 }.filter { $0.hasPrefix("http://") || $0.hasPrefix("udp://") }
        if let preferred = tracker.preferredURL, let index = urls.firstIndex(of: preferred) {
            urls.insert(urls.remove(at: index), at: 0)
        }
        guard !urls.isEmpty else {
            tracker.lastError = "no tracker with a supported scheme (http or udp)"
            tracker.nextAnnounce = nil
            return
        }
        let client = engine.trackerClient
        let candidates = urls
        if event == .stopped {
            // Best effort: nobody waits for the answer.
            Task { _ = try? await client.announce(request, to: candidates[0]) }
            return
        }
        tracker.inFlight = true
        loop.makeFutureWithTask { () async throws -> (String, TrackerResponse)? in
            var lastError: (any Error)?
            for url in candidates {
                do {
                    return (url, try await client.announce(request, to: url))
                } catch {
                    lastError = error
                }
            }
            throw lastError ?? TrackerError.malformedResponse("no tracker answered")
        }.whenComplete { [self] result in
            tracker.inFlight = false
            guard tracker.running else { return }
            let now = ContinuousClock.now
            switch result {
            case .success(let answer):
                guard let (url, response) = answer else { return }
                tracker.failures = 0
                tracker.lastError = response.warning
                tracker.preferredURL = url
                tracker.seeders = response.seeders
                tracker.leechers = response.leechers
                if let id = response.trackerID { tracker.trackerID = id }
                if event == .started { tracker.sentStarted = true }
                if event == .completed { tracker.completedPending = false }
                addressBook.add(response.peers.filter(isDialable), source: .tracker)
                var interval = Duration.seconds(max(response.interval, 30))
                // Starving: ask again sooner (within what the tracker allows).
                if activity == .downloading, links.isEmpty {
                    interval = min(interval, .seconds(max(response.minInterval ?? 30, 30)))
                }
                tracker.nextAnnounce = now + interval
                connectPeers()
                flushLinks()
            case .failure(let error):
                tracker.failures += 1
                tracker.lastError = "\(error)"
                tracker.nextAnnounce = now + min(.seconds(5) * (1 << min(tracker.failures - 1, 6)), .seconds(300))
            }
        }
    }
}
