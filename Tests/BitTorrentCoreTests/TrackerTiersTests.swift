import BitTorrentCore
import Testing

@Suite struct TrackerTiersTests {
    @Test func eachTierIsShuffledOnceAndTiersKeepTheirOrder() {
        let given = [["http://a/1", "http://a/2", "http://a/3", "http://a/4"], ["udp://b:1", "udp://b:2"], ["http://c/"]]
        let tiers = TrackerTiers(tiers: given, salt: 7)
        #expect(tiers.tiers.count == 3)
        for (shuffled, original) in zip(tiers.tiers, given) {
            #expect(shuffled.sorted() == original.sorted())
        }
        #expect(tiers.announceOrder == tiers.tiers.flatMap { $0 })
        // The same salt gives the same order; some other salt gives another (the shuffle is not a no-op).
        #expect(TrackerTiers(tiers: given, salt: 7) == tiers)
        #expect((1...20).contains { TrackerTiers(tiers: given, salt: $0).tiers[0] != tiers.tiers[0] })
    }

    @Test func aTrackerThatAnswersMovesToTheFrontOfItsTierOnly() {
        var tiers = TrackerTiers(tiers: [["http://a/1", "http://a/2", "http://a/3"], ["http://b/1", "http://b/2"]], salt: 1)
        let firstTier = tiers.tiers[0]
        let secondTier = tiers.tiers[1]
        tiers.announceSucceeded(to: firstTier[2])
        #expect(tiers.tiers[0] == [firstTier[2], firstTier[0], firstTier[1]])
        tiers.announceSucceeded(to: secondTier[1])
        #expect(tiers.tiers[1] == [secondTier[1], secondTier[0]])
        #expect(tiers.tiers[0] == [firstTier[2], firstTier[0], firstTier[1]])
        tiers.announceSucceeded(to: "http://unknown/")
        #expect(tiers.announceOrder.count == 5)
    }

