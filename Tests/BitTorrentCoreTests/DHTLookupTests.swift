import BitTorrentCore
import Testing

/// The lookup against a simulated network: every node answers with the K nodes it knows closest to
/// the target; some never answer; some lie.
@Suite struct DHTLookupTests {
    static let start = ContinuousClock.now

    struct Network {
        var nodes: [DHT.NodeInfo]
        var byAddress: [PeerAddress: DHT.NodeInfo]
        var silent: Set<PeerAddress> = []
        /// Peers held by the nodes closest to the target (for get_peers).
        var values: [PeerAddress: [PeerAddress]] = [:]

        init(count: Int, seed: UInt64) {
            var random = SplitMix64(seed: seed)
            nodes = (0..<count).map { i in
                DHT.NodeInfo(id: .random(using: &random), address: PeerAddress(host: "10.\(i / 65536).\(i / 256 % 256).\(i % 256)", port: 6881))
            }
            byAddress = Dictionary(uniqueKeysWithValues: nodes.map { ($0.address, $0) })
        }

        func closest(to target: DHT.NodeID, count: Int = 8, answering: Bool = false) -> [DHT.NodeInfo] {
            Array(nodes.filter { !answering || !silent.contains($0.address) }.sorted { target.distance(to: $0.id) < target.distance(to: $1.id) }.prefix(count))
        }
    }

