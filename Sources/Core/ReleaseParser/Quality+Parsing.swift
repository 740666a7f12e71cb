// Quality parsing over tokens. Like the originals, the *leftmost* source marker in the
// name decides the source; resolution, codec and remux markers refine it.

extension ReleaseParser {
    /// Parses quality the way Sonarr (`.series`) or Radarr (`.movie`) would.
    public static func parseQuality(_ name: String, flavor: QualityFlavor = .series) -> ParsedQuality {
        QualityScanner(name: name, flavor: flavor).parse()
    }
}

private enum RawSource {
    case bluray, webdl, webrip, hdtv, bdrip, brrip, dvd, dvdr, dsr, pdtv, sdtv, tvrip
    case cam, telesync, telecine, workprint, screener, regional, rawhd, hdtvPair, sdtvPair
}

struct QualityScanner {
    let name: String
    let flavor: QualityFlavor
    let list: TokenList

    init(name: String, flavor: QualityFlavor) {
        let trimmed = name.trimmingWhitespace()
        self.name = trimmed
        self.flavor = flavor
        list = TokenList(trimmed)
    }

    init(prepared: PreparedName, flavor: QualityFlavor) {
        name = prepared.trimmed
        self.flavor = flavor
        list = prepared.tokens
    }

    static let resolutionWords: WordMap<Int> = [
        "360p": 360, "480p": 480, "480i": 480, "640x480": 480, "848x480": 480, "540p": 540, "576p": 576, "576i": 576,
        "720p": 720, "1280x720": 720, "960p": 720, "1080p": 1080, "1920x1080": 1080, "1440p": 1080, "fhd": 1080,
        "1080i": 1080, "4kto1080p": 1080, "2160p": 2160, "3840x2160": 2160, "4320p": 2160,
    ]
    static let services: WordSet = [
        "amzn", "nf", "dp", "atvp", "dsnp", "hmax", "hulu", "pcok", "pmtp", "stan", "it", "cr", "max", "hbo", "netflix",
        "amazon", "ma", "dsny", "dsnyp", "ip", "all4", "itv", "red", "viva", "sho", "crav", "aptn", "cbc", "ae", "ntb",
    ]
    static let webFollowers: WordSet = [
        "x264", "x265", "h264", "h265", "x266", "h266", "avc", "hevc", "h", "x", "dd5", "ddp5", "ddp", "dd", "ddp2",
        "dd2", "aac", "aac2", "atmos", "dl", "av1", "eac3", "dv", "hdr", "sdr", "vp9", "10bit", "hdr10", "opus", "flac",
        "mkv", "web", "proper", "repack", "ac3", "mp4",
    ]

    func resolutionOf(_ t: String) -> Int? { Self.resolutionOf(t) }

    static let gluedResolutionHeads: WordSet = ["bluray", "bd", "web", "hdtv", "webdl", "webrip", "uhd", "hd"]
    static let gluedResolutions: [(String, Int)] = [("2160p", 2160), ("1080p", 1080), ("720p", 720), ("480p", 480), ("576p", 576)]
    static let gluedResolutionBytes: [([UInt8], Int)] = gluedResolutions.map { (Array($0.0.utf8), $0.1) }

    static func resolutionOf(_ t: String) -> Int? {
        if let r = resolutionWords[t] { return r }
        // Glued forms need a digit and more than 4 bytes; most tokens are rejected here.
        guard t.utf8.count > 4, t.withBytes({ $0.contains { $0 >= 48 && $0 <= 57 } }) else { return nil }
        // Glued forms such as `bluray1080p`, `bd720p`, `1080p60`; on bytes for ASCII tokens
        // (nearly all), where a byte prefix or suffix is a Character one.
        if let ascii = t.withBytes({ u -> Int?? in
            for b in u where b >= 0x80 { return .none }
            for (suffix, r) in gluedResolutionBytes where u.count > suffix.count {
                let m = suffix.count, cut = u.count - m
                if (0..<m).allSatisfy({ u[cut + $0] == suffix[$0] }),
                   gluedResolutionHeads.contains(String(decoding: UnsafeBufferPointer(rebasing: u[..<cut]), as: UTF8.self)) {
                    return .some(r)
                }
                if (0..<m).allSatisfy({ u[$0] == suffix[$0] }), u[m...].allSatisfy({ $0 >= 48 && $0 <= 57 }) { return .some(r) }
            }
            return .some(nil)
        }) { return ascii }
        for (suffix, r) in gluedResolutions {
            if t.hasSuffix(suffix), t.fastCount > suffix.count {
                let head = t.dropLast(suffix.count)
                if gluedResolutionHeads.contains(String(head)) { return r }
            }
            if t.hasPrefix(suffix), t.fastCount > suffix.count, t.dropFirst(suffix.count).allSatisfy(\.isNumber) { return r }
        }
        return nil
    }

