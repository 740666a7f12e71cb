import ReleaseParser

// The originals' quality tables: ids, names, sources and resolutions as their API v3
// sends them. Sonarr and Radarr share most ids (SDTV 1, WEBDL-1080p 3...) but not all
// (Bluray-480p is 13 in Sonarr, 20 in Radarr), so every lookup names the app.

/// One quality, in the `{"id","name","source","resolution"}` shape of the API
/// (Radarr adds `"modifier"`).
public struct ServarrQuality: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    /// Sonarr: television, televisionRaw, web, webRip, dvd, bluray, blurayRaw, unknown.
    /// Radarr: unknown, cam, telesync, telecine, workprint, dvd, tv, webdl, webrip, bluray.
    public var source: String
    public var resolution: Int
    /// Radarr only: none, regional, screener, rawhd, brdisk, remux. Nil (and not encoded) for Sonarr.
    public var modifier: String?

    public init(id: Int, name: String, source: String, resolution: Int, modifier: String? = nil) {
        self.id = id
        self.name = name
        self.source = source
        self.resolution = resolution
        self.modifier = modifier
    }

    enum CodingKeys: String, CodingKey { case id, name, source, resolution, modifier }

    // Clients often send only `{"id": 7, "name": "Bluray-1080p"}`; the rest defaults and
    // `QualityCatalog.resolved` restores the catalog entry.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? "unknown"
        resolution = try c.decodeIfPresent(Int.self, forKey: .resolution) ?? 0
        modifier = try c.decodeIfPresent(String.self, forKey: .modifier)
    }
}

/// A release's revision (proper/repack/real), as in episodefile/moviefile JSON.
public struct QualityRevision: Sendable, Hashable, Codable {
    public var version: Int
    public var real: Int
    public var isRepack: Bool

    public init(version: Int = 1, real: Int = 0, isRepack: Bool = false) {
        self.version = version
        self.real = real
        self.isRepack = isRepack
    }

    public init(_ parsed: Revision) {
        self.init(version: parsed.version, real: parsed.real, isRepack: parsed.isRepack)
    }

    enum CodingKeys: String, CodingKey { case version, real, isRepack }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        real = try c.decodeIfPresent(Int.self, forKey: .real) ?? 0
        isRepack = try c.decodeIfPresent(Bool.self, forKey: .isRepack) ?? false
    }
}

/// `{"quality": {...}, "revision": {...}}`, the quality of a file or release.
public struct QualityModel: Sendable, Hashable, Codable {
    public var quality: ServarrQuality
    public var revision: QualityRevision

    public init(quality: ServarrQuality, revision: QualityRevision = QualityRevision()) {
        self.quality = quality
        self.revision = revision
    }

    enum CodingKeys: String, CodingKey { case quality, revision }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        quality = try c.decode(ServarrQuality.self, forKey: .quality)
        revision = try c.decodeIfPresent(QualityRevision.self, forKey: .revision) ?? QualityRevision()
    }

    /// The quality and revision a release name carries, mapped to the app's catalog.
    public init(parsed: ParsedQuality, for app: ServarrApp) {
        self.init(quality: QualityCatalog.quality(of: parsed, for: app), revision: QualityRevision(parsed.revision))
    }
}

/// The originals' quality lists, default definitions and lookups.
public enum QualityCatalog {
    /// Every quality of `app`, lowest weight first (the order of the originals' definitions).
    public static func qualities(for app: ServarrApp) -> [ServarrQuality] {
        table(for: app).entries.map(\.quality)
    }

    public static func quality(id: Int, for app: ServarrApp) -> ServarrQuality? {
        table(for: app).byId[id].map { table(for: app).entries[$0].quality }
    }

    /// Case-insensitive lookup by display name (`webdl-1080p`, `Remux-2160p`).
    public static func quality(named name: String, for app: ServarrApp) -> ServarrQuality? {
        table(for: app).byName[name.lowercased()].map { table(for: app).entries[$0].quality }
    }

    /// The catalog entry for what the release parser read. The parser already names
    /// qualities in each app's vocabulary; an unexpected name falls back to matching
    /// source × resolution × modifier, then to Unknown.
    public static func quality(of parsed: ParsedQuality, for app: ServarrApp) -> ServarrQuality {
        let flavored = app == .sonarr ? parsed.sonarrName : parsed.radarrName
        if let q = quality(named: flavored, for: app) { return q }
        if let q = quality(named: parsed.name, for: app) { return q }
        return quality(id: 0, for: app) ?? unknown(for: app)
    }

    /// A client-sent quality (often only id and name) replaced by the catalog entry with that id.
    public static func resolved(_ quality: ServarrQuality, for app: ServarrApp) -> ServarrQuality {
        self.quality(id: quality.id, for: app) ?? quality
    }

    /// Position in the weight order (ties, such as WEBDL/WEBRip of one resolution, share a weight).
    public static func weight(of quality: ServarrQuality, for app: ServarrApp) -> Int? {
        let t = table(for: app)
        return t.byId[quality.id].map { t.entries[$0].weight }
    }

