/// The addresses a torrent knows peers at (tracker, PEX, magnet hints, the user) and which to dial next:
/// never one connected or being dialled, never a banned one, and a failed one only after a back-off
/// that doubles with each failure. Addresses the user named are retried quickly and never forgotten.
public struct PeerAddressBook: Sendable {
    public enum Source: Sendable, Hashable {
        case user, tracker, pex, magnet, incoming, dht
    }

    struct Entry: Sendable {
        var source: Source
        var failures = 0
        var retryAt: ContinuousClock.Instant?
        var busy = false
    }

    public let capacity: Int
    public var baseBackoff: Duration
    public var maxBackoff: Duration
    private var entries: [PeerAddress: Entry] = [:]
    private var order: [PeerAddress] = []
    public private(set) var banned: Set<PeerAddress> = []

    public init(capacity: Int = 2_000, baseBackoff: Duration = .seconds(5), maxBackoff: Duration = .seconds(300)) {
        self.capacity = capacity
        self.baseBackoff = baseBackoff
        self.maxBackoff = maxBackoff
    }

    public var count: Int { entries.count }
    public func contains(_ address: PeerAddress) -> Bool { entries[address] != nil }

    /// Adds addresses (duplicates and banned ones are ignored; past capacity, new ones are dropped).
    public mutating func add(_ addresses: some Sequence<PeerAddress>, source: Source) {
        for address in addresses where !banned.contains(address) {
            if entries[address] != nil {
                if source == .user { entries[address]!.source = .user }
                continue
            }
            guard entries.count < capacity else { return }
            entries[address] = Entry(source: source)
            order.append(address)
        }
    }

    /// Up to `limit` addresses to dial now, marked busy until `connected`/`failed`/`closed`.
    public mutating func nextToDial(limit: Int, now: ContinuousClock.Instant) -> [PeerAddress] {
        guard limit > 0 else { return [] }
        var picked: [PeerAddress] = []
        for address in order where picked.count < limit {
            guard var entry = entries[address], !entry.busy else { continue }
            if let retryAt = entry.retryAt, retryAt > now { continue }
            entry.busy = true
            entries[address] = entry
            picked.append(address)
        }
        return picked
    }

    /// An address we are connected to by other means (an incoming connection) is not dialled.
    public mutating func markBusy(_ address: PeerAddress) {
        entries[address]?.busy = true
    }

    public mutating func connected(_ address: PeerAddress) {
        entries[address]?.failures = 0
        entries[address]?.busy = true
    }

    /// The dial or the connection failed: back off before the next try.
    public mutating func failed(_ address: PeerAddress, now: ContinuousClock.Instant) {
        guard var entry = entries[address] else { return }
        entry.busy = false
        entry.failures += 1
        let base = entry.source == .user ? Duration.seconds(1) : baseBackoff
        let exponent = min(entry.failures - 1, 16)
        entry.retryAt = now + min(base * (1 << exponent), entry.source == .user ? .seconds(10) : maxBackoff)
        entries[address] = entry
    }

    /// A connection that worked ended normally: it may be dialled again after the base back-off.
    public mutating func closed(_ address: PeerAddress, now: ContinuousClock.Instant) {
        guard var entry = entries[address] else { return }
        entry.busy = false
        entry.retryAt = now + (entry.source == .user ? .seconds(1) : baseBackoff)
        entries[address] = entry
    }

    /// Never dialled or accepted again.
    public mutating func ban(_ address: PeerAddress) {
        banned.insert(address)
        entries[address] = nil
        order.removeAll { $0 == address }
    }

    public func isBanned(_ address: PeerAddress) -> Bool { banned.contains(address) }
}
