// Behaviour the upstream vectors do not pin down: our JSON shape, the CLI-facing
// `parse(_:as:)`, robustness against hostile input, and a few everyday names.
import Foundation
import ReleaseParser
import Testing

@Suite("ReleaseParser unit tests")
struct ReleaseParserUnitTests {
    struct EpisodeCase: Sendable, CustomTestStringConvertible {
        let name: String, title: String, season: Int, episodes: [Int]
        var testDescription: String { name }
    }

    @Test(arguments: [
        EpisodeCase(name: "Series.Title.S01E05.1080p.WEB-DL.DDP5.1.H.264-GROUP", title: "Series Title", season: 1, episodes: [5]),
        EpisodeCase(name: "Another Show - 3x07 - Name [720p]", title: "Another Show", season: 3, episodes: [7]),
        EpisodeCase(name: "Show.Name.S10E01E02E03.720p.HDTV", title: "Show Name", season: 10, episodes: [1, 2, 3]),
        EpisodeCase(name: "show_name_s02e11_1080p_web_h264", title: "show name", season: 2, episodes: [11]),
    ])
    func episodes(_ c: EpisodeCase) throws {
        let info = try #require(ReleaseParser.parseEpisode(c.name))
        #expect(info.seriesTitle == c.title)
        #expect(info.seasonNumber == c.season)
        #expect(info.episodeNumbers == c.episodes)
    }

    @Test(arguments: [
        ("Show.S01E01.2160p.AMZN.WEB-DL.DDP5.1.HDR.HEVC-GRP", "WEBDL-2160p"),
        ("Show.S01E01.720p.BluRay.x264-GRP", "Bluray-720p"),
        ("Show.S01E01.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-GRP", "Bluray-1080p Remux"),
        ("Show.S01E01.PROPER.1080p.WEBRip.x264-GRP", "WEBRip-1080p"),
        ("Show.S01E01.HDTV.x264-GRP", "SDTV"),
    ])
    func seriesQualityNames(_ name: String, _ expected: String) {
        #expect(ReleaseParser.parseQuality(name).name == expected)
    }

    @Test(arguments: [
        ("Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-GRP", "Remux-2160p"),
        ("Movie.2019.1080p.WEB-DL.DD5.1.H264-GRP", "WEBDL-1080p"),
        ("Movie.2019.HDCAM.x264-GRP", "CAM"),
    ])
    func movieQualityNames(_ name: String, _ expected: String) {
        #expect(ReleaseParser.parseQuality(name, flavor: .movie).name == expected)
    }

    @Test func revisionFlags() {
        let q = ReleaseParser.parseQuality("Show.S01E01.REPACK2.720p.HDTV.x264-GRP")
        #expect(q.revision.version == 3)
        #expect(q.revision.isRepack)
    }

    // MARK: JSON Lines shape

    static let jsonKeys = [
        "input", "kind", "title", "year", "season", "episodes", "absoluteEpisodes", "airDate", "fullSeason",
        "quality", "languages", "releaseGroup", "edition", "releaseHash",
    ]

    /// Top-level keys of a flat-ish JSON object, in order (strings and nested objects skipped).
    static func topLevelKeys(_ json: String) -> [String] {
        var keys: [String] = []
        var depth = 0, inString = false, escaped = false
        var current = ""
        var expectKey = false
        for ch in json {
            if inString {
                if escaped { escaped = false; current.append(ch); continue }
                if ch == "\\" { escaped = true; continue }
                if ch == "\"" { inString = false; if expectKey && depth == 1 { keys.append(current) }; expectKey = false; continue }
                current.append(ch); continue
            }
            switch ch {
            case "\"": inString = true; current = ""
            case "{": depth += 1; expectKey = true
            case "}": depth -= 1
            case "[": depth += 1
            case "]": depth -= 1
            case ",": if depth == 1 { expectKey = true }
            case ":": expectKey = false
            default: break
            }
        }
        return keys
    }

    @Test(arguments: ["Series.Title.S01E05.1080p.WEB-DL-GRP", "Movie.Title.2019.1080p.BluRay.x264-GRP", "nothing at all", "", "\"quoted\"\\back\u{1}"])
    func jsonLineHasEveryKeyInOrder(_ name: String) {
        let line = ReleaseJSON.line(for: name)
        #expect(!line.contains("\n"))
        #expect(Self.topLevelKeys(line) == Self.jsonKeys)
        #expect(line.hasPrefix("{\"input\":"))
        #expect(line.contains("\"quality\":{\"name\":"))
    }