    /// The group name the originals give qualities of equal weight (`WEB 1080p`), if any.
    public static func groupName(of quality: ServarrQuality, for app: ServarrApp) -> String? {
        let t = table(for: app)
        return t.byId[quality.id].flatMap { t.entries[$0].group }
    }

    static func unknown(for app: ServarrApp) -> ServarrQuality {
        ServarrQuality(id: 0, name: "Unknown", source: "unknown", resolution: 0, modifier: app == .radarr ? "none" : nil)
    }

    // MARK: Tables

    struct Entry: Sendable {
        let quality: ServarrQuality
        let weight: Int
        let group: String?
        let minSize: Double
        let maxSize: Double?
        let preferredSize: Double?
    }

    struct Table: Sendable {
        let entries: [Entry]
        let byId: [Int: Int]
        let byName: [String: Int]

        init(_ entries: [Entry]) {
            self.entries = entries
            var byId: [Int: Int] = [:]
            var byName: [String: Int] = [:]
            for (i, e) in entries.enumerated() {
                byId[e.quality.id] = i
                byName[e.quality.name.lowercased()] = i
            }
            self.byId = byId
            self.byName = byName
        }
    }

    static func table(for app: ServarrApp) -> Table {
        switch app {
        case .sonarr: sonarrTable
        case .radarr: radarrTable
        }
    }

    // Sonarr v4: sizes 0/95/100 MB per minute up to 1080p, no upper limit for Raw-HD,
    // remuxes and 2160p. Equal weights form the default profile groups.
    private static func sonarr(
        _ id: Int, _ name: String, _ source: String, _ resolution: Int, weight: Int, group: String? = nil, unlimited: Bool = false
    ) -> Entry {
        Entry(quality: ServarrQuality(id: id, name: name, source: source, resolution: resolution),
              weight: weight, group: group, minSize: 0, maxSize: unlimited ? nil : 100, preferredSize: unlimited ? nil : 95)
    }

    static let sonarrTable = Table([
        sonarr(0, "Unknown", "unknown", 0, weight: 1),
        sonarr(1, "SDTV", "television", 480, weight: 2),
        sonarr(12, "WEBRip-480p", "webRip", 480, weight: 3, group: "WEB 480p"),
        sonarr(8, "WEBDL-480p", "web", 480, weight: 3, group: "WEB 480p"),
        sonarr(2, "DVD", "dvd", 480, weight: 4),
        sonarr(13, "Bluray-480p", "bluray", 480, weight: 5),
        sonarr(22, "Bluray-576p", "bluray", 576, weight: 6),
        sonarr(4, "HDTV-720p", "television", 720, weight: 7),
        sonarr(9, "HDTV-1080p", "television", 1080, weight: 8),
        sonarr(10, "Raw-HD", "televisionRaw", 1080, weight: 9, unlimited: true),
        sonarr(14, "WEBRip-720p", "webRip", 720, weight: 10, group: "WEB 720p"),
        sonarr(5, "WEBDL-720p", "web", 720, weight: 10, group: "WEB 720p"),
        sonarr(6, "Bluray-720p", "bluray", 720, weight: 11),
        sonarr(15, "WEBRip-1080p", "webRip", 1080, weight: 12, group: "WEB 1080p"),
        sonarr(3, "WEBDL-1080p", "web", 1080, weight: 12, group: "WEB 1080p"),
        sonarr(7, "Bluray-1080p", "bluray", 1080, weight: 13),
        sonarr(20, "Bluray-1080p Remux", "blurayRaw", 1080, weight: 14, unlimited: true),
        sonarr(16, "HDTV-2160p", "television", 2160, weight: 15, unlimited: true),
        sonarr(17, "WEBRip-2160p", "webRip", 2160, weight: 16, group: "WEB 2160p", unlimited: true),
        sonarr(18, "WEBDL-2160p", "web", 2160, weight: 16, group: "WEB 2160p", unlimited: true),
        sonarr(19, "Bluray-2160p", "bluray", 2160, weight: 17, unlimited: true),
        sonarr(21, "Bluray-2160p Remux", "blurayRaw", 2160, weight: 18, unlimited: true),
    ])

    // Radarr: sizes 0/95/100 MB per minute up to WEB 1080p; Bluray-1080p and above unlimited.
    private static func radarr(
        _ id: Int, _ name: String, _ source: String, _ resolution: Int, _ modifier: String = "none",
        weight: Int, group: String? = nil, unlimited: Bool = false
    ) -> Entry {
        Entry(quality: ServarrQuality(id: id, name: name, source: source, resolution: resolution, modifier: modifier),
              weight: weight, group: group, minSize: 0, maxSize: unlimited ? nil : 100, preferredSize: unlimited ? nil : 95)
    }