    /// Resolution written in the name: the first explicit one, else 4K/UHD hints.
    func nameResolution() -> Int? {
        // Resolution words start with a digit (`1080p`), `f` (`fhd`) or a glued source (`bd720p`).
        for (k, tok) in list.tokens.enumerated() {
            let f = tok.first
            guard (f >= 48 && f <= 57) || f == 102 || f == 98 || f == 119 || f == 104 || f == 117 else { continue }
            if let r = resolutionOf(list.texts[k]) { return r }
        }
        for (i, tok) in list.tokens.enumerated() where tok.first == 52 || tok.first == 117 {
            let t = list.texts[i]
            if t == "4k" { return 2160 }
            if t == "uhd" || t == "ultrahd" || (t == "ultra" && list.text(i + 1) == "hd") {
                // `UHD` alone only counts when nothing explicit was found.
                return 2160
            }
        }
        return nil
    }

    func isWebDL(at i: Int) -> Bool {
        // `WEB` on its own is only a source when the context says so; `The.Web.MT` is a title.
        let next = list.text(i + 1)
        let prev = list.text(i - 1)
        if next == "rip" || next == "dl" || next == "dlmux" { return true }
        if Self.webFollowers.contains(next) || resolutionOf(next) != nil { return true }
        if Self.services.contains(prev) || resolutionOf(prev) != nil || prev == "hybrid" { return true }
        if i >= 2, resolutionOf(list.text(i - 2)) != nil { return true }
        let separator = list.separators[i]
        if separator.hasSuffixASCII("[") || separator.hasSuffixASCII("(") { return true }
        if separator.hasSuffixASCII("/") || separator.hasSuffixASCII("/ ") { return true }
        if i == list.count - 1, list.original(i) == "WEB" { return true }
        return false
    }

    /// What a source-marker word does in `findSource`: words that behave alike share a case,
    /// so each token costs one (filtered) hash lookup and a switch on a small enum instead of
    /// a chain of string comparisons.
    fileprivate enum SourceWord {
        case bluray, blu, bd, br, hd, webdl, web, webrip, hdtv, bdrip, brrip, dvdr, dvd, dvdrip, dsr, ws, pdtv, sdtv
        case tvrip, sd, raw, cam, ts, telesync, telecine, workprint, screener, scr, r5, r6
    }

    /// Every token that can open a source marker, with what it does.
    fileprivate static let sourceWords: WordMap<SourceWord> = {
        var m: [String: SourceWord] = [:]
        func add(_ words: [String], _ w: SourceWord) { for word in words { m[word] = w } }
        add(["bluray", "mbluray", "hddvd", "uhdbd", "bdiso", "bdmux", "bd25", "bd50", "bd66", "bd100", "brdisk", "uhd2bd",
             "bdremux", "uhdremux", "bluray720p", "bluray1080p", "bluray2160p", "bd720p", "bd1080p", "bd2160p"], .bluray)
        add(["blu"], .blu); add(["bd"], .bd); add(["br"], .br); add(["hd"], .hd)
        add(["webdl", "webdlmux", "amazonhd", "amazonsd", "ituneshd", "maxdomehd", "netflixhd", "netflixuhd", "webhd",
             "hbomaxhd", "disneyhd"], .webdl)
        add(["web"], .web); add(["webrip", "webmux"], .webrip); add(["hdtv"], .hdtv)
        add(["bdrip", "bdlight", "uhdbdrip", "hddvdrip"], .bdrip); add(["brrip"], .brrip)
        add(["dvdr", "dvd5", "dvd9", "mdvdr", "2dvd5", "2dvd9", "2xdvd9", "2xdvd5"], .dvdr); add(["dvd"], .dvd)
        add(["dvdrip", "xvidvd", "ntsc"], .dvdrip); add(["dsr"], .dsr); add(["ws"], .ws); add(["pdtv"], .pdtv)
        add(["sdtv"], .sdtv); add(["tvrip"], .tvrip); add(["sd"], .sd); add(["raw"], .raw)
        add(["cam", "camrip", "hdcam", "hqcam", "hdcamrip", "newcam", "hqcamrip"], .cam); add(["ts"], .ts)
        add(["tsrip", "telesync", "telesynch", "hdts", "pdvd", "hdtsrip"], .telesync); add(["telecine", "hdtc"], .telecine)
        add(["workprint"], .workprint); add(["dvdscr", "screener"], .screener); add(["scr"], .scr)
        add(["r5"], .r5); add(["r6"], .r6)
        return WordMap(m)
    }()

