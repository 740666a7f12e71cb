/// A torrent's trackers in BEP 12 order: tier by tier, each tier shuffled once so that clients spread
/// their load, and a tracker that answers moves to the front of its tier so it is asked first next time.
///
/// The engine walks `announceOrder` until one tracker answers and reports that one with
/// `announceSucceeded(to:)`. URLs we cannot announce to (https, wss, malformed) are left out and kept in
/// `skipped`, so the user can be told why.
public struct TrackerTiers: Sendable, Hashable {
    /// A tracker URL left out, and why.
    public struct Skipped: Sendable, Hashable {
        public var url: String
        public var reason: TrackerError

        public init(url: String, reason: TrackerError) {
            self.url = url
            self.reason = reason
        }
    }

    public private(set) var tiers: [[String]]
    public let skipped: [Skipped]

    /// - Parameter salt: seeds the shuffle within each tier (pass a random value; tests pass a fixed one).
    public init(tiers: [[String]], salt: UInt64) {
        var seen: Set<String> = []
        var kept: [[String]] = []
        var skipped: [Skipped] = []
        var generator = SplitMixGenerator(state: salt)
        for tier in tiers {
            var supported: [String] = []
            for url in tier where seen.insert(url).inserted {
                do {
                    _ = try TrackerURL(parsing: url)
                    supported.append(url)
                } catch {
                    skipped.append(Skipped(url: url, reason: error))
                }
            }
            guard !supported.isEmpty else { continue }
            supported.shuffle(using: &generator)
            kept.append(supported)
        }
        self.tiers = kept
        self.skipped = skipped
    }

    /// From a metainfo's `announce-list`, or its single `announce` URL.
    public init(metainfo: TorrentMetainfo, salt: UInt64) {
        self.init(tiers: metainfo.announceTiers, salt: salt)
    }

    /// A magnet's `tr` URLs carry no ranking, so they form one tier: any of them may rise to the front.
    public init(magnet: MagnetLink, salt: UInt64) {
        self.init(tiers: [magnet.trackers], salt: salt)
    }

    public var isEmpty: Bool { tiers.isEmpty }

    /// Every usable URL, in the order to try them.
    public var announceOrder: [String] { tiers.flatMap { $0 } }

    /// `url` answered: it goes first in its tier (BEP 12); the others keep their order.
    public mutating func announceSucceeded(to url: String) {
        for tierIndex in tiers.indices {
            guard let index = tiers[tierIndex].firstIndex(of: url) else { continue }
            tiers[tierIndex].remove(at: index)
            tiers[tierIndex].insert(url, at: 0)
            return
        }
    }
}

/// SplitMix64: small, seedable, and good enough to shuffle a handful of tracker URLs.
private struct SplitMixGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// The parts of an `http://` or `udp://` tracker URL a client needs.
public struct TrackerURL: Sendable, Hashable {
    public enum Scheme: String, Sendable, Hashable {
        case http, udp
    }

    public var scheme: Scheme
    /// A name or an address; IPv6 without brackets.
    public var host: String
    public var port: UInt16
    /// Path and query for the HTTP request line (`/announce?passkey=…`); unused over UDP.
    public var pathAndQuery: String

    /// Refuses other schemes with `.unsupportedScheme`, and URLs without a host, with a bad port, with
    /// user info, or with spaces or control characters (they would end up in a request line) with `.invalidURL`.
    public init(parsing url: String) throws(TrackerError) {
        guard let separator = url.firstRange(of: "://") else { throw .invalidURL(url) }
        let schemeText = url[..<separator.lowerBound].lowercased()
        guard let scheme = Scheme(rawValue: schemeText) else {
            guard !schemeText.isEmpty, schemeText.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
                throw .invalidURL(url)
            }
            throw .unsupportedScheme(schemeText)
        }
        guard url.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7f }) else { throw .invalidURL(url) }
        let rest = url[separator.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var pathAndQuery = String(rest[authorityEnd...].prefix(while: { $0 != "#" }))
        if !pathAndQuery.hasPrefix("/") { pathAndQuery = "/" + pathAndQuery }

        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(url) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let afterHost = authority[authority.index(after: close)...]
            guard afterHost.isEmpty || afterHost.hasPrefix(":") else { throw .invalidURL(url) }
            portText = afterHost.isEmpty ? nil : afterHost.dropFirst()
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
            portText = nil
        }
        guard !host.isEmpty, !host.contains("@"), !host.contains("["), !host.contains("]") else { throw .invalidURL(url) }
        let port: UInt16
        if let portText {
            guard let parsed = UInt16(portText), parsed != 0 else { throw .invalidURL(url) }
            port = parsed
        } else if scheme == .http {
            port = 80
        } else {
            throw .invalidURL(url)  // UDP trackers have no default port
        }
        self.scheme = scheme
        self.host = String(host)
        self.port = port
        self.pathAndQuery = pathAndQuery
    }

    /// The `Host` header: brackets around IPv6, the port unless it is 80.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }
}

