import Foundation
import Testing
@testable import ServarrCore

func spec(
    _ implementation: String, _ value: CustomFormatValue, negate: Bool = false, required: Bool = false, name: String = "c"
) -> CustomFormatSpecification {
    CustomFormatSpecification(name: name, implementation: implementation, negate: negate, required: required, values: ["value": value])
}

func format(_ id: Int, _ specs: CustomFormatSpecification...) -> CustomFormat {
    CustomFormat(id: id, name: "F\(id)", specifications: specs)
}

func matches(_ f: CustomFormat, _ facts: ReleaseFacts) -> Bool {
    !CustomFormatMatcher([f]).matching(facts).isEmpty
}

struct CustomFormatMatchingTests {
    static let x265 = (try? CustomFormat.imported(from: Data(trashX265HD.utf8))) ?? CustomFormat(name: "", specifications: [])

    static let trashCases: [(String, ServarrApp, Bool)] = [
        ("Series.S01E01.1080p.WEB-DL.DDP5.1.x265-GRP", .sonarr, true),
        ("Series.S01E01.720p.HDTV.HEVC-GRP", .sonarr, true),
        ("Series.S01E01.2160p.WEB-DL.DDP5.1.x265-GRP", .sonarr, false),   // negated 2160p condition fails
        ("Series.S01E01.1080p.WEB-DL.DDP5.1.H.264-GRP", .sonarr, false),
        ("Movie.2019.1080p.BluRay.h265-GRP", .radarr, true),
        ("Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-GRP", .radarr, false),
    ]

    @Test(arguments: trashCases)
    func trashX265HDFormat(title: String, app: ServarrApp, expected: Bool) {
        #expect(matches(Self.x265, ReleaseFacts(parsing: title, app: app)) == expected, "\(title)")
    }

    static let hdtv = ReleaseFacts(parsing: "Series.S01E01.720p.HDTV.x264-KILLERS", app: .sonarr)

    @Test func differentTypesAreAnd() {
        let f = format(1, spec("ReleaseTitleSpecification", .string("x264")), spec("SourceSpecification", .int(1)))
        #expect(matches(f, Self.hdtv))
        let g = format(2, spec("ReleaseTitleSpecification", .string("x264")), spec("SourceSpecification", .int(6)))
        #expect(!matches(g, Self.hdtv))
    }

    @Test func sameTypeIsOr() {
        let f = format(1, spec("ReleaseTitleSpecification", .string("xvid")), spec("ReleaseTitleSpecification", .string("KILLERS")))
        #expect(matches(f, Self.hdtv))
        let none = format(2, spec("ReleaseTitleSpecification", .string("xvid")), spec("ReleaseTitleSpecification", .string("divx")))
        #expect(!matches(none, Self.hdtv))
    }

    @Test func requiredWithinATypeMustHold() {
        let f = format(1, spec("ReleaseTitleSpecification", .string("xvid"), required: true),
                       spec("ReleaseTitleSpecification", .string("KILLERS")))
        #expect(!matches(f, Self.hdtv))
        let g = format(2, spec("ReleaseTitleSpecification", .string("x264"), required: true),
                       spec("ReleaseTitleSpecification", .string("KILLERS"), required: true))
        #expect(matches(g, Self.hdtv))
    }

    @Test func negateInvertsOneCondition() {
        #expect(!matches(format(1, spec("ReleaseTitleSpecification", .string("x264"), negate: true)), Self.hdtv))
        #expect(matches(format(2, spec("ReleaseTitleSpecification", .string("x265"), negate: true)), Self.hdtv))
    }