    static let radarrTable = Table([
        radarr(0, "Unknown", "unknown", 0, weight: 1),
        radarr(24, "WORKPRINT", "workprint", 0, weight: 2),
        radarr(25, "CAM", "cam", 0, weight: 3),
        radarr(26, "TELESYNC", "telesync", 0, weight: 4),
        radarr(27, "TELECINE", "telecine", 0, weight: 5),
        radarr(29, "REGIONAL", "dvd", 480, "regional", weight: 6),
        radarr(28, "DVDSCR", "dvd", 480, "screener", weight: 7),
        radarr(1, "SDTV", "tv", 480, weight: 8),
        radarr(2, "DVD", "dvd", 480, weight: 9),
        radarr(23, "DVD-R", "dvd", 480, "remux", weight: 10),
        radarr(8, "WEBDL-480p", "webdl", 480, weight: 11, group: "WEB 480p"),
        radarr(12, "WEBRip-480p", "webrip", 480, weight: 11, group: "WEB 480p"),
        radarr(20, "Bluray-480p", "bluray", 480, weight: 12),
        radarr(21, "Bluray-576p", "bluray", 576, weight: 13),
        radarr(4, "HDTV-720p", "tv", 720, weight: 14),
        radarr(5, "WEBDL-720p", "webdl", 720, weight: 15, group: "WEB 720p"),
        radarr(14, "WEBRip-720p", "webrip", 720, weight: 15, group: "WEB 720p"),
        radarr(6, "Bluray-720p", "bluray", 720, weight: 16),
        radarr(9, "HDTV-1080p", "tv", 1080, weight: 17),
        radarr(3, "WEBDL-1080p", "webdl", 1080, weight: 18, group: "WEB 1080p"),
        radarr(15, "WEBRip-1080p", "webrip", 1080, weight: 18, group: "WEB 1080p"),
        radarr(7, "Bluray-1080p", "bluray", 1080, weight: 19, unlimited: true),
        radarr(30, "Remux-1080p", "bluray", 1080, "remux", weight: 20, unlimited: true),
        radarr(16, "HDTV-2160p", "tv", 2160, weight: 21, unlimited: true),
        radarr(18, "WEBDL-2160p", "webdl", 2160, weight: 22, group: "WEB 2160p", unlimited: true),
        radarr(17, "WEBRip-2160p", "webrip", 2160, weight: 22, group: "WEB 2160p", unlimited: true),
        radarr(19, "Bluray-2160p", "bluray", 2160, weight: 23, unlimited: true),
        radarr(31, "Remux-2160p", "bluray", 2160, "remux", weight: 24, unlimited: true),
        radarr(22, "BR-DISK", "bluray", 1080, "brdisk", weight: 25, unlimited: true),
        radarr(10, "Raw-HD", "tv", 1080, "rawhd", weight: 26, unlimited: true),
    ])
}

extension ParsedQuality {
    // The parser names qualities for the flavour it was asked for; these give both
    // vocabularies so a series-flavoured parse can still be mapped for Radarr and back.
    var sonarrName: String { QualityNames.series(self) }
    var radarrName: String { QualityNames.movie(self) }
}

/// Names of a parsed quality in each app's vocabulary.
enum QualityNames {
    private static func band(_ r: Int, _ prefix: String, sd: String) -> String {
        switch r {
        case 2160...: "\(prefix)-2160p"
        case 1080..<2160: "\(prefix)-1080p"
        case 720..<1080: "\(prefix)-720p"
        default: sd
        }
    }

    static func series(_ q: ParsedQuality) -> String {
        let r = q.resolution ?? 0
        switch q.source {
        case .unknown: return "Unknown"
        case .tv: return q.modifier == .rawhd ? "Raw-HD" : band(r, "HDTV", sd: "SDTV")
        case .webdl: return band(r, "WEBDL", sd: "WEBDL-480p")
        case .webrip: return band(r, "WEBRip", sd: "WEBRip-480p")
        case .bluray:
            if q.modifier == .remux, r >= 1080 { return r >= 2160 ? "Bluray-2160p Remux" : "Bluray-1080p Remux" }
            if q.modifier == .brdisk { return r >= 2160 ? "Bluray-2160p Remux" : "Bluray-1080p Remux" }
            if r == 576 { return "Bluray-576p" }
            return band(r, "Bluray", sd: "Bluray-480p")
        case .dvd: return "DVD"
        case .cam, .telesync, .telecine, .workprint: return "SDTV"
        }
    }

    static func movie(_ q: ParsedQuality) -> String {
        let r = q.resolution ?? 0
        switch q.source {
        case .unknown: return "Unknown"
        case .cam: return "CAM"
        case .telesync: return "TELESYNC"
        case .telecine: return "TELECINE"
        case .workprint: return "WORKPRINT"
        case .tv: return q.modifier == .rawhd ? "Raw-HD" : band(r, "HDTV", sd: "SDTV")
        case .webdl: return band(r, "WEBDL", sd: "WEBDL-480p")
        case .webrip: return band(r, "WEBRip", sd: "WEBRip-480p")
        case .dvd:
            switch q.modifier {
            case .remux?: return "DVD-R"
            case .screener?: return "DVDSCR"
            case .regional?: return "REGIONAL"
            default: return "DVD"
            }
        case .bluray:
            if q.modifier == .brdisk { return "BR-DISK" }
            if q.modifier == .remux, r >= 1080 { return r >= 2160 ? "Remux-2160p" : "Remux-1080p" }
            if r == 576 { return "Bluray-576p" }
            return band(r, "Bluray", sd: "Bluray-480p")
        }
    }
}
