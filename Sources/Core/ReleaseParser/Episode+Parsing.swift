// Episode parsing. The name is tokenised once; then we look for the "episode marker"
// (S01E05, 1x05, an air date, a season pack, a bare 105, an anime absolute number...).
// The title is everything before the marker. Markers are ranked: a stronger kind of
// marker anywhere beats a weaker one, and among equals the leftmost wins.

extension ReleaseParser {
    /// Parses a release title as a TV episode or pack; nil when it is not one.
    public static func parseEpisode(_ title: String) -> ParsedEpisodeInfo? {
        let prepared = PreparedName(title)
        guard var info = episodeNumbering(prepared) else { return nil }
        completeEpisode(&info, prepared)
        return info
    }

    /// Title and numbering only; quality, group and languages are added by `completeEpisode`
    /// so that auto mode pays for them once, for the kind it settles on.
    static func episodeNumbering(_ prepared: PreparedName) -> ParsedEpisodeInfo? {
        guard prepared.original.utf8.count < 4096 else { return nil }
        // (`parse` already fills in the scanner's release hash.)
        var scanner = EpisodeScanner(prepared.original, prepared: prepared)
        return scanner.parse()
    }

    /// (In place: a `consuming` parameter returned again was copied whole.)
    static func completeEpisode(_ info: inout ParsedEpisodeInfo, _ prepared: PreparedName) {
        info.quality = QualityScanner(prepared: prepared, flavor: .series).parse()
        info.releaseGroup = releaseGroup(prepared)
        info.languages = languages(prepared.tokens, flavor: .series)
        // Sonarr reports the release title without a media extension.
        // (Usually the name needed no trimming: then that is the prepared stripped name.)
        info.releaseTitle = prepared.original.utf8.count == prepared.trimmed.utf8.count
            ? prepared.withoutExtension : FileExtension.strip(prepared.original)
    }

    /// Parses a file path: the file name first, then its folders for what is missing.
    public static func parsePath(_ path: String) -> ParsedEpisodeInfo? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
        guard let file = parts.last else { return nil }
        let fileName = FileExtension.strip(file)
        // Obfuscated by reversal: `10E10S.esaeleR.emoS` reads backwards.
        let reversedName = String(fileName.reversed())
        if TokenList(fileName).texts.contains(where: { EpisodeScanner.isReversedSE($0) }),
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
                      let first = tl.texts.first, first.isAllDigits, first.count <= 3, let e = Int(first) {
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
        if s.hasSuffixASCII("-") { s.removeLast() }
        return s.trimmingWhitespace()
    }
}

extension String {
    /// Cheap check that a reversed string now contains an SxxExx marker.
    func hasSEMarker() -> Bool {
        TokenList(self).texts.contains { EpisodeScanner.parseSE($0) != nil }
    }
}

struct EpisodeCandidate {
    var tier: Int
    /// UTF-8 offset where the title ends.
    var titleEnd: Int
    /// The parsed fields live in a box: candidates are returned and compared for every
    /// token, and copying the large struct each time dominated parsing.
    private var box: InfoBox
    var info: ParsedEpisodeInfo {
        // (`_read`: reading one field must not copy the whole struct.)
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = InfoBox(box.value) }
            yield &box.value
        }
    }
    /// Parsing must fail (e.g. a daily date before 1951).
    var reject = false
    /// An anime number followed by more title-like text (`Title 2 - 05`): any candidate of
    /// the same tier that closes the title properly is preferred.
    var weak = false

    init(tier: Int, titleEnd: Int, info: consuming ParsedEpisodeInfo = ParsedEpisodeInfo()) {
        self.tier = tier
        self.titleEnd = titleEnd
        box = InfoBox(info)
    }

    /// The parsed fields, moved out when this candidate holds the only reference.
    mutating func takeInfo() -> ParsedEpisodeInfo {
        guard isKnownUniquelyReferenced(&box) else { return box.value }
        var taken = ParsedEpisodeInfo()
        swap(&taken, &box.value)
        return taken
    }

    final class InfoBox {
        var value: ParsedEpisodeInfo
        init(_ value: consuming ParsedEpisodeInfo) { self.value = value }
    }
}

struct EpisodeScanner {
    var text: String
    var list: TokenList
    var releaseHash: String?
    var japaneseDatePrefix = false
    var hasLeadingGroup = false

    init(_ title: String, prepared: PreparedName? = nil) {
        var s: String
        if let prepared, !prepared.hasFullWidthBrackets {
            s = prepared.withoutSitePrefix
        } else {
            s = FileExtension.strip((prepared?.trimmed ?? title.trimmingWhitespace()).replacingFullWidthBrackets())
            s = Self.stripWebsitePrefix(s)
        }
        // `221208 ABC123 Series ep11`: Japanese broadcast date prefix.
        if s.withBytes({ u in u.count > 7 && u[6] == 32 && u[..<6].allSatisfy { $0 >= 48 && $0 <= 57 } }),
           let sp = s.firstIndex(of: " "),
           s[s.index(after: sp)...].contains(where: { !$0.isNumber && $0 != " " }) {
            let rest = String(s[s.index(after: sp)...])
            if !TokenList(rest).texts.contains(where: { Self.parseSE($0) != nil }) || true {
                s = rest
                japaneseDatePrefix = true
            }
        }
        text = s
        list = prepared?.tokens(for: s) ?? TokenList(s)
        hasLeadingGroup = s.hasPrefixASCII("[")
        releaseHash = Self.mayHoldHash(list) ? Self.findHash(s) : nil
    }

    /// False when no token could be a bracketed CRC: `findHash` needs an 8-byte token right
    /// after `[` or `(` (its hex digits are word bytes, the brackets are not). Saves the byte
    /// scan for nearly every name.
    static func mayHoldHash(_ list: TokenList) -> Bool {
        for k in 0..<list.count where list.tokens[k].end - list.tokens[k].start == 8 {
            let b = list.separators[k].lastByte
            if b == 91 || b == 40 { return true }
        }
        return false
    }

    /// Removes `[ www.site.com ] -` and `www.site.com -` prefixes.
    static func stripWebsitePrefix(_ s: String) -> String {
        // Cheap gate on bytes: a site prefix has a `.` inside the leading brackets or before
        // the first ` - `; nearly every name has neither and is returned as it is.
        let mayHaveSite = s.withBytes { u -> Bool in
            guard let f = u.first else { return false }
            if f == 91 || f == 40 {
                var k = 1
                while k < u.count, u[k] != 93, u[k] != 41 {
                    if u[k] == 46 { return true }
                    k += 1
                }
            }
            var sawDot = false
            var k = 0
            while k + 2 < u.count {
                if u[k] == 46 { sawDot = true }
                else if u[k] == 32, u[k + 1] == 45, u[k + 2] == 32 { return sawDot }
                k += 1
            }
            return false
        }
        guard mayHaveSite else { return s }
        var t = Substring(s)
        func isSite(_ x: Substring) -> Bool {
            guard x.utf8.contains(46) else { return false }
            if let ascii = isASCIISite(x) { return ascii }
            let y = x.trimmingCharacters(" ").lowercased()
            guard y.containsASCII("."), !y.containsASCII(" ") else { return false }
            let tlds = [".com", ".org", ".net", ".de", ".co.uk", ".co.nz", ".net.au", ".org.au", ".co.za", ".ca", ".info", ".to", ".tv"]
            return y.hasPrefixASCII("www.") || tlds.contains { y.hasSuffix($0) }
        }
        if let f = s.utf8.first, f == 91 || f == 40, let close = t.utf8.firstIndex(where: { $0 == 93 || $0 == 41 }) {
            let inner = t[t.index(after: t.startIndex)..<close]
            if isSite(inner) {
                t = t[t.index(after: close)...]
                t = t.drop { $0 == " " || $0 == "-" || $0 == "_" || $0 == "." }
                return String(t)
            }
        }
        // Only a ` - ` can end a bare site prefix; look for it on bytes before doing any work.
        if let dash = s.utf8Offset(of: " - ") {
            let head = Substring(s.utf8.prefix(dash))
            if isSite(head) { return String(Substring(s.utf8.dropFirst(dash + 3))) }
        }
        return s
    }

