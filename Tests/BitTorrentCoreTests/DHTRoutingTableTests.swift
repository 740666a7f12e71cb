import BitTorrentCore
import Testing

@Suite struct DHTRoutingTableTests {
    static let start = ContinuousClock.now
    static let own = nodeID("00")

    static func node(_ hexPrefix: String, port: UInt16) -> DHT.NodeInfo {
        DHT.NodeInfo(id: nodeID(hexPrefix), address: PeerAddress(host: "10.0.0.1", port: port))
    }

    /// Nodes sharing exactly `prefix` leading bits with `own` (all zeros): bit `prefix` set, then `tail`.
    static func node(sharing prefix: Int, tail: UInt8, port: UInt16) -> DHT.NodeInfo {
        var bytes = [UInt8](repeating: 0, count: 20)
        bytes[prefix / 8] |= 0x80 >> UInt8(prefix % 8)
        bytes[19] |= tail
        if prefix / 8 == 19 { bytes[19] = 0x80 >> UInt8(prefix % 8) }
        return DHT.NodeInfo(id: DHT.NodeID(bytes: bytes)!, address: PeerAddress(host: "10.0.\(prefix).\(tail)", port: port))
    }

    @Test func nodesThatAnswerGetInAndTheBucketOfOurIDSplits() {
        var table = DHT.RoutingTable(ownID: Self.own, now: Self.start)
        // 8 far nodes (first bit differs) fill bucket 0; then nodes sharing 1, 2, 3 bits split the last bucket.
        for i in 0..<8 { #expect(table.heard(from: Self.node(sharing: 0, tail: UInt8(i), port: 1000), .responded, now: Self.start).isEmpty) }
        #expect(table.buckets.count == 1 && table.count == 8)
        for prefix in 1...3 {
            for i in 0..<8 { _ = table.heard(from: Self.node(sharing: prefix, tail: UInt8(i), port: 1000), .responded, now: Self.start) }
        }
        #expect(table.count == 32)
        #expect(table.buckets.count == 4)
        #expect(table.buckets.map(\.entries.count) == [8, 8, 8, 8])
        for (index, bucket) in table.buckets.enumerated() {
            for entry in bucket.entries { #expect(Self.own.commonPrefixLength(with: entry.node.id) == index) }
        }
        // A ninth far node: the far bucket is full of good nodes and cannot split: it waits as a replacement.
        #expect(table.heard(from: Self.node(sharing: 0, tail: 99, port: 1000), .responded, now: Self.start).isEmpty)
        #expect(table.count == 32)
        #expect(table.buckets[0].replacements.count == 1)
        #expect(table.goodCount(now: Self.start) == 32)
    }

    @Test(arguments: [
        // seconds since last response (nil: never), since last query, failures → state
        (Int?.some(0), Int?.none, 0, DHT.RoutingTable.NodeState.good),
        (899, nil, 0, .good),
        (900, nil, 0, .questionable),
        (3600, 10, 0, .good),
        (3600, 900, 0, .questionable),
        (0, nil, 1, .good),
        (0, nil, 2, .bad),
        (nil, 0, 0, .questionable),
    ])
    func nodeStates(response: Int?, query: Int?, failures: Int, expected: DHT.RoutingTable.NodeState) {
        let now = Self.start + .seconds(10_000)
        var entry = DHT.RoutingTable.Entry(node: Self.node("80", port: 1))
        entry.lastResponse = response.map { now - .seconds($0) }
        entry.lastQuery = query.map { now - .seconds($0) }
        entry.failures = failures
        let table = DHT.RoutingTable(ownID: Self.own, now: Self.start)
        #expect(table.state(of: entry, now: now) == expected)
    }

    @Test func aNodeThatOnlyQueriedUsIsPingedNotAdded() {
        var table = DHT.RoutingTable(ownID: Self.own, now: Self.start)
        let stranger = Self.node("80", port: 7)
        #expect(table.heard(from: stranger, .queried, now: Self.start) == [.ping(stranger)])
        #expect(table.count == 0)
        #expect(table.heard(from: stranger, .responded, now: Self.start).isEmpty)
        #expect(table.count == 1)
        // Known now: its queries keep it good without a ping.
        #expect(table.heard(from: stranger, .queried, now: Self.start + .seconds(1000)).isEmpty)
        #expect(table.entry(for: stranger.id).map { table.state(of: $0, now: Self.start + .seconds(1000)) } == .good)
        // Ourselves never get in.
        #expect(table.heard(from: DHT.NodeInfo(id: Self.own, address: PeerAddress(host: "1.1.1.1", port: 1)), .responded, now: Self.start).isEmpty)
        #expect(table.count == 1)
    }

    @Test func oneEntryPerIDAndPerAddress() {
        var table = DHT.RoutingTable(ownID: Self.own, now: Self.start)
        let first = Self.node("80", port: 1)
        _ = table.heard(from: first, .responded, now: Self.start)
        // The same id from elsewhere is ignored while the first answers…
        _ = table.heard(from: DHT.NodeInfo(id: first.id, address: PeerAddress(host: "10.9.9.9", port: 2)), .responded, now: Self.start)
        #expect(table.entry(for: first.id)?.node.address == first.address)
        // …and another id at a known address too.
        _ = table.heard(from: DHT.NodeInfo(id: nodeID("81"), address: first.address), .responded, now: Self.start)
        #expect(table.count == 1)
    }

    @Test func aFullBucketPingsItsOldestQuestionableNodeAndReplacesItWhenItGoesBad() {
        var table = DHT.RoutingTable(ownID: Self.own, now: Self.start)
        let far = (0..<8).map { Self.node(sharing: 0, tail: UInt8($0), port: 1000) }
        for (i, node) in far.enumerated() { _ = table.heard(from: node, .responded, now: Self.start + .seconds(i)) }
        let later = Self.start + .seconds(1000)  // all questionable now
        let newcomer = Self.node(sharing: 0, tail: 50, port: 1000)
        #expect(table.heard(from: newcomer, .responded, now: later) == [.ping(far[0])])
        // A second newcomer waits for the same ping.
        let second = Self.node(sharing: 0, tail: 51, port: 1000)
        #expect(table.heard(from: second, .responded, now: later).isEmpty)
        // First failure: questionable still, so it is pinged again; the second makes it bad and the newest replacement takes its place.
        #expect(table.failed(far[0], now: later) == [.ping(far[0])])
        #expect(table.failed(far[0], now: later) == [.ping(far[1])])
        #expect(table.entry(for: far[0].id) == nil)
        #expect(table.entry(for: second.id) != nil)
        #expect(table.buckets[0].replacements == [newcomer])
        // The pinged node answers: it stays, good again, and nothing more is pinged.
        #expect(table.heard(from: far[1], .responded, now: later).isEmpty)
        #expect(table.entry(for: far[1].id).map { table.state(of: $0, now: later) } == .good)
    }

    @Test func aBadNodeIsReplacedAtOnceByANodeThatAnswers() {
        var table = DHT.RoutingTable(ownID: Self.own, now: Self.start)
        let far = (0..<8).map { Self.node(sharing: 0, tail: UInt8($0), port: 1000) }
        for node in far { _ = table.heard(from: node, .responded, now: Self.start) }
        _ = table.failed(far[3], now: Self.start)
        _ = table.failed(far[3], now: Self.start)
        let newcomer = Self.node(sharing: 0, tail: 60, port: 1000)
        #expect(table.heard(from: newcomer, .responded, now: Self.start).isEmpty)
        #expect(table.entry(for: far[3].id) == nil)
        #expect(table.entry(for: newcomer.id) != nil)
        // closest() leaves bad nodes out and sorts by distance.
        _ = table.failed(far[5], now: Self.start)
        _ = table.failed(far[5], now: Self.start)
        let closest = table.closest(to: far[0].id, count: 8, now: Self.start)
        #expect(closest.first == far[0])
        #expect(!closest.contains(far[5]))
        #expect(closest == closest.sorted { far[0].id.distance(to: $0.id) < far[0].id.distance(to: $1.id) })
        #expect(table.snapshot(now: Self.start).count == 7)
    }

    @Test func bucketsUntouchedFor15MinutesAreRefreshedWithATargetInTheirRange() {
        var table = DHT.RoutingTable(ownID: Self.own, now: Self.start)
        for prefix in 0...2 {
            for i in 0..<8 { _ = table.heard(from: Self.node(sharing: prefix, tail: UInt8(i), port: 1000), .responded, now: Self.start) }
        }
        var random = SplitMix64(seed: 5)
        #expect(table.refreshTargets(now: Self.start + .seconds(899), using: &random).isEmpty)
        // Bucket 1 changes at 600 s: only the others are due at 900 s.
        _ = table.heard(from: Self.node(sharing: 1, tail: 0, port: 1000), .responded, now: Self.start + .seconds(600))
        let targets = table.refreshTargets(now: Self.start + .seconds(900), using: &random)
        #expect(targets.count == table.buckets.count - 1)
        let lastIndex = table.buckets.count - 1
        for target in targets {
            let shared = Self.own.commonPrefixLength(with: target)
            #expect(shared == 0 || shared >= lastIndex, "target \(target) is in bucket \(shared)")
        }
        #expect(table.refreshTargets(now: Self.start + .seconds(901), using: &random).isEmpty)
    }
}
