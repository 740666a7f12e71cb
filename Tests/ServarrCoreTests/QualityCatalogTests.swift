import Foundation
import ReleaseParser
import Testing
@testable import ServarrCore

// Ids and names as the originals' API v3 sends them.
let sonarrIds: [(Int, String)] = [
    (0, "Unknown"), (1, "SDTV"), (2, "DVD"), (3, "WEBDL-1080p"), (4, "HDTV-720p"), (5, "WEBDL-720p"), (6, "Bluray-720p"),
    (7, "Bluray-1080p"), (8, "WEBDL-480p"), (9, "HDTV-1080p"), (10, "Raw-HD"), (12, "WEBRip-480p"), (13, "Bluray-480p"),
    (14, "WEBRip-720p"), (15, "WEBRip-1080p"), (16, "HDTV-2160p"), (17, "WEBRip-2160p"), (18, "WEBDL-2160p"),
    (19, "Bluray-2160p"), (20, "Bluray-1080p Remux"), (21, "Bluray-2160p Remux"), (22, "Bluray-576p"),
]

let radarrIds: [(Int, String)] = [
    (0, "Unknown"), (1, "SDTV"), (2, "DVD"), (3, "WEBDL-1080p"), (4, "HDTV-720p"), (5, "WEBDL-720p"), (6, "Bluray-720p"),
    (7, "Bluray-1080p"), (8, "WEBDL-480p"), (9, "HDTV-1080p"), (10, "Raw-HD"), (12, "WEBRip-480p"), (14, "WEBRip-720p"),
    (15, "WEBRip-1080p"), (16, "HDTV-2160p"), (17, "WEBRip-2160p"), (18, "WEBDL-2160p"), (19, "Bluray-2160p"),
    (20, "Bluray-480p"), (21, "Bluray-576p"), (22, "BR-DISK"), (23, "DVD-R"), (24, "WORKPRINT"), (25, "CAM"),
    (26, "TELESYNC"), (27, "TELECINE"), (28, "DVDSCR"), (29, "REGIONAL"), (30, "Remux-1080p"), (31, "Remux-2160p"),
]

struct QualityCatalogTests {
    @Test(arguments: sonarrIds)
    func sonarrIdsAndNamesRoundTrip(id: Int, name: String) {
        #expect(QualityCatalog.quality(id: id, for: .sonarr)?.name == name)
        #expect(QualityCatalog.quality(named: name.uppercased(), for: .sonarr)?.id == id)
        #expect(QualityCatalog.quality(id: id, for: .sonarr)?.modifier == nil)
    }

    @Test(arguments: radarrIds)
    func radarrIdsAndNamesRoundTrip(id: Int, name: String) {
        #expect(QualityCatalog.quality(id: id, for: .radarr)?.name == name)
        #expect(QualityCatalog.quality(named: name.lowercased(), for: .radarr)?.id == id)
        #expect(QualityCatalog.quality(id: id, for: .radarr)?.modifier != nil)
    }

    @Test(arguments: ServarrApp.allCases)
    func catalogsAreCompleteAndUnique(app: ServarrApp) {
        let all = QualityCatalog.qualities(for: app)
        #expect(all.count == (app == .sonarr ? sonarrIds.count : radarrIds.count))
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(all.first?.name == "Unknown")
        #expect(QualityCatalog.quality(id: 11, for: app) == nil)
        #expect(QualityCatalog.quality(named: "no such quality", for: app) == nil)
    }