    /// The leftmost source marker, with the index of the token after it.
    private func findSource() -> (RawSource, Int)? {
        let n = list.count
        var i = 0
        while i < n {
            guard let word = Self.sourceWords[list, at: i] else { i += 1; continue }
            let next = list.text(i + 1)
            let isLast = i == n - 1
            switch word {
            case .bluray: return (.bluray, i + 1)
            case .blu where next == "ray": return (.bluray, i + 2)
            case .bd where !isLast:
                if next == "rip" { return (.bdrip, i + 2) }
                return (.bluray, i + 1)
            case .br where next == "disk": return (.bluray, i + 2)
            case .hd where next == "dvd":
                if list.text(i + 2) == "rip" { return (.bdrip, i + 3) }
                return (.bluray, i + 2)
            case .hd where next == "tv": return (.hdtvPair, i + 2)
            case .hd where next == "cam" || next == "ts": return (next == "cam" ? .cam : .telesync, i + 2)
            case .webdl: return (.webdl, i + 1)
            case .web:
                if next == "rip" { return (.webrip, i + 2) }
                if next == "dl" { return (.webdl, i + 2) }
                if isWebDL(at: i) { return (.webdl, i + 1) }
            case .webrip: return (.webrip, i + 1)
            case .hdtv: return (.hdtv, i + 1)
            case .bdrip: return (.bdrip, i + 1)
            case .brrip: return (.brrip, i + 1)
            case .dvdr: return (.dvdr, i + 1)
            case .dvd:
                if next == "r" { return (.dvdr, i + 2) }
                if next == "rip" { return (.dvd, i + 2) }
                if next == "scr" { return (.screener, i + 2) }
                return (.dvd, i + 1)
            case .dvdrip: return (.dvd, i + 1)
            case .dsr: return (.dsr, i + 1)
            case .ws where next == "dsr": return (.dsr, i + 2)
            case .pdtv: return (.pdtv, i + 1)
            case .sdtv: return (.sdtv, i + 1)
            case .tvrip: return (.tvrip, i + 1)
            case .sd where next == "tv": return (.sdtvPair, i + 2)
            case .sd where next == "dvd": return (.dvd, i + 2)
            case .raw where next == "hd": return (.rawhd, i + 2)
            case .cam: return (.cam, i + 1)
            case .ts where !isLast && flavor == .movie: return (.telesync, i + 1)
            case .telesync: return (.telesync, i + 1)
            case .telecine: return (.telecine, i + 1)
            case .workprint: return (.workprint, i + 1)
            case .screener: return (.screener, i + 1)
            case .scr where flavor == .movie: return (.screener, i + 1)
            case .r5: return (.regional, i + 1)
            case .r6 where flavor == .movie: return (.regional, i + 1)
            default: break
            }
            i += 1
        }
        return nil
    }

