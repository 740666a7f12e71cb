// Episode parsing. The name is tokenised once; then we look for the "episode marker"
// (S01E05, 1x05, an air date, a season pack, a bare 105, an anime absolute number...).
// The title is everything before the marker. Markers are ranked: a stronger kind of
// marker anywhere beats a weaker one, and among equals the leftmost wins.

extension ReleaseParser {
    /// Parses a release title as a TV episode or pack; nil when it is not one.
    public static func parseEpisode(_ title: String) -> ParsedEpisodeInfo? {
        guard title.utf8.count < 4096 else { return nil }
        var scanner = EpisodeScanner(title)
        guard var info = scanner.parse() else { return nil }
        info.quality = parseQuality(title, flavor: .series)
        info.releaseGroup = parseReleaseGroup(title)
        info.languages = parseLanguages(title, flavor: .series)
        info.releaseTitle = title
        if info.releaseHash == nil { info.releaseHash = scanner.releaseHash }
        return info
    }

    /// Parses a file path: the file name first, then its folders for what is missing.
    public static func parsePath(_ path: String) -> ParsedEpisodeInfo? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
        guard let file = parts.last else { return nil }
        let fileName = FileExtension.strip(file)
        // Obfuscated by reversal: `10E10S.esaeleR.emoS` reads backwards.
        let reversedName = String(fileName.reversed())
        if TokenList(fileName).tokens.contains(where: { EpisodeScanner.isReversedSE($0.text) }),
           var r = parseEpisode(reversedName) {
            if r.quality.source == .unknown, let ext = FileExtension.of(file) {
                r.quality = parseQuality(reversedName + "." + ext)
            }
            return r
        }
        var result = parseEpisode(file) ?? parseEpisode(fileName)
        let parent = parts.count >= 2 ? parts[parts.count - 2] : nil
        let seasonFolder = parent.flatMap(EpisodeScanner.seasonFolderNumber)
        if let season = seasonFolder {
            // `Season 1/02 Honor Thy Father.mkv`, `Season 2/E05-06 - Title`.
            let tl = TokenList(fileName)
            if var r = result, r.episodeNumbers.isEmpty, !r.absoluteEpisodeNumbers.isEmpty {
                r.seasonNumber = season
                r.episodeNumbers = r.absoluteEpisodeNumbers.map { Int($0) }
                r.absoluteEpisodeNumbers = []
                result = r
            } else if result == nil || (result!.episodeNumbers.isEmpty && result!.airDate == nil),
                      let first = tl.tokens.first, first.text.isAllDigits, first.text.count <= 3, let e = Int(first.text) {
                var r = result ?? ParsedEpisodeInfo()
                r.seasonNumber = season
                r.episodeNumbers = [e]
                r.quality = parseQuality(file)
                result = r
            } else if var r = result, r.seasonNumber == 0, r.episodeNumbers.isEmpty == false, r.seriesTitle.isEmpty {
                r.seasonNumber = season; result = r
            }
        }
        for folder in parts.dropLast().reversed() {
            guard let folderInfo = parseEpisode(folder), !folderInfo.seriesTitle.isEmpty,
                  !folderInfo.episodeNumbers.isEmpty || folderInfo.fullSeason || !folderInfo.absoluteEpisodeNumbers.isEmpty else { continue }
            if var r = result, !r.seriesTitle.isEmpty,
               cleanSeriesTitle(r.seriesTitle) == cleanSeriesTitle(folderInfo.seriesTitle) || folderInfo.fullSeason {
                if r.releaseGroup == nil { r.releaseGroup = folderInfo.releaseGroup }
                if r.quality.sourceDetection != .name { r.quality = folderInfo.quality }
                result = r
            } else if var r = result, !r.seriesTitle.isEmpty, r.episodeNumbers.isEmpty, !r.absoluteEpisodeNumbers.isEmpty,
                      !folderInfo.absoluteEpisodeNumbers.isEmpty {
                r.seriesTitle = folderInfo.seriesTitle
                result = r
            } else if !folderInfo.episodeNumbers.isEmpty || result == nil {
                var f = folderInfo
                if f.quality.source == .unknown, let r = result { f.quality = r.quality }
                result = f
            }
            break
        }
        return result
    }

    /// Series title from a release name, or the whole name when it does not parse.
    public static func parseSeriesName(_ title: String) -> String {
        if let info = parseEpisode(title) { return info.seriesTitle }
        var s = EpisodeScanner.stripWebsitePrefix(title)
        if s.hasSuffix("-") { s.removeLast() }
        return s.trimmingWhitespace()
    }
}

extension String {
    /// Cheap check that a reversed string now contains an SxxExx marker.
    func hasSEMarker() -> Bool {
        TokenList(self).tokens.contains { EpisodeScanner.parseSE($0.text) != nil }
    }
}

struct EpisodeCandidate {
    var tier: Int
    /// UTF-8 offset where the title ends.
    var titleEnd: Int
    var info = ParsedEpisodeInfo()
    /// Parsing must fail (e.g. a daily date before 1951).
    var reject = false
}

struct EpisodeScanner {
    var text: String
    var list: TokenList
    var releaseHash: String?
    var japaneseDatePrefix = false
    var hasLeadingGroup = false

    init(_ title: String) {
        var s = title.trimmingWhitespace().replacingFullWidthBrackets()
        s = FileExtension.strip(s)
        s = Self.stripWebsitePrefix(s)
        // `221208 ABC123 Series ep11`: Japanese broadcast date prefix.
        let firstSpace = s.firstIndex(of: " ")
        if let sp = firstSpace, s.distance(from: s.startIndex, to: sp) == 6, s[..<sp].allSatisfy({ $0.isNumber }),
           s[s.index(after: sp)...].contains(where: { !$0.isNumber && $0 != " " }) {
            let rest = String(s[s.index(after: sp)...])
            if !TokenList(rest).tokens.contains(where: { Self.parseSE($0.text) != nil }) || true {
                s = rest
                japaneseDatePrefix = true
            }
        }
        text = s
        list = TokenList(s)
        hasLeadingGroup = s.hasPrefix("[")
        releaseHash = Self.findHash(s)
    }

