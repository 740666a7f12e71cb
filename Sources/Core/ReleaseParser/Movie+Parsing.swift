// Movie parsing: the title runs up to the release year (the first plausible year that is
// not itself followed by another number) or, without a year, up to the first token that
// is clearly not title (quality, language, edition). Alternative titles (`AKA`, ` / `)
// and the edition are then peeled off.

extension ReleaseParser {
    /// Parses a movie release name; `isDirectory` keeps a trailing `.ext`-looking part.
    public static func parseMovie(_ title: String, isDirectory: Bool = false) -> ParsedMovieInfo? {
        guard title.utf8.count < 4096 else { return nil }
        var scanner = MovieScanner(title, isDirectory: isDirectory)
        guard var info = scanner.parse() else { return nil }
        info.quality = parseQuality(title, flavor: .movie)
        info.releaseGroup = parseReleaseGroup(title)
        info.languages = parseLanguages(title, flavor: .movie)
        info.releaseTitle = title
        info.releaseHash = EpisodeScanner.findHash(title)
        return info
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

    init(_ title: String, isDirectory: Bool) {
        var s = title.trimmingWhitespace().replacingFullWidthBrackets()
        if !isDirectory || FileExtension.of(s) != nil { s = FileExtension.strip(s) }
        s = EpisodeScanner.stripWebsitePrefix(s)
        if s.hasPrefix("("), let close = s.firstIndex(of: ")") {
            let inner = s[s.index(after: s.startIndex)..<close]
            if inner.contains("."), !inner.contains(" ") { s = String(s[s.index(after: close)...]).trimmingWhitespace() }
        }
        // Anime: `[Group] Title`.
        if s.hasPrefix("["), let close = s.firstIndex(of: "]"), s.index(after: close) < s.endIndex {
            s = String(s[s.index(after: close)...]).trimmingWhitespace()
        }
        text = s
        list = TokenList(s)
        self.isDirectory = isDirectory
    }

    static let stopWords: Set<String> = [
        "german", "french", "truefrench", "multi", "dubbed", "dl", "ac3", "dts", "x264", "x265", "h264", "xvid", "bluray",
        "webrip", "webdl", "web", "hdtv", "dvdrip", "brrip", "bdrip", "hdrip", "dvdr", "720p", "1080p", "2160p", "480p",
        "576p", "internal", "limited", "proper", "repack", "remux", "complete", "ita", "spanish", "italian", "vostfr",
        "imax", "1080i", "4k", "uhd", "hdcam", "cam", "ts", "hc", "subbed", "korsub", "malayalam", "hqrip", "ac3d",
    ]
    static let editionWords: Set<String> = [
        "extended", "uncut", "directors", "director", "cut", "fan", "edit", "fanedit", "special", "edition", "remastered",
        "theatrical", "version", "imax", "despecialized", "unrated", "ultimate", "collectors", "criterion", "restored",
        "final", "assembly", "open", "matte", "2in1", "anniversary", "recut", "rekall", "hunter", "diamond", "signature",
        "imperial", "s", "alternate", "international", "uncensored", "redux",
    ]
    static let languageWords: Set<String> = ["german", "french", "truefrench", "multi", "italian", "spanish", "dutch", "ita", "nordic"]

    func isYear(_ i: Int) -> Bool {
        let t = list[i].text
        guard t.count == 4, t.isAllDigits, let v = Int(t) else { return false }
        return (1800...2099).contains(v)
    }

    func parse() -> ParsedMovieInfo? {
        guard list.count > 0 else { return nil }
        let flat = text.filter { $0 != " " }
        if flat.count >= 20, !text.contains(" "), !text.contains("."), !text.contains("_") { return nil }
        if list.count == 1, list[0].text.count >= 20 { return nil }
        var info = ParsedMovieInfo()
        // Year: first plausible one with a title before it and no number right after.
        var yearIndex: Int?
        for i in 0..<list.count where isYear(i) {
            if i == 0 && list[i].separatorBefore.isEmpty && list.count > 1 && !text.hasPrefix("(") { continue }
            if i + 1 < list.count, list[i + 1].text.isAllDigits, list[i + 1].separatorBefore.count == 1,
               !list[i + 1].separatorBefore.hasPrefix("(") { continue }
            if i == 0 && text.hasPrefix("(") {
                // `(1995) Movie Name`
                info.year = Int(list[i].text)
                let rest = String(text.utf8.dropFirst(list[i].end + 1)) ?? ""
                info.movieTitles = [EpisodeScanner.cleanTitleText(rest)]
                return info
            }
            yearIndex = i
            break
        }
        var titleEndToken = yearIndex ?? list.count
        // Cut the title at hard stop words (quality, language followed by more junk).
        var stop = 0
        while stop < titleEndToken {
            let t = list[stop].text
            if stop > 0, Self.stopWords.contains(t) {
                let isLastBeforeYear = stop == titleEndToken - 1 && yearIndex != nil
                if !(Self.languageWords.contains(t) && isLastBeforeYear) { break }
            }
            if stop > 0, QualityScanner.resolutionWords[t] != nil { break }
            stop += 1
        }
        if yearIndex == nil && stop == list.count && list.count > 0 {
            // No year and nothing that marks the end of the title: not a release name.
            if !isDirectory || true {
                if !list.tokens.contains(where: { Self.stopWords.contains($0.text) }) { return nil }
            }
        }
        titleEndToken = min(titleEndToken, stop)
        // Editions right before the year belong to the edition, not the title.
        var editionStart: Int?
        var k = titleEndToken
        while k > 1, Self.isEditionToken(list[k - 1].text) { k -= 1 }
        if k < titleEndToken, k > 0, validEdition(k..<titleEndToken) {
            editionStart = k
            info.edition = editionText(k..<titleEndToken)
            titleEndToken = k
        }
        guard titleEndToken > 0 else { return nil }
        if let y = yearIndex { info.year = Int(list[y].text) }
        // Edition after the year (or after a language word when there is no year).
        if info.edition == nil {
            var j = (yearIndex.map { $0 + 1 }) ?? titleEndToken
            while j < list.count, Self.languageWords.contains(list[j].text) { j += 1 }
            if list.text(j) == "the" { j += 1 }
            let start = j
            while j < list.count, Self.isEditionToken(list[j].text) || (j + 1 < list.count && list[j + 1].text == "edition" && j - start < 2) || (j + 2 < list.count && list[j + 2].text == "edition" && j - start < 1) {
                j += 1
            }
            if j > start, validEdition(start..<j) { info.edition = editionText(start..<j) }
        }
        _ = editionStart
        // Title text.
        let endOffset = list[titleEndToken - 1].end
        var raw = String(text.utf8.prefix(endOffset)) ?? ""
        // Keep a closing `)` of `(aka ...)`.
        if let after = text.utf8.dropFirst(endOffset).first, after == 41, raw.contains("(") { raw += ")" }
        let title = Self.cleanMovieTitleText(raw)
        guard !title.isEmpty else { return nil }
        info.movieTitles = Self.alternativeTitles(title)
        // Ids.
        for (i, tok) in list.tokens.enumerated() {
            if (tok.text == "tmdbid" || tok.text == "tmdb"), let v = Int(list.text(i + 1)) { info.tmdbId = v }
            if tok.text.hasPrefix("tt"), tok.text.count >= 9, tok.text.dropFirst(2).allSatisfy(\.isNumber) { info.imdbId = tok.text }
        }
        info.hardcodedSubs = hardcodedSubs()
        return info
    }

    static func isEditionToken(_ t: String) -> Bool {
        if editionWords.contains(t) { return true }
        if t.hasSuffix("th"), t.dropLast(2).allSatisfy(\.isNumber), t.count > 2 { return true }
        return false
    }

    func validEdition(_ r: Range<Int>) -> Bool {
        let words = r.map { list[$0].text }
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
        for tok in list.tokens {
            if tok.text == "hc" || tok.text == "subbed" { return "Generic Hardcoded Subs" }
            let o = tok.original
            if (o.hasSuffix("SUB") || o.hasSuffix("SUBS")), o == o.uppercased(), o.count <= 8,
               !o.hasPrefix("MULTI"), !o.hasPrefix("SOFT"), o.count > 4 {
                return String(o)
            }
        }
        return nil
    }

    static let abbreviations: Set<String> = ["dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs"]

    /// Dots become spaces except inside acronyms (`R.I.P.D.`, `L.A.`) and after `Dr.`.
    static func cleanMovieTitleText(_ raw: String) -> String {
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
        let junk: Set<Character> = [" ", "-", "(", "[", "/", "|", "{", ",", "+", "~"]
        while let l = t.last, junk.contains(l) { t.removeLast() }
        while let f = t.first, f == " " || f == "-" { t.removeFirst() }
        while t.contains("  .") { t = t.replacingOccurrences("  .", " .") }
        return t
    }

    /// `A AKA B` → [`A AKA B`, `A`, `B`]; `A / B` likewise.
    static func alternativeTitles(_ title: String) -> [String] {
        var t = title
        for variant in [" a k a ", " a.k.a. ", " A.K.A. ", " A K A "] { t = t.replacingOccurrences(variant, " AKA ") }
        if let r = t.firstRange(of: "(aka "), t.hasSuffix(")") {
            let main = String(t[..<r.lowerBound]).trimmingWhitespace()
            let alt = String(t[r.upperBound..<t.index(before: t.endIndex)]).trimmingWhitespace()
            return [t, main, alt]
        }
        for sep in [" AKA ", " aka ", " / "] {
            if let r = t.firstRange(of: sep) {
                let a = String(t[..<r.lowerBound]).trimmingWhitespace(), b = String(t[r.upperBound...]).trimmingWhitespace()
                if !a.isEmpty, !b.isEmpty {
                    let full = sep == " aka " ? t : t
                    return [full, a, b]
                }
            }
        }
        if let r = t.firstRange(of: ". AKA ") {
            return [t, String(t[..<r.lowerBound]), String(t[r.upperBound...])]
        }
        return [t]
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
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