    func parseRevision() -> Revision {
        var rev = Revision()
        // Only `proper`, `repack…`/`rerip…`, `REAL` and version suffixes (`v2`, `01v2`) matter.
        for (i, tok) in list.tokens.enumerated() where tok.first == 112 || tok.first == 114 || (tok.last >= 50 && tok.last <= 57) {
            let t = list.texts[i]
            let first = tok.first
            if first == 112, t == "proper" { rev.version = max(rev.version, 2) }
            if first == 114, t.hasPrefixASCII("repack") || t.hasPrefixASCII("rerip") {
                let digits = t.drop { !$0.isNumber }
                if t == "repack" || t == "rerip" { rev.version = max(rev.version, 2); rev.isRepack = true }
                else if let v = Int(digits), digits.count == 1, t.fastCount == (t.hasPrefixASCII("repack") ? 7 : 6) {
                    rev.version = max(rev.version, v + 1); rev.isRepack = true
                }
            }
            if first == 114, list.original(i) == "REAL" { rev.real += 1 }
            // Anime style versions: `01v2`, `S01E01v2`, ` v2 `, `[v2]`, `2018v2`.
            if let v = Self.versionSuffix(t) {
                let standalone = t.fastCount == 2
                if standalone {
                    // Only right after an episode number (`01 v2`, `S01E01 v2`) or alone in brackets (`[v2]`).
                    let prev = list.text(i - 1)
                    let afterNumber = prev.last?.isNumber == true && list.separators[i].fastCount <= 1
                    if afterNumber || (list.source.utf8.count > tok.end
                        && list.source.utf8.dropFirst(tok.end).first == 93) { rev.version = max(rev.version, v) }
                } else {
                    rev.version = max(rev.version, v)
                }
            }
        }
        return rev
    }

    /// `v2` → 2; `01v2` → 2; `s01e01v2` → 2.
    static func versionSuffix(_ t: String) -> Int? {
        t.withBytes { u -> Int? in
            let n = u.count
            guard n >= 2, u[n - 1] >= 50, u[n - 1] <= 57, u[n - 2] == 118 else { return nil }
            if n == 2 { return Int(u[n - 1] - 48) }
            guard u[n - 3] >= 48 && u[n - 3] <= 57 else { return nil }
            return Int(u[n - 1] - 48)
        }
    }

    static let xvidWords: WordSet = ["xvid", "divx"]
    static let encodeWords: WordSet = ["x264", "h264", "xvid", "divx", "x265", "h265"]
    static let discWords: WordSet = ["bdiso", "iso", "bd25", "bd50", "bd66", "bd100", "untouched", "brdisk"]

    private func hasCodec(_ words: WordSet) -> Bool { list.contains(anyOf: words) }

