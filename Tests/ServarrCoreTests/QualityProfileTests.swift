import Foundation
import Testing
@testable import ServarrCore

func quality(_ name: String, _ app: ServarrApp) -> ServarrQuality {
    guard let q = QualityCatalog.quality(named: name, for: app) else {
        Issue.record("unknown quality \(name)")
        return QualityCatalog.unknown(for: app)
    }
    return q
}

func profile(_ name: String, _ app: ServarrApp) -> QualityProfile {
    guard let p = QualityProfile.defaults(for: app).first(where: { $0.name == name }) else {
        Issue.record("no default profile \(name)")
        return QualityProfile(name: name, cutoff: 0, items: [])
    }
    return p
}

struct QualityProfileDefaultsTests {
    @Test(arguments: ServarrApp.allCases)
    func defaultsAreTheOriginalsAndValid(app: ServarrApp) {
        let defaults = QualityProfile.defaults(for: app)
        #expect(defaults.map(\.name) == ["Any", "SD", "HD-720p", "HD-1080p", "Ultra-HD", "HD - 720p/1080p"])
        #expect(defaults.map(\.id) == [1, 2, 3, 4, 5, 6])
        for p in defaults {
            #expect(p.validate(app: app, knownFormatIds: []).isEmpty, "\(p.name): \(p.validate(app: app, knownFormatIds: []))")
            #expect(p.normalized(app: app, formats: []) == p, "\(p.name) is already complete")
            #expect(p.minUpgradeFormatScore == 1 && !p.upgradeAllowed)
        }
    }

    static let cutoffs: [(ServarrApp, String, String)] = [
        (.sonarr, "Any", "SDTV"), (.sonarr, "SD", "SDTV"), (.sonarr, "HD-720p", "HDTV-720p"),
        (.sonarr, "HD-1080p", "HDTV-1080p"), (.sonarr, "Ultra-HD", "HDTV-2160p"), (.sonarr, "HD - 720p/1080p", "HDTV-720p"),
        (.radarr, "Any", "Bluray-480p"), (.radarr, "SD", "Bluray-480p"), (.radarr, "HD-720p", "Bluray-720p"),
        (.radarr, "HD-1080p", "Bluray-1080p"), (.radarr, "Ultra-HD", "Remux-2160p"), (.radarr, "HD - 720p/1080p", "Bluray-720p"),
    ]

    @Test(arguments: cutoffs)
    func defaultCutoffs(app: ServarrApp, name: String, cutoff: String) throws {
        let p = profile(name, app)
        let index = try #require(p.cutoffRank)
        #expect(p.items[index].qualities.contains(quality(cutoff, app)))
        #expect(p.items[index].allowed)
    }

    @Test func hd1080pAllowsExactlyTheOriginalsQualities() {
        let sonarr = profile("HD-1080p", .sonarr)
        let allowed = QualityCatalog.qualities(for: .sonarr).filter(sonarr.isAllowed).map(\.name)
        #expect(Set(allowed) == ["HDTV-1080p", "WEBRip-1080p", "WEBDL-1080p", "Bluray-1080p"])
        let radarr = profile("HD-1080p", .radarr)
        let allowedR = QualityCatalog.qualities(for: .radarr).filter(radarr.isAllowed).map(\.name)
        #expect(Set(allowedR) == ["HDTV-1080p", "WEBRip-1080p", "WEBDL-1080p", "Bluray-1080p", "Remux-1080p"])
        #expect(radarr.language == .english)
        #expect(sonarr.language == nil)
    }

    @Test func webQualitiesFormGroupsFrom1000() throws {
        let p = profile("HD-1080p", .sonarr)
        let groups = p.items.filter(\.isGroup)
        #expect(groups.map(\.name) == ["WEB 480p", "WEB 720p", "WEB 1080p", "WEB 2160p"])
        #expect(groups.map(\.id) == [1000, 1001, 1002, 1003])
        let web1080 = try #require(groups.first { $0.name == "WEB 1080p" })
        #expect(web1080.allowed && web1080.items.allSatisfy(\.allowed))
        #expect(p.rank(of: quality("WEBDL-1080p", .sonarr)) == p.rank(of: quality("WEBRip-1080p", .sonarr)))
    }

    @Test func cutoffInsideAGroupBecomesTheGroupId() {
        let p = QualityProfile.defaultProfile(app: .sonarr, name: "Web", cutoff: "WEBDL-720p", allowed: ["webdl-720p", "webdl-1080p"])
        #expect(p.cutoff == 1001)
        #expect(p.validate(app: .sonarr, knownFormatIds: []).isEmpty)
    }