    /// Removes `[ www.site.com ] -` and `www.site.com -` prefixes.
    static func stripWebsitePrefix(_ s: String) -> String {
        var t = Substring(s)
        let lowered = s.lowercased()
        func isSite(_ x: Substring) -> Bool {
            let y = x.trimmingCharacters(" ").lowercased()
            guard y.contains("."), !y.contains(" ") else { return false }
            let tlds = [".com", ".org", ".net", ".de", ".co.uk", ".co.nz", ".net.au", ".org.au", ".co.za", ".ca", ".info", ".to", ".tv"]
            return y.hasPrefix("www.") || tlds.contains { y.hasSuffix($0) }
        }
        if t.hasPrefix("[") || t.hasPrefix("("), let close = t.firstIndex(where: { $0 == "]" || $0 == ")" }) {
            let inner = t[t.index(after: t.startIndex)..<close]
            if isSite(inner) {
                t = t[t.index(after: close)...]
                t = t.drop { $0 == " " || $0 == "-" || $0 == "_" || $0 == "." }
                return String(t)
            }
        }
        if lowered.hasPrefix("www.") || lowered.firstRange(of: " - ") != nil {
            if let dash = s.firstRange(of: " - ") {
                let head = s[..<dash.lowerBound]
                if isSite(head) { return String(s[dash.upperBound...]) }
            }
        }
        return s
    }

    static func findHash(_ s: String) -> String? {
        // An 8-hex-digit CRC in brackets or parentheses at the end part: `[6B7FD717]`.
        var result: String?
        var idx = s.startIndex
        while let open = s[idx...].firstIndex(where: { $0 == "[" || $0 == "(" }) {
            let close: Character = s[open] == "[" ? "]" : ")"
            guard let end = s[open...].firstIndex(of: close) else { break }
            let inner = s[s.index(after: open)..<end]
            if inner.count == 8, String(inner).isHexString, inner.contains(where: \.isNumber) {
                result = String(inner)
            }
            idx = s.index(after: end)
        }
        return result
    }

    /// `10E10S` / `50E50S` / `11E-20S`: an SxxExx marker written backwards.
    static func isReversedSE(_ t: String) -> Bool {
        guard t.hasSuffix("s"), t.count >= 5 else { return false }
        return parseSE(String(t.reversed())) != nil && t.first?.isNumber == true
    }

    static func seasonFolderNumber(_ folder: String) -> Int? {
        let l = TokenList(folder)
        if l.text(0) == "season", let n = Int(l.text(1)) { return n }
        if l.text(0) == "specials" { return 0 }
        return nil
    }

    // MARK: - Token helpers

    func isNumber(_ i: Int) -> Bool { i >= 0 && i < list.count && list[i].text.isAllDigits }
    func num(_ i: Int) -> Int? { i >= 0 && i < list.count && list[i].text.isAllDigits && list[i].text.count <= 6 ? Int(list[i].text) : nil }
    func sep(_ i: Int) -> Substring { i >= 0 && i < list.count ? list[i].separatorBefore : "" }

    /// `s01e05`, `s01e05e06`, `s6e1`, `s01ep01` → (season, [episodes], prefix length before `s`, suffix flags).
    static func parseSE(_ t: String) -> (season: Int, episodes: [Int], prefix: Int, split: Bool, version: Bool)? {
        let u = Array(t.utf8)
        // Find an `s<digits>e<digits>` starting at some position (titles can be glued: `zoos01e11`).
        var start = 0
        while start < u.count {
            if u[start] == 115, start + 1 < u.count, u[start + 1] >= 48, u[start + 1] <= 57 { break }
            start += 1
        }
        guard start < u.count else { return nil }
        var i = start + 1
        var season = 0, digits = 0
        while i < u.count, u[i] >= 48, u[i] <= 57 { season = season * 10 + Int(u[i] - 48); i += 1; digits += 1; if digits > 4 { return nil } }
        guard i < u.count, u[i] == 101 else { return nil }
        var episodes: [Int] = []
        while i < u.count, u[i] == 101 {
            i += 1
            if i < u.count, u[i] == 112 { i += 1 } // `ep`
            var e = 0, d = 0
            while i < u.count, u[i] >= 48, u[i] <= 57 { e = e * 10 + Int(u[i] - 48); i += 1; d += 1; if d > 5 { return nil } }
            guard d > 0 else { return nil }
            episodes.append(e)
        }
        var split = false, version = false
        if i < u.count {
            let rest = u[i...]
            if rest.count == 1, rest.first! >= 97, rest.first! <= 100 { split = true }
            else if rest.count == 2, rest.first == 118, rest.last! >= 48, rest.last! <= 57 { version = true }
            else { return nil }
        }
        if start > 0 && start < 3 { return nil }
        return (season, episodes, start, split, version)
    }