    /// `isSite` on bytes for ASCII text (nil for any other): the same trimming, prefix and
    /// top-level-domain tests without lower-casing into a new string.
    static func isASCIISite(_ x: Substring) -> Bool? {
        var bytes = Substring(x)
        return bytes.withUTF8 { u -> Bool? in
            for b in u where b >= 0x80 { return nil }
            var lo = 0, hi = u.count
            while lo < hi, u[lo] == 32 { lo += 1 }
            while hi > lo, u[hi - 1] == 32 { hi -= 1 }
            var dot = false
            for k in lo..<hi {
                if u[k] == 32 { return false }
                if u[k] == 46 { dot = true }
            }
            guard dot else { return false }
            @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
            func hasSuffix(_ t: StaticString) -> Bool {
                let m = t.utf8CodeUnitCount
                guard hi - lo >= m else { return false }
                for k in 0..<m where lower(u[hi - m + k]) != t.utf8Start[k] { return false }
                return true
            }
            if hi - lo >= 4, lower(u[lo]) == 119, lower(u[lo + 1]) == 119, lower(u[lo + 2]) == 119, u[lo + 3] == 46 { return true }
            return hasSuffix(".com") || hasSuffix(".org") || hasSuffix(".net") || hasSuffix(".de") || hasSuffix(".co.uk")
                || hasSuffix(".co.nz") || hasSuffix(".net.au") || hasSuffix(".org.au") || hasSuffix(".co.za") || hasSuffix(".ca")
                || hasSuffix(".info") || hasSuffix(".to") || hasSuffix(".tv")
        }
    }