    @Test func sonarrEncodingHasNoLanguageAndGroupsHaveNoQuality() throws {
        let data = try JSONEncoder().encode(profile("HD-1080p", .sonarr))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["language"] == nil)
        #expect(object["minUpgradeFormatScore"] as? Int == 1)
        let items = try #require(object["items"] as? [[String: Any]])
        let group = try #require(items.first { $0["name"] as? String == "WEB 1080p" })
        #expect(group["quality"] == nil && group["id"] as? Int == 1002)
        let single = try #require(items.first)
        #expect(single["id"] == nil && single["quality"] != nil && (single["items"] as? [Any])?.isEmpty == true)
        let radarr = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(profile("SD", .radarr))) as? [String: Any]
        #expect((radarr?["language"] as? [String: Any])?["name"] as? String == "English")
    }

    @Test(arguments: ServarrApp.allCases)
    func encodeDecodeRoundTrip(app: ServarrApp) throws {
        for p in QualityProfile.defaults(for: app) {
            #expect(try JSONDecoder().decode(QualityProfile.self, from: try JSONEncoder().encode(p)) == p)
        }
    }
}

struct QualityProfilePartialBodyTests {
    // What pyarr's add_quality_profile and Jellyseerr send: no scores, no groups, few items.
    static let partial = #"""
    {"name": "Mine", "upgradeAllowed": true, "cutoff": 7,
     "items": [{"quality": {"id": 7, "name": "Bluray-1080p"}, "allowed": true},
               {"quality": {"id": 3, "name": "WEBDL-1080p"}, "allowed": true}]}
    """#

    @Test func missingKeysTakeTheOriginalsDefaults() throws {
        let p = try JSONDecoder().decode(QualityProfile.self, from: Data(Self.partial.utf8))
        #expect(p.minFormatScore == 0 && p.cutoffFormatScore == 0 && p.minUpgradeFormatScore == 1)
        #expect(p.formatItems.isEmpty && p.language == nil && p.id == nil)
        #expect(p.validate(app: .sonarr, knownFormatIds: []).map(\.errorMessage) == ["Must contain all qualities"])
    }

    @Test func normalizedFillsQualitiesAndFormatsAndIsValid() throws {
        let p = try JSONDecoder().decode(QualityProfile.self, from: Data(Self.partial.utf8))
        let formats = [CustomFormat(id: 4, name: "x265", specifications: []), CustomFormat(id: 9, name: "HDR", specifications: [])]
        let n = p.normalized(app: .sonarr, formats: formats)
        #expect(n.validate(app: .sonarr, knownFormatIds: [4, 9]).isEmpty)
        #expect(n.items.flatMap(\.qualities).count == QualityCatalog.qualities(for: .sonarr).count)
        #expect(n.formatItems == [ProfileFormatItem(format: 4, name: "x265", score: 0), ProfileFormatItem(format: 9, name: "HDR", score: 0)])
        #expect(n.items.first { $0.quality?.id == 7 }?.quality?.source == "bluray")
        // The user's order of the listed qualities is kept; missing ones are not allowed.
        #expect(n.isAllowed(quality("Bluray-1080p", .sonarr)) && !n.isAllowed(quality("SDTV", .sonarr)))
        #expect(n.rank(of: quality("Bluray-1080p", .sonarr))! < n.rank(of: quality("WEBDL-1080p", .sonarr))!)
        #expect(n.normalized(app: .radarr).language == .english)
    }
}

struct QualityProfileValidationTests {
    static func broken(_ change: (inout QualityProfile) -> Void) -> QualityProfile {
        var p = profile("HD-1080p", .sonarr)
        change(&p)
        return p
    }

    static let cases: [(String, QualityProfile, [String: String])] = [
        ("empty name", broken { $0.name = "  " }, ["Name": "'Name' must not be empty."]),
        ("nothing allowed", broken { p in
            for i in p.items.indices { p.items[i].allowed = false }
        }, ["Items": "Must contain at least one allowed quality", "Cutoff": "Cutoff must be an allowed quality or group"]),
        ("cutoff not allowed", broken { $0.cutoff = 1 }, ["Cutoff": "Cutoff must be an allowed quality or group"]),
        ("cutoff unknown", broken { $0.cutoff = 999 }, ["Cutoff": "Cutoff must be an allowed quality or group"]),
        ("quality missing", broken { $0.items.removeFirst() }, ["Items": "Must contain all qualities"]),
        ("quality twice", broken { $0.items.append($0.items[1]) }, ["Items": "Must not contain duplicate qualities"]),
        ("unknown quality", broken { $0.items.append(.quality(ServarrQuality(id: 99, name: "X", source: "web", resolution: 1), allowed: false)) },
         ["Items": "Unknown quality id 99"]),
        ("unknown format", broken { $0.formatItems = [ProfileFormatItem(format: 5, name: "Gone", score: 10)] },
         ["FormatItems": "Unknown custom format id 5"]),
        ("min upgrade score", broken { $0.minUpgradeFormatScore = 0 },
         ["MinUpgradeFormatScore": "'Min Upgrade Format Score' must be greater than or equal to '1'."]),
        ("group without name", broken { p in
            if let i = p.items.firstIndex(where: \.isGroup) { p.items[i].name = nil }
        }, ["Items": "Groups must have a name"]),
    ]

    @Test(arguments: cases)
    func failuresNameTheProperty(label: String, profile: QualityProfile, expected: [String: String]) {
        let issues = profile.validate(app: .sonarr, knownFormatIds: [])
        #expect(Set(issues.map(\.propertyName)) == Set(expected.keys), "\(label): \(issues)")
        for (property, message) in expected {
            #expect(issues.contains { $0.propertyName == property && $0.errorMessage == message }, "\(label)")
        }
    }
}

struct QualityProfileDecisionTests {
    // HD-1080p with upgrades on: HDTV-1080p < WEB 1080p < Bluray-1080p, cutoff Bluray-1080p.
    static var upgrading: QualityProfile {
        var p = profile("HD-1080p", .sonarr)
        p.upgradeAllowed = true
        p.cutoff = quality("Bluray-1080p", .sonarr).id
        p.cutoffFormatScore = 100
        p.minUpgradeFormatScore = 10
        return p
    }

    static let cutoffCases: [(String, Int, Bool)] = [
        ("HDTV-1080p", 500, false), ("WEBDL-1080p", 500, false), ("Bluray-1080p", 100, true),
        ("Bluray-1080p", 99, false), ("Bluray-2160p", 500, true), ("Unknown", 500, false),
    ]

    @Test(arguments: cutoffCases)
    func cutoff(name: String, score: Int, met: Bool) {
        #expect(Self.upgrading.cutoffMet(quality: quality(name, .sonarr), formatScore: score) == met)
    }

    static let upgradeCases: [(String, String, Int, Int, Bool)] = [
        ("HDTV-1080p", "WEBDL-1080p", 0, 0, true),       // better quality
        ("WEBDL-1080p", "HDTV-1080p", 0, 50, false),     // worse quality, whatever the score
        ("WEBDL-1080p", "WEBRip-1080p", 0, 0, false),    // same group, no score gain
        ("WEBDL-1080p", "WEBRip-1080p", 0, 10, true),    // same group, gain >= minUpgradeFormatScore
        ("WEBDL-1080p", "WEBRip-1080p", 0, 9, false),    // gain below minUpgradeFormatScore
        ("Bluray-1080p", "Bluray-1080p", 100, 500, false), // cutoff already met
        ("Bluray-1080p", "Bluray-1080p", 50, 60, true),  // quality met, score below cutoff score
        ("HDTV-1080p", "HDTV-720p", 0, 0, false),        // not allowed
        ("Unknown", "HDTV-1080p", 0, 0, true),           // existing not in profile
    ]

    @Test(arguments: upgradeCases)
    func upgrade(from: String, to: String, fromScore: Int, toScore: Int, expected: Bool) {
        let p = Self.upgrading
        #expect(p.isUpgrade(from: quality(from, .sonarr), to: quality(to, .sonarr), fromScore: fromScore, toScore: toScore) == expected)
    }

    @Test func noUpgradesWhenNotAllowedOrBelowMinimumScore() {
        var p = Self.upgrading
        p.upgradeAllowed = false
        #expect(!p.isUpgrade(from: quality("HDTV-1080p", .sonarr), to: quality("Bluray-1080p", .sonarr), fromScore: 0, toScore: 0))
        p.upgradeAllowed = true
        p.minFormatScore = 20
        #expect(!p.isUpgrade(from: quality("HDTV-1080p", .sonarr), to: quality("Bluray-1080p", .sonarr), fromScore: 0, toScore: 10))
        #expect(p.isUpgrade(from: quality("HDTV-1080p", .sonarr), to: quality("Bluray-1080p", .sonarr), fromScore: 0, toScore: 20))
    }

    @Test func rankAndAllowed() {
        let p = profile("HD-720p", .radarr)
        #expect(p.isAllowed(quality("Bluray-720p", .radarr)))
        #expect(!p.isAllowed(quality("Bluray-1080p", .radarr)))
        #expect(p.rank(of: quality("Bluray-720p", .radarr))! > p.rank(of: quality("HDTV-720p", .radarr))!)
        #expect(p.rank(of: ServarrQuality(id: 77, name: "?", source: "", resolution: 0)) == nil)
    }

    @Test func formatScoreSumsMatchedFormats() {
        var p = profile("Any", .sonarr)
        p.formatItems = [ProfileFormatItem(format: 1, name: "a", score: 10), ProfileFormatItem(format: 2, name: "b", score: -3),
                         ProfileFormatItem(format: 3, name: "c", score: 100)]
        #expect(p.formatScore(matching: [1, 2]) == 7)
        #expect(p.formatScore(matching: []) == 0)
    }
}