    /// Runs a lookup to the end: answers queries in the order they were sent, times out the silent ones
    /// (5 s later), and checks that at most alpha queries are ever in flight.
    static func run(
        _ lookup: inout DHT.Lookup,
        on network: Network,
        lie: ((PeerAddress, Int) -> [DHT.NodeInfo]?)? = nil
    ) -> (DHT.Lookup.Result, queried: [PeerAddress]) {
        var now = start
        var queue: [PeerAddress] = []
        var queried: [PeerAddress] = []
        var result: DHT.Lookup.Result?
        func handle(_ actions: [DHT.Lookup.Action]) {
            for action in actions {
                switch action {
                case .query(let address, _):
                    queue.append(address)
                    queried.append(address)
                case .finished(let found):
                    #expect(result == nil, "finished twice")
                    result = found
                }
            }
            #expect(lookup.inFlight <= lookup.configuration.alpha)
        }
        handle(lookup.start(now: now))
        var rounds = 0
        while result == nil, rounds < 10_000 {
            rounds += 1
            if queue.isEmpty {
                now += .seconds(5)
                handle(lookup.timeOut(now: now))
                continue
            }
            let address = queue.removeFirst()
            guard !network.silent.contains(address), let node = network.byAddress[address] else { continue }
            now += .milliseconds(10)
            let nodes = lie?(address, queried.count) ?? network.closest(to: lookup.target.id, count: 16)
            handle(lookup.responded(from: address, id: node.id, nodes: nodes, values: network.values[address] ?? [], token: Array(node.id.bytes.prefix(4)), now: now))
        }
        return (result ?? DHT.Lookup.Result(peers: [], closest: [], queries: -1), queried)
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5])
    func findNodeConvergesOnTheKClosest(seed: UInt64) {
        let network = Network(count: 500, seed: seed)
        var random = SplitMix64(seed: seed + 100)
        let target = DHT.NodeID.random(using: &random)
        let seeds = (0..<8).map { _ in network.nodes[Int(random.next() % 500)] }
        var lookup = DHT.Lookup(target: .node(target), seeds: seeds)
        let (result, queried) = Self.run(&lookup, on: network)
        #expect(result.closest.map(\.node) == network.closest(to: target))
        #expect(lookup.isFinished)
        #expect(result.queries == queried.count)
        #expect(Set(queried).count == queried.count, "an address was asked twice")
        #expect(result.queries <= lookup.configuration.maxQueries)
    }

    @Test func silentNodesTimeOutAndTheLookupGoesOnWithoutThem() {
        var network = Network(count: 300, seed: 9)
        var random = SplitMix64(seed: 10)
        let target = DHT.NodeID.random(using: &random)
        // Half of the 16 closest never answer.
        for (i, node) in network.closest(to: target, count: 16).enumerated() where i % 2 == 0 { network.silent.insert(node.address) }
        var lookup = DHT.Lookup(target: .node(target), seeds: Array(network.nodes.prefix(5)))
        let (result, _) = Self.run(&lookup, on: network)
        #expect(result.closest.map(\.node) == network.closest(to: target, answering: true))
        #expect(lookup.nextTimeout == nil)
    }

    @Test func getPeersCollectsPeersAndTokensFromTheClosest() throws {
        var network = Network(count: 300, seed: 11)
        let infoHash = try #require(InfoHash(bytes: (0..<20).map { UInt8($0) }))
        let holders = network.closest(to: DHT.NodeID(infoHash), count: 3)
        let peers = (1...5).map { PeerAddress(host: "192.168.1.\($0)", port: 51413) }
        network.values[holders[0].address] = Array(peers[0..<3])
        network.values[holders[1].address] = Array(peers[2..<5])  // one repeat
        var lookup = DHT.Lookup(target: .peers(infoHash), seeds: Array(network.nodes.suffix(4)))
        #expect(lookup.method(sender: .zero) == .getPeers(infoHash: infoHash))
        let (result, _) = Self.run(&lookup, on: network)
        #expect(result.peers == peers)
        #expect(result.closest.count == 8)
        for responder in result.closest { #expect(responder.token == Array(responder.node.id.bytes.prefix(4))) }
    }

    @Test func bootstrapAddressesAreAskedFirstAndLearnTheirIDs() {
        let network = Network(count: 100, seed: 12)
        let bootstrap = [network.nodes[0].address, network.nodes[1].address, network.nodes[1].address]
        var lookup = DHT.Lookup(target: .node(network.nodes[50].id), seeds: [network.nodes[7]], bootstrap: bootstrap)
        let first = lookup.start(now: Self.start)
        #expect(first == [
            .query(network.nodes[0].address, expectedID: nil),
            .query(network.nodes[1].address, expectedID: nil),
            .query(network.nodes[7].address, expectedID: network.nodes[7].id),
        ])
        var fresh = DHT.Lookup(target: .node(network.nodes[50].id), seeds: [network.nodes[7]], bootstrap: bootstrap)
        let (result, _) = Self.run(&fresh, on: network)
        #expect(result.closest.first?.node == network.nodes[50])
        // An empty lookup (no seeds at all) finishes at once.
        var empty = DHT.Lookup(target: .node(.zero), seeds: [])
        #expect(empty.start(now: Self.start) == [.finished(DHT.Lookup.Result(peers: [], closest: [], queries: 0))])
    }

    @Test func liarsInventingCloserNodesCannotKeepALookupGoing() {
        let network = Network(count: 200, seed: 13)
        var random = SplitMix64(seed: 14)
        let target = DHT.NodeID.random(using: &random)
        var fake = 0
        // Every answer names 50 fresh nodes closer than anything real (that never answer).
        let lie: (PeerAddress, Int) -> [DHT.NodeInfo]? = { _, _ in
            (0..<50).map { _ in
                fake += 1
                return DHT.NodeInfo(id: target.randomized(keepingPrefix: 40, using: &random), address: PeerAddress(host: "172.16.\(fake / 256 % 256).\(fake % 256)", port: 1))
            }
        }
        var lookup = DHT.Lookup(target: .node(target), seeds: Array(network.nodes.prefix(8)))
        let (result, queried) = Self.run(&lookup, on: network, lie: lie)
        #expect(lookup.isFinished)
        #expect(queried.count <= lookup.configuration.maxQueries)
        #expect(result.queries <= lookup.configuration.maxQueries)
    }

    @Test func aLateAnswerStillCountsAndOurOwnIDIsNeverACandidate() {
        let network = Network(count: 50, seed: 15)
        let own = network.nodes[1].id
        let target = network.nodes[2].id
        var lookup = DHT.Lookup(target: .node(target), seeds: [network.nodes[0]], ownID: own)
        _ = lookup.start(now: Self.start)
        _ = lookup.timeOut(now: Self.start + .seconds(4))  // nodes[0] failed…
        #expect(lookup.isFinished)
        var again = DHT.Lookup(target: .node(target), seeds: [network.nodes[0], network.nodes[1]], ownID: own)
        let actions = again.start(now: Self.start)
        #expect(actions == [.query(network.nodes[0].address, expectedID: network.nodes[0].id)])
        _ = again.timeOut(now: Self.start + .seconds(4))
        #expect(again.isFinished)

        var late = DHT.Lookup(target: .node(target), seeds: [network.nodes[0], network.nodes[3]], configuration: .init(alpha: 1))
        guard case .query(let first, _)? = late.start(now: Self.start).first else {
            Issue.record("no first query")
            return
        }
        _ = late.timeOut(now: Self.start + .seconds(4))
        // …but its answer arrives after all and is used.
        let node = network.byAddress[first]!
        _ = late.responded(from: first, id: node.id, nodes: [network.nodes[2]], now: Self.start + .seconds(5))
        #expect(late.result.closest.contains { $0.node == node })
    }
}