    static func findHash(_ s: String) -> String? {
        // An 8-hex-digit CRC in brackets or parentheses at the end part: `[6B7FD717]`.
        // Scanned on bytes: the last bracketed group of exactly 8 hex digits, one a digit.
        var copy = s
        return copy.withUTF8 { u -> String? in
            var result: Range<Int>?
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                guard b == 91 || b == 40 else { i += 1; continue }
                let close: UInt8 = b == 91 ? 93 : 41
                var j = i + 1
                while j < n, u[j] != close { j += 1 }
                guard j < n else { break }
                if j - i - 1 == 8 {
                    var hex = true, digit = false
                    for k in (i + 1)..<j {
                        let c = u[k]
                        if c >= 48 && c <= 57 { digit = true } else if !((c >= 65 && c <= 70) || (c >= 97 && c <= 102)) { hex = false }
                    }
                    if hex && digit { result = (i + 1)..<j }
                }
                i = j + 1
            }
            return result.map { String(decoding: UnsafeBufferPointer(rebasing: u[$0]), as: UTF8.self) }
        }
    }

    /// Chinese, Japanese or Korean script (Han, kana, Hangul): the native titles of fansub releases.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF: return true
        default: return false
        }
    }

    /// A letter of a non-Latin script (Greek, Cyrillic, CJK...), in which releases carry a
    /// native title beside the Latin one.
    static func isForeignScript(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x370 && (isCJK(s) || s.properties.isAlphabetic)
    }

    /// Of several alternative titles separated by `separators`, the last one free of
    /// non-Latin script; the last one when every alternative has some. Nil when there is only one.
    static func preferredAlternative(_ title: String, separators: [String]) -> String? {
        let parts = alternatives(title, separators: separators)
        guard parts.count > 1 else { return nil }
        return parts.last(where: { !$0.unicodeScalars.contains(where: isForeignScript) }) ?? parts.last
    }

    /// The non-empty alternatives of a title split on `separators`.
    static func alternatives(_ title: String, separators: [String]) -> [String] {
        // Split on bytes (the standard `split(separator:)` on strings is costly); every
        // separator starts with an ASCII byte, so pieces are valid UTF-8.
        let u = Array(title.utf8)
        let seps = separators.map { Array($0.utf8) }
        var parts: [String] = []
        var start = 0, i = 0
        while i < u.count {
            if let sep = seps.first(where: { i + $0.count <= u.count && u[i..<(i + $0.count)].elementsEqual($0) }) {
                parts.append(String(decoding: u[start..<i], as: UTF8.self))
                i += sep.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: u[start...], as: UTF8.self))
        return parts.map { $0.trimmingCharacters(" _-") }.filter { !$0.isEmpty }
    }

    /// `Title S02` → `Title S2`.
    static func unpaddedSeasonSuffix(_ title: String) -> String {
        // Byte gate: a match needs `S0` and ASCII digits after the last space byte (a space
        // joined to a combining mark is no " " Character, and fails the digit test anyway).
        let plausible = title.withBytes { u -> Bool in
            guard let sp = u.lastIndex(of: 32), u.count - sp - 1 >= 3, u[sp + 1] == 83, u[sp + 2] == 48 else { return false }
            for k in (sp + 3)..<u.count where u[k] < 48 || u[k] > 57 { return false }
            return true
        }
        guard plausible, let space = title.lastIndex(of: " ") else { return title }
        let word = title[title.index(after: space)...]
        guard word.count >= 3, word.first == "S", word.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
              word.dropFirst().first == "0", let n = Int(word.dropFirst()) else { return title }
        return title[...space] + "S\(n)"
    }

    /// Chinese fansub layout, every field in brackets:
    /// `[Group][原題/Latin Title][05][1080p]`, `【Group】★10月新番★[Title][12END]`, `[Group][Title][2019][88-91]`.
    /// The episode field is the first bracket holding only a number (range, `第05话`, `13完`,
    /// `215 END`); the title is taken from the fields between the group and it.
    func bracketLayout() -> ParsedEpisodeInfo? {
        // Cheap gate: after the group's `]`, the next `[` must come before any Latin letter.
        var closed = false
        for b in text.utf8 {
            if !closed { if b == 93 { closed = true }; continue }
            if b == 91 { break }
            if (b | 0x20) >= 97 && (b | 0x20) <= 122 { return nil }
        }
        // Fields and the gaps before them, found on bytes (brackets are ASCII; a Latin
        // letter in a gap is an ASCII byte).
        let fields = text.withBytes { u -> [(content: String, gapHasLatin: Bool)] in
            var fields: [(content: String, gapHasLatin: Bool)] = []
            var i = 0
            while i < u.count {
                var open = i
                var latin = false
                while open < u.count, u[open] != 91 {
                    if (u[open] | 0x20) >= 97 && (u[open] | 0x20) <= 122 { latin = true }
                    open += 1
                }
                var close = open + 1
                while close < u.count, u[close] != 93 { close += 1 }
                guard close < u.count else { break }
                fields.append((String(decoding: UnsafeBufferPointer(rebasing: u[(open + 1)..<close]), as: UTF8.self), latin))
                i = close + 1
            }
            return fields
        }
        guard fields.count >= 3 else { return nil }
        for k in 2..<fields.count {
            guard !fields[k].gapHasLatin else { return nil }
            guard let numbers = Self.bracketEpisodeField(fields[k].content) else { continue }
            let titleFields = fields[1..<k].map(\.content).filter { !Self.isBracketJunk($0) }
            guard let title = Self.bracketTitle(titleFields) else { return nil }
            var info = ParsedEpisodeInfo()
            info.seriesTitle = Self.unpaddedSeasonSuffix(title)
            info.absoluteEpisodeNumbers = numbers.map(Double.init)
            return info
        }
        return nil
    }

    /// `05`, `12END`, `215 END`, `215 Fin`, `13完`, `第05话`, `857集`, `88-91`, `01-24完` → numbers.
    static func bracketEpisodeField(_ field: String) -> [Int]? {
        // Every accepted field holds an ASCII digit; most fields (group, title) have none.
        guard field.anyByte(where: { $0 >= 48 && $0 <= 57 }) else { return nil }
        var s = Substring(field.trimmingCharacters(" "))
        if s.hasPrefix("第") { s = s.dropFirst() }
        for suffix in [" END", "END", " Fin", "完", "话", "話", "集"] where s.hasSuffix(suffix) { s = s.dropLast(suffix.count); break }
        let bounds = s.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2, bounds.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              let first = Int(bounds[0]), let last = Int(bounds[bounds.count - 1]) else { return nil }
        if bounds[0].count == 4, (1900...2100).contains(first), bounds.count == 1 { return nil }  // `[2019]`
        guard last >= first else { return nil }
        return last - first > 500 ? [first] : Array(first...last)
    }

    /// Fields that are neither title nor episode: airing season notes, years, categories.
    static func isBracketJunk(_ field: String) -> Bool {
        let f = field.trimmingCharacters(" ")
        if f.isEmpty { return true }
        // (The CJK markers need a non-ASCII byte: skip the costly searches without one.)
        if f.anyByte(where: { $0 >= 0x80 }), f.containsBytes(of: "新番") || f.containsBytes(of: "字幕") || f == "国漫" || f == "國漫" { return true }
        return f.count == 4 && f.allSatisfy({ $0.isASCII && $0.isNumber })
    }

    /// The title among the fields before the episode number: the first alternative written
    /// only in Latin script, else the Latin words of a mixed one, else the last native title.
    static func bracketTitle(_ fields: [String]) -> String? {
        var pieces: [String] = []
        for f in fields {
            // `_` separates a native and a Latin title (`天使…_Title`); alone it is a space.
            let foreign = f.unicodeScalars.contains(where: isForeignScript)
            pieces += f.split(whereSeparator: { $0 == "/" || $0 == "·" || $0 == "|" || (foreign && $0 == "_") })
                .map { String($0).replacingOccurrences("_", " ").trimmingCharacters(" -") }.filter { !$0.isEmpty }
        }
        guard !pieces.isEmpty else { return nil }
        let hasLatin: (String) -> Bool = { $0.unicodeScalars.contains { ($0.value | 0x20) >= 97 && ($0.value | 0x20) <= 122 } }
        if let latin = pieces.first(where: { hasLatin($0) && !$0.unicodeScalars.contains(where: isForeignScript) }) { return latin }
        if let mixed = pieces.first(where: hasLatin) {
            let kept = String(String.UnicodeScalarView(mixed.unicodeScalars.filter { !isCJK($0) }))
            let t = kept.trimmingCharacters(" -")
            if !t.isEmpty { return t }
        }
        return pieces.last
    }

    /// `10E10S` / `50E50S` / `11E-20S`: an SxxExx marker written backwards.
    static func isReversedSE(_ t: String) -> Bool {
        guard t.hasSuffixASCII("s"), t.fastCount >= 5 else { return false }
        return parseSE(String(t.reversed())) != nil && t.first?.isNumber == true
    }

    static func seasonFolderNumber(_ folder: String) -> Int? {
        let l = TokenList(folder)
        if l.text(0) == "season", let n = Int(l.text(1)) { return n }
        if l.text(0) == "specials" { return 0 }
        return nil
    }

    // MARK: - Token helpers

    func isNumber(_ i: Int) -> Bool { i >= 0 && i < list.count && list[i].isDigits }
    func num(_ i: Int) -> Int? {
        guard i >= 0 && i < list.count else { return nil }
        let t = list[i]
        return t.isDigits && t.end - t.start <= 6 ? t.number : nil
    }
    func sep(_ i: Int) -> String { list.separator(i) }

    /// `s01e05`, `s01e05e06`, `s6e1`, `s01ep01` → (season, [episodes], prefix length before `s`, suffix flags).
    static func parseSE(_ t: String) -> (season: Int, episodes: [Int], prefix: Int, split: Bool, version: Bool)? {
        t.withBytes { parseSE(bytes: $0) }
    }

    static func parseSE(bytes u: UnsafeBufferPointer<UInt8>) -> (season: Int, episodes: [Int], prefix: Int, split: Bool, version: Bool)? {
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
        // Cheap rejection before splitting: must start with a digit and contain an `x`.
        guard let f = t.firstByte, f >= 48, f <= 57, t.containsByte(120) else { return nil }
        // ASCII (nearly always): digit runs between `x`s, read on bytes. The outer nil sends
        // other text to the Character-based reading below.
        let ascii = t.withBytes { u -> (season: Int, episodes: [Int])?? in
            var season = -1, value = 0, digits = 0
            var eps: [Int] = []
            for b in u {
                if b >= 0x80 { return .none }
                if b == 120 {
                    guard digits > 0 else { return .some(nil) }
                    if season < 0 { season = value } else { eps.append(value) }
                    value = 0; digits = 0
                } else if b >= 48 && b <= 57 {
                    value = value * 10 + Int(b - 48); digits += 1
                    if digits > (season < 0 ? 4 : 3) { return .some(nil) }
                } else {
                    return .some(nil)
                }
            }
            guard digits > 0 else { return .some(nil) }
            eps.append(value)
            if eps.count == 1, eps[0] >= 360 && season >= 480 { return .some(nil) } // 1280x720
            return .some((season, eps))
        }
        if let ascii { return ascii }
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
        // Leading release-group brackets (`[Group]`, `【Group】`) are not part of the title.
        // Found on bytes: the brackets and the separators trimmed after them are ASCII or
        // whole UTF-8 sequences (`【` E3 80 90, `】` E3 80 91), so every cut is on a scalar boundary.
        var t = text.withBytes { u -> String in
            let n = min(offset, u.count)
            var head = 0
            while head < n {
                let isOpen = u[head] == 91 || (u[head] == 0xE3 && head + 2 < n && u[head + 1] == 0x80 && u[head + 2] == 0x90)
                guard isOpen else { break }
                var close = head + 1
                var closeLength = 0
                while close < n {
                    if u[close] == 93 { closeLength = 1; break }
                    if u[close] == 0xE3, close + 2 < n, u[close + 1] == 0x80, u[close + 2] == 0x91 { closeLength = 3; break }
                    close += 1
                }
                guard closeLength > 0 else { break }
                var rest = close + closeLength
                // Nothing but separators after the brackets: keep them (the title is the group).
                guard (rest..<n).contains(where: { u[$0] != 32 && u[$0] != 95 && u[$0] != 46 && u[$0] != 45 }) else { break }
                while rest < n, u[rest] == 32 || u[rest] == 95 || u[rest] == 46 { rest += 1 }
                head = rest
            }
            return String(decoding: UnsafeBufferPointer(rebasing: u[head..<n]), as: UTF8.self)
        }
        // `我的人间烟火.Fireworks.Series`: a leading native-script title glued with dots.
        guard let f = t.utf8.first, f >= 0x80 else { return Self.cleanTitleText(t) }
        let tl = TokenList(t)
        if tl.count > 1, tl.texts[0].utf8.first! >= 0x80, tl.separator(1) == ".",
           tl.texts.dropFirst().allSatisfy({ $0.utf8.first! < 0x80 }) {
            t = String(t.utf8.dropFirst(tl[1].start)) ?? t
        }
        return Self.cleanTitleText(t)
    }

    static let junkTitleSuffixes: [[UInt8]] = [" Complete Series", " Complete", " (Miniserie)"].map { Array($0.utf8) }
    static let miniserie: [UInt8] = Array(" (Miniserie)".utf8)

    /// Trailing bytes that cannot end a title (ASCII; bytes ≥ 0x80 are never junk).
    /// (A switch, not a `Set`: this runs for every title and hashing costs more than the test.)
    @inline(__always) static func isTrailingJunk(_ b: UInt8) -> Bool {
        switch b {
        case 32, 45, 40, 91, 47, 124, 123, 44, 43, 126, 35: return true  // ` -([/|{,+~#`
        default: return false
        }
    }

    static func cleanTitleText(_ raw: String) -> String {
        // Works on UTF-8 bytes: every rule concerns ASCII punctuation, and multi-byte
        // scalars pass through untouched. The bytes are edited in scratch space (on the stack
        // for titles), the kept range narrowed by indices, and copied once into the result.
        raw.withBytes { u in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: u.count + 1) { t -> String in
                var hi = 0
                for b in u {
                    switch b {
                    case 46, 95: t[hi] = 32; hi += 1          // `.` `_` separate words
                    case 63, 60, 62, 34, 42: continue         // `? < > " *` are dropped
                    default: t[hi] = b; hi += 1
                    }
                }
                // Trailing/leading separators and unbalanced brackets.
                while hi > 0, Self.isTrailingJunk(t[hi - 1]) { hi -= 1 }
                var lo = 0
                while lo < hi, t[lo] == 32 || t[lo] == 40 || t[lo] == 45 { lo += 1 }
                @inline(__always) func matches(_ j: [UInt8], at k: Int) -> Bool {
                    for m in 0..<j.count where t[k + m] != j[m] { return false }
                    return true
                }
                // (` Complete…` ends in `e` or `s`, ` (Miniserie)` needs a `(`: cheap gates first.)
                if hi > lo, t[hi - 1] == 101 || t[hi - 1] == 115 || t[hi - 1] == 41 {
                    for j in Self.junkTitleSuffixes {
                        while hi - lo >= j.count, matches(j, at: hi - j.count) { hi -= j.count }
                    }
                }
                var opens = 0, closes = 0
                for k in lo..<hi { if t[k] == 40 { opens += 1 } else if t[k] == 41 { closes += 1 } }
                let mini = Self.miniserie
                if opens > 0, hi - lo >= mini.count, let at = (lo...(hi - mini.count)).first(where: { matches(mini, at: $0) }) {
                    for k in (at + mini.count)..<hi { t[k - mini.count] = t[k] }
                    hi -= mini.count
                    opens -= 1; closes -= 1   // ` (Miniserie)` holds one of each
                }
                if opens > closes, hi > lo, t[hi - 1] >= 48, t[hi - 1] <= 57 { t[hi] = 41; hi += 1 }
                // Collapse runs of spaces produced by ` . ` style separators.
                return String(unsafeUninitializedCapacity: hi - lo) { out in
                    var n = 0
                    var lastSpace = false
                    for k in lo..<hi {
                        let b = t[k]
                        if b == 32 { if !lastSpace { out[n] = b; n += 1 }; lastSpace = true } else { out[n] = b; n += 1; lastSpace = false }
                    }
                    return n
                }
            }
        }
    }

    // MARK: - Parse

    mutating func parse() -> ParsedEpisodeInfo? {
        guard list.count > 0 else { return nil }
        if hasLeadingGroup, var info = bracketLayout() {
            fillTitleInfo(&info)
            if info.releaseHash == nil { info.releaseHash = releaseHash }
            return info
        }
        if looksLikeHash() { return nil }
        var best: EpisodeCandidate?
        var dailyCandidate: EpisodeCandidate?
        var ambiguousDateAt: Int?
        var i = 0
        while i < list.count {
            // Cheap gates on the first byte: dates start with a digit, season packs with
            // `s` (S01, season, saison, stagione, series) or `t` (temporada).
            let first = list[i].first
            let digit = first >= 48 && first <= 57
            // SxxExx / NxN / `11-02` start with `s` or a digit; a title glued to its marker
            // (`zoos01e11`) still contains an `s`.
            if first == 115 || digit || (list[i].end - list[i].start >= 5 && list.texts[i].containsByte(115)),
               let c = seasonEpisodeCandidate(at: i) { consider(c, &best) }
            if first >= 48 && first <= 57, let (c, ambiguous) = dailyCandidateAt(i) {
                if ambiguous { if ambiguousDateAt == nil { ambiguousDateAt = list[i].start } }
                else if let c, dailyCandidate == nil { dailyCandidate = c }
            }
            if first == 115 || first == 116, let c = seasonPackCandidate(at: i) { consider(c, &best) }
            if first == 99, let c = capCandidate(at: i) { consider(c, &best) }
            // Numbers, `Part`, `E07`/`Episode`, `NCOP`/`OVA`; `#957` is a number after `#`.
            if digit || first == 112 || first == 101 || first == 110 || first == 111 || first >= 0x80,
               let c = numberCandidate(at: i) { consider(c, &best) }
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
        // Drop the other references to the chosen candidate's box so `takeInfo` can move the
        // fields out instead of copying them.
        best = nil
        dailyCandidate = nil
        // `(Title s03 e - "Title Season 3 Episode 10"`: an unfinished `s03 e` marker of the
        // same season ends the title even though the numbers come later.
        if chosen.tier == 0, let k = (0..<list.count).first(where: { k in
            list[k].start < chosen.titleEnd && list.text(k + 1) == "e" && !isNumber(k + 2)
                && list.text(k).isLetterThenDigits(115) && Int(list.text(k).dropFirst()) == chosen.info.seasonNumber
        }), k > 0 {
            chosen.titleEnd = list[k].start
        }
        if let amb = ambiguousDateAt, chosen.tier >= 3, chosen.titleEnd >= amb { return nil }
        // From here on the fields are edited in place: taken out of the candidate's box, not copied.
        var info = chosen.takeInfo()
        info.seriesTitle = title(upTo: chosen.titleEnd)
        if info.fullSeason && info.seriesTitle.isEmpty { return nil }
        if chosen.tier == 0, !info.seriesTitle.anyByte(where: { ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 }),
           let later = laterLatinTitle(after: chosen.titleEnd) {
            info.allTitles = [info.seriesTitle, later].filter { !$0.isEmpty }
            info.seriesTitle = later
        }
        // `原題 / Latin Title`, `原題 | Latin Title`: keep the Latin-script alternative.
        if info.seriesTitle.unicodeScalars.contains(where: Self.isForeignScript) {
            if let latin = Self.preferredAlternative(info.seriesTitle, separators: [" / ", "/", " | ", "·"]) {
                info.allTitles = Self.alternatives(info.seriesTitle, separators: [" / ", "/", " | ", "·"])
                info.seriesTitle = latin
            } else if info.seriesTitle.containsASCII(" AKA ") {
                // `Native AKA Latin`: both titles name the series.
                info.allTitles = Self.alternatives(info.seriesTitle, separators: [" AKA "])
            }
        }
        // `[Group] Title S02 - 01`: the season marker kept in an anime title is unpadded (`S2`).
        if hasLeadingGroup, !info.absoluteEpisodeNumbers.isEmpty {
            info.seriesTitle = Self.unpaddedSeasonSuffix(info.seriesTitle)
        }
        fillTitleInfo(&info)
        // Episode 0, a `Special` marker, or no numbers at all: worth a search by episode title.
        info.isPossibleSpecialEpisode = (info.episodeNumbers == [0]) || (!info.seriesTitle.isEmpty && info.special)
            || (info.airDate == nil && info.seriesTitle.isEmpty && (info.episodeNumbers.isEmpty || info.seasonNumber == 0))
        if info.releaseHash == nil { info.releaseHash = releaseHash }
        return info
    }

    /// `Босх: Спадок (S2E1) / Series: Legacy (S2E1)`: prefer the later Latin-script title.
    func laterLatinTitle(after offset: Int) -> String? {
        for k in 0..<list.count where list[k].start > offset {
            guard Self.parseSE(list.texts[k]) != nil else { continue }
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
        while j < list.count, list.texts[j].isAllDigits, count < 3 { j += 1; count += 1; if list.texts[j - 1].fastCount >= 6 { break } }
        return j
    }

    func consider(_ c: EpisodeCandidate, _ best: inout EpisodeCandidate?) {
        if let b = best {
            if c.tier < b.tier || (c.tier == b.tier && (!c.weak && b.weak || c.weak == b.weak && c.titleEnd < b.titleEnd)) { best = c }
        } else {
            best = c
        }
    }

    func looksLikeHash() -> Bool {
        let t = text
        let u = t.utf8
        // Byte checks first; grapheme counts only for the rare names that need them.
        if u.count >= 20, !t.withBytes({ $0.contains { $0 == 32 || $0 == 46 || $0 == 95 || $0 == 45 } }), t.fastCount >= 20 { return true }
        if list.count == 1, list.texts[0].fastCount >= 20 { return true }
        if u.count >= 32, u.count <= 40, t.isHexString { return true }
        return false
    }

    mutating func fillTitleInfo(_ info: inout ParsedEpisodeInfo) {
        let title = info.seriesTitle
        info.titleWithoutYear = title
        // `Series Title 2010` / `Series (2010)`: a trailing year (found on bytes: the last word
        // is four digits and some other word precedes it).
        let found = title.withBytes { u -> (year: Int, head: String)? in
            var e = u.count
            while e > 0, !TokenList.isWordByte(u[e - 1]) { e -= 1 }
            var b = e
            while b > 0, TokenList.isWordByte(u[b - 1]) { b -= 1 }
            guard e - b == 4, u[b..<e].allSatisfy({ $0 >= 48 && $0 <= 57 }), u[..<b].contains(where: TokenList.isWordByte)
            else { return nil }
            let y = u[b..<e].reduce(0) { $0 * 10 + Int($1 - 48) }
            guard y > 1900, y < 2100 else { return nil }
            // Trailing ` ([-` dropped on bytes while the byte before is ASCII too (then each is a
            // whole Character); anything else is left to the Character loop below.
            var h = b
            while h > 0, u[h - 1] == 32 || u[h - 1] == 40 || u[h - 1] == 91 || u[h - 1] == 45, h == 1 || u[h - 2] < 0x80 { h -= 1 }
            return (y, String(decoding: UnsafeBufferPointer(rebasing: u[..<h]), as: UTF8.self))
        }
        if let found {
            info.year = found.year
            var head = found.head
            while let l = head.last, l == " " || l == "(" || l == "[" || l == "-" { head.removeLast() }
            info.titleWithoutYear = head
        }
        if info.allTitles.isEmpty { info.allTitles = [info.seriesTitle] }
    }

    // MARK: Tier 0: S01E05 / 1x05 and friends

    func seasonEpisodeCandidate(at i: Int) -> EpisodeCandidate? {
        let t = list.texts[i]
        var season: Int?
        var eps: [Int] = []
        var next = i + 1
        var titleEnd = list[i].start
        var isSplit = false
        var explicitRange = false
        // (`parseSE` needs an `s` and at least four bytes; `s`, `se` start with one: cheap gates.)
        let tok = list[i]
        let mayBeSE = tok.end - tok.start >= 4 && (tok.first == 115 || t.containsByte(115))
        if mayBeSE, let se = Self.parseSE(t) {
            season = se.season; eps = se.episodes
            titleEnd = list[i].start + se.prefix
            isSplit = se.split
        } else if t.isLetterThenDigits(115), t.utf8.count <= 5 {
            // `S01 E05`, `S01.Ep06`, `S01.E.01`, `s06.01`, `S42 Ep10718`, `S02 - E06`.
            let n = list.text(i + 1)
            if let e = Self.episodeList(n), !(n.hasPrefixASCII("ep") && Self.endsWithSpacedDash(sep(i + 1))) {
                // (`S03 - EP14` is anime: an absolute number with the season in the title.)
                season = Int(t.dropFirst()); eps = e; next = i + 2
            } else if (n == "e" || n == "ep"), let e = num(i + 2) {
                season = Int(t.dropFirst()); eps = [e]; next = i + 3
            } else if n.fastCount == 2, n.isAllDigits, sep(i + 1) == ".", !isNumber(i + 2) || list.text(i + 2).fastCount == 4 {
                season = Int(t.dropFirst()); eps = [Int(n)!]; next = i + 2
            } else if t == "s", false {
            } else { return nil }
        } else if i == 0, list[0].isDigits, t.utf8.count <= 2, sep(1) == "-", isNumber(1), list.text(1).utf8.count == 2,
                  sep(2) == " ", let e = num(1) {
            // `11-02 Episode Title`: season-episode at the very start, no series title.
            season = list[0].number; eps = [e]; next = 2
        } else if tok.first == 115, t == "s", let sn = num(i + 1), let e = Self.episodeWord(list.text(i + 2)), list.text(i + 1).fastCount <= 2 {
            season = sn; eps = [e]; next = i + 3
        } else if let nx = Self.parseNxN(t), !(i > 0 && list.text(i - 1).hasSuffixASCII("x") == false && sep(i) == "x") {
            season = nx.season; eps = nx.episodes
            if sep(i).hasSuffixASCII("[") { titleEnd = list[i].start }
        } else if tok.first == 115, t == "se", let sn = num(i + 1), list.text(i + 2) == "afl", let e = num(i + 3) {
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
        // Built only once a marker is certain: the struct is large and costly to discard.
        var info = ParsedEpisodeInfo()
        info.isSplitEpisode = isSplit
        // Continuations: E06, -06, -E06, S01E06, 2x06, x06, _02.
        while next < list.count {
            let n = list.text(next)
            let sp = sep(next)
            if let e = Self.episodeWord(n), sp.fastCount <= 3 || sp == " - " {
                eps.append(e); next += 1; if sp.containsASCII("-") { explicitRange = true }; continue
            }
            if (n == "e" || n == "ep"), let e = num(next + 1), sep(next + 1).fastCount <= 1, sp.fastCount <= 3 {
                eps.append(e); next += 2; continue
            }
            if let se = Self.parseSE(n), se.prefix == 0, se.season == s, sp.fastCount <= 3 {
                eps.append(contentsOf: se.episodes); next += 1; continue
            }
            if let nx = Self.parseNxN(n), nx.season == s, sp.fastCount <= 3 {
                eps.append(contentsOf: nx.episodes); next += 1; continue
            }
            if n.hasPrefixASCII("x"), let e = Int(n.dropFirst()), n.fastCount <= 4, sp == "-" {
                eps.append(e); next += 1; continue
            }
            if n.isAllDigits, n.fastCount <= 3, sp == "-" || sp == "_" || (sp == " - " && false), let e = Int(n) {
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
           list.text(next).fastCount == 1, list.tokens.indices.contains(next + 1) ? list.text(next + 1) == "sp" : false {
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
        guard t.hasPrefixASCII("e") else { return nil }
        let parts = t.split(separator: "e")
        guard parts.count >= 1 else { return nil }
        var out: [Int] = []
        for p in parts {
            var q = p
            if q.hasPrefixASCII("p") { q = q.dropFirst() }
            guard !q.isEmpty, q.count <= 5, q.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(q) else { return nil }
            out.append(v)
        }
        return out
    }

    /// `e05`, `ep05`, `E1135` as an episode number.
    static func episodeWord(_ t: String) -> Int? {
        // Bytes: `e` or `ep`, 1-5 digits, optional `v2`/`v3`.
        t.withBytes { u -> Int? in
            guard u.first == 101 else { return nil }
            let n = u.count
            var i = 1
            if i < n, u[i] == 112 { i += 1 }
            var value = 0, digits = 0
            while i < n, u[i] >= 48, u[i] <= 57 {
                value = value * 10 + Int(u[i] - 48); digits += 1; i += 1
                if digits > 5 { return nil }  // (also keeps `value` far from overflow)
            }
            guard digits > 0, digits <= 5 else { return nil }
            if i == n { return value }
            // `v2` / `v3` suffix.
            guard u[i] == 118 else { return nil }
            i += 1
            guard i < n, u[i] == 50 || u[i] == 51 else { return nil }
            return i + 1 == n ? value : nil
        }
    }

    func attachAbsolute(to c: inout EpisodeCandidate, markerIndex i: Int, afterIndex next: Int) {
        guard hasLeadingGroup || sep(next).hasSuffixASCII("(") else { return }
        // After the marker: `S01E01.001`, `S01E01-02-03 - 001-002-003`, `S01E01-02 (001-002)`.
        var j = next
        var abs: [Int] = []
        while j < list.count, let n = num(j), list.text(j).fastCount == 3 || list.text(j).fastCount == 4 {
            if !abs.isEmpty && sep(j) != "-" { break }
            if abs.isEmpty && !(sep(j) == "." || sep(j) == " - " || sep(j) == " (" || sep(j) == " ") { break }
            if list.text(j).fastCount == 4, let v = num(j), (1900...2100).contains(v) { break }
            abs.append(n); j += 1
        }
        // Before it: `[Group] Title 214 S10E14`, or `[Group] Title - 05 - S01E05`, `- 12 (S01E12)`.
        let dashedBefore = i > 1 && Self.endsWithSpacedDash(sep(i - 1))
            && (Self.endsWithSpacedDash(sep(i)) || sep(i).hasSuffixASCII("("))
        if abs.isEmpty, hasLeadingGroup, i > 0, let n = num(i - 1),
           list.text(i - 1).fastCount >= 3 || (dashedBefore && list.text(i - 1).fastCount == 2), list.text(i - 1).fastCount <= 4,
           !(1900...2100).contains(n) || list.text(i - 1).fastCount == 3 {
            abs = [n]
            c.titleEnd = list[i - 1].start
        }
        if !abs.isEmpty {
            c.info.absoluteEpisodeNumbers = (abs.count > 1 ? Self.range(abs) : abs).map(Double.init)
        }
    }

    // MARK: Daily

    static let months: WordMap<Int> = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    func validDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard m >= 1, m <= 12, d >= 1, d <= 31 else { return false }
        return y >= 1900 && y <= 2100
    }

    /// Returns (candidate, ambiguous). A nil candidate with `ambiguous` marks `05-06-2024`.
    func dailyCandidateAt(_ i: Int) -> (EpisodeCandidate?, Bool)? {
        let t = list.texts[i]
        var y = 0, m = 0, d = 0
        var next = i + 1
        let u = t.utf8.count
        if u == 4, let yy = num(i), yy > 1900, yy < 2100, let a = num(i + 1), let b = num(i + 2),
           list.text(i + 1).fastCount == 2, list.text(i + 2).fastCount == 2, sep(i + 1).fastCount == 1, sep(i + 2) == sep(i + 1) {
            y = yy
            if a > 12 { d = a; m = b } else { m = a; d = b }
            next = i + 3
        } else if u == 2, let a = num(i), let b = num(i + 1), let yy = num(i + 2), list.text(i + 1).fastCount == 2,
                  list.text(i + 2).fastCount == 4, yy > 1900, yy < 2100, sep(i + 1).fastCount == 1, sep(i + 2) == sep(i + 1) {
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
                  list.text(i + 2).fastCount == 4 {
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
        else if list.text(next).hasPrefixASCII("part"), let p = Int(list.text(next).dropFirst(4)) { c.info.dailyPart = p }
        return (c, false)
    }

    /// `010910` reads as S01E09E10 rather than a date.
    static func isGluedEpisodePair(_ t: String) -> Bool {
        let u = Array(t.utf8).map { Int($0) - 48 }
        guard u.count == 6 else { return false }
        return u[2] * 10 + u[3] + 1 == u[4] * 10 + u[5]
    }

    static func ordinalDay(_ t: String) -> Int? {
        guard let f = t.firstByte, f >= 48, f <= 57, t.utf8.count <= 4 else { return nil }
        // ASCII: one or two digits then `st`/`nd`/`rd`/`th`, on bytes.
        if let ascii = t.withBytes({ u -> Int?? in
            for b in u where b >= 0x80 { return .none }
            let n = u.count
            guard n >= 3 else { return .some(nil) }
            let a = u[n - 2], b = u[n - 1]
            guard (a == 115 && b == 116) || (a == 110 && b == 100) || (a == 114 && b == 100) || (a == 116 && b == 104) else { return .some(nil) }
            var v = 0
            for k in 0..<(n - 2) { guard u[k] >= 48 && u[k] <= 57 else { return .some(nil) }; v = v * 10 + Int(u[k] - 48) }
            return .some(v)
        }) { return ascii }
        for suf in ["st", "nd", "rd", "th"] where t.hasSuffix(suf) {
            let head = t.dropLast(2)
            if !head.isEmpty, head.count <= 2, let v = Int(head) { return v }
        }
        return nil
    }

    // MARK: Season packs

    static let seasonWords: WordSet = ["season", "saison", "stagione", "temporada", "series"]

    func seasonPackCandidate(at i: Int) -> EpisodeCandidate? {
        let t = list.texts[i]
        var season: Int?
        var next = i + 1
        var titleEnd = list[i].start
        if t.isLetterThenDigits(115), t.utf8.count <= 5 {
            season = Int(t.dropFirst())
            if list[i].start == 0 && i == 0 && list.count == 1 { return nil }
        } else if t == "s", let n = num(i + 1), list.text(i + 1).fastCount == 2 {
            season = n; next = i + 2
        } else if Self.seasonWords.contains(t), let n = num(i + 1), list.text(i + 1).fastCount <= 4 {
            if t == "series" && !(sep(i).containsASCII("-") || sep(i + 2).containsASCII("(")) { return nil }
            season = n; next = i + 2
            if sep(i).hasSuffixASCII("(") { titleEnd = list[i].start - 1 }
        } else if t.hasPrefixASCII("season") || t.hasPrefixASCII("saison"), let n = Int(t.dropFirst(6)), t.fastCount <= 10 {
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
        // `Title S3 - 15`, `Title S2 - Episode 4`, `Title S03 - EP14`: anime, the season
        // marker is part of the title and the number is absolute.
        if t.isLetterThenDigits(115), Self.endsWithSpacedDash(sp),
           isNumber(next) || n == "episode" || n == "ep" || (Self.episodeWord(n) != nil && n.hasPrefixASCII("ep")) {
            return animeAfterSeason(i: i, next: next)
        }
        // `(Season 2) - 33`: the season in brackets belongs to the title of an anime number.
        if Self.endsWithSpacedDash(sp), sp.hasPrefixASCII(")"), isNumber(next) { return nil }
        // Season followed by an episode: `Season 1 - Episode 01`, `Season 39 ep11`, `Season 01 Episode 05-06`.
        if (n == "episode" || n == "ep"), let e = num(next + 1) {
            var eps = [e]
            var j = next + 2
            while j < list.count, let e2 = num(j), sep(j) == "-" { eps.append(e2); j += 1 }
            info.fullSeason = false
            info.episodeNumbers = eps.count > 1 ? Self.range(eps) : eps
            tier = 0
        } else if let e = Self.episodeWord(n), n.hasPrefixASCII("ep") {
            info.fullSeason = false; info.episodeNumbers = [e]; tier = 0
        } else if let cap = capNumber(from: next) {
            info.fullSeason = false
            info.seasonNumber = cap.season
            info.episodeNumbers = cap.episodes
            tier = 0
        } else if (n.isLetterThenDigits(115) && (sp == "-" || sp == " - " || sp == " "))
                    || ((n == "season" || n == "s") && sp == " - ") {
            info.multiSeason = true
        } else if n.isAllDigits, n.fastCount == 2, sp == "-" || sp == " " || sp == " - ", !list.text(i).isAllDigits {
            if sp == " - " && hasLeadingGroup || (sp == " - " && !Self.seasonWords.contains(t)) {
                // `[Group] Show S3 - 12`: anime absolute with the season in the title.
                return animeAfterSeason(i: i, next: next)
            }
            if sp == " " && t.firstByte == 115 && list.text(next + 1).isEmpty == false && isNumber(next + 1) { return nil }
            info.multiSeason = true
        } else if n.isAllDigits, n.fastCount >= 2, !(n.fastCount == 4 && (1900...2100).contains(Int(n) ?? 0) && sp == " "),
                  sp == " - " || (sp == " " && n.fastCount >= 3 && t.firstByte == 115) || (sp == " " && hasLeadingGroup && t.firstByte == 115) {
            return animeAfterSeason(i: i, next: next)
        } else if n == "ep" || n == "episode" || Self.episodeWord(n) != nil {
            if sp == " - " { return animeAfterSeason(i: i, next: next) }
        } else if n == "extras" || n == "subpack" || n == "extra" {
            info.isSeasonExtra = true
        } else if n == "special" {
            // `Title.S02.Special-Inside…`: a special of that season, not the whole season.
            info.special = true
        } else if (n == "part" || n == "vol" || n == "volume"), let p = num(next + 1) {
            info.fullSeason = false; info.partialSeason = true; info.seasonPart = p
        } else if n.isLetterThenDigits(112), let p = Int(n.dropFirst()) {
            info.fullSeason = false; info.partialSeason = true; info.seasonPart = p
        } else if sp.hasSuffixASCII("[") || sp.hasSuffixASCII("(") , isNumber(next), list.text(next).fastCount <= 3, hasLeadingGroup {
            return animeAfterSeason(i: i, next: next)
        }
        if info.multiSeason { info.fullSeason = true }
        return EpisodeCandidate(tier: tier, titleEnd: titleEnd, info: info)
    }

    /// Spanish `[HDTV][Cap.104]` without a season word: the title ends at the first bracket.
    func capCandidate(at i: Int) -> EpisodeCandidate? {
        guard list.texts[i] == "cap", let cap = capNumber(from: i) else { return nil }
        var info = ParsedEpisodeInfo()
        info.seasonNumber = cap.season; info.episodeNumbers = cap.episodes
        var end = list[i].start
        if let bracket = text.firstUTF8Index(of: 91) {
            let off = text.utf8.distance(from: text.utf8.startIndex, to: bracket)
            if off < end, off > 0 { end = off }
        }
        return EpisodeCandidate(tier: 0, titleEnd: end, info: info)
    }

    /// `[Cap.201]` → S2E01, `[Cap.111_120]` → S1E11-20.
    func capNumber(from start: Int) -> (season: Int, episodes: [Int])? {
        var j = start
        while j < list.count, j < start + 6 {
            if list.text(j) == "cap", let v = list.text(j + 1).isAllDigits ? list.text(j + 1) : nil, v.fastCount >= 3, v.fastCount <= 6,
               let n = Int(v) {
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
        c.titleEnd = list[next].start - sep(next).utf8.count + (sep(next).hasPrefixASCII(" ") ? 0 : 0)
        if list.text(next) == "ep" || list.text(next) == "episode" { c.titleEnd = list[next].start - sep(next).utf8.count }
        return c
    }

    // MARK: Bare numbers: 103, 1013, Part 2, E07, anime absolute

    func numberCandidate(at i: Int) -> EpisodeCandidate? {
        let t = list.texts[i]
        let sp = sep(i)
        // `Part01`, `Part 2`, `Part.Two`, `5of9`
        if list[i].first == 112, t == "part" || (t.hasPrefixASCII("part") && t.dropFirst(4).allSatisfy({ $0.isNumber }) && t.fastCount > 4) {
            var n: Int?
            if t == "part" { n = num(i + 1) ?? Self.wordNumbers[list.text(i + 1)] } else { n = Int(t.dropFirst(4)) }
            guard let e = n, i > 0 else { return nil }
            var info = ParsedEpisodeInfo()
            info.seasonNumber = 1; info.episodeNumbers = [e]
            return EpisodeCandidate(tier: 4, titleEnd: list[i].start, info: info)
        }
        if t.utf8.count <= 5, let of = t.utf8Offset(of: "of") {
            // (An ASCII token is read on bytes; others keep the Character tests.)
            let ascii = list[i].isASCII
            let a = Substring(t.utf8.prefix(of)), b = Substring(t.utf8.dropFirst(of + 2))
            if !a.isEmpty, !b.isEmpty, ascii ? b.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) : b.allSatisfy({ $0.isNumber }),
               i > 0, let first = Int(a) {
                var info = ParsedEpisodeInfo()
                info.seasonNumber = 1; info.episodeNumbers = [first]
                return EpisodeCandidate(tier: 4, titleEnd: list[i].start, info: info)
            }
        }
        // Episode words: `E07`, `EP06`, `Episode 56`, `#957`, `第05话`.
        var epNumber: Int?
        var epEnd = i + 1
        var isEpPrefix = false
        if let e = Self.episodeWord(t) { epNumber = e; isEpPrefix = t.hasPrefixASCII("ep") }
        else if Self.episodeTitleWords.contains(t), let e = num(i + 1) { epNumber = e; epEnd = i + 2; isEpPrefix = true }
        else if sp.hasSuffixASCII("#"), let e = num(i), i > 0 { epNumber = e; isEpPrefix = true }
        if let e = epNumber, i > 0 || t.hasPrefixASCII("e") {
            var eps = [e]
            var j = epEnd
            while j < list.count, sep(j) == "-" || sep(j) == " - " {
                if let e2 = Self.episodeWord(list.text(j)) { eps.append(e2); j += 1 }
                else if list.text(j) == "ep" || list.text(j) == "episode", let e2 = num(j + 1) { eps.append(e2); j += 2 }
                else if let e2 = num(j), list.text(j).fastCount <= 4 { eps.append(e2); j += 1 }
                else { break }
            }
            var info = ParsedEpisodeInfo()
            let range = eps.count > 1 ? Self.range(eps) : eps
            let nextTok = list.text(j)
            let isKoreanDate = nextTok.fastCount == 6 && nextTok.isAllDigits
            let qualityNext = QualityScanner.resolutionWords[nextTok] != nil || Self.qualityStartWords.contains(nextTok)
            let yearBefore = i > 0 && list.text(i - 1).fastCount == 4 && (num(i - 1).map { (1900...2100).contains($0) } ?? false)
            if japaneseDatePrefix || isKoreanDate || (!isEpPrefix && e < 100 && (qualityNext || yearBefore || nextTok.isEmpty)) {
                info.seasonNumber = 1; info.episodeNumbers = range
            } else {
                info.absoluteEpisodeNumbers = range.map(Double.init)
            }
            var c = EpisodeCandidate(tier: 4, titleEnd: list[i].start - (sp.hasSuffixASCII("#") ? 1 : 0), info: info)
            if t == "episode" && sep(i).hasSuffixASCII(" - ") { c.titleEnd = list[i].start }
            return c
        }
        // Specials without a number in anime releases: `[Group] Title - NCOP`, `Title OVA - Name`.
        if hasLeadingGroup, i > 0, Self.numberlessSpecialWords.contains(t) {
            var info = ParsedEpisodeInfo()
            info.special = true
            return EpisodeCandidate(tier: 6, titleEnd: list[i].start, info: info)
        }
        var n = t.utf8.count
        var value = list[i].number
        if !list[i].isDigits {
            // `- 09v2`: an anime number carrying its version.
            guard list.texts[i].lastByte.map({ $0 >= 48 && $0 <= 57 }) == true,
                  hasLeadingGroup || Self.endsWithSpacedDash(sp), let v = Self.versionedNumber(t) else { return nil }
            value = v.value; n = v.digits
        }
        guard i > 0 || hasLeadingGroup else {
            return nil
        }
        // Decimal specials: `12.5`, `05.5`
        if list.text(i + 1) == "5", sep(i + 1) == ".", n <= 3, i > 0, sp.hasSuffixASCII(" - ") || sp == " " {
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
        // Anime-style absolute numbers: after a `[Group]` prefix or a spaced dash, in brackets
        // (`_[01]_`, `{01}`), before a Turkish episode word (`69. Bölüm`) or as a range (`1-13`).
        let dashBefore = Self.endsWithSpacedDash(sp)
        let nextWord = list.text(i + 1)
        let bracketed = (sp.hasSuffixASCII("[") || sp.hasSuffixASCII("{")) && n <= 3
        let turkish = Self.turkishEpisodeWords.contains(nextWord)
        let rangeNext = sep(i + 1) == "-" && isNumber(i + 1) && n <= 3 && list.text(i + 1).utf8.count <= 3
        let anime = hasLeadingGroup || dashBefore
        if anime || bracketed || turkish || rangeNext {
            if n > 4 || (n == 4 && (1900...2100).contains(value) && !dashBefore) { return nil }
            if i + 1 < list.count, sep(i + 1) == "x" { return nil }
            if i == 0 && !hasLeadingGroup { return nil }
            var abs = [value]
            var j = i + 1
            // A zero-padded first number starts a batch even across a spaced dash (`01 - 119`);
            // otherwise `Title 2 - 05` would read as 2-5.
            let padded = t.firstByte == 48 && n >= 2
            while j < list.count, let v = num(j), list.text(j).fastCount <= 4,
                  sep(j) == "-" || sep(j) == "~" || sep(j) == " ~ " || sep(j) == "_" || (padded && !dashBefore && sep(j) == " - ") {
                abs.append(v); j += 1
            }
            if abs.count > 1 && abs.last! <= abs.first! { abs = [value]; j = i + 1 }
            // What follows decides how sure we are: a bracket, the end, quality or a version
            // closes the number; a plain word or ` - 05` after it means it is part of the
            // title (`Title 2 - 05`, `Title - 100 Years Quest - 01`).
            let nt = list.text(j)
            let nsep = sep(j)
            let terminal = j >= list.count || nsep.containsASCII("[") || nsep.containsASCII("(") || nsep.containsASCII("{")
                || nsep.hasPrefixASCII("]") || nsep.hasPrefixASCII("}") || nsep.hasPrefixASCII(")")
                || QualityScanner.resolutionOf(nt) != nil || Self.animeEndWords.contains(nt)
                || (nt.utf8.count == 2 && nt.hasPrefixASCII("v") && isNumberByte(nt.lastByte))
            let weak = !terminal && !(dashBefore && Self.endsWithSpacedDash(nsep))
            if weak && !anime { return nil }
            var info = ParsedEpisodeInfo()
            info.absoluteEpisodeNumbers = (abs.count > 1 ? Self.range(abs) : abs).map(Double.init)
            // `- 01 - Special`, `- 01 - OVA`
            if Self.endsWithSpacedDash(nsep), Self.specialWords.contains(nt) { info.special = true }
            var end = list[i].start
            if sp.hasSuffixASCII("(") || sp.hasSuffixASCII("[") || sp.hasSuffixASCII("{") { end -= 1 }
            // `Episode 69`, `Episodio 13`: the word belongs with the number, not the title.
            if i > 0, Self.episodeTitleWords.contains(list.text(i - 1)) { end = list[i - 1].start }
            // `69. Bölüm` names the episode as explicitly as `S01E05` does.
            var c = EpisodeCandidate(tier: turkish ? 0 : 3, titleEnd: end, info: info)
            c.weak = weak
            // A season pack marker in the title (`(Season 2) - 33`).
            if let si = (max(0, i - 4)..<i).last(where: { list.text($0) == "season" }), let sn = num(si + 1) {
                c.info.seasonNumber = sn
                c.titleEnd = list[si].start - 1
            }
            return c
        }
        // `Title 2018 06 720p`: a small number between a year and the quality is absolute.
        if n == 2, i >= 2, list.text(i - 1).utf8.count == 4, let y = num(i - 1), (1900...2100).contains(y),
           QualityScanner.resolutionOf(nextWord) != nil {
            var info = ParsedEpisodeInfo()
            info.absoluteEpisodeNumbers = [Double(value)]
            return EpisodeCandidate(tier: 3, titleEnd: list[i].start, info: info)
        }
        // `Title 484 VOSTFR`: a fansub language after the number makes it absolute.
        if n == 3, Self.fansubLanguageWords.contains(nextWord) {
            var info = ParsedEpisodeInfo()
            info.absoluteEpisodeNumbers = [Double(value)]
            return EpisodeCandidate(tier: 3, titleEnd: list[i].start, info: info)
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
                while j < list.count, list.text(j).fastCount == n, let v = num(j), v / 100 == season, sep(j) == "." {
                    eps.append(v % 100); j += 1
                }
                var info = ParsedEpisodeInfo()
                info.seasonNumber = season
                info.episodeNumbers = eps.count > 1 ? Self.range(eps) : eps
                if season == 0 && n == 3 { return nil }
                // `title-x264-103`: a codec right before the number is release info, not title.
                let afterCodec = i > 1 && Self.codecWords.contains(list.text(i - 1)) && sep(i - 1).utf8.count == 1
                return EpisodeCandidate(tier: 5, titleEnd: list[afterCodec ? i - 1 : i].start, info: info)
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

    /// Words after an anime number that close it (subtitle language, end markers...).
    static let animeEndWords: WordSet = ["vostfr", "vf", "dvd", "end", "fin", "blm", "bolum", "bölüm", "special", "ova", "ovd", "multi", "raw"]
    static let fansubLanguageWords: WordSet = ["vostfr", "vf", "vosta"]
    static let numberlessSpecialWords: WordSet = ["ncop", "nced", "ova", "ovd", "oad"]

    /// `09v2` → (9, 2 digits).
    static func versionedNumber(_ t: String) -> (value: Int, digits: Int)? {
        let u = Array(t.utf8)
        guard u.count >= 4, u[u.count - 2] == 118, u[u.count - 1] >= 48, u[u.count - 1] <= 57 else { return nil }
        let digits = u[..<(u.count - 2)]
        guard digits.count <= 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return (digits.reduce(0) { $0 * 10 + Int($1 - 48) }, digits.count)
    }

    static let turkishEpisodeWords: WordSet = ["blm", "bolum", "bölüm"]
    static let specialWords: WordSet = ["special", "ova", "ovd"]
    static let episodeTitleWords: WordSet = ["episode", "ep", "episodio"]

    /// ` - `, `_-_`, ` -  `, `) - `: a dash with space or underscore on both sides, at the end.
    static func endsWithSpacedDash(_ sep: String) -> Bool {
        let u = sep.utf8
        guard u.count >= 3 else { return false }
        var it = u.reversed().makeIterator()
        var b = it.next()
        var after = 0
        while b == 32 || b == 95 { b = it.next(); after += 1 }
        guard after > 0, b == 45 else { return false }
        let before = it.next()
        return before == 32 || before == 95
    }

    func isNumberByte(_ b: UInt8?) -> Bool { b.map { $0 >= 48 && $0 <= 57 } ?? false }

    static let codecWords: WordSet = ["x264", "x265", "h264", "h265"]

    static let qualityStartWords: WordSet = ["hdtv", "web", "webrip", "webdl", "bluray"]

    static let wordNumbers: WordMap<Int> = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    ]
}

private func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
private func format4(_ v: Int) -> String { String(v) }

extension StringProtocol {
    func trimmingCharacters(_ chars: StaticString) -> String {
        // ASCII trim characters and ASCII ends: trim on bytes without building a Set.
        let trim = UnsafeBufferPointer(start: chars.utf8Start, count: chars.utf8CodeUnitCount)
        let whole = Substring(self)
        if let f = whole.utf8.first, let l = whole.utf8.last, f < 0x80, l < 0x80 {
            var u = whole.utf8[...]
            while let b = u.first, trim.contains(b) { u = u.dropFirst() }
            while let b = u.last, trim.contains(b) { u = u.dropLast() }
            return String(Substring(u))
        }
        let set = Set(String(decoding: trim, as: UTF8.self))
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// The `StringProtocol` trim above, for a `String`: the same byte rule (ASCII ends) on
    /// contiguous bytes, without the generic `UTF8View` walk; other text takes the same path.
    func trimmingCharacters(_ chars: StaticString) -> String {
        let trim = UnsafeBufferPointer(start: chars.utf8Start, count: chars.utf8CodeUnitCount)
        let cut = withBytes { u -> Range<Int>? in
            guard let f = u.first, let l = u.last, f < 0x80, l < 0x80 else { return nil }
            var lo = 0, hi = u.count
            while lo < hi, trim.contains(u[lo]) { lo += 1 }
            while hi > lo, trim.contains(u[hi - 1]) { hi -= 1 }
            return lo..<hi
        }
        guard let cut else { return Substring(self).trimmingCharacters(chars) }
        if cut.count == utf8.count { return self }
        return withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[cut]), as: UTF8.self) }
    }

    func lastRange(of needle: String) -> Range<String.Index>? {
        var found: Range<String.Index>?
        var start = startIndex
        while let r = self[start...].firstRange(of: needle) { found = r; start = r.upperBound }
        return found
    }
}
