extension DHT {
    /// One iterative lookup (Kademlia, as BEP 5 uses it): find_node for a node id, or get_peers for an
    /// infohash, converging on the K nodes closest to the target.
    ///
    /// Candidates are kept by XOR distance to the target. Up to `alpha` queries are in flight, always to
    /// the closest candidates not yet asked among the K closest that have not failed; every answer adds
    /// the nodes it names, and for get_peers the peers (`values`) and the write token. The lookup is done
    /// when none of the K closest live candidates is waiting to be asked or answering. A query unanswered
    /// after `queryTimeout` counts as failed (`timeOut(now:)`), and a budget of queries bounds the whole
    /// thing however many fresh "closer" nodes a hostile answer invents.
    ///
    /// Seeds are nodes from the routing table, and addresses without a known id (bootstrap nodes, the
    /// start of a fresh node): those are asked first.
    ///
    /// The engine performs `.query` by sending the lookup's query (`method(sender:)`) and
    /// reports `responded`/`failed`; `.finished` comes exactly once.
    public struct Lookup: Sendable {
        public enum Target: Sendable, Hashable {
            case node(NodeID)
            case peers(InfoHash)

            public var id: NodeID {
                switch self {
                case .node(let id): id
                case .peers(let infoHash): NodeID(infoHash)
                }
            }
        }

        public struct Configuration: Sendable, Hashable {
            public var alpha: Int
            public var k: Int
            public var queryTimeout: Duration
            public var maxQueries: Int
            /// Candidates kept; farther ones not yet asked are dropped.
            public var maxCandidates: Int
            /// Nodes taken from one answer.
            public var maxNodesPerResponse: Int
            public var maxPeers: Int

            public init(alpha: Int = DHT.alpha, k: Int = DHT.bucketSize, queryTimeout: Duration = .seconds(4), maxQueries: Int = 64,
                        maxCandidates: Int = 100, maxNodesPerResponse: Int = 16, maxPeers: Int = 1_000) {
                precondition(alpha > 0 && k > 0 && maxQueries > 0 && maxCandidates >= k, "a lookup needs room to work")
                self.alpha = alpha
                self.k = k
                self.queryTimeout = queryTimeout
                self.maxQueries = maxQueries
                self.maxCandidates = maxCandidates
                self.maxNodesPerResponse = maxNodesPerResponse
                self.maxPeers = maxPeers
            }
        }

        public enum Action: Sendable, Hashable {
            /// Send the lookup's query (`method(sender:)`) to this address; the id is the one the node
            /// was named with (nil for bootstrap addresses), so a timeout can be held against it.
            case query(PeerAddress, expectedID: NodeID?)
            case finished(Result)
        }

        /// A node that answered, with the token an announce_peer to it needs (get_peers).
        public struct Responder: Sendable, Hashable {
            public var node: NodeInfo
            public var token: [UInt8]?

            public init(node: NodeInfo, token: [UInt8]?) {
                self.node = node
                self.token = token
            }
        }

        public struct Result: Sendable, Hashable {
            /// Peers from every answer, first seen first, without repeats.
            public var peers: [PeerAddress]
            /// The K closest nodes that answered, closest first.
            public var closest: [Responder]
            public var queries: Int

            public init(peers: [PeerAddress], closest: [Responder], queries: Int) {
                self.peers = peers
                self.closest = closest
                self.queries = queries
            }
        }

        enum State: Sendable, Hashable {
            case waiting
            case asked(since: ContinuousClock.Instant)
            case answered(token: [UInt8]?)
            case failed
        }

        struct Candidate: Sendable {
            var address: PeerAddress
            var id: NodeID?
            var state: State
        }

        public let target: Target
        public let ownID: NodeID?
        public let configuration: Configuration
        private var candidates: [Candidate] = []
        private var peers: [PeerAddress] = []
        private var knownPeers: Set<PeerAddress> = []
        public private(set) var queries = 0
        public private(set) var isFinished = false

        /// `ownID` keeps ourselves out of the candidates when an answer names us.
        public init(target: Target, seeds: [NodeInfo], bootstrap: [PeerAddress] = [], ownID: NodeID? = nil, configuration: Configuration = Configuration()) {
            self.target = target
            self.ownID = ownID
            self.configuration = configuration
            for address in bootstrap where !candidates.contains(where: { $0.address == address }) {
                candidates.append(Candidate(address: address, id: nil, state: .waiting))
            }
            add(seeds)
        }

        /// The query each `.query` action stands for.
        public func method(sender: NodeID) -> Method {
            switch target {
            case .node(let id): .findNode(target: id)
            case .peers(let infoHash): .getPeers(infoHash: infoHash)
            }
        }

