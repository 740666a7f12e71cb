// Release group: usually the `-GROUP` suffix, `[GROUP]` prefix for anime, or the last
// word of a trailing `(... x265 GROUP)` block. Re-posters append their own tags
// (`-xpost`, `-Rakuv`, `-Obfuscated`); those are not the group.

extension ReleaseParser {
    /// Tags appended by indexers/reposters after the real group.
    static let repostSuffixes: WordSet = [
        "rp", "obfuscated", "nzbgeek", "1", "scrambled", "xpost", "postbot", "rakuv", "rakuvus", "rakuvfinhel", "rakuv02",
        "buymore", "alternativetorequested", "asrequested", "z0ids3n", "4p", "altezachen", "pre", "chamele0n", "gerov",
        "sample", "english", "sonarr", "radarr", "sponsored", "sickbeard", "obfuscation", "whiterev", "4planet", "repackpost",
    ]
    /// Words that are encoding details, never a group.
    static let technicalWords: WordSet = [
        "x264", "x265", "h264", "h265", "264", "265", "hevc", "avc", "hdr", "hdr10", "sdr", "dv", "10bit", "8bit", "aac",
        "ac3", "eac3", "dts", "ddp", "dd", "atmos", "truehd", "flac", "opus", "mp3", "1", "0", "2", "5", "7", "6", "bit",
        "english", "multi", "dual", "audio", "subs", "remux", "bluray", "webrip", "webdl", "web", "hdtv", "dl", "ma",
        "1080p", "720p", "2160p", "480p", "576p", "mkv", "mp4", "avi", "hd", "uhd", "4k", "10", "ita", "eng",
    ]
    /// Multi-word groups that contain a dash.
    static let dashedGroups: [String] = ["D-Z0N3", "Blu-bits", "DX-TV", "FTW-HS", "VH-PROD", "Erai-raws", "Fight-BB"]
    static let dashedGroupBytes: [[UInt8]] = dashedGroups.map { Array($0.utf8) }
    /// Bracketed tags of torrent sites, and the domains that mark one (`[rarbg.com]`).
    static let siteTags: Set<String> = ["eztv", "rarbg", "ettv", "rartv", "publichd", "rarbg.com", "rarbg.to", "eztv.re"]
    static let siteDomains: Set<String> = ["com", "org", "net", "to", "io", "gov"]