    @Test func sourcesAreTheOriginalsEnumStrings() {
        let sonarr = Set(QualityCatalog.qualities(for: .sonarr).map(\.source))
        #expect(sonarr == ["unknown", "television", "televisionRaw", "web", "webRip", "dvd", "bluray", "blurayRaw"])
        let radarr = Set(QualityCatalog.qualities(for: .radarr).map(\.source))
        #expect(radarr == ["unknown", "workprint", "cam", "telesync", "telecine", "dvd", "tv", "webdl", "webrip", "bluray"])
        let modifiers = Set(QualityCatalog.qualities(for: .radarr).compactMap(\.modifier))
        #expect(modifiers == ["none", "regional", "screener", "rawhd", "brdisk", "remux"])
        #expect(QualityCatalog.quality(named: "Remux-2160p", for: .radarr)
            == ServarrQuality(id: 31, name: "Remux-2160p", source: "bluray", resolution: 2160, modifier: "remux"))
    }

    @Test func sonarrQualityEncodesWithoutModifierAndRadarrWithIt() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let sonarr = String(decoding: try encoder.encode(QualityCatalog.quality(id: 3, for: .sonarr)), as: UTF8.self)
        #expect(sonarr == #"{"id":3,"name":"WEBDL-1080p","resolution":1080,"source":"web"}"#)
        let radarr = String(decoding: try encoder.encode(QualityCatalog.quality(id: 3, for: .radarr)), as: UTF8.self)
        #expect(radarr == #"{"id":3,"modifier":"none","name":"WEBDL-1080p","resolution":1080,"source":"webdl"}"#)
    }

    @Test func partialQualityDecodesAndResolvesToTheCatalog() throws {
        let q = try JSONDecoder().decode(ServarrQuality.self, from: Data(#"{"id":7,"name":"Bluray-1080p"}"#.utf8))
        #expect(q.source == "unknown")
        #expect(QualityCatalog.resolved(q, for: .sonarr).source == "bluray")
    }

    @Test func qualityModelHasTheFileShape() throws {
        let json = #"{"quality":{"id":3,"name":"WEBDL-1080p","source":"web","resolution":1080},"revision":{"version":2,"real":0,"isRepack":true}}"#
        let model = try JSONDecoder().decode(QualityModel.self, from: Data(json.utf8))
        #expect(model.quality.id == 3)
        #expect(model.revision == QualityRevision(version: 2, real: 0, isRepack: true))
        let again = try JSONDecoder().decode(QualityModel.self, from: try JSONEncoder().encode(model))
        #expect(again == model)
        let bare = try JSONDecoder().decode(QualityModel.self, from: Data(#"{"quality":{"id":1}}"#.utf8))
        #expect(bare.revision == QualityRevision())
    }

    // Real release names → the catalog entry the originals would pick.
    static let parsed: [(String, ServarrApp, String)] = [
        ("Series.S01E01.1080p.WEB-DL.DDP5.1.H.264-GRP", .sonarr, "WEBDL-1080p"),
        ("Series.S01E01.720p.HDTV.x264-KILLERS", .sonarr, "HDTV-720p"),
        ("Series.S01E01.HDTV.x264-LOL", .sonarr, "SDTV"),
        ("Series.S02E05.1080p.HDTV.x264-GRP", .sonarr, "HDTV-1080p"),
        ("Series.S03E02.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX", .sonarr, "WEBDL-2160p"),
        ("Series.S01E01.1080p.AMZN.WEBRip.DDP5.1.x264-NTb", .sonarr, "WEBRip-1080p"),
        ("Series.S01E01.720p.WEBRip.x264-GRP", .sonarr, "WEBRip-720p"),
        ("Series.S01E01.480p.WEB-DL.x264-GRP", .sonarr, "WEBDL-480p"),
        ("Series.S01E01.720p.BluRay.x264-DEMAND", .sonarr, "Bluray-720p"),
        ("Series.S01E01.1080p.BluRay.x264-ROVERS", .sonarr, "Bluray-1080p"),
        ("Series.S01E01.2160p.UHD.BluRay.x265-GRP", .sonarr, "Bluray-2160p"),
        ("Series.S01.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-GRP", .sonarr, "Bluray-1080p Remux"),
        ("Series.S01E01.2160p.BluRay.REMUX.HEVC.DTS-HD.MA.5.1-GRP", .sonarr, "Bluray-2160p Remux"),
        ("Series.S01E01.DVDRip.XviD-SAiNTS", .sonarr, "DVD"),
        ("Series.S01E01.576p.BluRay.x264-GRP", .sonarr, "Bluray-576p"),
        ("Series.S01E01.1080i.HDTV.MPEG2-GRP", .sonarr, "Raw-HD"),
        ("Series - 01 [1080p]", .sonarr, "HDTV-1080p"),
        ("Series.S01E01.Episode.Title", .sonarr, "Unknown"),
        ("Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-GRP", .radarr, "Remux-2160p"),
        ("Movie.2010.1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1-GRP", .radarr, "Remux-1080p"),
        ("Movie.2019.1080p.BluRay.x264-SPARKS", .radarr, "Bluray-1080p"),
        ("Movie.2019.720p.BluRay.x264-SPARKS", .radarr, "Bluray-720p"),
        ("Movie.2021.2160p.WEB-DL.DDP5.1.Atmos.DV.HDR.H.265-FLUX", .radarr, "WEBDL-2160p"),
        ("Movie.2020.1080p.WEBRip.x264-RARBG", .radarr, "WEBRip-1080p"),
        ("Movie.2020.HDCAM.x264-GRP", .radarr, "CAM"),
        ("Movie.2020.HDTS.x264-GRP", .radarr, "TELESYNC"),
        ("Movie.2020.TELECINE.x264-GRP", .radarr, "TELECINE"),
        ("Movie.2020.DVDSCR.x264-GRP", .radarr, "DVDSCR"),
        ("Movie.2004.DVDRip.XviD-GRP", .radarr, "DVD"),
        ("Movie.2004.PAL.DVDR-GRP", .radarr, "DVD-R"),
        ("Movie.2019.COMPLETE.BLURAY-GRP", .radarr, "BR-DISK"),
        ("Movie.2019.720p.HDTV.x264-GRP", .radarr, "HDTV-720p"),
        ("Movie.2004.576p.BluRay.x264-GRP", .radarr, "Bluray-576p"),
    ]

    @Test(arguments: parsed)
    func parsedReleaseMapsToTheCatalog(title: String, app: ServarrApp, expected: String) throws {
        let flavor: QualityFlavor = app == .sonarr ? .series : .movie
        let quality = QualityCatalog.quality(of: ReleaseParser.parseQuality(title, flavor: flavor), for: app)
        let wanted = try #require(QualityCatalog.quality(named: expected, for: app))
        #expect(quality == wanted, "\(title)")
        // The facts initialiser goes through the same mapping.
        #expect(ReleaseFacts(parsing: title, app: app).quality == wanted, "\(title)")
    }

    @Test func sonarrWebDL1080pHasId3AndRadarrRemux2160pId31() {
        let s = QualityCatalog.quality(of: ReleaseParser.parseQuality("Series.S01E01.1080p.WEB-DL.DDP5.1.H.264-GRP", flavor: .series), for: .sonarr)
        #expect(s.id == 3)
        let r = QualityCatalog.quality(of: ReleaseParser.parseQuality("Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.Atmos-GRP", flavor: .movie), for: .radarr)
        #expect(r.id == 31)
    }

    @Test func movieOnlySourcesFallBackForSonarr() {
        // A CAM parsed with movie rules is SDTV in Sonarr's vocabulary.
        let cam = ReleaseParser.parseQuality("Movie.2020.HDCAM.x264-GRP", flavor: .movie)
        #expect(QualityCatalog.quality(of: cam, for: .sonarr).name == "SDTV")
    }

    @Test func revisionComesFromTheParser() {
        let model = QualityModel(parsed: ReleaseParser.parseQuality("Series.S01E01.REPACK.720p.HDTV.x264-GRP"), for: .sonarr)
        #expect(model.revision.version == 2)
        #expect(model.revision.isRepack)
    }
}

struct QualityDefinitionTests {
    @Test(arguments: ServarrApp.allCases)
    func defaultsCoverTheCatalogInWeightOrderAndAreValid(app: ServarrApp) {
        let defs = QualityCatalog.defaultDefinitions(for: app)
        #expect(defs.map(\.quality) == QualityCatalog.qualities(for: app))
        #expect(defs.map(\.id) == Array(1...defs.count))
        #expect(defs.map(\.weight) == defs.map(\.weight).sorted())
        for d in defs { #expect(d.validate(app: app).isEmpty, "\(d.title)") }
    }

    @Test func originalLimits() {
        let sonarr = QualityCatalog.defaultDefinitions(for: .sonarr)
        let hdtv = sonarr.first { $0.title == "HDTV-720p" }
        #expect(hdtv?.minSize == 0 && hdtv?.maxSize == 100 && hdtv?.preferredSize == 95)
        #expect(sonarr.first { $0.title == "Bluray-2160p Remux" }?.maxSize == nil)
        let radarr = QualityCatalog.defaultDefinitions(for: .radarr)
        #expect(radarr.first { $0.title == "Bluray-1080p" }?.maxSize == nil)
        #expect(radarr.first { $0.title == "WEBDL-1080p" }?.maxSize == 100)
        // WEBDL and WEBRip of one resolution share a weight (they form a group in profiles).
        let web = radarr.filter { $0.title.hasSuffix("-1080p") && $0.title.hasPrefix("WEB") }.map(\.weight)
        #expect(web.count == 2 && web[0] == web[1])
    }

    static let bad: [(Double?, Double?, Double?, ServarrApp, [String])] = [
        (10, 5, nil, .sonarr, ["MaxSize"]),
        (10, 100, 5, .sonarr, ["PreferredSize"]),
        (0, 50, 60, .sonarr, ["PreferredSize"]),
        (-1, 100, 95, .sonarr, ["MinSize"]),
        (0, 1500, 95, .sonarr, ["MaxSize"]),
        (0, 1500, 95, .radarr, []),
        (0, 2500, 95, .radarr, ["MaxSize"]),
        (0, nil, nil, .sonarr, []),
    ]

    @Test(arguments: bad)
    func validation(min: Double?, max: Double?, preferred: Double?, app: ServarrApp, properties: [String]) {
        let d = QualityDefinition(id: 1, quality: QualityCatalog.quality(id: 4, for: app)!, title: "HDTV-720p", weight: 7,
                                  minSize: min, maxSize: max, preferredSize: preferred)
        #expect(d.validate(app: app).map(\.propertyName) == properties)
    }

    @Test func decodesTheApiShapeWithNullLimits() throws {
        let json = #"{"quality":{"id":19,"name":"Bluray-2160p","source":"bluray","resolution":2160},"title":"Bluray-2160p","weight":17,"minSize":0,"maxSize":null,"id":21}"#
        let d = try JSONDecoder().decode(QualityDefinition.self, from: Data(json.utf8))
        #expect(d.maxSize == nil && d.preferredSize == nil && d.minSize == 0 && d.id == 21)
        let bounds = d.sizeBounds(runtimeMinutes: 45)
        #expect(bounds.min == 0 && bounds.max == nil)
    }

    @Test func sizeBoundsAreMegabytesPerMinute() {
        let d = QualityDefinition(id: 1, quality: QualityCatalog.quality(id: 4, for: .sonarr)!, title: "HDTV-720p", weight: 7,
                                  minSize: 10, maxSize: 100, preferredSize: 95)
        let bounds = d.sizeBounds(runtimeMinutes: 45)
        let megabyte: Int64 = 1_048_576
        #expect(bounds.min == 450 * megabyte)
        #expect(bounds.max == .some(4500 * megabyte))
    }
}