    @Test func unsupportedAndMalformedURLsAreSkippedWithTheReason() {
        let tiers = TrackerTiers(
            tiers: [["https://secure/announce", "wss://tracker.example/"], ["http://ok/announce", "udp://nohost/announce", "http://ok/announce"], ["garbage"]],
            salt: 3
        )
        #expect(tiers.tiers == [["http://ok/announce"]])
        #expect(tiers.skipped == [
            .init(url: "https://secure/announce", reason: .unsupportedScheme("https")),
            .init(url: "wss://tracker.example/", reason: .unsupportedScheme("wss")),
            .init(url: "udp://nohost/announce", reason: .invalidURL("udp://nohost/announce")),
            .init(url: "garbage", reason: .invalidURL("garbage")),
        ])
        #expect(TrackerTiers(tiers: [["https://only/"], []], salt: 0).isEmpty)
    }

    @Test func fromMetainfoAndMagnet() throws {
        let metainfo = try TorrentMetainfo(bytes: Fixtures.singleFile)
        #expect(TrackerTiers(metainfo: metainfo, salt: 9).tiers == [["http://127.0.0.1:6969/announce"]])
        let magnet = try MagnetLink(parsing: "magnet:?xt=urn:btih:\(Fixtures.singleFileHash)&tr=udp%3A%2F%2Fa%3A1&tr=http%3A%2F%2Fb%2Fann&tr=https%3A%2F%2Fc%2F")
        let tiers = TrackerTiers(magnet: magnet, salt: 9)
        #expect(tiers.tiers.count == 1)
        #expect(tiers.tiers[0].sorted() == ["http://b/ann", "udp://a:1"])
        #expect(tiers.skipped.map(\.url) == ["https://c/"])
    }

    @Test(arguments: [
        ("http://tracker.example/announce", TrackerURL.Scheme.http, "tracker.example", UInt16(80), "/announce"),
        ("HTTP://t.example:6969/a/b?passkey=x#frag", .http, "t.example", 6969, "/a/b?passkey=x"),
        ("http://t.example?x=1", .http, "t.example", 80, "/?x=1"),
        ("udp://tracker.example:1337/announce", .udp, "tracker.example", 1337, "/announce"),
        ("udp://[2001:db8::1]:6969", .udp, "2001:db8::1", 6969, "/"),
        ("http://[::1]/announce", .http, "::1", 80, "/announce"),
    ])
    func parsesTrackerURLs(url: String, scheme: TrackerURL.Scheme, host: String, port: UInt16, pathAndQuery: String) throws {
        let parsed = try TrackerURL(parsing: url)
        #expect(parsed.scheme == scheme)
        #expect(parsed.host == host)
        #expect(parsed.port == port)
        #expect(parsed.pathAndQuery == pathAndQuery)
    }

    @Test(arguments: [
        ("https://t/announce", TrackerError.unsupportedScheme("https")),
        ("wss://t/", .unsupportedScheme("wss")),
        ("udp://t/announce", .invalidURL("udp://t/announce")),
        ("http://t:0/", .invalidURL("http://t:0/")),
        ("http://t:99999/", .invalidURL("http://t:99999/")),
        ("http:///announce", .invalidURL("http:///announce")),
        ("http://user@t/", .invalidURL("http://user@t/")),
        ("http://t/a b", .invalidURL("http://t/a b")),
        ("http://t/a\r\nX: y", .invalidURL("http://t/a\r\nX: y")),
        ("http://[::1/", .invalidURL("http://[::1/")),
        ("t/announce", .invalidURL("t/announce")),
    ])
    func refusesTrackerURLs(url: String, error: TrackerError) {
        #expect(throws: error) { try TrackerURL(parsing: url) }
    }

    @Test func hostHeader() throws {
        #expect(try TrackerURL(parsing: "http://t/a").hostHeader == "t")
        #expect(try TrackerURL(parsing: "http://t:8080/a").hostHeader == "t:8080")
        #expect(try TrackerURL(parsing: "http://[::1]:8080/a").hostHeader == "[::1]:8080")
    }
}

@Suite struct AnnounceScheduleTests {
    let start = ContinuousClock.now

    @Test func startedFirstThenRegularAnnouncesAtTheInterval() {
        var schedule = AnnounceSchedule(now: start)
        #expect(schedule.announceIfDue(at: start) == .started)
        #expect(schedule.announceIfDue(at: start) == nil)  // one in flight at a time
        schedule.announceSucceeded(interval: 1800, minInterval: 900, at: start)
        #expect(schedule.nextAnnounceAt == start + .seconds(1800))
        #expect(schedule.announceIfDue(at: start + .seconds(1799)) == nil)
        #expect(schedule.announceIfDue(at: start + .seconds(1800)) == TrackerAnnounce.Event.none)
    }

    @Test func aTrackerIntervalBelowTheFloorIsRaised() {
        var schedule = AnnounceSchedule(now: start)
        _ = schedule.announceIfDue(at: start)
        schedule.announceSucceeded(interval: 0, minInterval: nil, at: start)
        #expect(schedule.nextAnnounceAt == start + .seconds(60))
    }

    @Test(arguments: [(1, 15), (2, 30), (3, 60), (4, 120), (7, 960), (8, 1800), (9, 1800), (40, 1800)])
    func failuresBackOffExponentially(failures: Int, seconds: Int) {
        var schedule = AnnounceSchedule(now: start)
        var now = start
        for _ in 0..<failures {
            #expect(schedule.announceIfDue(at: now) == .started)  // never acknowledged: still `started`
            schedule.announceFailed(at: now)
            now = schedule.nextAnnounceAt!
        }
        #expect(schedule.consecutiveFailures == failures)
        #expect(schedule.retryDelay(afterFailures: failures) == .seconds(seconds))
    }

