// Movie parsing: the title runs up to the release year (the first plausible year that is
// not itself followed by another number) or, without a year, up to the first token that
// is clearly not title (quality, language, edition). Alternative titles (`AKA`, ` / `)
// and the edition are then peeled off.

extension ReleaseParser {
    /// Parses a movie release name; `isDirectory` keeps a trailing `.ext`-looking part.
    public static func parseMovie(_ title: String, isDirectory: Bool = false) -> ParsedMovieInfo? {
        let prepared = PreparedName(title)
        guard var info = movieTitles(prepared, isDirectory: isDirectory) else { return nil }
        completeMovie(&info, prepared)
        return info
    }

    /// Titles, year, edition and ids only; see `completeMovie`.
    static func movieTitles(_ prepared: PreparedName, isDirectory: Bool = false) -> ParsedMovieInfo? {
        guard prepared.original.utf8.count < 4096 else { return nil }
        let scanner = MovieScanner(prepared.original, isDirectory: isDirectory, prepared: prepared)
        return scanner.parse()
    }

    static func completeMovie(_ info: inout ParsedMovieInfo, _ prepared: PreparedName) {
        info.quality = QualityScanner(prepared: prepared, flavor: .movie).parse()
        info.releaseGroup = releaseGroup(prepared)
        info.languages = languages(prepared.tokens, flavor: .movie)
        info.releaseTitle = prepared.original
        // (The shared tokens rule most names out when the name needed no trimming.)
        let untrimmed = prepared.original.utf8.count == prepared.trimmed.utf8.count
        info.releaseHash = untrimmed && !EpisodeScanner.mayHoldHash(prepared.tokens) ? nil : EpisodeScanner.findHash(prepared.original)
    }

    /// Parses a movie file path, falling back to folder names for hashed file names.
    public static func parseMoviePath(_ path: String) -> ParsedMovieInfo? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
        for part in parts.reversed() {
            if let m = parseMovie(FileExtension.strip(part)), m.year != nil { return m }
        }
        return nil
    }
}

struct MovieScanner {
    let text: String
    let list: TokenList
    let isDirectory: Bool
    /// The name began with `[Group]` (anime style).
    let hadLeadingGroup: Bool

    init(_ title: String, isDirectory: Bool, prepared: PreparedName? = nil) {
        var s: String
        if let prepared, !prepared.hasFullWidthBrackets, !isDirectory {
            s = prepared.withoutSitePrefix
        } else {
            s = (prepared?.trimmed ?? title.trimmingWhitespace()).replacingFullWidthBrackets()
            if !isDirectory || FileExtension.of(s) != nil { s = FileExtension.strip(s) }
            s = EpisodeScanner.stripWebsitePrefix(s)
        }
        if s.hasPrefixASCII("("), let close = s.firstIndex(of: ")") {
            let inner = s[s.index(after: s.startIndex)..<close]
            if inner.containsASCII("."), !inner.containsASCII(" ") { s = String(s[s.index(after: close)...]).trimmingWhitespace() }
        }
        // Anime: `[Group] Title`.
        var group = false
        if s.hasPrefixASCII("["), let close = s.firstIndex(of: "]"), s.index(after: close) < s.endIndex {
            s = String(s[s.index(after: close)...]).trimmingWhitespace()
            group = true
        }
        hadLeadingGroup = group
        text = s
        list = prepared?.tokens(for: s) ?? TokenList(s)
        self.isDirectory = isDirectory
    }

    static let stopWords: WordSet = [
        "german", "french", "truefrench", "multi", "dubbed", "dl", "ac3", "dts", "x264", "x265", "h264", "xvid", "bluray",
        "webrip", "webdl", "web", "hdtv", "dvdrip", "brrip", "bdrip", "hdrip", "dvdr", "720p", "1080p", "2160p", "480p",
        "576p", "internal", "limited", "proper", "repack", "remux", "complete", "ita", "spanish", "italian", "vostfr",
        "imax", "1080i", "4k", "uhd", "hdcam", "cam", "ts", "hc", "subbed", "korsub", "malayalam", "hqrip", "ac3d",
    ]
    static let editionWords: WordSet = [
        "extended", "uncut", "directors", "director", "cut", "fan", "edit", "fanedit", "special", "edition", "remastered",
        "theatrical", "version", "imax", "despecialized", "unrated", "ultimate", "collectors", "criterion", "restored",
        "final", "assembly", "open", "matte", "2in1", "anniversary", "recut", "rekall", "hunter", "diamond", "signature",
        "imperial", "s", "alternate", "international", "uncensored", "redux",
    ]
    static let languageWords: WordSet = ["german", "french", "truefrench", "multi", "italian", "spanish", "dutch", "ita", "nordic"]