    @Test func jsonKindDetection() {
        #expect(ReleaseJSON.line(for: "Series.Title.S01E05.720p.HDTV-GRP").contains("\"kind\":\"episode\""))
        #expect(ReleaseJSON.line(for: "Movie.Title.2019.1080p.BluRay.x264-GRP").contains("\"kind\":\"movie\""))
        #expect(ReleaseJSON.line(for: "zzzz").contains("\"kind\":\"unknown\""))
        #expect(ReleaseJSON.line(for: "Series.Title.S01E05.720p.HDTV-GRP", as: .movie).contains("\"season\":null"))
    }

    /// Names whose parse takes different paths (extension, site prefix, full-width brackets,
    /// anime, daily, movie, unknown), used by the consistency checks below.
    static let mixedNames = [
        "Series.Title.S01E05.720p.HDTV.x264-GRP.mkv", "[ www.site.com ] - Series.Title.S02E01.1080p.WEB-DL-GRP",
        "【喵萌奶茶屋】★10月新番★[原題/Anime Title][12END][720p]", "[SubsPlease] Anime Title - 05 (1080p) [ABCD1234].mkv",
        "Show.2024.01.05.720p.WEB.h264-GRP", "Movie.Title.2019.1080p.BluRay.x264-GRP", "Movie Title (2010) [BDRemux 1080p][HDO]",
        "nothing at all", "", "  padded name S01E01  ",
    ]

    /// `parse` tokenises once and shares the tokens; the result must equal the standalone parsers'.
    @Test(arguments: mixedNames)
    func sharedTokensMatchStandaloneParsers(_ name: String) {
        let r = ReleaseParser.parse(name)
        switch r.kind {
        case .episode: #expect(r.episode == ReleaseParser.parseEpisode(name))
        case .movie: #expect(r.movie == ReleaseParser.parseMovie(name))
        case .unknown:
            #expect(r.quality == ReleaseParser.parseQuality(name))
            #expect(r.releaseGroup == ReleaseParser.parseReleaseGroup(name))
        }
        #expect(ReleaseParser.parse(name, as: .episode).episode == ReleaseParser.parseEpisode(name))
        #expect(ReleaseParser.parse(name, as: .movie).movie == ReleaseParser.parseMovie(name))
    }

    /// The CLI appends many lines to one reusable byte buffer; that must equal the lines one by one.
    @Test func byteWriterMatchesLines() {
        var buffer: [UInt8] = []
        var expected = ""
        for name in Self.mixedNames + ["a\"b\\c\u{7}d\te", "tab\there"] {
            ReleaseJSON.append(ReleaseParser.parse(name), to: &buffer)
            buffer.append(10)
            expected += ReleaseJSON.line(for: name) + "\n"
        }
        #expect(String(decoding: buffer, as: UTF8.self) == expected)
    }

    @Test func jsonEscapesControlCharacters() {
        let line = ReleaseJSON.line(for: "a\"b\\c\u{7}d\te")
        #expect(line.contains("a\\\"b\\\\c\\u0007d\\te"))
    }

    // MARK: Robustness

    /// Hostile inputs by label (the strings themselves are too large to print as test names).
    static let hostile: [String: String] = [
        "empty": "", "space": " ", "nul": "\0", "1MB": String(repeating: "Series.S01E01.", count: 75_000),
        "S01E01 x20k": String(repeating: "S01E01", count: 20_000), "dots": String(repeating: "a.", count: 50_000),
        "brackets": String(repeating: "[", count: 100_000), "1x": String(repeating: "1x", count: 50_000),
        "dash-numbers": String(repeating: "- 01 ", count: 20_000), "pal": String(repeating: "pal.", count: 25_000),
        "controls": String(repeating: "\u{1}\u{7}\t\r", count: 25_000), "replacement": "\u{FFFD}\u{FFFD}",
        "S": "S", "E": "E", "[]": "[]", "()": "()", "S01E": "S01E", "digits": String(repeating: "9", count: 100_000),
        // `  .` followed by a combining mark: a byte test sees `  .`, the Character replacement
        // does not (movie title cleaning used to loop forever on it).
        "dot+combining mark": "Title  .\u{301}x 2019",
    ]