    func parse() -> ParsedQuality {
        var q = ParsedQuality()
        q.revision = parseRevision()
        let res = nameResolution()
        let ext = FileExtension.of(name)
        let xvid = hasCodec(Self.xvidWords) || list.containsPair("x", "vid")
        let remux = hasRemux()
        let mpeg2 = list.contains("mpeg2") || list.containsPair("mpeg", "2")
        var source: QualitySource = .unknown
        var resolution = res
        var modifier: QualityModifier?
        q.sourceDetection = .name
        q.resolutionDetection = res == nil ? .unknown : .name

        let found = findSource()
        switch found?.0 {
        case .bluray?:
            source = .bluray
            let germanMultiLingual = flavor == .movie && list.contains("german") && list.contains("ml")
            if xvid && flavor == .series { resolution = 480 }
            if germanMultiLingual { modifier = .remux }
            else if flavor == .movie, isBRDisk(after: found!.1) && !remux { modifier = .brdisk; resolution = 1080 }
            else if remux { modifier = .remux }
        case .bdrip?, .brrip?:
            source = .bluray
            if resolution == nil || xvid { resolution = resolution ?? 480 }
        case .webdl?: source = .webdl
        case .webrip?: source = .webrip
        case .hdtv?:
            source = .tv
            if mpeg2 { modifier = .rawhd }
            if resolution == nil, name.containsIgnoringASCIICase("[hdtv]") { resolution = 720 }
        case .dvd?: source = .dvd
        case .dvdr?: source = .dvd; if flavor == .movie { modifier = .remux; resolution = 480 }
        case .dsr?, .pdtv?, .sdtv?, .tvrip?:
            source = .tv
            if resolution == nil, list.contains("hr") { resolution = 720 }
        case .hdtvPair?:
            source = .tv
            if resolution == nil { resolution = 720 }
        case .sdtvPair?: source = .tv
        case .rawhd?: source = .tv; modifier = .rawhd; resolution = resolution ?? 1080
        case .cam?: source = .cam
        case .telesync?: source = .telesync
        case .telecine?: source = .telecine
        case .workprint?: source = .workprint
        case .screener?: source = .dvd; modifier = .screener
        case .regional?: source = .dvd; modifier = .regional
        case nil:
            if remux {
                source = .bluray; modifier = .remux
            } else if flavor == .movie, list.contains("ml"), list.contains("german") {
                source = .bluray; modifier = .remux
            } else if res != nil {
                (source, q.sourceDetection) = sourceFromExtension(ext)
                if flavor == .series { if source == .unknown || q.sourceDetection == .extension { source = .tv } }
                else if source == .unknown { source = .tv }
                if flavor == .series, q.sourceDetection != .extension { q.sourceDetection = .unknown }
            } else if flavor == .series, hasCodec(Self.encodeWords) {
                source = .tv; resolution = 480
                q.sourceDetection = .name
            } else if flavor == .movie, xvid {
                source = .tv; resolution = 480
            } else {
                (source, q.sourceDetection) = sourceFromExtension(ext)
                if source != .unknown {
                    resolution = extensionResolution(ext!)
                    q.resolutionDetection = .extension
                }
            }
        }
        if found == nil, res != nil, ext != nil, q.sourceDetection == .unknown {
            // Sonarr reports the container as the source evidence when only resolution was named.
            if sourceFromExtension(ext).0 != .unknown { q.sourceDetection = .extension }
        }
        if source == .tv, resolution == nil { resolution = 480 }
        if source == .webdl || source == .webrip, resolution == nil {
            // (Case-insensitive on bytes: no non-ASCII letter lower-cases to these ASCII ones.)
            resolution = name.containsIgnoringASCIICase("[webdl]") || name.containsIgnoringASCIICase("[web]") ? 720 : 480
        }
        if source == .bluray, resolution == nil { resolution = (modifier == .remux || modifier == .brdisk) ? 1080 : 720 }
        if modifier == .remux, source == .bluray, let r = resolution, r < 1080 { modifier = nil }
        if let r = resolution {
            switch r {
            case 360, 540: resolution = 480
            default: break
            }
        }
        if source == .dvd, modifier == nil { resolution = flavor == .movie ? resolution : 480 }
        q.source = source
        q.resolution = resolution
        q.modifier = modifier
        if source == .unknown { q.resolution = res; q.sourceDetection = found == nil && res == nil ? .unknown : q.sourceDetection }
        q.name = flavor == .series ? Self.seriesName(q) : Self.movieName(q)
        return q
    }

    func hasRemux() -> Bool {
        for (i, tok) in list.tokens.enumerated() where tok.last == 120 {
            let t = list.texts[i]
            guard t == "remux" || t == "bdremux" || t == "uhdremux" else { continue }
            if list.separators[i] == "-" {
                let prev = list.text(i - 1)
                if resolutionOf(prev) != nil || prev == "hybrid" || prev == "bd" || prev == "uhd" { return true }
                continue
            }
            return true
        }
        return false
    }

    /// Radarr's full-disc detection: an untouched disc rather than an encode.
    func isBRDisk(after idx: Int) -> Bool {
        if hasCodec(Self.encodeWords) { return false }
        if hasCodec(Self.discWords) { return true }
        if list.containsPair("bd", "50") || list.containsPair("bd", "25") || list.containsPair("br", "disk") { return true }
        if list.containsPair("complete", "bluray") { return true }
        if list.containsPair("hd", "dvd") { return true }
        let next = list.text(idx)
        if ["avc", "vc1", "mpeg2", "hevc"].contains(next) { return true }
        if next == "vc" && list.text(idx + 1) == "1" { return true }
        if next == "mpeg" && list.text(idx + 1) == "2" { return true }
        return false
    }

    func sourceFromExtension(_ ext: String?) -> (QualitySource, QualityDetectionSource) {
        guard let ext else { return (.unknown, .unknown) }
        if FileExtension.sdtv.contains(ext) { return (.tv, .extension) }
        if FileExtension.dvd.contains(ext) { return (.dvd, .extension) }
        if FileExtension.hd.contains(ext) { return (flavor == .movie && ext == "mkv" ? .webdl : .tv, .extension) }
        if FileExtension.bluray.contains(ext) { return (.bluray, .extension) }
        return (.unknown, .unknown)
    }