    func isYear(_ i: Int) -> Bool {
        let t = list.texts[i]
        guard t.fastCount == 4, t.isAllDigits, let v = Int(t) else { return false }
        return (1800...2099).contains(v)
    }

    func parse() -> ParsedMovieInfo? {
        guard list.count > 0 else { return nil }
        // One unbroken run of 20+ characters is a hash or garbage, not a movie name.
        if text.utf8.count >= 20, !text.anyByte(where: { $0 == 32 || $0 == 46 || $0 == 95 }), text.fastCount >= 20 { return nil }
        if list.count == 1, list.texts[0].fastCount >= 20 { return nil }
        var info = ParsedMovieInfo()
        // Year: first plausible one with a title before it and no number right after.
        var yearIndex: Int?
        for i in 0..<list.count where isYear(i) {
            if i == 0 && list.separators[i].isEmpty && list.count > 1 && !text.hasPrefixASCII("(") { continue }
            if i + 1 < list.count, list.texts[i + 1].isAllDigits, list.separators[i + 1].fastCount == 1,
               !list.separators[i + 1].hasPrefixASCII("(") { continue }
            if i == 0 && text.hasPrefixASCII("(") {
                // `(1995) Movie Name`
                info.year = Int(list.texts[i])
                let rest = String(text.utf8.dropFirst(list[i].end + 1)) ?? ""
                info.movieTitles = [EpisodeScanner.cleanTitleText(rest)]
                return info
            }
            yearIndex = i
            break
        }
        var titleEndToken = yearIndex ?? list.count
        // Before the year, a trailing run of language and edition words (`GERMAN Extended Cut
        // 2016`) is not title; a language word inside the title (`The French Movie`), or alone
        // right before the year (`The Good German 2006`), is.
        var trailing = titleEndToken
        if yearIndex != nil {
            while trailing > 1, Self.languageWords.contains(list, at: trailing - 1) || Self.isEditionToken(list.texts[trailing - 1]) {
                trailing -= 1
            }
            if !(trailing..<titleEndToken).contains(where: { Self.isEditionToken(list.texts[$0]) }) { trailing = titleEndToken }
        }
        // Cut the title at hard stop words (quality; language or edition words when no year).
        var stop = 0
        while stop < titleEndToken {
            let t = list.texts[stop]
            if stop > 0, Self.stopWords.contains(list, at: stop) {
                // With a year, language/edition words end the title only when release
                // details follow them (`German.Bluray…`).
                let annotation = Self.languageWords.contains(t) || Self.isEditionToken(t)
                let next = list.text(stop + 1)
                let detailsFollow = (Self.stopWords.contains(next) && !Self.languageWords.contains(next) && !Self.isEditionToken(next))
                    || QualityScanner.resolutionWords[next] != nil
                if !(annotation && yearIndex != nil) || detailsFollow { break }
            }
            if stop > 0, QualityScanner.resolutionWords[list, at: stop] != nil { break }
            stop += 1
        }
        // Anime without a year: `[Group] Title v2 [CRC]`, `[Group] Title [BD 1080p]`,
        // `[Group] Title (1080p BD HEVC)`: the title ends at the version or the first tag block.
        if yearIndex == nil, hadLeadingGroup {
            for k in 1..<max(list.count, 1) {
                let tok = list[k]
                let versionWord = list.texts[k].utf8.count == 2 && tok.first == 118 && tok.last >= 48 && tok.last <= 57
                let tagBlock = list.separators[k].containsASCII("[")
                    || (list.separators[k].containsASCII("(") && (QualityScanner.resolutionOf(list.texts[k]) != nil || Self.stopWords.contains(list.texts[k])))
                if versionWord || tagBlock { stop = min(stop, k); titleEndToken = min(titleEndToken, k); break }
            }
        }
        if yearIndex == nil && stop == list.count && list.count > 0 && !(hadLeadingGroup && titleEndToken < list.count) {
            // No year and nothing that marks the end of the title: not a release name.
            if !isDirectory || true {
                if !list.texts.contains(where: { Self.stopWords.contains($0) }) { return nil }
            }
        }
        titleEndToken = min(titleEndToken, stop)
        // Editions right before the year belong to the edition, not the title.
        var editionStart: Int?
        var k = titleEndToken
        while k > 1, Self.isEditionToken(list.texts[k - 1]) { k -= 1 }
        if k < titleEndToken, k > 0, validEdition(k..<titleEndToken) {
            editionStart = k
            info.edition = editionText(k..<titleEndToken)
            titleEndToken = k
        }
        // `GERMAN Extended Cut 2016`: the edition after a trailing language word.
        if info.edition == nil, trailing < titleEndToken {
            var e = trailing
            while e < titleEndToken, Self.languageWords.contains(list, at: e) { e += 1 }
            var f = e
            while f < titleEndToken, Self.isEditionToken(list.texts[f]) { f += 1 }
            if f > e, f == titleEndToken, validEdition(e..<f) { info.edition = editionText(e..<f) }
        }
        // Drop the trailing language words themselves (`Der Film deines Lebens German 2011`).
        if trailing < titleEndToken, trailing > 0 { titleEndToken = max(1, min(titleEndToken, trailing)) }
        guard titleEndToken > 0 else { return nil }
        if let y = yearIndex { info.year = Int(list.texts[y]) }
        // Edition after the year (or after a language word when there is no year).
        if info.edition == nil {
            var j = (yearIndex.map { $0 + 1 }) ?? titleEndToken
            while j < list.count, Self.languageWords.contains(list, at: j) { j += 1 }
            if list.text(j) == "the" { j += 1 }
            let start = j
            while j < list.count, Self.isEditionToken(list.texts[j]) || (j + 1 < list.count && list.texts[j + 1] == "edition" && j - start < 2) || (j + 2 < list.count && list.texts[j + 2] == "edition" && j - start < 1) {
                j += 1
            }
            if j > start, validEdition(start..<j) { info.edition = editionText(start..<j) }
        }
        _ = editionStart
        // Title text.
        let endOffset = list[titleEndToken - 1].end
        var raw = String(text.utf8.prefix(endOffset)) ?? ""
        // Keep a closing `)` of `(aka ...)`.
        if let after = text.utf8.dropFirst(endOffset).first, after == 41, raw.containsASCII("(") { raw += ")" }
        // `We Are the Movie!.2013`: closing punctuation belongs to the title; a dot right after
        // is kept for the cleaner, which keeps it only to close an acronym (`L.A.`).
        var rest = text.utf8.dropFirst(endOffset)
        while let b = rest.first, b == 33 || b == 63 { raw.append(Character(Unicode.Scalar(b))); rest = rest.dropFirst() }
        if rest.first == 46 { raw += "." }
        let title = Self.cleanMovieTitleText(raw)
        guard !title.isEmpty else { return nil }
        info.movieTitles = Self.alternativeTitles(title)
        // Ids.
        for (i, t) in list.texts.enumerated() {
            if (t == "tmdbid" || t == "tmdb"), let v = Int(list.text(i + 1)) { info.tmdbId = v }
            if t.hasPrefixASCII("tt"), t.fastCount >= 9, t.dropFirst(2).allSatisfy(\.isNumber) { info.imdbId = t }
        }
        info.hardcodedSubs = hardcodedSubs()
        return info
    }

