import BitTorrentCore
import Foundation
import KinoraCore
import Testing
@testable import TorrentsRole

@Suite("Transmission RPC rules")
struct TransmissionRPCRuleTests {
    @Test(arguments: [
        ("192.168.1.20", "192.168.*.*", true), ("192.168.1.20", "192.168.2.*", false), ("127.0.0.1", "127.0.0.1", true),
        ("Transmission.HomeLab.local", "*.homelab.local", true), ("homelab.local", "*.homelab.local", false),
        ("evil.com", "*", true), ("", "*", true), ("abc", "a*c*", true), ("abd", "a*c", false),
    ])
    func wildcards(value: String, pattern: String, matches: Bool) {
        #expect(RPCAccess.matches(value, pattern: pattern) == matches)
    }

    @Test(arguments: [("example.org:9091", "example.org"), ("[::1]:9091", "::1"), ("::1", "::1"), ("host", "host")])
    func hostNames(header: String, host: String) {
        #expect(RPCAccess.hostName(header) == host)
    }

    @Test func checksInTransmissionsOrder() {
        let access = RPCAccess(addressWhitelist: ["127.0.0.1"], username: "u", password: "p", hostWhitelist: ["*.homelab.local"])
        let good = "Basic " + Data("u:p".utf8).base64EncodedString()
        #expect(access.check(address: "10.0.0.1", authorization: nil, host: "evil") == .forbiddenAddress("10.0.0.1"))
        #expect(access.check(address: "127.0.0.1", authorization: nil, host: "evil") == .unauthorized)
        #expect(access.check(address: "127.0.0.1", authorization: good, host: "evil:80") == .misdirectedHost("evil"))
        #expect(access.check(address: "127.0.0.1", authorization: good, host: "10.1.2.3:9091") == .allowed)
        #expect(access.check(address: "127.0.0.1", authorization: good, host: "transmission.homelab.local") == .allowed)
    }

    @Test func sessionIDsRotateHourlyAndThePreviousOneLingersAMinute() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let ids = RPCSessionIDs(lifetime: 3600, now: start)
        let first = ids.current(now: start)
        #expect(ids.isValid(first, now: start.addingTimeInterval(3599)))
        let second = ids.current(now: start.addingTimeInterval(3600))
        #expect(second != first)
        #expect(ids.isValid(first, now: start.addingTimeInterval(3630)))
        #expect(!ids.isValid(first, now: start.addingTimeInterval(3700)))
        #expect(!ids.isValid(nil))
    }

    @Test func idsSelectors() {
        let hash = "0123456789abcdef0123456789abcdef01234567"
        #expect(TransmissionRPC.selector(nil) == .all)
        #expect(TransmissionRPC.selector(.int(3)) == .some([.id(3)]))
        #expect(TransmissionRPC.selector(.string("recently-active")) == .recentlyActive)
        #expect(TransmissionRPC.selector(.string(hash.uppercased())) == .some([.hash(InfoHash(hex: hash)!)]))
        #expect(TransmissionRPC.selector([1, .string(hash), "junk"]) == .some([.id(1), .hash(InfoHash(hex: hash)!)]))
    }

    @Test(arguments: [
        (QueueMove.top, [3], [3, 1, 2, 4]), (.bottom, [1, 2], [3, 4, 1, 2]), (.up, [3], [1, 3, 2, 4]), (.up, [1], [1, 2, 3, 4]),
        (.down, [2], [1, 3, 2, 4]), (.down, [4], [1, 2, 3, 4]), (.to(1), [4], [1, 4, 2, 3]), (.to(99), [1], [2, 3, 4, 1]),
    ])
    func queueMoves(move: QueueMove, ids: [Int], expected: [Int]) {
        #expect(move.apply(to: [1, 2, 3, 4], moving: ids) == expected)
    }

    @Test func labelsAreCheckedAsTransmissionDoes() throws {
        #expect(try TransmissionRPC.labels(["tv", " tv ", "movies", ""]) == ["tv", "movies"])
        #expect(throws: RPCError.self) { try TransmissionRPC.labels(["a,b"]) }
        #expect(throws: RPCError.self) { try TransmissionRPC.labels("tv") }
        #expect(try TransmissionRPC.labels(nil) == nil)
    }
}

