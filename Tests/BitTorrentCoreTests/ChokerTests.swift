import BitTorrentCore
import Testing

@Suite struct ChokerTests {
    let t0 = ContinuousClock.now
    let p = (1...6).map { PeerHandle(UInt64($0)) }

    func connected(_ count: Int, slots: Int) -> Choker {
        var choker = Choker(uploadSlots: slots)
        for index in 0..<count { choker.peerConnected(p[index], at: t0 + .seconds(index)) }
        return choker
    }

    @Test func unchokesAtOnceWhileSlotsAreFree() {
        var choker = connected(3, slots: 2)
        #expect(choker.peerInterested(p[0]) == [.unchoke(p[0])])
        #expect(choker.peerInterested(p[1]) == [.unchoke(p[1])])
        #expect(choker.peerInterested(p[2]) == [])
        #expect(choker.peerInterested(p[2]) == [])  // repeated interest changes nothing
        // A slot frees: the waiting peer gets it now, not at the next rechoke.
        #expect(choker.peerDisconnected(p[0]) == [.unchoke(p[2])])
        #expect(choker.peerNotInterested(p[1]) == [.choke(p[1])])
        #expect(choker.unchoked == [p[2]])
        #expect(choker.peerDisconnected(p[1]) == [])
    }

    @Test func rechokeFavoursRatesAndKeepsOneOptimisticSlot() {
        var choker = connected(6, slots: 3)
        for peer in p { _ = choker.peerInterested(peer) }
        #expect(choker.unchoked == [p[0], p[1], p[2]])
        let rates = [p[0]: 10, p[1]: 0, p[2]: 0, p[3]: 500, p[4]: 300, p[5]: 0]
        let decisions = choker.rechoke(at: t0 + .seconds(10), rates: rates)
        // Regular: p3 and p4 (best rates). Optimistic: never had a turn, earliest connected, not regular: p0.
        #expect(choker.unchoked == [p[3], p[4], p[0]])
        #expect(choker.optimistic == p[0])
        #expect(Set(decisions) == [.choke(p[1]), .choke(p[2]), .unchoke(p[3]), .unchoke(p[4])])
    }

    @Test func optimisticSlotRotatesEveryThirtySeconds() {
        var choker = connected(5, slots: 2)
        for peer in p.prefix(5) { _ = choker.peerInterested(peer) }
        let rates = [p[0]: 100]
        _ = choker.rechoke(at: t0 + .seconds(10), rates: rates)
        #expect(choker.unchoked == [p[0], p[1]])
        _ = choker.rechoke(at: t0 + .seconds(20), rates: rates)
        #expect(choker.optimistic == p[1])  // 10 s later: not yet
        var turns: [PeerHandle] = []
        for step in 1...4 {
            _ = choker.rechoke(at: t0 + .seconds(10 + 30 * step), rates: rates)
            turns.append(choker.optimistic!)
            #expect(choker.unchoked == [p[0], choker.optimistic!])
        }
        // Every waiting peer gets a turn before anyone gets a second one.
        #expect(turns == [p[2], p[3], p[4], p[1]])
    }

    @Test func fewInterestedPeersAreAllUnchoked() {
        var choker = connected(4, slots: 4)
        _ = choker.peerInterested(p[0])
        _ = choker.peerInterested(p[1])
        #expect(choker.rechoke(at: t0 + .seconds(10), rates: [p[1]: 5]) == [])
        #expect(choker.unchoked == [p[0], p[1]])
    }

    @Test func optimisticPeerThatLosesInterestIsReplacedAtOnce() {
        var choker = connected(4, slots: 2)
        for peer in p.prefix(4) { _ = choker.peerInterested(peer) }
        _ = choker.rechoke(at: t0 + .seconds(10), rates: [p[3]: 9])
        #expect(choker.optimistic == p[0])
        #expect(choker.peerNotInterested(p[0]) == [.choke(p[0]), .unchoke(p[1])])
        #expect(choker.optimistic == nil)
    }
}
