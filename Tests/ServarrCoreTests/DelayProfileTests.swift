import Foundation
import Testing
@testable import ServarrCore

struct DelayProfileTests {
    @Test func defaultProfileIsUntaggedAndLast() throws {
        let d = DelayProfile.defaultProfile
        #expect(d.order == 2_147_483_647 && d.tags.isEmpty && d.isDefault)
        #expect(d.enableUsenet && d.enableTorrent && d.preferredProtocol == "usenet")
        #expect(d.validate().isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(d)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "enableUsenet", "enableTorrent", "preferredProtocol", "usenetDelay", "torrentDelay",
                                     "bypassIfHighestQuality", "bypassIfAboveCustomFormatScore", "minimumCustomFormatScore",
                                     "order", "tags"])
    }

    static let cases: [(String, DelayProfile, [String])] = [
        ("tagged", DelayProfile(id: 2, order: 1, tags: [3]), []),
        ("no protocol", DelayProfile(id: 2, enableUsenet: false, enableTorrent: false, order: 1, tags: [3]), ["EnableUsenet"]),
        ("negative delay", DelayProfile(id: 2, usenetDelay: -5, order: 1, tags: [3]), ["UsenetDelay"]),
        ("bad protocol", DelayProfile(id: 2, preferredProtocol: "ftp", order: 1, tags: [3]), ["PreferredProtocol"]),
        ("untagged non-default", DelayProfile(id: 2, order: 1), ["Tags"]),
        ("tagged default", DelayProfile(id: 1, order: DelayProfile.defaultOrder, tags: [1]), ["Tags"]),
    ]

    @Test(arguments: cases)
    func validation(label: String, profile: DelayProfile, properties: [String]) {
        #expect(profile.validate().map(\.propertyName) == properties, "\(label)")
    }

    @Test func partialBodyDecodes() throws {
        let p = try JSONDecoder().decode(DelayProfile.self, from: Data(#"{"preferredProtocol":"torrent","torrentDelay":60,"tags":[2],"order":1}"#.utf8))
        #expect(p.preferredProtocol == "torrent" && p.torrentDelay == 60 && p.enableUsenet && p.usenetDelay == 0)
        #expect(p.delay(forProtocol: "torrent") == 60)
        var off = p
        off.enableTorrent = false
        #expect(off.delay(forProtocol: "torrent") == nil)
    }

    @Test func applicableProfileByTags() {
        let profiles = [DelayProfile.defaultProfile, DelayProfile(id: 2, torrentDelay: 30, order: 2, tags: [5]),
                        DelayProfile(id: 3, torrentDelay: 10, order: 1, tags: [5, 6])]
        #expect(DelayProfile.applicable(profiles, forTags: [5]).id == 3)
        #expect(DelayProfile.applicable(profiles, forTags: [7]).id == 1)
        #expect(DelayProfile.applicable([], forTags: []).isDefault)
    }
}

struct ReleaseProfileTests {
    static let profile = ReleaseProfile(name: "P", required: ["1080p", "/\\b2160p\\b/i"], ignored: ["HDCAM", "/^.*\\bFRENCH\\b/i"])

    static let titles: [(String, ReleaseProfileVerdict)] = [
        ("Series.S01E01.1080p.WEB-DL-GRP", .accepted),
        ("Series.S01E01.2160P.WEB-DL-GRP", .accepted),               // regex with i flag
        ("Series.S01E01.720p.WEB-DL-GRP", .missingRequired(["1080p", "/\\b2160p\\b/i"])),
        ("Movie.2020.1080P.hdcam-GRP", .containsIgnored(["HDCAM"])), // substrings ignore case
        ("Series.S01E01.French.1080p.WEB-DL-GRP", .containsIgnored(["/^.*\\bFRENCH\\b/i"])),
    ]

    @Test(arguments: titles)
    func mustAndMustNotContain(title: String, verdict: ReleaseProfileVerdict) {
        #expect(Self.profile.evaluate(title: title) == verdict)
        #expect(Self.profile.compiled().evaluate(title: title) == verdict)
    }

    @Test func regexWithoutIFlagIsCaseSensitive() {
        let p = ReleaseProfile(required: ["/WEB-DL/"])
        #expect(p.evaluate(title: "Show.S01E01.WEB-DL").isAccepted)
        #expect(!p.evaluate(title: "Show.S01E01.web-dl").isAccepted)
    }

    @Test func disabledProfilesAcceptEverything() {
        var p = Self.profile
        p.enabled = false
        #expect(p.evaluate(title: "HDCAM").isAccepted)
    }

    @Test func acceptsArraysAndCommaJoinedStrings() throws {
        let v4 = try JSONDecoder().decode(ReleaseProfile.self, from: Data(#"{"required":["a","b"],"ignored":[],"tags":[1]}"#.utf8))
        #expect(v4.required == ["a", "b"] && v4.ignored.isEmpty && v4.enabled && v4.indexerId == 0 && v4.tags == [1])
        let v3 = try JSONDecoder().decode(ReleaseProfile.self, from: Data(#"{"required":"a, b,,c","ignored":"x","preferred":[]}"#.utf8))
        #expect(v3.required == ["a", "b", "c"] && v3.ignored == ["x"])
        let data = try JSONEncoder().encode(v3)
        #expect(try JSONDecoder().decode(ReleaseProfile.self, from: data) == v3)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["required"] is [String])
    }

    @Test func validation() {
        #expect(ReleaseProfile().validate().map(\.propertyName) == ["Required"])
        #expect(Self.profile.validate().isEmpty)
        let bad = ReleaseProfile(required: ["/(unclosed/i"], ignored: ["//"])
        let issues = bad.validate()
        #expect(issues.map(\.propertyName) == ["Required", "Ignored"])
        // An invalid regex term never matches and never crashes.
        #expect(bad.evaluate(title: "(unclosed") == .missingRequired(["/(unclosed/i"]))
    }
}