    func extensionResolution(_ ext: String) -> Int? {
        if FileExtension.sdtv.contains(ext) || FileExtension.dvd.contains(ext) { return 480 }
        if FileExtension.hd.contains(ext) || FileExtension.bluray.contains(ext) { return 720 }
        return nil
    }

    /// The name for resolution band of `r` (≥ 2160, ≥ 1080, ≥ 720, else SD); the names are
    /// literals, so no string is built per release.
    @inline(__always) static func banded(_ r: Int, _ uhd: String, _ fhd: String, _ hd: String, _ sd: String) -> String {
        r >= 2160 ? uhd : r >= 1080 ? fhd : r >= 720 ? hd : sd
    }

    static func seriesName(_ q: ParsedQuality) -> String {
        let r = q.resolution ?? 0
        switch q.source {
        case .unknown: return "Unknown"
        case .tv: return q.modifier == .rawhd ? "Raw-HD" : banded(r, "HDTV-2160p", "HDTV-1080p", "HDTV-720p", "SDTV")
        case .webdl: return banded(r, "WEBDL-2160p", "WEBDL-1080p", "WEBDL-720p", "WEBDL-480p")
        case .webrip: return banded(r, "WEBRip-2160p", "WEBRip-1080p", "WEBRip-720p", "WEBRip-480p")
        case .bluray:
            if q.modifier == .remux && r >= 1080 { return r >= 2160 ? "Bluray-2160p Remux" : "Bluray-1080p Remux" }
            if r == 576 { return "Bluray-576p" }
            return banded(r, "Bluray-2160p", "Bluray-1080p", "Bluray-720p", "Bluray-480p")
        case .dvd: return "DVD"
        case .cam, .telesync, .telecine, .workprint: return "SDTV"
        }
    }

    static func movieName(_ q: ParsedQuality) -> String {
        let r = q.resolution ?? 0
        switch q.source {
        case .unknown: return "Unknown"
        case .cam: return "CAM"
        case .telesync: return "TELESYNC"
        case .telecine: return "TELECINE"
        case .workprint: return "WORKPRINT"
        case .tv: return q.modifier == .rawhd ? "Raw-HD" : banded(r, "HDTV-2160p", "HDTV-1080p", "HDTV-720p", "SDTV")
        case .webdl: return banded(r, "WEBDL-2160p", "WEBDL-1080p", "WEBDL-720p", "WEBDL-480p")
        case .webrip: return banded(r, "WEBRip-2160p", "WEBRip-1080p", "WEBRip-720p", "WEBRip-480p")
        case .dvd:
            switch q.modifier {
            case .remux?: return "DVD-R"
            case .screener?: return "DVDSCR"
            case .regional?: return "REGIONAL"
            default: return "DVD"
            }
        case .bluray:
            if q.modifier == .brdisk { return "BR-DISK" }
            if q.modifier == .remux { return r >= 2160 ? "Remux-2160p" : "Remux-1080p" }
            if r == 576 { return "Bluray-576p" }
            return banded(r, "Bluray-2160p", "Bluray-1080p", "Bluray-720p", "Bluray-480p")
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        // Fast path: nearly every name starts and ends with a visible ASCII byte.
        if let f = firstByte, let l = lastByte, f > 32, f < 128, l > 32, l < 128 { return self }
        // ASCII whitespace at the ends (` - Group` pieces): trimmed on bytes when what is left
        // starts and ends with a visible ASCII byte; anything else takes the Character path.
        let fast = withBytes { u -> String? in
            var lo = 0, hi = u.count
            while lo < hi, u[lo] == 32 || (u[lo] >= 9 && u[lo] <= 13) { lo += 1 }
            while hi > lo, u[hi - 1] == 32 || (u[hi - 1] >= 9 && u[hi - 1] <= 13) { hi -= 1 }
            if lo == hi { return "" }
            guard u[lo] > 32, u[lo] < 128, u[hi - 1] > 32, u[hi - 1] < 128 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: u[lo..<hi]), as: UTF8.self)
        }
        if let fast { return fast }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