    @Test(arguments: hostile.keys.sorted())
    func hostileInputNeverCrashes(_ label: String) {
        let name = Self.hostile[label]!
        let start = ContinuousClock.now
        _ = ReleaseParser.parse(name)
        _ = ReleaseParser.parseMovie(name)
        _ = ReleaseParser.parseQuality(name, flavor: .movie)
        _ = ReleaseParser.parseLanguages(name)
        _ = ReleaseParser.parseReleaseGroup(name)
        _ = ReleaseJSON.line(for: name)
        #expect(ContinuousClock.now - start < .seconds(10), "\(label) took too long")
    }

    /// Generated inputs per run: `KINORA_FUZZ_ITERATIONS` (bench/fuzz-parser runs 1,000,000 in
    /// release mode), otherwise a count small enough for a quick debug `swift test`.
    static var fuzzIterations: Int {
        ProcessInfo.processInfo.environment["KINORA_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 5_000
    }

    @Test func generatedInputsNeverCrash() {
        // Deterministic generator: release-name fragments glued in random orders, mutated
        // realistic names, and raw random bytes decoded leniently (as the CLI does with invalid
        // UTF-8). Every public entry point must return a value; JSON lines must stay whole.
        var rng = SplitMix64(seed: 0x6B696E6F7261)
        let pieces = ["S01", "E02", "x", ".", "-", " ", "[", "]", "(", ")", "1080p", "WEB", "DL", "2019", "Title", "05.5",
                      "v2", "REPACK", "x264", "_", "~", "#", "第", "话", "é", "\u{0}", "999999999999", "S", "E", "Season", "Part",
                      "【", "】", "/", " - ", "AKA", "Bölüm", "集", "完", "END", "S2", "-xpost", "[ABCD1234]", "(2010)", "Remux",
                      "2160p", "German", "DL", "ML", "Sub", "eng", "FRENCH", ".mkv", "\u{200B}", "Episode", "OVA", "NCOP",
                      "19", "5", "0", "001", "12.5", "1x05", "2024.01.05", "Cap.104", "ep1", "Ep.05", "E01-E03", "~10"]
        let seeds = ["Series.Title.S01E05.720p.HDTV.x264-GRP", "[SubGroup] Anime Title - 05 [1080p][ABCD1234].mkv",
                     "Movie.Title.2019.1080p.BluRay.x264-GRP", "【喵萌奶茶屋】★10月新番★[原題/Title][12END][720p]",
                     "Series (2020) - S02E03 - Name (1080p WEB-DL x265 Group)", "Show.2024.01.05.Part.2.720p.WEB.h264-GRP",
                     "Movie Title 1999 [Group] [Blu-ray][MKV][h264][1080p]", "Name (2020) - [AAC 2.0].testtitle.default.eng.forced.ass"]
        for n in 0..<Self.fuzzIterations {
            var s: String
            switch rng.next() % 4 {
            case 0, 1:
                s = ""
                for _ in 0..<Int(rng.next() % 16) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            case 2:
                // A realistic name with a few bytes replaced, inserted or cut.
                var bytes = Array(seeds[Int(rng.next() % UInt64(seeds.count))].utf8)
                for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 3 {
                    case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                    default: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 8)))
                    }
                }
                s = String(decoding: bytes, as: UTF8.self)
            default:
                let bytes = (0..<Int(rng.next() % 48)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                s = String(decoding: bytes, as: UTF8.self)
            }
            let line = ReleaseJSON.line(for: s)
            #expect(line.hasPrefix("{\"input\":") && line.hasSuffix("}"), "broken JSON line for \(s.debugDescription)")
            // The other entry points, in rotation to keep the run short.
            switch n % 6 {
            case 0: _ = ReleaseParser.parseEpisode(s); _ = ReleaseParser.parseMovie(s, isDirectory: true)
            case 1: _ = ReleaseParser.parsePath("/data/" + s + "/" + s + ".mkv"); _ = ReleaseParser.parseMoviePath("/m/" + s)
            case 2: _ = ReleaseParser.parseQuality(s, flavor: .movie); _ = ReleaseParser.parseLanguages(s, flavor: .movie)
            case 3: _ = ReleaseParser.parseSubtitleLanguageInfo(s); _ = ReleaseParser.parseReleaseGroup(s)
            case 4: _ = ReleaseParser.cleanSeriesTitle(s); _ = ReleaseParser.parseSeriesName(s)
            default: _ = ReleaseJSON.line(for: s, as: .movie); _ = ReleaseJSON.line(for: s, as: .episode)
            }
        }
    }
}

/// Small deterministic PRNG for generated inputs.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