    @Test func aSuccessResetsTheBackOff() {
        var schedule = AnnounceSchedule(now: start)
        _ = schedule.announceIfDue(at: start)
        schedule.announceFailed(at: start)
        #expect(schedule.nextAnnounceAt == start + .seconds(15))
        _ = schedule.announceIfDue(at: start + .seconds(15))
        schedule.announceFailed(at: start + .seconds(15))
        #expect(schedule.nextAnnounceAt == start + .seconds(45))
        _ = schedule.announceIfDue(at: start + .seconds(45))
        schedule.announceSucceeded(interval: 600, minInterval: nil, at: start + .seconds(45))
        #expect(schedule.consecutiveFailures == 0)
        #expect(schedule.announceIfDue(at: start + .seconds(645)) == TrackerAnnounce.Event.none)
        schedule.announceFailed(at: start + .seconds(645))
        #expect(schedule.nextAnnounceAt == start + .seconds(660))
    }

    @Test func completedIsAnnouncedOnceWhenTheDownloadFinishes() {
        var schedule = AnnounceSchedule(now: start)
        _ = schedule.announceIfDue(at: start)
        schedule.announceSucceeded(interval: 1800, minInterval: nil, at: start)
        let finish = start + .seconds(100)
        schedule.downloadFinished(at: finish)
        #expect(schedule.nextAnnounceAt == finish)
        #expect(schedule.announceIfDue(at: finish) == .completed)
        schedule.announceFailed(at: finish)
        #expect(schedule.announceIfDue(at: finish + .seconds(15)) == .completed)  // retried until a tracker hears it
        schedule.announceSucceeded(interval: 1800, minInterval: nil, at: finish + .seconds(15))
        schedule.downloadFinished(at: finish + .seconds(20))  // again (say, after re-checking): not again
        #expect(schedule.nextAnnounceAt == finish + .seconds(1815))
        #expect(schedule.announceIfDue(at: finish + .seconds(1815)) == TrackerAnnounce.Event.none)
    }

    @Test func aDownloadFinishingWhileStartedIsInFlightAnnouncesCompletedRightAfter() {
        var schedule = AnnounceSchedule(now: start)
        #expect(schedule.announceIfDue(at: start) == .started)
        schedule.downloadFinished(at: start + .seconds(1))
        schedule.announceSucceeded(interval: 1800, minInterval: nil, at: start + .seconds(2))
        #expect(schedule.announceIfDue(at: start + .seconds(2)) == .completed)
    }

    @Test func stoppedOnlyWhenATrackerMayKnowUs() {
        var neverStarted = AnnounceSchedule(now: start)
        #expect(neverStarted.stop() == nil)
        #expect(neverStarted.isStopped)
        #expect(neverStarted.announceIfDue(at: start) == nil)

        var startedInFlight = AnnounceSchedule(now: start)
        _ = startedInFlight.announceIfDue(at: start)
        #expect(startedInFlight.stop() == .stopped)

        var running = AnnounceSchedule(now: start)
        _ = running.announceIfDue(at: start)
        running.announceSucceeded(interval: 60, minInterval: nil, at: start)
        #expect(running.stop() == .stopped)
        #expect(running.stop() == nil)  // once
        #expect(running.nextAnnounceAt == nil)
        running.reannounce(at: start + .seconds(120))
        #expect(running.announceIfDue(at: start + .seconds(120)) == nil)
    }

    @Test func aReannounceWaitsForTheMinInterval() {
        var schedule = AnnounceSchedule(now: start)
        _ = schedule.announceIfDue(at: start)
        schedule.announceSucceeded(interval: 1800, minInterval: 300, at: start)
        schedule.reannounce(at: start + .seconds(10))
        #expect(schedule.nextAnnounceAt == start + .seconds(300))
        schedule.reannounce(at: start + .seconds(400))
        #expect(schedule.nextAnnounceAt == start + .seconds(300))  // already sooner
        #expect(schedule.announceIfDue(at: start + .seconds(300)) == TrackerAnnounce.Event.none)
    }
}