    @Test func titleRegexIsCaseInsensitiveAndDotNetStyle() {
        let dv = format(1, spec("ReleaseTitleSpecification", .string(#"(?<=\b[12]\d{3}\b).*\b(DV|DoVi)\b"#)))
        #expect(matches(dv, ReleaseFacts(parsing: "Movie.2021.2160p.WEB-DL.DDP5.1.Atmos.dovi.HDR.H.265-FLUX", app: .radarr)))
        #expect(!matches(dv, ReleaseFacts(parsing: "DV.Movie.2160p.WEB-DL.H.265-FLUX", app: .radarr)))
        let named = format(2, spec("ReleaseTitleSpecification", .string(#"\b(?<codec>x265)\b"#)))
        #expect(matches(named, ReleaseFacts(parsing: "Movie.2019.1080p.BluRay.X265-GRP", app: .radarr)))
    }

    @Test func emptyAndBrokenFormatsNeverMatch() {
        #expect(!matches(CustomFormat(id: 1, name: "Empty", specifications: []), Self.hdtv))
        let broken = format(2, spec("ReleaseTitleSpecification", .string("(unclosed")))
        #expect(!matches(broken, Self.hdtv))
        #expect(!matches(format(3, spec("ReleaseTitleSpecification", .string("(x"), negate: true)), Self.hdtv))
        #expect(!matches(format(4, spec("NoSuchSpecification", .string("x"))), Self.hdtv))
        // A pathological pattern on a long title finishes (the input is bounded).
        let slow = format(5, spec("ReleaseTitleSpecification", .string("(a+)+$")))
        let facts = ReleaseFacts(app: .sonarr, title: String(repeating: "a", count: 5000) + "!", quality: quality("SDTV", .sonarr))
        _ = CustomFormatMatcher([slow]).matching(facts)
    }

    // One row per condition type: the facts, the condition, whether it holds.
    static let implementations: [(String, ReleaseFacts, CustomFormatSpecification, Bool)] = {
        let movie = ReleaseFacts(parsing: "Movie.2019.IMAX.2160p.UHD.BluRay.REMUX.HDR.HEVC.FRENCH.Atmos-GRP", app: .radarr,
                                 sizeBytes: 60 * 1_073_741_824, indexerFlags: 1 | 128)
        let pack = ReleaseFacts(parsing: "Series.S02.1080p.WEB-DL.DDP5.1.H.264-NTb", app: .sonarr, sizeBytes: 5 * 1_073_741_824)
        let single = ReleaseFacts(parsing: "Series.S02E03.1080p.WEB-DL.DDP5.1.H.264-NTb", app: .sonarr)
        let multi = ReleaseFacts(parsing: "Series.S02E03E04.1080p.WEB-DL.DDP5.1.H.264-NTb", app: .sonarr)
        func range(_ impl: String, _ min: CustomFormatValue, _ max: CustomFormatValue) -> CustomFormatSpecification {
            CustomFormatSpecification(name: "r", implementation: impl, values: ["min": min, "max": max])
        }
        return [
            ("source radarr bluray", movie, spec("SourceSpecification", .int(9)), true),
            ("source radarr webdl", movie, spec("SourceSpecification", .int(7)), false),
            ("source sonarr web", pack, spec("SourceSpecification", .int(3)), true),
            ("resolution", movie, spec("ResolutionSpecification", .int(2160)), true),
            ("resolution other", pack, spec("ResolutionSpecification", .int(2160)), false),
            ("modifier remux", movie, spec("QualityModifierSpecification", .int(5)), true),
            ("modifier brdisk", movie, spec("QualityModifierSpecification", .int(4)), false),
            ("release group", pack, spec("ReleaseGroupSpecification", .string("^(NTb|FLUX)$")), true),
            ("release group other", movie, spec("ReleaseGroupSpecification", .string("^NTb$")), false),
            ("edition", movie, spec("EditionSpecification", .string(#"\bIMAX\b"#)), true),
            ("language french", movie, spec("LanguageSpecification", .int(2)), true),
            ("language german", movie, spec("LanguageSpecification", .int(4)), false),
            ("except french", movie, CustomFormatSpecification(name: "l", implementation: "LanguageSpecification",
                                                               values: ["value": .int(2), "exceptLanguage": .bool(true)]), false),
            ("size in range", movie, range("SizeSpecification", .int(50), .int(80)), true),
            ("size above", movie, range("SizeSpecification", .int(1), .int(10)), false),
            ("size max inclusive", pack, range("SizeSpecification", .int(1), .int(5)), true),
            ("size min exclusive", pack, range("SizeSpecification", .int(5), .int(10)), false),
            ("size unknown", single, range("SizeSpecification", .int(0), .int(1000)), false),
            ("flag scene", movie, spec("IndexerFlagSpecification", .int(128)), true),
            ("flag halfleech", movie, spec("IndexerFlagSpecification", .int(2)), false),
            ("season pack", pack, spec("ReleaseTypeSpecification", .int(3)), true),
            ("single episode", single, spec("ReleaseTypeSpecification", .int(1)), true),
            ("multi episode", multi, spec("ReleaseTypeSpecification", .int(2)), true),
            ("pack is not single", pack, spec("ReleaseTypeSpecification", .int(1)), false),
            ("year", movie, range("YearSpecification", .int(2010), .int(2019)), true),
            ("year outside", movie, range("YearSpecification", .int(2020), .int(2029)), false),
        ]
    }()

    @Test(arguments: implementations)
    func eachImplementation(label: String, facts: ReleaseFacts, condition: CustomFormatSpecification, expected: Bool) {
        #expect(matches(CustomFormat(id: 1, name: label, specifications: [condition]), facts) == expected, "\(label)")
        var negated = condition
        negated.negate = true
        #expect(matches(CustomFormat(id: 1, name: label, specifications: [negated]), facts) == !expected, "\(label) negated")
    }

    @Test func originalLanguageCondition() {
        var facts = ReleaseFacts(parsing: "Movie.2019.FRENCH.1080p.BluRay.x264-GRP", app: .radarr)
        let original = format(1, spec("LanguageSpecification", .int(-2)))
        #expect(!matches(original, facts))
        facts.originalLanguage = LanguageCatalog.language(named: "French", for: .radarr)
        #expect(matches(original, facts))
    }

    @Test func scoreSumsTheProfilesScores() {
        let formats = [
            format(1, spec("ReleaseTitleSpecification", .string("x264"))),
            format(2, spec("SourceSpecification", .int(1))),
            format(3, spec("ReleaseTitleSpecification", .string("x265"))),
        ]
        var p = profile("HD-720p", .sonarr)
        p.formatItems = [ProfileFormatItem(format: 1, name: "F1", score: 5), ProfileFormatItem(format: 2, name: "F2", score: 20),
                         ProfileFormatItem(format: 3, name: "F3", score: 1000)]
        let matcher = CustomFormatMatcher(formats)
        #expect(matcher.matching(Self.hdtv).compactMap(\.id) == [1, 2])
        #expect(matcher.score(Self.hdtv, profile: p) == 25)
    }

    @Test func factsFromTheParser() {
        let f = ReleaseFacts(parsing: "Series.S01E01.PROPER.1080p.WEB-DL.DDP5.1.H.264-NTb", app: .sonarr, sizeBytes: 42, indexerFlags: 8)
        #expect(f.quality.name == "WEBDL-1080p")
        #expect(f.revision.version == 2)
        #expect(f.releaseGroup == "NTb")
        #expect(f.languages == [.english] || f.languages == [.unknown])
        #expect(f.sizeBytes == 42 && f.indexerFlags == 8)
        #expect(f.releaseType == .singleEpisode)
        let m = ReleaseFacts(parsing: "Movie.Title.2010.Directors.Cut.1080p.BluRay.x264-GRP", app: .radarr)
        #expect(m.year == 2010)
        #expect(m.edition?.lowercased().contains("director") == true)
        #expect(m.releaseType == nil)
    }
}
