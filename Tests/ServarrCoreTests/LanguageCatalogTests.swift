import Foundation
import ReleaseParser
import Testing
@testable import ServarrCore

struct LanguageCatalogTests {
    static let shared: [(Int, String)] = [
        (0, "Unknown"), (1, "English"), (2, "French"), (3, "Spanish"), (4, "German"), (5, "Italian"), (6, "Danish"),
        (7, "Dutch"), (8, "Japanese"), (10, "Chinese"), (11, "Russian"), (12, "Polish"), (18, "Portuguese"), (25, "Czech"),
    ]

    @Test(arguments: ServarrApp.allCases)
    func sharedIdsRoundTrip(app: ServarrApp) {
        for (id, name) in Self.shared {
            #expect(LanguageCatalog.language(id: id, for: app)?.name == name)
            #expect(LanguageCatalog.language(named: name.uppercased(), for: app)?.id == id)
        }
    }

    static let appSpecific: [(ServarrApp, Int, String)] = [
        (.sonarr, 26, "Arabic"), (.sonarr, 33, "Portuguese (Brazil)"), (.sonarr, 34, "Spanish (Latino)"), (.sonarr, -2, "Original"),
        (.radarr, -1, "Any"), (.radarr, -2, "Original"), (.radarr, 26, "Hindi"), (.radarr, 30, "Portuguese (Brazil)"),
        (.radarr, 37, "Spanish (Latino)"), (.radarr, 45, "Telugu"),
    ]

    @Test(arguments: appSpecific)
    func appSpecificIds(app: ServarrApp, id: Int, name: String) {
        #expect(LanguageCatalog.language(id: id, for: app)?.name == name)
        #expect(LanguageCatalog.language(named: name, for: app)?.id == id)
    }

    @Test func anyIsRadarrOnly() {
        #expect(LanguageCatalog.language(id: -1, for: .sonarr) == nil)
        #expect(LanguageCatalog.language(named: "Telugu", for: .sonarr) == nil)
    }

    @Test(arguments: ServarrApp.allCases)
    func idsAndNamesAreUnique(app: ServarrApp) {
        let all = LanguageCatalog.languages(for: app)
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(Set(all.map(\.name)).count == all.count)
    }

    @Test(arguments: ServarrApp.allCases)
    func everyParserLanguageTheAppKnowsMaps(app: ServarrApp) {
        // The parser's names are the originals' names, so they resolve by name.
        let names = ReleaseParser.parseLanguages("Movie.2019.FRENCH.GERMAN.ITALIAN.1080p.BluRay.x264-GRP", flavor: .movie)
        let mapped = LanguageCatalog.languages(parsedNames: names, for: app)
        #expect(mapped.map(\.id) == [2, 4, 5])
        #expect(LanguageCatalog.languages(parsedNames: [], for: app) == [.unknown])
        #expect(LanguageCatalog.languages(parsedNames: ["Klingon"], for: app) == [.unknown])
    }

    @Test func sonarrV3DefaultLanguageProfile() throws {
        let profile = try #require(LanguageProfile.defaults.first)
        #expect(profile.name == "English")
        #expect(profile.cutoff == .english)
        #expect(profile.languages.filter(\.allowed).map(\.language) == [.english])
        #expect(profile.languages.count == 31)
        #expect(profile.validate().isEmpty)
        let json = try JSONEncoder().encode(profile)
        #expect(try JSONDecoder().decode(LanguageProfile.self, from: json) == profile)
    }

    @Test func languageProfileValidation() {
        var p = LanguageProfile(name: "", cutoff: .english, languages: [LanguageProfileItem(language: .english, allowed: false)])
        #expect(p.validate().map(\.propertyName) == ["Name", "Languages", "Cutoff"])
        p.name = "X"
        p.languages[0].allowed = true
        #expect(p.validate().isEmpty)
    }
}