/// When to announce and with which event (BEP 3): `started` first, until a tracker acknowledges it;
/// `completed` once, when the download finishes during the session; `stopped` on stop, if a tracker
/// knows us. Between announces, the tracker's interval; after failures, an exponential back-off.
///
/// The engine asks `announceIfDue(at:)` on its timer, announces the returned event through the tiers,
/// and reports the outcome once with `announceSucceeded` or `announceFailed`.
public struct AnnounceSchedule: Sendable, Hashable {
    public struct Configuration: Sendable, Hashable {
        /// The first retry delay after a failure; it doubles on each further failure.
        public var firstRetryDelay: Duration
        public var maximumRetryDelay: Duration
        /// A floor under the tracker's interval, so a tracker answering 0 cannot make us spin.
        public var minimumInterval: Duration

        public init(firstRetryDelay: Duration = .seconds(15), maximumRetryDelay: Duration = .seconds(30 * 60), minimumInterval: Duration = .seconds(60)) {
            self.firstRetryDelay = firstRetryDelay
            self.maximumRetryDelay = maximumRetryDelay
            self.minimumInterval = minimumInterval
        }
    }

    public let configuration: Configuration
    /// When the next announce is due; nil while one is in flight and after stop.
    public private(set) var nextAnnounceAt: ContinuousClock.Instant?
    public private(set) var consecutiveFailures = 0
    public private(set) var isStopped = false
    /// The event of the announce in flight, if any.
    public private(set) var inFlight: TrackerAnnounce.Event?
    private var startedAcknowledged = false
    private var completedOwed = false
    private var completedReported = false
    /// A reannounce the user asks for still waits for the tracker's `min interval`.
    private var earliestReannounceAt: ContinuousClock.Instant

    public init(now: ContinuousClock.Instant, configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.nextAnnounceAt = now
        self.earliestReannounceAt = now
    }

    /// The event to announce now, or nil when nothing is due; the announce is then in flight.
    public mutating func announceIfDue(at now: ContinuousClock.Instant) -> TrackerAnnounce.Event? {
        guard !isStopped, inFlight == nil, let due = nextAnnounceAt, now >= due else { return nil }
        let event: TrackerAnnounce.Event = !startedAcknowledged ? .started : completedOwed ? .completed : .none
        inFlight = event
        nextAnnounceAt = nil
        return event
    }

    /// A tracker answered the announce in flight; `interval` and `minInterval` are its seconds.
    public mutating func announceSucceeded(interval: Int, minInterval: Int?, at now: ContinuousClock.Instant) {
        guard let event = inFlight else { return }
        inFlight = nil
        consecutiveFailures = 0
        switch event {
        case .started: startedAcknowledged = true
        case .completed: completedOwed = false
        case .none, .stopped: break
        }
        let regular = max(Duration.seconds(interval), configuration.minimumInterval)
        earliestReannounceAt = now + max(Duration.seconds(minInterval ?? 0), configuration.minimumInterval)
        guard !isStopped else { return }
        // A download that finished while `started` was in flight reports `completed` at once.
        nextAnnounceAt = completedOwed ? now : now + regular
    }

    /// No tracker answered the announce in flight: retry after 15 s, 30 s, 1 min… up to the maximum.
    public mutating func announceFailed(at now: ContinuousClock.Instant) {
        guard inFlight != nil else { return }
        inFlight = nil
        consecutiveFailures += 1
        guard !isStopped else { return }
        nextAnnounceAt = now + retryDelay(afterFailures: consecutiveFailures)
    }

    /// The download finished during this session: `completed` is announced once, as soon as a tracker
    /// knows we started. Not for a torrent that was complete when it started (BEP 3).
    public mutating func downloadFinished(at now: ContinuousClock.Instant) {
        guard !completedReported, !isStopped else { return }
        completedReported = true
        completedOwed = true
        if startedAcknowledged, inFlight == nil { nextAnnounceAt = now }
    }

    /// The user asked for peers now: announce as soon as the tracker's `min interval` allows.
    public mutating func reannounce(at now: ContinuousClock.Instant) {
        guard !isStopped, inFlight == nil else { return }
        let allowed = max(now, earliestReannounceAt)
        nextAnnounceAt = min(nextAnnounceAt ?? allowed, allowed)
    }

    /// Stops announcing; returns `.stopped` when a tracker may know us and should hear it (sent once,
    /// best effort: its outcome need not be reported).
    public mutating func stop() -> TrackerAnnounce.Event? {
        guard !isStopped else { return nil }
        isStopped = true
        nextAnnounceAt = nil
        return startedAcknowledged || inFlight == .started ? .stopped : nil
    }

    /// The delay before retrying after `failures` failures in a row: doubling from the first, capped.
    public func retryDelay(afterFailures failures: Int) -> Duration {
        var delay = configuration.firstRetryDelay
        for _ in 1..<max(1, failures) {
            delay *= 2
            if delay >= configuration.maximumRetryDelay { return configuration.maximumRetryDelay }
        }
        return min(delay, configuration.maximumRetryDelay)
    }
}