    /// `1x05`, `2x04x05`, `01x04` → season and episodes.
    static func parseNxN(_ t: String) -> (season: Int, episodes: [Int])? {
        let parts = t.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy({ $0.isNumber }) && $0.count <= 4 }),
              let s = Int(parts[0]) else { return nil }
        let eps = parts.dropFirst().compactMap { Int($0) }
        guard parts[0].count <= 4, parts.dropFirst().allSatisfy({ $0.count <= 3 }) else { return nil }
        if parts.count == 2, let e = eps.first, e >= 360 && s >= 480 { return nil } // 1280x720
        return (s, eps)
    }

    static func range(_ eps: [Int]) -> [Int] {
        guard let first = eps.first, let last = eps.last else { return [] }
        let lo = min(first, eps.min()!), hi = max(last, eps.max()!)
        if hi - lo > 500 { return eps }
        return Array(lo...hi)
    }

    // MARK: - Title

    func title(upTo offset: Int) -> String {
        let utf8 = text.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
        var t = String(text[..<end])
        // Leading release-group brackets are not part of the title.
        while t.hasPrefix("[") || t.hasPrefix("【"), let close = t.firstIndex(where: { $0 == "]" || $0 == "】" }) {
            let rest = t[t.index(after: close)...]
            if rest.trimmingCharacters(" _.-").isEmpty { break }
            t = String(rest)
            while t.first == " " || t.first == "_" || t.first == "." { t.removeFirst() }
        }
        // `我的人间烟火.Fireworks.Series`: a leading native-script title glued with dots.
        let tl = TokenList(t)
        if tl.count > 1, tl[0].text.utf8.first! >= 0x80, tl[1].separatorBefore == ".",
           tl.tokens.dropFirst().allSatisfy({ $0.text.utf8.first! < 0x80 }) {
            t = String(t.utf8.dropFirst(tl[1].start)) ?? t
        }
        return Self.cleanTitleText(t)
    }

    static func cleanTitleText(_ raw: String) -> String {
        var t = ""
        for ch in raw {
            switch ch {
            case ".", "_": t.append(" ")
            case "?", "<", ">", "\"", "*": continue
            default: t.append(ch)
            }
        }
        // Trailing/leading separators and unbalanced brackets.
        let junk: Set<Character> = [" ", "-", "(", "[", "/", "|", "{", ",", "+", "~", "#"]
        while let l = t.last, junk.contains(l) { t.removeLast() }
        while let f = t.first, f == " " || f == "(" || f == "-" { t.removeFirst() }
        for junkSuffix in [" Complete Series", " Complete", " (Miniserie)"] {
            while t.hasSuffix(junkSuffix) { t.removeLast(junkSuffix.count) }
        }
        if let r = t.firstRange(of: " (Miniserie)") { t.removeSubrange(r) }
        let opens = t.filter { $0 == "(" }.count, closes = t.filter { $0 == ")" }.count
        if opens > closes, t.last?.isNumber == true { t.append(")") }
        // Collapse runs of spaces produced by ` . ` style separators.
        var out = ""
        var lastSpace = false
        for ch in t {
            if ch == " " { if !lastSpace { out.append(ch) }; lastSpace = true } else { out.append(ch); lastSpace = false }
        }
        return out
    }

    // MARK: - Parse

    mutating func parse() -> ParsedEpisodeInfo? {
        guard list.count > 0 else { return nil }
        if looksLikeHash() { return nil }
        var best: EpisodeCandidate?
        var dailyCandidate: EpisodeCandidate?
        var ambiguousDateAt: Int?
        var i = 0
        while i < list.count {
            if let c = seasonEpisodeCandidate(at: i) { consider(c, &best) }
            if let (c, ambiguous) = dailyCandidateAt(i) {
                if ambiguous { if ambiguousDateAt == nil { ambiguousDateAt = list[i].start } }
                else if let c, dailyCandidate == nil { dailyCandidate = c }
            }
            if let c = seasonPackCandidate(at: i) { consider(c, &best) }
            if let c = capCandidate(at: i) { consider(c, &best) }
            if let c = numberCandidate(at: i) { consider(c, &best) }
            i += 1
        }
        if let d = dailyCandidate {
            if let b = best, b.tier == 0, b.titleEnd < d.titleEnd {
                // S01E05 before the date wins.
            } else if var b = best, b.tier == 0, followsDateImmediately(b, d) {
                b.titleEnd = d.titleEnd
                best = b
            } else {
                best = d
            }
        }
        guard var chosen = best, !chosen.reject else { return nil }
        if let amb = ambiguousDateAt, chosen.tier >= 3, chosen.titleEnd >= amb { return nil }
        chosen.info.seriesTitle = title(upTo: chosen.titleEnd)
        if chosen.info.fullSeason && chosen.info.seriesTitle.isEmpty { return nil }
        if chosen.tier == 0, !chosen.info.seriesTitle.contains(where: { $0.isASCII && $0.isLetter }),
           let later = laterLatinTitle(after: chosen.titleEnd) {
            chosen.info.seriesTitle = later
        }
        if let slash = chosen.info.seriesTitle.lastRange(of: " / "),
           chosen.info.seriesTitle.contains(where: { !$0.isASCII && $0.isLetter }) {
            chosen.info.seriesTitle = String(chosen.info.seriesTitle[slash.upperBound...])
        }
        fillTitleInfo(&chosen.info)
        if chosen.info.releaseHash == nil { chosen.info.releaseHash = releaseHash }
        return chosen.info
    }

    /// `Босх: Спадок (S2E1) / Series: Legacy (S2E1)`: prefer the later Latin-script title.
    func laterLatinTitle(after offset: Int) -> String? {
        for k in 0..<list.count where list[k].start > offset {
            guard Self.parseSE(list[k].text) != nil else { continue }
            let t = title(upTo: list[k].start)
            if let slash = t.lastRange(of: " / ") {
                let tail = String(t[slash.upperBound...])
                if tail.contains(where: { $0.isASCII && $0.isLetter }) { return tail }
            }
        }
        return nil
    }

    func followsDateImmediately(_ se: EpisodeCandidate, _ date: EpisodeCandidate) -> Bool {
        // `Judge 2016 02 25 S20E142`: the date is just part of the title.
        guard let dateEnd = date.info.dailyPart ?? Optional(0) else { return false }
        _ = dateEnd
        return se.titleEnd > date.titleEnd && dateTokenEnd(date) == tokenIndex(atOffset: se.titleEnd)
    }

    func tokenIndex(atOffset o: Int) -> Int? { list.tokens.firstIndex { $0.start >= o } }

    func dateTokenEnd(_ date: EpisodeCandidate) -> Int? {
        guard let startIdx = tokenIndex(atOffset: date.titleEnd) else { return nil }
        var j = startIdx
        var count = 0
        while j < list.count, list[j].text.isAllDigits, count < 3 { j += 1; count += 1; if list[j - 1].text.count >= 6 { break } }
        return j
    }

    func consider(_ c: EpisodeCandidate, _ best: inout EpisodeCandidate?) {
        if let b = best {
            if c.tier < b.tier || (c.tier == b.tier && c.titleEnd < b.titleEnd) { best = c }
        } else {
            best = c
        }
    }

    func looksLikeHash() -> Bool {
        let t = text
        if !t.contains(" ") && !t.contains(".") && !t.contains("_") && t.count >= 20 && !t.contains("-") { return true }
        if list.count == 1, list[0].text.count >= 20 { return true }
        if t.count >= 32, t.count <= 40, t.isHexString { return true }
        return false
    }

    mutating func fillTitleInfo(_ info: inout ParsedEpisodeInfo) {
        let title = info.seriesTitle
        info.titleWithoutYear = title
        // `Series Title 2010` / `Series (2010)`: a trailing year.
        let tl = TokenList(title)
        if tl.count >= 2, let last = tl.tokens.last, last.text.count == 4, let y = Int(last.text), y > 1900, y < 2100 {
            info.year = y
            let utf8 = title.utf8
            var head = String(title[..<utf8.index(utf8.startIndex, offsetBy: last.start)])
            while let l = head.last, l == " " || l == "(" || l == "[" { head.removeLast() }
            info.titleWithoutYear = head
        }
        info.allTitles = [info.seriesTitle]
    }

    // MARK: Tier 0: S01E05 / 1x05 and friends

    func seasonEpisodeCandidate(at i: Int) -> EpisodeCandidate? {
        let t = list[i].text
        var season: Int?
        var eps: [Int] = []
        var next = i + 1
        var titleEnd = list[i].start
        var info = ParsedEpisodeInfo()
        var explicitRange = false
        if let se = Self.parseSE(t) {
            season = se.season; eps = se.episodes
            titleEnd = list[i].start + se.prefix
            info.isSplitEpisode = se.split
        } else if t.first == "s", t.count >= 2, t.dropFirst().allSatisfy({ $0.isNumber }), t.count <= 5 {
            // `S01 E05`, `S01.Ep06`, `S01.E.01`, `s06.01`, `S42 Ep10718`, `S02 - E06`.
            let n = list.text(i + 1)
            if let e = Self.episodeList(n) {
                season = Int(t.dropFirst()); eps = e; next = i + 2
            } else if (n == "e" || n == "ep"), let e = num(i + 2) {
                season = Int(t.dropFirst()); eps = [e]; next = i + 3
            } else if n.count == 2, n.isAllDigits, sep(i + 1) == ".", !isNumber(i + 2) || list.text(i + 2).count == 4 {
                season = Int(t.dropFirst()); eps = [Int(n)!]; next = i + 2
            } else if t == "s", false {
            } else { return nil }
        } else if t == "s", let sn = num(i + 1), let e = Self.episodeWord(list.text(i + 2)), list.text(i + 1).count <= 2 {
            season = sn; eps = [e]; next = i + 3
        } else if let nx = Self.parseNxN(t), !(i > 0 && list.text(i - 1).hasSuffix("x") == false && sep(i) == "x") {
            season = nx.season; eps = nx.episodes
            if sep(i).hasSuffix("[") { titleEnd = list[i].start }
        } else if t == "se", let sn = num(i + 1), list.text(i + 2) == "afl", let e = num(i + 3) {
            // Dutch: `Se.3 afl.3`
            season = sn; eps = [e]; next = i + 4
            while next < list.count {
                if let e2 = num(next), sep(next) == "-" { eps.append(e2); next += 1 }
                else if list.text(next) == "en", let e2 = num(next + 1) { eps.append(e2); next += 2 }
                else { break }
            }
        } else {
            return nil
        }
        guard let s = season else { return nil }
        // Continuations: E06, -06, -E06, S01E06, 2x06, x06, _02.
        while next < list.count {
            let n = list.text(next)
            let sp = sep(next)
            if let e = Self.episodeWord(n), sp.count <= 3 || sp == " - " {
                eps.append(e); next += 1; if sp.contains("-") { explicitRange = true }; continue
            }
            if (n == "e" || n == "ep"), let e = num(next + 1), sep(next + 1).count <= 1, sp.count <= 3 {
                eps.append(e); next += 2; continue
            }
            if let se = Self.parseSE(n), se.prefix == 0, se.season == s, sp.count <= 3 {
                eps.append(contentsOf: se.episodes); next += 1; continue
            }
            if let nx = Self.parseNxN(n), nx.season == s, sp.count <= 3 {
                eps.append(contentsOf: nx.episodes); next += 1; continue
            }
            if n.hasPrefix("x"), let e = Int(n.dropFirst()), n.count <= 4, sp == "-" {
                eps.append(e); next += 1; continue
            }
            if n.isAllDigits, n.count <= 3, sp == "-" || sp == "_" || (sp == " - " && false), let e = Int(n) {
                if let last = eps.last, sp == "_" ? e == last + 1 : e > last { eps.append(e); next += 1; continue }
            }
            break
        }
        // `S2E1-16 of 16` is the whole season.
        var fullSeasonByCount = false
        if list.text(next) == "of", let total = num(next + 1), eps.first == 1, eps.last == total, eps.count >= 2 {
            fullSeasonByCount = true
        }
        _ = explicitRange
        info.seasonNumber = s
        if fullSeasonByCount {
            info.fullSeason = true
        } else {
            info.episodeNumbers = eps.count > 1 ? Self.range(eps) : eps
        }
        // Special `S01E11.5`.
        if next < list.count, sep(next) == ".", list.text(next) == "5", eps.count == 1, list.text(next + 1) == "sp" || true,
           list.text(next).count == 1, list.tokens.indices.contains(next + 1) ? list.text(next + 1) == "sp" : false {
            info.special = true
        }
        var c = EpisodeCandidate(tier: 0, titleEnd: titleEnd, info: info)
        // Anime: an absolute number right before or after (`Show 214 10x14`, `S01E01.001`).
        attachAbsolute(to: &c, markerIndex: i, afterIndex: next)
        // `Босх: Спадок (S2E1) / Series: Legacy (S2E1)`: the later latin title is the one.
        return c
    }

    mutating func noop() {}

    /// `e1e3`, `e01` → [1, 3], [1].
    static func episodeList(_ t: String) -> [Int]? {
        guard t.hasPrefix("e") else { return nil }
        let parts = t.split(separator: "e")
        guard parts.count >= 1 else { return nil }
        var out: [Int] = []
        for p in parts {
            var q = p
            if q.hasPrefix("p") { q = q.dropFirst() }
            guard !q.isEmpty, q.count <= 5, q.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(q) else { return nil }
            out.append(v)
        }
        return out
    }

    /// `e05`, `ep05`, `E1135` as an episode number.
    static func episodeWord(_ t: String) -> Int? {
        var s = Substring(t)
        if s.hasPrefix("ep") { s = s.dropFirst(2) } else if s.hasPrefix("e") { s = s.dropFirst() } else { return nil }
        if s.hasSuffix("v2") || s.hasSuffix("v3") { s = s.dropLast(2) }
        guard !s.isEmpty, s.count <= 5, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    func attachAbsolute(to c: inout EpisodeCandidate, markerIndex i: Int, afterIndex next: Int) {
        guard hasLeadingGroup || sep(next).hasSuffix("(") else { return }
        // After the marker: `S01E01.001`, `S01E01-02-03 - 001-002-003`, `S01E01-02 (001-002)`.
        var j = next
        var abs: [Int] = []
        while j < list.count, let n = num(j), list.text(j).count == 3 || list.text(j).count == 4 {
            if !abs.isEmpty && sep(j) != "-" { break }
            if abs.isEmpty && !(sep(j) == "." || sep(j) == " - " || sep(j) == " (" || sep(j) == " ") { break }
            if list.text(j).count == 4, let v = num(j), (1900...2100).contains(v) { break }
            abs.append(n); j += 1
        }
        if abs.isEmpty, hasLeadingGroup, i > 0, let n = num(i - 1), list.text(i - 1).count >= 3, list.text(i - 1).count <= 4,
           !(1900...2100).contains(n) || list.text(i - 1).count == 3 {
            abs = [n]
            c.titleEnd = list[i - 1].start
        }
        if !abs.isEmpty {
            c.info.absoluteEpisodeNumbers = (abs.count > 1 ? Self.range(abs) : abs).map(Double.init)
        }
    }

    // MARK: Daily

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard m >= 1, m <= 12, d >= 1, d <= 31 else { return false }
        return y >= 1900 && y <= 2100
    }

    /// Returns (candidate, ambiguous). A nil candidate with `ambiguous` marks `05-06-2024`.
    func dailyCandidateAt(_ i: Int) -> (EpisodeCandidate?, Bool)? {
        let t = list[i].text
        var y = 0, m = 0, d = 0
        var next = i + 1
        let u = t.utf8.count
        if u == 4, let yy = num(i), yy > 1900, yy < 2100, let a = num(i + 1), let b = num(i + 2),
           list.text(i + 1).count == 2, list.text(i + 2).count == 2, sep(i + 1).count == 1, sep(i + 2) == sep(i + 1) {
            y = yy
            if a > 12 { d = a; m = b } else { m = a; d = b }
            next = i + 3
        } else if u == 2, let a = num(i), let b = num(i + 1), let yy = num(i + 2), list.text(i + 1).count == 2,
                  list.text(i + 2).count == 4, yy > 1900, yy < 2100, sep(i + 1).count == 1, sep(i + 2) == sep(i + 1) {
            y = yy
            if a > 12 && b <= 12 { d = a; m = b } else if b > 12 && a <= 12 { m = a; d = b } else {
                return (nil, true)
            }
            next = i + 3
        } else if u == 8, t.isAllDigits, let v = Int(t), (19_500_000...21_000_000).contains(v) {
            y = v / 10000; m = v / 100 % 100; d = v % 100
        } else if u == 6, t.isAllDigits, let v = Int(t), i > 0, !Self.isGluedEpisodePair(t) {
            // `140722`: YYMMDD after a title.
            y = 2000 + v / 10000; m = v / 100 % 100; d = v % 100
            if y > 2035 { return nil }
            if i > 0, Self.episodeWord(list.text(i - 1)) != nil { return nil }
        } else if let ord = Self.ordinalDay(t), let mo = Self.months[String(list.text(i + 1).prefix(3))], let yy = num(i + 2),
                  list.text(i + 2).count == 4 {
            d = ord; m = mo; y = yy; next = i + 3
        } else {
            return nil
        }
        guard validDate(y, m, d) else { return nil }
        var info = ParsedEpisodeInfo()
        info.airDate = String(format4(y)) + "-" + pad2(m) + "-" + pad2(d)
        var c = EpisodeCandidate(tier: 1, titleEnd: list[i].start, info: info)
        if y < 1951 { c.reject = true }
        // `Series On TitleClub E76 2024 08 08`: an episode word before the date is not title.
        if i > 0, Self.episodeWord(list.text(i - 1)) != nil { c.titleEnd = list[i - 1].start }
        if list.text(next) == "part", let p = num(next + 1) { c.info.dailyPart = p }
        else if list.text(next).hasPrefix("part"), let p = Int(list.text(next).dropFirst(4)) { c.info.dailyPart = p }
        return (c, false)
    }

    /// `010910` reads as S01E09E10 rather than a date.
    static func isGluedEpisodePair(_ t: String) -> Bool {
        let u = Array(t.utf8).map { Int($0) - 48 }
        guard u.count == 6 else { return false }
        return u[2] * 10 + u[3] + 1 == u[4] * 10 + u[5]
    }

    static func ordinalDay(_ t: String) -> Int? {
        for suf in ["st", "nd", "rd", "th"] where t.hasSuffix(suf) {
            let head = t.dropLast(2)
            if !head.isEmpty, head.count <= 2, let v = Int(head) { return v }
        }
        return nil
    }

    // MARK: Season packs

    static let seasonWords: Set<String> = ["season", "saison", "stagione", "temporada", "series"]

    func seasonPackCandidate(at i: Int) -> EpisodeCandidate? {
        let t = list[i].text
        var season: Int?
        var next = i + 1
        var titleEnd = list[i].start
        if t.first == "s", t.count >= 2, t.count <= 5, t.dropFirst().allSatisfy({ $0.isNumber }) {
            season = Int(t.dropFirst())
            if list[i].start == 0 && i == 0 && list.count == 1 { return nil }
        } else if t == "s", let n = num(i + 1), list.text(i + 1).count == 2 {
            season = n; next = i + 2
        } else if Self.seasonWords.contains(t), let n = num(i + 1), list.text(i + 1).count <= 4 {
            if t == "series" && !(sep(i).contains("-") || sep(i + 2).contains("(")) { return nil }
            season = n; next = i + 2
            if sep(i).hasSuffix("(") { titleEnd = list[i].start - 1 }
        } else if t.hasPrefix("season") || t.hasPrefix("saison"), let n = Int(t.dropFirst(6)), t.count <= 10 {
            season = n
        } else {
            return nil
        }
        guard let s = season, i > 0 || true else { return nil }
        var info = ParsedEpisodeInfo()
        info.seasonNumber = s
        info.fullSeason = true
        var tier = 2
        let n = list.text(next)
        let sp = sep(next)
        // Season followed by an episode: `Season 1 - Episode 01`, `Season 39 ep11`, `Season 01 Episode 05-06`.
        if (n == "episode" || n == "ep"), let e = num(next + 1) {
            var eps = [e]
            var j = next + 2
            while j < list.count, let e2 = num(j), sep(j) == "-" { eps.append(e2); j += 1 }
            info.fullSeason = false
            info.episodeNumbers = eps.count > 1 ? Self.range(eps) : eps
            tier = 0
        } else if let e = Self.episodeWord(n), n.hasPrefix("ep") {
            info.fullSeason = false; info.episodeNumbers = [e]; tier = 0
        } else if let cap = capNumber(from: next) {
            info.fullSeason = false
            info.seasonNumber = cap.season
            info.episodeNumbers = cap.episodes
            tier = 0
        } else if (n.first == "s" && n.dropFirst().allSatisfy({ $0.isNumber }) && n.count >= 2 && (sp == "-" || sp == " - " || sp == " "))
                    || ((n == "season" || n == "s") && sp == " - ") {
            info.multiSeason = true
        } else if n.isAllDigits, n.count == 2, sp == "-" || sp == " " || sp == " - ", !list.text(i).isAllDigits {
            if sp == " - " && hasLeadingGroup || (sp == " - " && !Self.seasonWords.contains(t)) {
                // `[Group] Show S3 - 12`: anime absolute with the season in the title.
                return animeAfterSeason(i: i, next: next)
            }
            if sp == " " && t.first == "s" && list.text(next + 1).isEmpty == false && isNumber(next + 1) { return nil }
            info.multiSeason = true
        } else if n.isAllDigits, n.count >= 2, !(n.count == 4 && (1900...2100).contains(Int(n) ?? 0) && sp == " "),
                  sp == " - " || (sp == " " && n.count >= 3 && t.first == "s") || (sp == " " && hasLeadingGroup && t.first == "s") {
            return animeAfterSeason(i: i, next: next)
        } else if n == "ep" || n == "episode" || Self.episodeWord(n) != nil {
            if sp == " - " { return animeAfterSeason(i: i, next: next) }
        } else if n == "extras" || n == "subpack" || n == "extra" {
            info.isSeasonExtra = true
        } else if (n == "part" || n == "vol" || n == "volume"), let p = num(next + 1) {
            info.fullSeason = false; info.partialSeason = true; info.seasonPart = p
        } else if n.count >= 2, n.first == "p", let p = Int(n.dropFirst()), n.dropFirst().allSatisfy({ $0.isNumber }) {
            info.fullSeason = false; info.partialSeason = true; info.seasonPart = p
        } else if sp.hasSuffix("[") || sp.hasSuffix("(") , isNumber(next), list.text(next).count <= 3, hasLeadingGroup {
            return animeAfterSeason(i: i, next: next)
        }
        if info.multiSeason { info.fullSeason = true }
        return EpisodeCandidate(tier: tier, titleEnd: titleEnd, info: info)
    }

    /// Spanish `[HDTV][Cap.104]` without a season word: the title ends at the first bracket.
    func capCandidate(at i: Int) -> EpisodeCandidate? {
        guard list[i].text == "cap", let cap = capNumber(from: i) else { return nil }
        var info = ParsedEpisodeInfo()
        info.seasonNumber = cap.season; info.episodeNumbers = cap.episodes
        var end = list[i].start
        if let bracket = text.utf8.firstIndex(of: 91) {
            let off = text.utf8.distance(from: text.utf8.startIndex, to: bracket)
            if off < end, off > 0 { end = off }
        }
        return EpisodeCandidate(tier: 0, titleEnd: end, info: info)
    }

    /// `[Cap.201]` → S2E01, `[Cap.111_120]` → S1E11-20.
    func capNumber(from start: Int) -> (season: Int, episodes: [Int])? {
        var j = start
        while j < list.count, j < start + 6 {
            if list.text(j) == "cap", let v = list.text(j + 1).isAllDigits ? list.text(j + 1) : nil, v.count >= 3 {
                let n = Int(v)!
                var eps = [n % 100]
                if list.text(j + 2).isAllDigits, sep(j + 2) == "_", let n2 = Int(list.text(j + 2)) { eps = Self.range([n % 100, n2 % 100]) }
                return (n / 100, eps)
            }
            j += 1
        }
        return nil
    }

    func animeAfterSeason(i: Int, next: Int) -> EpisodeCandidate? {
        var j = next
        if list.text(j) == "ep" || list.text(j) == "episode" { j += 1 }
        var n = num(j)
        if n == nil, let e = Self.episodeWord(list.text(j)) { n = e }
        guard let abs = n else { return nil }
        var info = ParsedEpisodeInfo()
        info.absoluteEpisodeNumbers = [Double(abs)]
        var c = EpisodeCandidate(tier: 3, titleEnd: list[next].start, info: info)
        // Title ends before ` - `.
        c.titleEnd = list[next].start - sep(next).utf8.count + (sep(next).hasPrefix(" ") ? 0 : 0)
        if list.text(next) == "ep" || list.text(next) == "episode" { c.titleEnd = list[next].start - sep(next).utf8.count }
        return c
    }

    // MARK: Bare numbers: 103, 1013, Part 2, E07, anime absolute

    func numberCandidate(at i: Int) -> EpisodeCandidate? {
        let t = list[i].text
        let sp = sep(i)
        // `Part01`, `Part 2`, `Part.Two`, `5of9`
        if t == "part" || (t.hasPrefix("part") && t.dropFirst(4).allSatisfy({ $0.isNumber }) && t.count > 4) {
            var n: Int?
            if t == "part" { n = num(i + 1) ?? Self.wordNumbers[list.text(i + 1)] } else { n = Int(t.dropFirst(4)) }
            guard let e = n, i > 0 else { return nil }
            var info = ParsedEpisodeInfo()
            info.seasonNumber = 1; info.episodeNumbers = [e]
            return EpisodeCandidate(tier: 4, titleEnd: list[i].start, info: info)
        }
        if let r = t.firstRange(of: "of"), t.count <= 5 {
            let a = t[..<r.lowerBound], b = t[r.upperBound...]
            if !a.isEmpty, !b.isEmpty, a.allSatisfy({ $0.isNumber }), b.allSatisfy({ $0.isNumber }), i > 0 {
                var info = ParsedEpisodeInfo()
                info.seasonNumber = 1; info.episodeNumbers = [Int(a)!]
                return EpisodeCandidate(tier: 4, titleEnd: list[i].start, info: info)
            }
        }
        // Episode words: `E07`, `EP06`, `Episode 56`, `#957`, `第05话`.
        var epNumber: Int?
        var epEnd = i + 1
        var isEpPrefix = false
        if let e = Self.episodeWord(t) { epNumber = e; isEpPrefix = t.hasPrefix("ep") }
        else if t == "episode" || t == "ep", let e = num(i + 1) { epNumber = e; epEnd = i + 2; isEpPrefix = true }
        else if sp.hasSuffix("#"), let e = num(i), i > 0 { epNumber = e; isEpPrefix = true }
        if let e = epNumber, i > 0 || t.hasPrefix("e") {
            var eps = [e]
            var j = epEnd
            while j < list.count, sep(j) == "-" || sep(j) == " - " {
                if let e2 = Self.episodeWord(list.text(j)) { eps.append(e2); j += 1 }
                else if list.text(j) == "ep" || list.text(j) == "episode", let e2 = num(j + 1) { eps.append(e2); j += 2 }
                else if let e2 = num(j), list.text(j).count <= 4 { eps.append(e2); j += 1 }
                else { break }
            }
            var info = ParsedEpisodeInfo()
            let range = eps.count > 1 ? Self.range(eps) : eps
            let nextTok = list.text(j)
            let isKoreanDate = nextTok.count == 6 && nextTok.isAllDigits
            let qualityNext = QualityScanner.resolutionWords[nextTok] != nil || ["hdtv", "web", "webrip", "webdl", "bluray"].contains(nextTok)
            let yearBefore = i > 0 && list.text(i - 1).count == 4 && (num(i - 1).map { (1900...2100).contains($0) } ?? false)
            if japaneseDatePrefix || isKoreanDate || (!isEpPrefix && e < 100 && (qualityNext || yearBefore || nextTok.isEmpty)) {
                info.seasonNumber = 1; info.episodeNumbers = range
            } else {
                info.absoluteEpisodeNumbers = range.map(Double.init)
            }
            var c = EpisodeCandidate(tier: 4, titleEnd: list[i].start - (sp.hasSuffix("#") ? 1 : 0), info: info)
            if t == "episode" && sep(i).hasSuffix(" - ") { c.titleEnd = list[i].start }
            return c
        }
        guard t.isAllDigits, i > 0 || hasLeadingGroup else {
            return nil
        }
        let n = t.count
        let value = Int(t) ?? 0
        // Decimal specials: `12.5`, `05.5`
        if list.text(i + 1) == "5", sep(i + 1) == ".", n <= 3, i > 0, sp.hasSuffix(" - ") || sp == " " {
            var info = ParsedEpisodeInfo()
            info.specialAbsoluteEpisodeNumbers = [Double(value) + 0.5]
            var c = EpisodeCandidate(tier: 3, titleEnd: list[i].start - sp.utf8.count, info: info)
            // `05.5 - S00E01` / `17.5 (S00E01)`
            var k = i + 2
            while k < list.count, k < i + 4 {
                if let se = Self.parseSE(list.text(k)), se.prefix == 0 {
                    c.info.seasonNumber = se.season; c.info.episodeNumbers = se.episodes; c.tier = 0; break
                }
                k += 1
            }
            return c
        }
        let anime = hasLeadingGroup || sp.hasSuffix(" - ") || sp == "-" && hasLeadingGroup
        if anime || (n <= 4 && sp.hasSuffix(" - ")) {
            if n > 4 || (n == 4 && (1900...2100).contains(value) && !sp.hasSuffix(" - ")) { return nil }
            if i + 1 < list.count, sep(i + 1) == "x" { return nil }
            // Number followed by something that ends a title.
            let nt = list.text(i + 1)
            let nsep = sep(i + 1)
            let endsTitle = i + 1 >= list.count || nsep.contains("[") || nsep.contains("(") || nsep.hasPrefix(" - ")
                || nsep.contains("{") || QualityScanner.resolutionWords[nt] != nil || nt == "vostfr" || nt.hasPrefix("v") && nt.count == 2
                || (sp.hasSuffix(" - ") && !nt.isEmpty) || nsep == "-" || nsep == "~" || nsep == " ~ " || nt == "dvd" || nt == "end" || nt == "fin"
                || nt == "blm" || nt == "bolum" || nt == "bölüm"
            guard endsTitle else { return nil }
            if i == 0 && !hasLeadingGroup { return nil }
            var abs = [value]
            var j = i + 1
            while j < list.count, let v = num(j), list.text(j).count <= 4,
                  sep(j) == "-" || sep(j) == "~" || sep(j) == " ~ " || sep(j) == " - " || sep(j) == "_" {
                abs.append(v); j += 1
            }
            if abs.count > 1 && abs.last! <= abs.first! { abs = [value] }
            var info = ParsedEpisodeInfo()
            info.absoluteEpisodeNumbers = (abs.count > 1 ? Self.range(abs) : abs).map(Double.init)
            var end = list[i].start
            if sp.hasSuffix("(") || sp.hasSuffix("[") || sp.hasSuffix("{") { end -= 1 }
            var c = EpisodeCandidate(tier: 3, titleEnd: end, info: info)
            // A season pack marker in the title (`(Season 2) - 33`).
            if let si = (max(0, i - 4)..<i).last(where: { list.text($0) == "season" }), let sn = num(si + 1) {
                c.info.seasonNumber = sn
                c.titleEnd = list[si].start - 1
            }
            return c
        }
        // `103`, `1013`, `10708` (S01E07E08), `0308`
        if sp == "." || sp == "_" || sp == " " || sp == "-" , !hasLeadingGroup {
            if n == 3 || n == 4 {
                if n == 4, (1900...2100).contains(value) { return nil }
                if i + 1 < list.count, sep(i + 1) == "x" || list.text(i + 1) == "x" { return nil }
                let season = n == 3 ? value / 100 : value / 100
                let ep = value % 100
                var eps = [ep]
                var j = i + 1
                while j < list.count, list.text(j).count == n, let v = num(j), v / 100 == season, sep(j) == "." {
                    eps.append(v % 100); j += 1
                }
                var info = ParsedEpisodeInfo()
                info.seasonNumber = season
                info.episodeNumbers = eps.count > 1 ? Self.range(eps) : eps
                if season == 0 && n == 3 { return nil }
                return EpisodeCandidate(tier: 5, titleEnd: list[i].start, info: info)
            }
            if n == 5 || n == 6, i > 0 {
                // `10708` → S1 E07-08; `010910` → S01 E09-10
                let sLen = n == 5 ? 1 : 2
                let u = Array(t)
                let s = Int(String(u[0..<sLen]))!, e1 = Int(String(u[sLen..<(sLen + 2)]))!, e2 = Int(String(u[(sLen + 2)...]))!
                guard e2 == e1 + 1 else { return nil }
                var info = ParsedEpisodeInfo()
                info.seasonNumber = s; info.episodeNumbers = [e1, e2]
                return EpisodeCandidate(tier: 5, titleEnd: list[i].start, info: info)
            }
        }
        return nil
    }

    static let wordNumbers: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    ]
}

private func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
private func format4(_ v: Int) -> String { String(v) }

extension StringProtocol {
    func trimmingCharacters(_ chars: String) -> String {
        let set = Set(chars)
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    func lastRange(of needle: String) -> Range<String.Index>? {
        var found: Range<String.Index>?
        var start = startIndex
        while let r = self[start...].firstRange(of: needle) { found = r; start = r.upperBound }
        return found
    }
}