        public var inFlight: Int { candidates.count { if case .asked = $0.state { true } else { false } } }

        /// When the oldest query in flight times out: the engine's next `timeOut(now:)`.
        public var nextTimeout: ContinuousClock.Instant? {
            candidates.compactMap { if case .asked(let since) = $0.state { since + configuration.queryTimeout } else { nil } }.min()
        }

        public mutating func start(now: ContinuousClock.Instant) -> [Action] {
            advance(now: now)
        }

        /// An answer from `address`: its real id, the nodes it names, and for get_peers its peers and token.
        /// A late answer after a timeout still counts.
        public mutating func responded(from address: PeerAddress, id: NodeID, nodes: [NodeInfo], values: [PeerAddress] = [], token: [UInt8]? = nil, now: ContinuousClock.Instant) -> [Action] {
            guard !isFinished, let index = candidates.firstIndex(where: { $0.address == address }) else { return [] }
            switch candidates[index].state {
            case .asked, .failed: break
            case .waiting, .answered: return []  // never asked, or already answered: not a reply to us
            }
            var candidate = candidates.remove(at: index)
            candidate.id = id
            candidate.state = .answered(token: token)
            if id == ownID {
                candidate.state = .failed  // ourselves, at an address we did not know was ours
            }
            insert(candidate)
            for peer in values where peers.count < configuration.maxPeers && knownPeers.insert(peer).inserted {
                peers.append(peer)
            }
            add(Array(nodes.prefix(configuration.maxNodesPerResponse)))
            return advance(now: now)
        }

        /// The query to `address` failed (timeout, error reply, unreachable).
        public mutating func failed(_ address: PeerAddress, now: ContinuousClock.Instant) -> [Action] {
            guard !isFinished, let index = candidates.firstIndex(where: { $0.address == address }) else { return [] }
            guard case .asked = candidates[index].state else { return [] }
            candidates[index].state = .failed
            return advance(now: now)
        }

        /// Fails the queries in flight for longer than the query timeout.
        public mutating func timeOut(now: ContinuousClock.Instant) -> [Action] {
            guard !isFinished else { return [] }
            var expired = false
            for index in candidates.indices {
                if case .asked(let since) = candidates[index].state, since.duration(to: now) >= configuration.queryTimeout {
                    candidates[index].state = .failed
                    expired = true
                }
            }
            return expired ? advance(now: now) : []
        }

        // MARK: Internals

        private mutating func add(_ nodes: [NodeInfo]) {
            for node in nodes where node.id != ownID && !candidates.contains(where: { $0.address == node.address || $0.id == node.id }) {
                insert(Candidate(address: node.address, id: node.id, state: .waiting))
            }
            // Past the cap, the farthest not yet asked go.
            while candidates.count > configuration.maxCandidates, let last = candidates.lastIndex(where: { $0.state == .waiting }) {
                candidates.remove(at: last)
            }
        }

        /// Keeps `candidates` ordered: unknown ids (bootstrap) first, then by distance to the target.
        private mutating func insert(_ candidate: Candidate) {
            let position = candidates.firstIndex { Self.precedes(candidate, $0, target: target.id) } ?? candidates.endIndex
            candidates.insert(candidate, at: position)
        }

        private static func precedes(_ a: Candidate, _ b: Candidate, target: NodeID) -> Bool {
            switch (a.id, b.id) {
            case (nil, _): b.id != nil
            case (_, nil): false
            case (let x?, let y?): target.distance(to: x) < target.distance(to: y)
            }
        }

        private mutating func advance(now: ContinuousClock.Instant) -> [Action] {
            guard !isFinished else { return [] }
            var actions: [Action] = []
            var asked = inFlight
            var waitingInWindow = false
            var window = 0
            for index in candidates.indices where candidates[index].state != .failed {
                guard window < configuration.k else { break }
                window += 1
                guard candidates[index].state == .waiting else { continue }
                if asked < configuration.alpha, queries < configuration.maxQueries {
                    candidates[index].state = .asked(since: now)
                    asked += 1
                    queries += 1
                    actions.append(.query(candidates[index].address, expectedID: candidates[index].id))
                } else {
                    waitingInWindow = true
                }
            }
            let budgetLeft = queries < configuration.maxQueries
            if asked == 0, !waitingInWindow || !budgetLeft {
                isFinished = true
                actions.append(.finished(result))
            }
            return actions
        }

        public var result: Result {
            var closest: [Responder] = []
            for candidate in candidates {
                guard closest.count < configuration.k else { break }
                if case .answered(let token) = candidate.state, let id = candidate.id {
                    closest.append(Responder(node: NodeInfo(id: id, address: candidate.address), token: token))
                }
            }
            return Result(peers: peers, closest: closest, queries: queries)
        }
    }
}
