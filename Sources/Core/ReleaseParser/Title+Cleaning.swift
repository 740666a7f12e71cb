// Title normalisation used to match a release to a series or movie: case, accents,
// punctuation and filler words ("the", "and"...) must not prevent a match.

extension ReleaseParser {
    /// Filler words dropped from the middle of a title when matching.
    static let fillerWords: Set<String> = ["the", "and", "or", "an", "of", "a"]

    /// Comparable form of a series title (`The Series of Doom (2009)` → `theseriesdoom2009`).
    public static func cleanSeriesTitle(_ title: String) -> String { cleanTitle(title) }

    /// Comparable form of a movie title.
    public static func cleanMovieTitle(_ title: String) -> String { cleanTitle(title) }

    static func cleanTitle(_ title: String) -> String {
        if title.isAllDigits { return title }
        // Split into words; apostrophes join (that's → thats), everything else separates.
        var words: [String] = []
        var current = ""
        var previousWasDigit = false
        for ch in title {
            if ch == "%" && previousWasDigit { current += "percent"; previousWasDigit = false; continue }
            if ch == "'" || ch == "’" || ch == "`" || ch == "´" { continue }
            if let mapped = foldLetter(ch) {
                current += mapped
                previousWasDigit = ch.isASCII && ch.isNumber
            } else {
                if !current.isEmpty { words.append(current); current = "" }
                previousWasDigit = false
            }
        }
        if !current.isEmpty { words.append(current) }
        var out = ""
        for (i, w) in words.enumerated() {
            // (`a` inside an acronym, `word a N K L E`, is a letter of it, not a filler word.)
            if i > 0 && i < words.count - 1 && fillerWords.contains(w)
                && !(w.count == 1 && (words[i - 1].count == 1 || words[i + 1].count == 1)) { continue }
            out += w
        }
        return out
    }

    /// Lower-cased, accent-free form of a letter/digit, "" for letters to drop, nil for separators.
    static func foldLetter(_ ch: Character) -> String? {
        if ch.isASCII {
            guard ch.isLetter || ch.isNumber else { return nil }
            return ch.lowercased()
        }
        guard ch.isLetter || ch.isNumber else { return nil }
        let lower = ch.lowercased()
        if let folded = accentFolds[lower] { return folded }
        if let scalar = lower.unicodeScalars.first, scalar.value < 0x250 { return "" }
        return lower
    }