    static func isEditionToken(_ t: String) -> Bool {
        if editionWords.contains(t) { return true }
        if t.hasSuffixASCII("th"), t.dropLast(2).allSatisfy(\.isNumber), t.fastCount > 2 { return true }
        return false
    }

    func validEdition(_ r: Range<Int>) -> Bool {
        let words = r.map { list.texts[$0] }
        if words.allSatisfy({ ["special", "edition", "cut", "version", "s", "open", "final", "hunter", "rekall"].contains($0) }) {
            return words.count >= 2 && words != ["special"] && words.contains(where: { $0 != "special" })
                && !(words.count == 1)
        }
        return true
    }

    func editionText(_ r: Range<Int>) -> String {
        let start = list[r.lowerBound].start, end = list[r.upperBound - 1].end
        let raw = String(text.utf8.dropFirst(start).prefix(end - start)) ?? ""
        var out = ""
        for ch in raw { out.append(ch == "." || ch == "_" ? " " : ch) }
        return out.replacingOccurrences("( ", "").trimmingWhitespace()
    }

    func hardcodedSubs() -> String? {
        for i in 0..<list.count {
            if list.tokens[i].first == 104 || list.tokens[i].first == 115, list.texts[i] == "hc" || list.texts[i] == "subbed" {
                return "Generic Hardcoded Subs"
            }
            // (`…SUB`/`…SUBS` ends in `b` or `s`: most tokens are skipped before cutting the original.)
            guard list.tokens[i].last == 98 || list.tokens[i].last == 115 else { continue }
            let o = list.original(i)
            if (o.hasSuffixASCII("SUB") || o.hasSuffixASCII("SUBS")), o == o.uppercased(), o.fastCount <= 8,
               !o.hasPrefixASCII("MULTI"), !o.hasPrefixASCII("SOFT"), o.fastCount > 4 {
                return String(o)
            }
        }
        return nil
    }