    /// The text after the last `.` (all of it without one), as `split(separator: ".").last`
    /// reads it; nil when nothing but dots.
    static func lastDotPart(_ s: String) -> String? {
        s.withBytes { u -> String? in
            var end = u.count
            while end > 0, u[end - 1] == 46 { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0, u[start - 1] != 46 { start -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self)
        }
    }

    /// Parses the release group, or nil when the name does not carry one.
    public static func parseReleaseGroup(_ title: String) -> String? {
        releaseGroup(PreparedName(title))
    }

    static func releaseGroup(_ prepared: PreparedName) -> String? {
        var s = prepared.withoutExtension
        if s.hasSuffixIgnoringASCIICase("-xpost"), s.containsASCII("[") && s.containsASCII("..") { return nil }
        // Drop trailing site tags: `[eztv]`, `[rarbg.com]`, `[www.site.net]`, `[PublicHD]`.
        while true {
            guard s.hasSuffixASCII("]"), let open = s.lastUTF8Index(of: 91) else { break }
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
            let lower = String(inner).fastLowercased()
            let isSite = lower.hasPrefixASCII("www.") || Self.siteTags.contains(lower)
                || (lower.containsASCII(".") && !lower.hasPrefixASCII("yts") && Self.lastDotPart(lower).map { Self.siteDomains.contains($0) } == true)
            guard isSite else { break }
            s = String(s[..<open])
            while s.hasSuffixASCII("-") || s.hasSuffixASCII(" ") { s.removeLast() }
        }
        // A trailing remark in parentheses (`-VARYG (Blue Lock, Multi-Subs)`) follows the group.
        if s.hasSuffixASCII(")"), let open = s.lastUTF8Index(of: 40), s[open...].containsASCII(", "), open > s.startIndex {
            let head = s[..<open].trimmingCharacters(" ")
            if !head.isEmpty { s = head }
        }
        // A language tag after the group: `x264-SKGTV English`, `x264-SKGTV.English`.
        if let cut = Self.shortLastWordStart(s), Self.mayBeLanguageTag(s, after: cut),
           languageTagWords.contains(String(s[s.index(after: cut)...]).fastLowercased()),
           s[..<cut].utf8.lastIndex(of: 45) != nil, !s[..<cut].containsASCII(" - "),
           let dash = s[..<cut].utf8.lastIndex(of: 45), !s[s.index(after: dash)..<cut].isEmpty,
           !s[s.index(after: dash)..<cut].contains(where: { $0 == " " || $0 == "." }) {
            s = String(s[..<cut])
        }
        // Anime: `[Group] Title`.
        if let f = s.utf8.first, f == 91 || f == 0xE3, s.hasPrefixASCII("[") || s.hasPrefix("【"),
           let close = f == 91 ? s.firstUTF8Index(of: 93) : s.firstIndex(where: { $0 == "]" || $0 == "】" }) {
            let inner = String(s[s.index(after: s.startIndex)..<close]).trimmingWhitespace()
            if !inner.isEmpty, !inner.lowercased().hasPrefixASCII("www."), !inner.containsASCII(".com") {
                let l = TokenList(inner)
                if !(l.count == 1 && (QualityScanner.resolutionWords[l.texts[0]] != nil || l.texts[0].isAllDigits)) {
                    if inner.hasPrefixASCII("OPFans") { return "OPFans" }
                    return inner
                }
            }
        }
        // Anime movies: `Title 1999 [Group] [Blu-ray][MKV]...` – the group follows the year.
        if let g = groupAfterYear(s) { return g }
        // `x264-[YTS.LT]`
        if s.hasSuffixASCII("]"), let open = s.lastUTF8Index(of: 91), s[..<open].hasSuffixASCII("-") {
            return String(s[s.index(after: open)..<s.index(before: s.endIndex)])
        }
        // A CRC at the very end (`x264-iKaos [v3] [6AFFEF6B]`): no trustworthy group.
        if s.hasSuffixASCII("]"), EpisodeScanner.findHash(s).map({ s.hasSuffix("[" + $0 + "]") }) == true { return nil }
        // A bracketed group at the very end: `... 5.1 Tigole) [QxR]`, `x265-TheSickle[TAoE])`,
        // `[BDRemux 1080p ... Subs][HDO]`, `[1080p] [WEBRip] [5.1] [YTS.MX]`.
        var core = s
        while core.hasSuffixASCII(")") { core.removeLast() }
        if core.hasSuffixASCII("]"), let open = core.lastUTF8Index(of: 91) {
            let inner = core[core.index(after: open)..<core.index(before: core.endIndex)]
            if !inner.isEmpty, inner.count <= 12, isBracketGroupName(inner),
               QualityScanner.resolutionWords[String(inner).fastLowercased()] == nil, !technicalWords.contains(String(inner).fastLowercased()),
               QualityScanner(name: String(inner), flavor: .series).parse().source == .unknown {
                let before = core[..<open]
                if before.hasSuffixASCII(")") || before.hasSuffixASCII(" ") || before.hasSuffixASCII("]")
                    || before.last?.isLetter == true || before.last?.isNumber == true {
                    return String(inner)
                }
            }
        }
        // `(1080p BluRay x265 HEVC 10bit AAC 7.1 Tigole)`: the last word of a trailing encode
        // block. Checked before dashes, which such blocks often contain (`WEB-DL`, ` - `).
        if s.hasSuffixASCII(")") || s.hasSuffixASCII("]"), let g = groupClosingEncodeBlock(s) { return g }
        if s.hasSuffixASCII(" QxR") { return "QxR" }
        // (Compared on bytes: the groups are ASCII, so a byte suffix is a Character suffix.)
        if let g = s.withBytes({ u -> String? in
            for (g, gb) in zip(Self.dashedGroups, Self.dashedGroupBytes) where u.count > gb.count && u.last == gb.last {
                let base = u.count - gb.count
                guard (0..<gb.count).allSatisfy({ u[base + $0] == gb[$0] }) else { continue }
                let b = u[base - 1]
                if b == 45 || b == 46 || b == 32 { return g }
            }
            return nil
        }) { return g }
        // `8-Bit-ZR-`: a dangling dash after the group.
        while s.hasSuffixASCII("-"), s.utf8.count > 1 { s.removeLast() }
        // Only the dash positions are collected (bytes: a dash is ASCII, so every piece is
        // valid UTF-8); pieces are materialised only for the last one or two parts.
        // Dashes are found on the bytes of `text` as they are needed (no copy of the bytes, no
        // array of positions); pieces are materialised only for the last one or two parts.
        let text = s
        func dash(before limit: Int) -> Int? {
            text.withBytes { u -> Int? in
                var k = limit - 1
                while k >= 0 { if u[k] == 45 { return k }; k -= 1 }
                return nil
            }
        }
        func piece(_ from: Int, _ to: Int) -> String { text.withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) } }
        func lowerPiece(_ from: Int, _ to: Int) -> String { text.withBytes { String.lowercased(UnsafeBufferPointer(rebasing: $0[from..<to])) } }
        /// Texts of the tokens of `text`'s first `offset` bytes: shared when the cut leaves the
        /// trimmed name's tokens whole, else tokenised again.
        func textsBefore(_ offset: Int) -> ArraySlice<String> {
            if let c = prepared.sharedTokenCount(forPrefixOf: text, length: offset) { return prepared.tokens.texts[..<c] }
            return TokenList(piece(0, offset)).texts[...]
        }
        var end = text.utf8.count
        // The last dash before `end` and the one before it (`dashes.count >= 2` when both exist).
        var lastDashFound = dash(before: end)
        var previousDash = lastDashFound.flatMap { dash(before: $0) }
        while let a = lastDashFound, let b = previousDash {
            let lastPart = lowerPiece(a + 1, end)
            guard repostSuffixes.contains(lastPart) || lastPart.hasPrefixASCII("rakuv") else { break }
            let previous = piece(b + 1, a)
            guard isPlausibleGroup(previous) || isCapitalisedWords(previous) else { break }
            end = a
            lastDashFound = b
            previousDash = dash(before: b)
        }
        if let lastDash = lastDashFound {
            var last = piece(lastDash + 1, end)
            // A reposter's tag that could not be peeled off (`…Full4Movies.mkv-xpost`) is not the group.
            if previousDash != nil, repostSuffixes.contains(lowerPiece(lastDash + 1, end)) { return nil }
            let underscore = text.withBytes { u in (lastDash + 1..<end).first(where: { u[$0] == 95 }) }
            if let us = underscore, repostSuffixes.contains(lowerPiece(us + 1, end)) {
                last = piece(lastDash + 1, us)
            }
            if last.hasSuffixASCII(")") && !last.containsASCII("(") { last.removeLast() }
            let trimmed = last.trimmingWhitespace()
            if last.hasPrefixASCII(" ") {
                // ` - Vialle`, `Atmos - HONE)`: a spaced dash only counts inside/after a technical block.
                let tech = textsBefore(lastDash).suffix(4).contains { technicalWords.contains($0) || $0.hasPrefixASCII("x26") }
                guard tech || text.withBytes({ lastDash > 0 && $0[lastDash - 1] == 41 }) else { return nil }
            }
            if isPlausibleGroup(trimmed) { return trimmed }
            if isCapitalisedWords(trimmed) { return trimmed }
            // `H.265-Eml HDTeam`: two words right after the codec.
            // (ASCII text is split on bytes, far cheaper than splitting Characters.)
            let words: [String] = !trimmed.containsByte(32) ? []
                : trimmed.allBytes({ $0 < 0x80 }) ? trimmed.utf8.split(separator: 32).map { String(Substring($0)) }
                : trimmed.split(separator: " ").map(String.init)
            if words.count == 2, words.allSatisfy({ isPlausibleGroup($0) }),
               let lastTech = textsBefore(lastDash).last, technicalWords.contains(lastTech) {
                return trimmed
            }
            // Keep looking: `DTS-HD.MA.5.1.KRaLiMaRKo` ends in a dotted tail, handled below.
            if !trimmed.containsASCII(".") { return nil }
        }
        // `.H.264.KCRT`, `.x265.10bit.EAC3.5.1.Goki.TAoE`, `.DTS-HD.MA.5.1.Group`, `... x265 TMd`
        let l = prepared.tokens(for: s)
        if l.count >= 3, let last = l.texts.last, l.separators[l.count - 1] == "." || l.separators[l.count - 1] == " ",
           !technicalWords.contains(last), last.contains(where: \.isLetter), QualityScanner.resolutionWords[last] == nil {
            let prev = l.text(l.count - 2)
            let dotted = l.separators[l.count - 1] == "."
            // (Space-separated only after x265/AVC, the encoders whose releases are named so.)
            let afterCodec = dotted ? ["264", "265", "x264", "x265", "h264", "h265", "avc"].contains(prev) : ["x265", "avc"].contains(prev)
            let afterDotted = dotted && (prev == "goki" || prev == "ma"
                || (prev == "10bit" && prepared.trimmed.hasSuffixASCII(")") && l.texts.suffix(4).contains { $0.hasPrefixASCII("x26") })
                || (["0", "1"].contains(prev) && ["2", "5", "7"].contains(l.text(l.count - 3))))
            if afterCodec || afterDotted {
                return l.original(l.count - 1)
            }
        }
        return nil
    }

    /// Index of the space or dot before a last word of at most 7 bytes (found on bytes).
    static func shortLastWordStart(_ s: String) -> String.Index? {
        let offset = s.withBytes { u -> Int? in
            var idx = u.count
            var k = 0
            while idx > 0, k <= 8 {
                idx -= 1
                if u[idx] == 32 || u[idx] == 46 { return k >= 2 ? idx : nil }
                k += 1
            }
            return nil
        }
        return offset.map { s.utf8.index(s.utf8.startIndex, offsetBy: $0) }
    }

    /// False when the word after `cut` certainly is not a language tag: its length and end
    /// bytes are tested before a lower-cased copy is made (non-ASCII words always pass).
    static func mayBeLanguageTag(_ s: String, after cut: String.Index) -> Bool {
        let start = s.utf8.distance(from: s.utf8.startIndex, to: cut) + 1
        return s.withBytes { u in
            guard start < u.count else { return false }
            for k in start..<u.count where u[k] >= 0x80 { return true }
            @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
            return languageTagWords.filter.mayContain(length: u.count - start, first: lower(u[start]), last: lower(u[u.count - 1]))
        }
    }

    /// Language words that may trail a release after its group.
    static let languageTagWords: WordSet = ["english", "german", "french", "spanish", "italian"]

    /// `E.N.D`, `BEN THE MEN`, `BEN.THE.MEN`: up to three upper-case words.
    static func isCapitalisedWords(_ g: String) -> Bool {
        // Bytes first: only upper-case letters, spaces and dots, with at least one separator.
        guard g.utf8.count <= 20, g.allBytes({ ($0 >= 65 && $0 <= 90) || $0 == 32 || $0 == 46 }),
              g.anyByte(where: { $0 == 32 || $0 == 46 }) else { return false }
        let words = g.split(whereSeparator: { $0 == " " || $0 == "." })
        guard words.count >= 2, words.count <= 3, g.count <= 20 else { return false }
        return words.allSatisfy { w in w.allSatisfy { $0.isLetter && $0.isUppercase } }
    }

    /// `[HDO]`, `[YTS.MX]`: letters and digits, optionally with one short dotted suffix.
    static func isBracketGroupName(_ inner: Substring) -> Bool {
        // ASCII (nearly always): the same test on bytes.
        if let ascii = inner.withBytesIfASCII({ u -> Bool in
            @inline(__always) func isAlnum(_ b: UInt8) -> Bool { ((b | 0x20) >= 97 && (b | 0x20) <= 122) || (b >= 48 && b <= 57) }
            guard let dot = u.firstIndex(of: 46) else { return !u.isEmpty && u.allSatisfy(isAlnum) }
            let head = u[..<dot], tail = u[(dot + 1)...]
            guard !head.isEmpty, !tail.isEmpty, head.allSatisfy(isAlnum), tail.allSatisfy(isAlnum) else { return false }
            return tail.count <= 3 && head.count == 3 && (head[0] | 0x20) == 121 && (head[1] | 0x20) == 116 && (head[2] | 0x20) == 115
        }) { return ascii }
        let parts = inner.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber } }) else { return false }
        return parts.count == 1 || (parts[1].count <= 3 && parts[0].uppercased() == "YTS")
    }

    /// `Title 1999 [Group] [Blu-ray]...`: a bracket right after the year, followed by more
    /// brackets, names the group (`[-ZR-]`, `[Koten_Gars]`).
    static func groupAfterYear(_ s: String) -> String? {
        guard let open = s.utf8Offset(of: " ["), open >= 4 else { return nil }
        // (On the contiguous bytes: most names fail the year test, and copying them cost more.)
        let found = s.withBytes { u -> String? in
            let year = u[(open - 4)..<open]
            guard year.allSatisfy({ $0 >= 48 && $0 <= 57 }), open == 4 || u[open - 5] == 32 || u[open - 5] == 46,
                  let close = u[(open + 2)...].firstIndex(of: 93), close + 2 < u.count, u[close + 1] == 32, u[close + 2] == 91
            else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: u[(open + 2)..<close]), as: UTF8.self)
        }
        guard let inner = found else { return nil }
        guard !inner.isEmpty, inner.count <= 16, inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
              QualityScanner(name: inner, flavor: .movie).parse().source == .unknown,
              QualityScanner.resolutionOf(inner.lowercased()) == nil else { return nil }
        return inner
    }

    /// `(... x265 10bit HDR Joy)` / `[2160p x265 10bit S82 Joy]` / `(... English - Celdra QxR)`.
    static func groupClosingEncodeBlock(_ s: String) -> String? {
        let open: UInt8 = s.hasSuffixASCII(")") ? 40 : 91
        guard let o = s.lastUTF8Index(of: open) else { return nil }
        let inner = TokenList(String(s[s.index(after: o)...]))
        if inner.count >= 3, let last = inner.texts.last, !technicalWords.contains(last),
           QualityScanner.resolutionWords[last] == nil,
           inner.texts.contains(where: { $0.hasPrefixASCII("x26") || $0 == "hevc" }),
           inner.separators[inner.count - 1] == " ", !last.hasSuffixASCII("fake") {
            return inner.original(inner.count - 1)
        }
        return nil
    }

    /// Words that end names after a dash but are never groups.
    static let notGroups: WordSet = ["ma", "es", "x", "hd", "dl", "rip", "ray", "dts", "hdtv", "sdtv", "tv", "web"]

    static func isPlausibleGroup(_ g: String) -> Bool {
        guard !g.isEmpty else { return false }
        // ASCII (nearly always): every check on bytes; the lower-cased copy is made only when
        // a word table's byte filter cannot rule it out. nil: not ASCII.
        let ascii = g.withBytes { u -> Bool? in
            for b in u where b >= 0x80 { return nil }
            guard u.count <= 30 else { return false }
            for b in u where !(((b | 0x20) >= 97 && (b | 0x20) <= 122) || (b >= 48 && b <= 57) || b == 95) { return false }
            let n = u.count
            @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
            // `720p`, `p`: digits then `p`.
            if lower(u[n - 1]) == 112, u[..<(n - 1)].allSatisfy({ $0 >= 48 && $0 <= 57 }) { return false }
            if n >= 4, lower(u[n - 4]) == 102, lower(u[n - 3]) == 97, lower(u[n - 2]) == 107, lower(u[n - 1]) == 101 { return false }
            if n <= 2, u.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return false }
            let f = lower(u[0]), l = lower(u[n - 1])
            guard QualityScanner.resolutionWords.filter.mayContain(length: n, first: f, last: l)
                    || notGroups.filter.mayContain(length: n, first: f, last: l) else { return true }
            let lower = String.asciiLowercased(u)
            return QualityScanner.resolutionWords[lower] == nil && !notGroups.contains(lower)
        }
        if let ascii { return ascii }
        guard g.count <= 30, !g.containsASCII(" "), !g.containsASCII(".") else { return false }
        guard g.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return false }
        let lower = g.fastLowercased()
        if QualityScanner.resolutionWords[lower] != nil || lower.hasSuffixASCII("p") && lower.dropLast().allSatisfy(\.isNumber) { return false }
        if notGroups.contains(lower) { return false }
        if lower.hasSuffixASCII("fake") { return false }
        if lower.isAllDigits && lower.count <= 2 { return false }
        return true
    }
}
