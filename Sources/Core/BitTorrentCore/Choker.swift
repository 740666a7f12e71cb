/// Decides which interested peers we upload to (BEP 3 choking), as a state machine returning decisions.
///
/// - `uploadSlots` peers are unchoked at most: the best by rate, plus one optimistic slot that rotates
///   every `optimisticInterval` so newcomers get a chance to show their rate.
/// - When a slot frees (an unchoked peer leaves or loses interest) or a peer becomes interested while a
///   slot is free, the best waiting peer is unchoked at once rather than at the next rechoke (waiting up
///   to 10 s for a rechoke is what makes some clients slow to start).
/// - The rate is whatever the engine says matters: bytes/s received from the peer while downloading,
///   bytes/s sent to it while seeding (so fast peers are favoured, not round-robin).
public struct Choker: Sendable {
    public enum Decision: Sendable, Hashable {
        case unchoke(PeerHandle)
        case choke(PeerHandle)
    }

    public var uploadSlots: Int
    public var optimisticInterval: Duration

    private struct PeerState: Sendable {
        var interested = false
        var unchoked = false
        var rate = 0
        var connectedAt: ContinuousClock.Instant
        var lastOptimisticAt: ContinuousClock.Instant?
    }

    private var peers: [PeerHandle: PeerState] = [:]
    public private(set) var optimistic: PeerHandle?
    private var optimisticSince: ContinuousClock.Instant?

    public init(uploadSlots: Int = 4, optimisticInterval: Duration = .seconds(30)) {
        precondition(uploadSlots >= 1, "at least one upload slot")
        self.uploadSlots = uploadSlots
        self.optimisticInterval = optimisticInterval
    }

    public var unchoked: Set<PeerHandle> { Set(peers.filter { $0.value.unchoked }.keys) }

    // MARK: Events

    public mutating func peerConnected(_ peer: PeerHandle, at now: ContinuousClock.Instant) {
        peers[peer] = PeerState(connectedAt: now)
    }

    public mutating func peerDisconnected(_ peer: PeerHandle) -> [Decision] {
        guard let state = peers.removeValue(forKey: peer) else { return [] }
        if optimistic == peer { optimistic = nil }
        return state.unchoked ? fillFreeSlots() : []
    }

    public mutating func peerInterested(_ peer: PeerHandle) -> [Decision] {
        guard peers[peer] != nil, peers[peer]?.interested == false else { return [] }
        peers[peer]?.interested = true
        return fillFreeSlots()
    }

    /// A peer that wants nothing gives its slot back.
    public mutating func peerNotInterested(_ peer: PeerHandle) -> [Decision] {
        guard let state = peers[peer], state.interested else { return [] }
        peers[peer]?.interested = false
        guard state.unchoked else { return [] }
        peers[peer]?.unchoked = false
        if optimistic == peer { optimistic = nil }
        return [.choke(peer)] + fillFreeSlots()
    }

    /// The periodic rechoke (every 10 s is usual): best rates get the regular slots, and the optimistic
    /// slot moves on when its interval has passed.
    public mutating func rechoke(at now: ContinuousClock.Instant, rates: [PeerHandle: Int]) -> [Decision] {
        for (peer, rate) in rates where peers[peer] != nil { peers[peer]?.rate = rate }
        let interested = peers.filter { $0.value.interested }.map(\.key)
        let regularSlots = max(uploadSlots - 1, interested.count <= uploadSlots ? uploadSlots : 0)
        let regular = Array(interested.sorted(by: isBetter).prefix(regularSlots))
        var target = Set(regular)

        let rotationDue = optimisticSince.map { now - $0 >= optimisticInterval } ?? true
        if let current = optimistic, target.contains(current) || peers[current]?.interested != true || rotationDue {
            optimistic = nil
        }
        if optimistic == nil, target.count < uploadSlots {
            let candidates = interested.filter { !target.contains($0) }
            if let next = candidates.min(by: waitedLonger) {
                optimistic = next
                optimisticSince = now
                peers[next]?.lastOptimisticAt = now
            }
        }
        if let optimistic { target.insert(optimistic) }
        return apply(target)
    }

    // MARK: Internals

    /// Unchokes the best choked interested peers while slots are free.
    private mutating func fillFreeSlots() -> [Decision] {
        var decisions: [Decision] = []
        var used = peers.values.filter { $0.unchoked }.count
        let waiting = peers.filter { $0.value.interested && !$0.value.unchoked }.map(\.key).sorted(by: isBetter)
        for peer in waiting where used < uploadSlots {
            peers[peer]?.unchoked = true
            used += 1
            decisions.append(.unchoke(peer))
        }
        return decisions
    }

    private mutating func apply(_ target: Set<PeerHandle>) -> [Decision] {
        var decisions: [Decision] = []
        for peer in peers.keys.sorted() {
            let wanted = target.contains(peer)
            guard peers[peer]!.unchoked != wanted else { continue }
            peers[peer]!.unchoked = wanted
            decisions.append(wanted ? .unchoke(peer) : .choke(peer))
        }
        return decisions
    }

    /// Higher rate first; on a tie, keep who is already unchoked (less churn), then the lower handle.
    private func isBetter(_ lhs: PeerHandle, _ rhs: PeerHandle) -> Bool {
        let left = peers[lhs]!, right = peers[rhs]!
        if left.rate != right.rate { return left.rate > right.rate }
        if left.unchoked != right.unchoked { return left.unchoked }
        return lhs < rhs
    }

    /// Never optimistically unchoked before first, then the longest ago, then the earliest connected.
    private func waitedLonger(_ lhs: PeerHandle, _ rhs: PeerHandle) -> Bool {
        let left = peers[lhs]!, right = peers[rhs]!
        switch (left.lastOptimisticAt, right.lastOptimisticAt) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let l), .some(let r)) where l != r: return l < r
        default: break
        }
        if left.connectedAt != right.connectedAt { return left.connectedAt < right.connectedAt }
        return lhs < rhs
    }
}