    static let abbreviations: WordSet = ["dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs"]

    /// Dots become spaces except inside acronyms (`R.I.P.D.`, `L.A.`) and after `Dr.`.
    static func cleanMovieTitleText(_ raw: String) -> String {
        // ASCII titles (nearly all) are handled on bytes with the same rules.
        if raw.allBytes({ $0 < 0x80 }) { return cleanASCIIMovieTitleText(raw) }
        let chars = Array(raw)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                // Previous word.
                var j = i - 1
                while j >= 0, chars[j].isLetter || chars[j].isNumber { j -= 1 }
                let word = String(chars[(j + 1)..<i])
                let singleLetter = word.count == 1 && word.first!.isLetter
                let prevIsAcronymDot = j >= 0 && chars[j] == "."
                let nextSingle = i + 2 < chars.count ? (chars[i + 1].isLetter && !(chars[i + 2].isLetter)) : (i + 1 < chars.count && chars[i + 1].isLetter)
                if singleLetter && (prevIsAcronymDot || nextSingle) {
                    out.append(".")
                    // A following word starts after an implied space.
                    if i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1].isNumber, !(i + 2 < chars.count && chars[i + 2] == "." ) {
                        out.append(" ")
                    }
                } else if abbreviations.contains(word.lowercased()) && word.first?.isUppercase == true {
                    out.append(". ")
                } else {
                    out.append(" ")
                }
            } else if c == "_" {
                out.append(" ")
            } else {
                out.append(c)
            }
            i += 1
        }
        var t = out
        while let l = t.last, l.isASCII, isTitleJunk(l.asciiValue!) { t.removeLast() }
        while let f = t.first, f == " " || f == "-" { t.removeFirst() }
        // (The byte test can see `  .` where the Character replacement cannot, a combining mark
        // joined to the dot: stop when nothing changes, or such a name loops forever.)
        while t.containsASCII("  .") {
            let replaced = t.replacingOccurrences("  .", " .")
            if replaced == t { break }
            t = replaced
        }
        return t
    }

    /// Bytes that cannot end a movie title: ` -([/|{,+~`.
    @inline(__always) static func isTitleJunk(_ b: UInt8) -> Bool {
        switch b {
        case 32, 45, 40, 91, 47, 124, 123, 44, 43, 126: return true
        default: return false
        }
    }

    /// `cleanMovieTitleText` for all-ASCII input, on bytes. A dot between two single letters
    /// (`U.N.C.L.E`), or right after such a run, belongs to an acronym and is kept; `Dr.`-style
    /// abbreviations keep theirs; every other dot or underscore is a space.
    static func cleanASCIIMovieTitleText(_ raw: String) -> String {
        let c = Array(raw.utf8)
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
        @inline(__always) func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || (b >= 48 && b <= 57) }
        /// Start and end of the alphanumeric word ending at `end` (exclusive).
        func wordBefore(_ end: Int) -> Range<Int> {
            var j = end
            while j > 0, isAlnum(c[j - 1]) { j -= 1 }
            return j..<end
        }
        func wordAfter(_ start: Int) -> Range<Int> {
            var j = start
            while j < c.count, isAlnum(c[j]) { j += 1 }
            return start..<j
        }
        func isSingleLetter(_ r: Range<Int>) -> Bool { r.count == 1 && isLetter(c[r.lowerBound]) }
        var out: [UInt8] = []
        out.reserveCapacity(c.count + 4)
        for i in 0..<c.count {
            let b = c[i]
            if b == 46 {
                let prev = wordBefore(i), next = wordAfter(i + 1)
                let betweenLetters = isSingleLetter(prev) && isSingleLetter(next)
                // End of a run such as `R.I.P.D` (at least two letters joined by dots).
                let closesRun = isSingleLetter(prev) && prev.lowerBound >= 2 && c[prev.lowerBound - 1] == 46
                    && isSingleLetter(wordBefore(prev.lowerBound - 1))
                if betweenLetters {
                    out.append(46)
                } else if closesRun {
                    out.append(46)
                    if !next.isEmpty { out.append(32) }
                } else if prev.count >= 2, prev.count <= 3, c[prev.lowerBound] >= 65, c[prev.lowerBound] <= 90,
                          abbreviations.contains(String(decoding: c[prev].map { $0 | 0x20 }, as: UTF8.self)) {
                    out.append(46); out.append(32)
                } else {
                    out.append(32)
                }
            } else if b == 95 {
                out.append(32)
            } else {
                out.append(b)
            }
        }
        while let l = out.last, isTitleJunk(l) { out.removeLast() }
        var head = 0
        while head < out.count, out[head] == 32 || out[head] == 45 { head += 1 }
        // A run of two or more spaces before a `.` becomes one space (`  .` → ` .`).
        var t: [UInt8] = []
        t.reserveCapacity(out.count)
        var k = head
        while k < out.count {
            if out[k] == 32 {
                var e = k
                while e < out.count, out[e] == 32 { e += 1 }
                if e - k >= 2, e < out.count, out[e] == 46 { t.append(32) } else { t.append(contentsOf: out[k..<e]) }
                k = e
                continue
            }
            t.append(out[k])
            k += 1
        }
        return String(decoding: t, as: UTF8.self)
    }

    /// `A AKA B` → [`A AKA B`, `A`, `B`]; `A / B` likewise.
    static func alternativeTitles(_ title: String) -> [String] {
        // Every alternative-title form needs a `k` (AKA) or a `/`; most titles have neither.
        guard title.anyByte(where: { $0 == 107 || $0 == 75 || $0 == 47 }) else { return [title] }
        var t = title
        if t.containsASCII(" a k a ") { t = t.replacingOccurrences(" a k a ", " AKA ") }
        if t.containsASCII(" a.k.a. ") { t = t.replacingOccurrences(" a.k.a. ", " AKA ") }
        if t.containsASCII(" A.K.A. ") { t = t.replacingOccurrences(" A.K.A. ", " AKA ") }
        if t.containsASCII(" A K A ") { t = t.replacingOccurrences(" A K A ", " AKA ") }
        guard t.containsASCII("aka") || t.containsASCII("AKA") || t.containsASCII(" / ") else { return [t] }
        if let r = t.firstRangeASCII(of: "(aka "), t.hasSuffixASCII(")") {
            let main = String(t[..<r.lowerBound]).trimmingWhitespace()
            let alt = String(t[r.upperBound..<t.index(before: t.endIndex)]).trimmingWhitespace()
            return [t, main, alt]
        }
        for sep: StaticString in [" AKA ", " aka ", " / "] {
            if let r = t.firstRangeASCII(of: sep) {
                let a = String(t[..<r.lowerBound]).trimmingWhitespace(), b = String(t[r.upperBound...]).trimmingWhitespace()
                if !a.isEmpty, !b.isEmpty { return [t, a, b] }
            }
        }
        if let r = t.firstRangeASCII(of: ". AKA ") {
            return [t, String(t[..<r.lowerBound]), String(t[r.upperBound...])]
        }
        return [t]
    }
}

