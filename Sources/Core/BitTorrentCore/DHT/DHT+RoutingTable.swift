extension DHT {
    /// The nodes we know, in buckets of at most K by shared prefix with our own id (BEP 5).
    ///
    /// Bucket `i` holds the nodes sharing exactly `i` leading bits with our id, except the last, which
    /// holds every node sharing at least its index: the bucket our own id falls in. Only that one splits
    /// when full, so the table knows many nodes near us and few far away.
    ///
    /// Node states: *good* when it answered one of our queries in the last 15 minutes, or has answered
    /// once and queried us in the last 15 minutes; *bad* after `maxFailures` unanswered queries in a row;
    /// *questionable* otherwise. A full bucket takes a new node in place of a bad one; when it only has
    /// questionable ones, the least recently seen is pinged (`Action.ping`) and the newcomer waits in the
    /// bucket's replacement cache until the ping fails. Buckets untouched for 15 minutes are refreshed:
    /// the engine runs a find_node for a random id in their range (`refreshTargets`).
    ///
    /// Only nodes that answered us get in (`.responded`); a node that merely queried us is pinged first,
    /// so a spoofed source address never lands in the table.
    public struct RoutingTable: Sendable {
        public enum NodeState: Sendable, Hashable {
            case good, questionable, bad
        }

        /// How we heard from a node.
        public enum Contact: Sendable, Hashable {
            /// It answered one of our queries (its address is proven).
            case responded
            /// It sent us a query.
            case queried
        }

        public enum Action: Sendable, Hashable {
            /// Ping this node; report the answer with `heard(from:.responded)` or the silence with `failed`.
            case ping(NodeInfo)
        }

        public struct Entry: Sendable, Hashable {
            public var node: NodeInfo
            public var lastResponse: ContinuousClock.Instant?
            public var lastQuery: ContinuousClock.Instant?
            /// Queries in a row it did not answer.
            public var failures = 0
            /// When we last pinged it because a newcomer wanted its place.
            var pingedAt: ContinuousClock.Instant?

            public init(node: NodeInfo, lastResponse: ContinuousClock.Instant? = nil, lastQuery: ContinuousClock.Instant? = nil, failures: Int = 0) {
                self.node = node
                self.lastResponse = lastResponse
                self.lastQuery = lastQuery
                self.failures = failures
            }

            var lastSeen: ContinuousClock.Instant? { [lastResponse, lastQuery].compactMap { $0 }.max() }
        }

        public struct Bucket: Sendable {
            public fileprivate(set) var entries: [Entry] = []
            /// Answering nodes that found the bucket full, newest last; they replace bad entries.
            public fileprivate(set) var replacements: [NodeInfo] = []
            public fileprivate(set) var lastChanged: ContinuousClock.Instant
        }

        public let ownID: NodeID
        public let bucketSize: Int
        public let maxFailures: Int
        public let questionableAfter: Duration
        public private(set) var buckets: [Bucket]

        public init(
            ownID: NodeID,
            now: ContinuousClock.Instant,
            bucketSize: Int = DHT.bucketSize,
            maxFailures: Int = 2,
            questionableAfter: Duration = DHT.questionableAfter
        ) {
            precondition(bucketSize > 0 && maxFailures > 0, "buckets hold nodes; bad takes a failure")
            self.ownID = ownID
            self.bucketSize = bucketSize
            self.maxFailures = maxFailures
            self.questionableAfter = questionableAfter
            self.buckets = [Bucket(lastChanged: now)]
        }

        public var count: Int { buckets.reduce(0) { $0 + $1.entries.count } }

        public func state(of entry: Entry, now: ContinuousClock.Instant) -> NodeState {
            if entry.failures >= maxFailures { return .bad }
            if let response = entry.lastResponse {
                if response.duration(to: now) < questionableAfter { return .good }
                if let query = entry.lastQuery, query.duration(to: now) < questionableAfter { return .good }
            }
            return .questionable
        }

        public func goodCount(now: ContinuousClock.Instant) -> Int {
            buckets.reduce(0) { total, bucket in total + bucket.entries.count { state(of: $0, now: now) == .good } }
        }

        public func entry(for id: NodeID) -> Entry? {
            buckets[bucketIndex(for: id)].entries.first { $0.node.id == id }
        }

        func bucketIndex(for id: NodeID) -> Int {
            min(ownID.commonPrefixLength(with: id), buckets.count - 1)
        }

        // MARK: Hearing from nodes

        /// A node answered us or queried us. Returns pings to send (a node that only queried us and is
        /// not in the table yet, or a questionable node whose place a newcomer wants).
        public mutating func heard(from node: NodeInfo, _ contact: Contact, now: ContinuousClock.Instant) -> [Action] {
            guard node.id != ownID else { return [] }
            let index = bucketIndex(for: node.id)
            if let position = buckets[index].entries.firstIndex(where: { $0.node.id == node.id }) {
                var entry = buckets[index].entries[position]
                // An id seen at another address: keep the one we know unless it stopped answering.
                guard entry.node.address == node.address || state(of: entry, now: now) == .bad && contact == .responded else { return [] }
                entry.node.address = node.address
                switch contact {
                case .responded:
                    entry.lastResponse = now
                    entry.failures = 0
                    entry.pingedAt = nil
                    buckets[index].lastChanged = now
                case .queried:
                    entry.lastQuery = now
                }
                buckets[index].entries[position] = entry
                return []
            }
            // One entry per address: another id at a known address is ignored.
            guard !contains(address: node.address) else { return [] }
            guard contact == .responded else {
                return wouldAccept(node.id, now: now) ? [.ping(node)] : []
            }
            return insert(Entry(node: node, lastResponse: now), now: now)
        }

        /// A query to the node went unanswered (timeout or an error about us). Returns the next ping when
        /// a newcomer is still waiting for a place.
        public mutating func failed(_ node: NodeInfo, now: ContinuousClock.Instant) -> [Action] {
            let index = bucketIndex(for: node.id)
            guard let position = buckets[index].entries.firstIndex(where: { $0.node == node }) else { return [] }
            buckets[index].entries[position].failures += 1
            buckets[index].entries[position].pingedAt = nil
            if state(of: buckets[index].entries[position], now: now) == .bad, let replacement = buckets[index].replacements.popLast() {
                buckets[index].entries[position] = Entry(node: replacement, lastResponse: now)
                buckets[index].lastChanged = now
            }
            return pingQuestionable(in: index, now: now)
        }

        /// Drops a node (it answered with an error that shows it is not a DHT node, say).
        public mutating func remove(_ node: NodeInfo) {
            let index = bucketIndex(for: node.id)
            buckets[index].entries.removeAll { $0.node == node }
        }

        private func contains(address: PeerAddress) -> Bool {
            buckets.contains { $0.entries.contains { $0.node.address == address } }
        }

        /// Whether a node with this id could get in now (room, a split, a bad or questionable entry).
        private func wouldAccept(_ id: NodeID, now: ContinuousClock.Instant) -> Bool {
            let index = bucketIndex(for: id)
            let bucket = buckets[index]
            return bucket.entries.count < bucketSize || canSplit(index) || bucket.entries.contains { state(of: $0, now: now) != .good }
        }

        private func canSplit(_ index: Int) -> Bool {
            index == buckets.count - 1 && buckets.count < NodeID.bitCount
        }

        private mutating func insert(_ entry: Entry, now: ContinuousClock.Instant) -> [Action] {
            while true {
                let index = bucketIndex(for: entry.node.id)
                if buckets[index].entries.count < bucketSize {
                    buckets[index].entries.append(entry)
                    buckets[index].replacements.removeAll { $0.id == entry.node.id }
                    buckets[index].lastChanged = now
                    return []
                }
                if canSplit(index) {
                    split(index)
                    continue
                }
                if let bad = buckets[index].entries.indices.filter({ state(of: buckets[index].entries[$0], now: now) == .bad })
                    .max(by: { buckets[index].entries[$0].failures < buckets[index].entries[$1].failures })
                {
                    buckets[index].entries[bad] = entry
                    buckets[index].lastChanged = now
                    return []
                }
                var replacements = buckets[index].replacements
                replacements.removeAll { $0.id == entry.node.id || $0.address == entry.node.address }
                replacements.append(entry.node)
                if replacements.count > bucketSize { replacements.removeFirst(replacements.count - bucketSize) }
                buckets[index].replacements = replacements
                return pingQuestionable(in: index, now: now)
            }
        }

        /// Pings the least recently seen questionable node of a bucket with newcomers waiting, unless a
        /// ping of that bucket is already out.
        private mutating func pingQuestionable(in index: Int, now: ContinuousClock.Instant) -> [Action] {
            guard !buckets[index].replacements.isEmpty else { return [] }
            let entries = buckets[index].entries
            guard !entries.contains(where: { $0.pingedAt != nil }) else { return [] }
            let questionable = entries.indices.filter { state(of: entries[$0], now: now) == .questionable }
            guard let oldest = questionable.min(by: { (entries[$0].lastSeen ?? now) < (entries[$1].lastSeen ?? now) }) else { return [] }
            buckets[index].entries[oldest].pingedAt = now
            return [.ping(entries[oldest].node)]
        }

        /// The last bucket becomes two: those sharing exactly its index with our id stay, the rest move on.
        private mutating func split(_ index: Int) {
            let old = buckets[index]
            var near = Bucket(lastChanged: old.lastChanged)
            var far = Bucket(lastChanged: old.lastChanged)
            for entry in old.entries {
                if ownID.commonPrefixLength(with: entry.node.id) > index { near.entries.append(entry) } else { far.entries.append(entry) }
            }
            for node in old.replacements {
                if ownID.commonPrefixLength(with: node.id) > index { near.replacements.append(node) } else { far.replacements.append(node) }
            }
            buckets[index] = far
            buckets.append(near)
        }

        // MARK: Reading

        /// Up to `count` nodes closest to `target` by XOR distance, bad ones left out.
        public func closest(to target: NodeID, count: Int = DHT.bucketSize, now: ContinuousClock.Instant) -> [NodeInfo] {
            var nodes: [NodeInfo] = []
            for bucket in buckets {
                for entry in bucket.entries where state(of: entry, now: now) != .bad { nodes.append(entry.node) }
            }
            return Array(nodes.sorted { target.distance(to: $0.id) < target.distance(to: $1.id) }.prefix(count))
        }

        /// Every node worth remembering across restarts: good ones first, then questionable ones.
        public func snapshot(now: ContinuousClock.Instant) -> [NodeInfo] {
            let entries = buckets.flatMap(\.entries)
            let good = entries.filter { state(of: $0, now: now) == .good }.map(\.node)
            let questionable = entries.filter { state(of: $0, now: now) == .questionable }.map(\.node)
            return good + questionable
        }

        // MARK: Refresh

        /// A random target in the range of each bucket untouched for 15 minutes (and marks them touched):
        /// the engine runs a find_node for each, whose answers refresh the bucket.
        public mutating func refreshTargets(now: ContinuousClock.Instant, using generator: inout some RandomNumberGenerator) -> [NodeID] {
            var targets: [NodeID] = []
            for index in buckets.indices where buckets[index].lastChanged.duration(to: now) >= questionableAfter {
                buckets[index].lastChanged = now
                let isLast = index == buckets.count - 1
                targets.append(ownID.randomized(keepingPrefix: index, flippingNextBit: !isLast, using: &generator))
            }
            return targets
        }
    }
}