    static let accentFolds: [String: String] = {
        var map: [String: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđð", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşš", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (chars, base) in groups { for c in chars { map[String(c)] = base } }
        return map
    }()

    /// Removes accents but keeps case and everything else.
    static func removeDiacritics(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            if ch.isASCII { out.append(ch); continue }
            let lower = ch.lowercased()
            if let folded = accentFolds[lower] {
                out += String(ch) == lower ? folded : folded.uppercased()
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Episode titles compared loosely: lower case, punctuation as single spaces,
    /// trailing `(1)` part markers dropped.
    public static func normalizeEpisodeTitle(_ title: String) -> String {
        var s = title
        if let ep = parseEpisode(title), !ep.seriesTitle.isEmpty || ep.seasonNumber > 0 {
            // A full release name: keep only the part after the episode marker.
            let tokens = TokenList(title)
            if let idx = tokens.texts.firstIndex(where: { t in t.hasPrefixASCII("s") && t.dropFirst().first?.isNumber == true }) {
                var words: [String] = []
                var i = idx + 1
                let stop: Set<String> = ["720p", "1080p", "480p", "2160p", "hdtv", "webdl", "web", "bluray", "x264", "special"]
                while i < tokens.count, !stop.contains(tokens.texts[i]) { words.append(tokens.texts[i]); i += 1 }
                if tokens.text(idx + 1) == "special" {
                    words = []; i = idx + 2
                    while i < tokens.count, !stop.contains(tokens.texts[i]) { words.append(tokens.texts[i]); i += 1 }
                }
                if !words.isEmpty { return words.joined(separator: " ") }
            }
        }
        if s.hasSuffixASCII(")"), let open = s.lastIndex(of: "("),
           s[s.index(after: open)..<s.index(before: s.endIndex)].allSatisfy(\.isNumber) {
            s = String(s[..<open])
        }
        var out = ""
        var pendingSpace = false
        for ch in s.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "'" {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// `123` → `tt0000123`; `tt1234567` unchanged; nil when not an IMDb id.
    public static func normalizeImdbId(_ id: String) -> String? {
        var digits = Substring(id.trimmingWhitespace())
        if digits.lowercased().hasPrefixASCII("tt") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 10 else { return nil }
        let padded = digits.count < 7 ? String(repeating: "0", count: 7 - digits.count) + digits : String(digits)
        return "tt" + padded
    }

    /// URL slug: lower case, accents removed, spaces (and optionally punctuation) as `-`,
    /// runs of `dedupeChars` collapsed to their last character, `trimChars` trimmed.
    public static func toURLSlug(_ value: String, dashForSpecialChars: Bool = false,
                                 trimChars: String? = "-_", dedupeChars: String? = "-_") -> String {
        let trimSet = Set(trimChars ?? "-_")
        let dedupeSet = Set(dedupeChars ?? "-_")
        var base = ""
        for ch in removeDiacritics(value).lowercased() {
            if ch.isWhitespace { base.append("-"); continue }
            if (ch.isASCII && (ch.isLetter || ch.isNumber)) || ch == "-" || ch == "_" { base.append(ch); continue }
            if ch.isLetter || ch.isNumber { continue }
            if dashForSpecialChars { base.append("-") }
        }
        var deduped = ""
        var run = ""
        func flush() {
            if run.isEmpty { return }
            deduped.append(run.count > 1 ? String(run.last!) : run)
            run = ""
        }
        for ch in base {
            if dedupeSet.contains(ch) { run.append(ch) } else { flush(); deduped.append(ch) }
        }
        flush()
        var s = Substring(deduped)
        while let f = s.first, trimSet.contains(f) { s = s.dropFirst() }
        while let l = s.last, trimSet.contains(l) { s = s.dropLast() }
        return String(s)
    }

    /// True when a name looks like a complete scene release (`Title.S01E01.720p.HDTV.x264-GRP`).
    public static func isSceneTitle(_ title: String) -> Bool {
        guard !title.containsASCII(" ") else { return false }
        guard let dash = title.lastIndex(of: "-"), title.index(after: dash) < title.endIndex else { return false }
        let group = title[title.index(after: dash)...]
        guard !group.isEmpty, group.allSatisfy({ $0.isLetter || $0.isNumber }) else { return false }
        let q = parseQuality(title)
        guard q.source != .unknown, q.sourceDetection == .name, q.resolution != nil || q.source == .dvd else { return false }
        if let ep = parseEpisode(title) { return !ep.seriesTitle.isEmpty }
        if let m = parseMovie(title), !m.primaryTitle.isEmpty, m.year != nil { return true }
        return false
    }

    /// The scene name inside a file name (extension and stray trailing punctuation removed), if any.
    public static func sceneTitle(_ title: String) -> String? {
        var s = FileExtension.strip(title.replacingFullWidthBrackets())
        while let l = s.last, l == "_" || l == "." { s.removeLast() }
        return isSceneTitle(s) ? s : nil
    }
}

extension String {
    func replacingFullWidthBrackets() -> String {
        // `【` and `】` are U+3010/U+3011 (E3 80 90/91); most names are plain ASCII.
        guard containsByte(0xE3) else { return self }
        // On bytes: each bracket is one 3-byte UTF-8 sequence, replaced by one ASCII byte.
        return withBytes { u in
            var out: [UInt8] = []
            out.reserveCapacity(u.count)
            var i = 0
            while i < u.count {
                if u[i] == 0xE3, i + 2 < u.count, u[i + 1] == 0x80, u[i + 2] == 0x90 || u[i + 2] == 0x91 {
                    out.append(u[i + 2] == 0x90 ? 91 : 93)
                    i += 3
                } else {
                    out.append(u[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