extension String {
    /// `firstRange(of:)` for an ASCII needle without CR or LF: found on bytes when the string
    /// is ASCII (every byte is then a Character, CR LF aside, which such a needle never splits),
    /// through the standard Character search otherwise.
    func firstRangeASCII(of needle: StaticString) -> Range<String.Index>? {
        guard allBytes({ $0 < 0x80 }) else { return firstRange(of: needle.description) }
        guard let offset = utf8Offset(of: needle) else { return nil }
        let lower = utf8.index(startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8CodeUnitCount)
    }

    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        // ASCII text and target (no CR, which pairs with LF into one Character): every
        // Character is a byte, so a byte search finds the same matches far more cheaply.
        let fast = withBytes { u -> String?? in
            for b in u where b >= 0x80 || b == 13 { return .none }
            return target.withBytes { t -> String?? in
                for b in t where b >= 0x80 || b == 13 { return .none }
                let m = t.count
                var out: [UInt8] = []
                var start = 0, i = 0
                while i + m <= u.count {
                    var k = 0
                    while k < m, u[i + k] == t[k] { k += 1 }
                    if k == m {
                        out.append(contentsOf: u[start..<i])
                        out.append(contentsOf: replacement.utf8)
                        i += m; start = i
                    } else {
                        i += 1
                    }
                }
                if start == 0 { return .some(nil) }
                out.append(contentsOf: u[start...])
                return .some(String(decoding: out, as: UTF8.self))
            }
        }
        if let fast { return fast ?? self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
