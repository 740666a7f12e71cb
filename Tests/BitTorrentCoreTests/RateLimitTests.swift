import BitTorrentCore
import Testing

@Suite("Token bucket, rate meter and address book")
struct RateLimitTests {
    let start = ContinuousClock.now

    @Test("an unlimited bucket never delays")
    func unlimited() {
        var bucket = TokenBucket(rate: nil, now: start)
        bucket.spend(1 << 30, now: start)
        #expect(bucket.delayUntilPositive(now: start) == .zero)
    }

    @Test("overdrawing delays by the deficit over the rate", arguments: [
        (rate: 1_000, spend: 1_000, expectedMilliseconds: 0),
        (rate: 1_000, spend: 1_500, expectedMilliseconds: 500),
        (rate: 16_384, spend: 16_384 * 3, expectedMilliseconds: 2_000),
    ])
    func delay(rate: Int, spend: Int, expectedMilliseconds: Int) {
        var bucket = TokenBucket(rate: rate, now: start)
        bucket.spend(spend, now: start)
        #expect(bucket.delayUntilPositive(now: start) == .milliseconds(expectedMilliseconds))
    }

    @Test("the bucket refills with time but never beyond one second's burst")
    func refill() {
        var bucket = TokenBucket(rate: 1_000, now: start)
        bucket.spend(2_000, now: start)
        #expect(bucket.delayUntilPositive(now: start + .milliseconds(500)) == .milliseconds(500))
        #expect(bucket.delayUntilPositive(now: start + .seconds(1)) == .zero)
        bucket.spend(0, now: start + .seconds(60))
        #expect(bucket.tokens == 1_000)
    }

    @Test("the meter averages over its window and forgets old seconds")
    func meter() {
        var meter = RateMeter(windowSeconds: 4, now: start)
        meter.record(4_000, now: start)
        #expect(meter.rate(now: start + .milliseconds(100)) == 4_000)  // a young meter: over the one second seen
        #expect(meter.rate(now: start + .seconds(2)) == 2_000)
        #expect(meter.rate(now: start + .seconds(5)) == 0)
        #expect(meter.total == 4_000)
    }

    @Test("addresses are dialled once, backed off after failures, and never when banned")
    func addressBook() throws {
        var book = PeerAddressBook(baseBackoff: .seconds(5))
        let a = try #require(PeerAddress("127.0.0.1:7001"))
        let b = try #require(PeerAddress("127.0.0.1:7002"))
        book.add([a, b, a], source: .tracker)
        #expect(book.count == 2)
        #expect(book.nextToDial(limit: 10, now: start) == [a, b])
        #expect(book.nextToDial(limit: 10, now: start).isEmpty)  // both busy
        book.failed(a, now: start)
        #expect(book.nextToDial(limit: 10, now: start + .seconds(4)).isEmpty)
        #expect(book.nextToDial(limit: 10, now: start + .seconds(5)) == [a])
        book.failed(a, now: start + .seconds(5))
        #expect(book.nextToDial(limit: 10, now: start + .seconds(14)).isEmpty)  // 10 s the second time
        book.ban(b)
        book.add([b], source: .pex)
        #expect(!book.contains(b))
        #expect(book.isBanned(b))
    }

    @Test("a user's peer is retried within seconds")
    func userPeer() throws {
        var book = PeerAddressBook()
        let a = try #require(PeerAddress("127.0.0.1:7001"))
        book.add([a], source: .user)
        _ = book.nextToDial(limit: 1, now: start)
        for _ in 0..<10 { book.failed(a, now: start) }
        #expect(book.nextToDial(limit: 1, now: start + .seconds(10)) == [a])
    }
}