@Suite("Daemon settings and schedules")
struct TorrentDaemonRuleTests {
    @Test func settingsValidateAllOrNothingAndIgnoreUnknownKeys() throws {
        var settings = SessionSettings(downloads: "/data/downloads")
        #expect(settings.downloadDirectory == "/data/downloads")
        #expect(settings.string("encryption") == "tolerated")
        let changed = try settings.apply(["speed-limit-down": 500, "speed-limit-down-enabled": true, "no-such-key": 1])
        #expect(changed == ["speed-limit-down", "speed-limit-down-enabled"])
        #expect(throws: SessionSettings.SettingError.invalid(key: "peer-port", expected: "a number from 0 to 65535")) {
            try settings.apply(["speed-limit-up": 5, "peer-port": 70_000])
        }
        #expect(settings.int("speed-limit-up") == 100)  // nothing of a refused change was applied
        #expect(throws: SessionSettings.SettingError.self) { try settings.apply(["encryption": "always"]) }
        // Saved values reload; invalid saved ones fall back to the default.
        let reloaded = SessionSettings(downloads: "/data/downloads", saved: ["speed-limit-down": 500, "peer-port": "x"])
        #expect(reloaded.int("speed-limit-down") == 500 && reloaded.int("peer-port") == 51413)
    }

    @Test(arguments: [
        // 9:00–17:00 every day
        (540, 1020, 127, 2, 8, 59, false), (540, 1020, 127, 2, 9, 0, true), (540, 1020, 127, 2, 16, 59, true), (540, 1020, 127, 2, 17, 0, false),
        // weekdays only (Mon..Fri = 2+4+8+16+32 = 62): Sunday (weekday 1) is off
        (540, 1020, 62, 1, 10, 0, false), (540, 1020, 62, 2, 10, 0, true),
        // 22:00–06:00 past midnight, Friday only (32): Friday 23:00 and Saturday 05:00 on, Saturday 23:00 off
        (1320, 360, 32, 6, 23, 0, true), (1320, 360, 32, 7, 5, 0, true), (1320, 360, 32, 7, 23, 0, false), (1320, 360, 32, 6, 5, 0, false),
    ])
    func altSpeedSchedule(begin: Int, end: Int, days: Int, weekday: Int, hour: Int, minute: Int, active: Bool) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // 2026-11-22 is a Sunday (weekday 1).
        let date = try #require(calendar.date(from: DateComponents(year: 2026, month: 11, day: 21 + weekday, hour: hour, minute: minute)))
        #expect(AltSpeedSchedule(begin: begin, end: end, days: days).isActive(at: date, calendar: calendar) == active)
    }

    @Test func allowedRootsRefuseEscapes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-roots-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/downloads", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/downloads/out", withDestinationPath: "/etc")
        let roots = AllowedRoots([root])
        let resolvedRoot = AllowedRoots.normalise(root)
        #expect(try roots.check(root + "/downloads/tv") == resolvedRoot + "/downloads/tv")
        #expect(try roots.check(root + "/downloads/./new/../tv") == resolvedRoot + "/downloads/tv")
        #expect(throws: AllowedRoots.Refusal.self) { try roots.check(root + "/../elsewhere") }
        #expect(throws: AllowedRoots.Refusal.self) { try roots.check(root + "/downloads/out/passwd") }
        #expect(throws: AllowedRoots.Refusal.notAbsolute("downloads")) { try roots.check("downloads") }
        #expect(throws: AllowedRoots.Refusal.self) { try roots.check(root + "-sibling") }
    }

    @Test(arguments: [
        ("udp://tracker.opentrackr.org:1337/announce", "udp://tracker.opentrackr.org:1337/scrape", "opentrackr"),
        ("http://127.0.0.1:6969/announce?passkey=x", "http://127.0.0.1:6969/scrape?passkey=x", "127.0.0.1"),
        ("http://example.org/a", "", "example"),
    ])
    func trackerNames(url: String, scrape: String, site: String) {
        #expect(TorrentView.scrapeURL(url) == scrape)
        #expect(TorrentView.siteName(url) == site)
    }

    @Test func metainfoFromMagnetMetadataKeepsTheInfoHash() throws {
        var builder = TorrentBuilder(name: "x", pieceLength: 16384, files: [.init(path: [], length: 100)])
        builder.announceTiers = [["http://a/announce"], ["udp://b:1"]]
        let (_, metainfo) = try builder.build(pieceHashes: Array(repeating: 1, count: 20))
        let rebuilt = try TorrentMetainfo(bytes: metainfo.torrentFile())
        #expect(rebuilt.infoHash == metainfo.infoHash)
        #expect(rebuilt.announceTiers == [["http://a/announce"], ["udp://b:1"]])
    }
}
