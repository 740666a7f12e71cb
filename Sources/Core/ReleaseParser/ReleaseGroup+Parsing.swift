// Release group: usually the `-GROUP` suffix, `[GROUP]` prefix for anime, or the last
// word of a trailing `(... x265 GROUP)` block. Re-posters append their own tags
// (`-xpost`, `-Rakuv`, `-Obfuscated`); those are not the group.

extension ReleaseParser {
    /// Tags appended by indexers/reposters after the real group.
    static let repostSuffixes: WordSet = [
        "rp", "obfuscated", "nzbgeek", "1", "scrambled", "xpost", "postbot", "rakuv", "rakuvus", "rakuvfinhel", "rakuv02",
        "buymore", "alternativetorequested", "asrequested", "z0ids3n", "4p", "altezachen", "pre", "chamele0n", "gerov",
        "sample", "english", "sonarr", "radarr", "sponsored", "sickbeard",
    ]
    /// Words that are encoding details, never a group.
    static let technicalWords: WordSet = [
        "x264", "x265", "h264", "h265", "264", "265", "hevc", "avc", "hdr", "hdr10", "sdr", "dv", "10bit", "8bit", "aac",
        "ac3", "eac3", "dts", "ddp", "dd", "atmos", "truehd", "flac", "opus", "mp3", "1", "0", "2", "5", "7", "6", "bit",
        "english", "multi", "dual", "audio", "subs", "remux", "bluray", "webrip", "webdl", "web", "hdtv", "dl", "ma",
        "1080p", "720p", "2160p", "480p", "576p", "mkv", "mp4", "avi", "hd", "uhd", "4k", "10", "ita", "eng",
    ]
    /// Multi-word groups that contain a dash.
    static let dashedGroups: [String] = ["D-Z0N3", "Blu-bits", "DX-TV", "FTW-HS", "VH-PROD", "Erai-raws"]

    /// Parses the release group, or nil when the name does not carry one.
    public static func parseReleaseGroup(_ title: String) -> String? {
        releaseGroup(PreparedName(title))
    }

    static func releaseGroup(_ prepared: PreparedName) -> String? {
        var s = FileExtension.strip(prepared.trimmed)
        if s.hasSuffixIgnoringASCIICase("-xpost"), s.containsASCII("[") && s.containsASCII("..") { return nil }
        // Drop trailing site tags: `[eztv]`, `[rarbg.com]`, `[www.site.net]`, `[PublicHD]`.
        while true {
            guard s.hasSuffixASCII("]"), let open = s.lastIndex(of: "[") else { break }
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
            let lower = inner.lowercased()
            let isSite = lower.hasPrefixASCII("www.") || ["eztv", "rarbg", "ettv", "rartv", "publichd", "rarbg.com", "rarbg.to", "eztv.re"].contains(lower)
                || (lower.containsASCII(".") && !lower.hasPrefixASCII("yts") && lower.split(separator: ".").last.map { ["com", "org", "net", "to", "io", "gov"].contains(String($0)) } == true)
            guard isSite else { break }
            s = String(s[..<open])
            while s.hasSuffixASCII("-") || s.hasSuffixASCII(" ") { s.removeLast() }
        }
        // Anime: `[Group] Title`.
        if s.hasPrefixASCII("[") || s.hasPrefix("【"), let close = s.firstIndex(where: { $0 == "]" || $0 == "】" }) {
            let inner = String(s[s.index(after: s.startIndex)..<close]).trimmingWhitespace()
            if !inner.isEmpty, !inner.lowercased().hasPrefixASCII("www."), !inner.containsASCII(".com") {
                let l = TokenList(inner)
                if !(l.count == 1 && (QualityScanner.resolutionWords[l[0].text] != nil || l[0].text.isAllDigits)) {
                    if inner.hasPrefixASCII("OPFans") { return "OPFans" }
                    return inner
                }
            }
        }
        // `x264-[YTS.LT]`
        if s.hasSuffixASCII("]"), let open = s.lastIndex(of: "["), s[..<open].hasSuffixASCII("-") {
            return String(s[s.index(after: open)..<s.index(before: s.endIndex)])
        }
        // A bracketed group at the very end: `... 5.1 Tigole) [QxR]`, `x265-TheSickle[TAoE])`.
        var core = s
        while core.hasSuffixASCII(")") { core.removeLast() }
        if core.hasSuffixASCII("]"), let open = core.lastIndex(of: "[") {
            let inner = core[core.index(after: open)..<core.index(before: core.endIndex)]
            if !inner.isEmpty, inner.count <= 12, inner.allSatisfy({ $0.isLetter || $0.isNumber }),
               QualityScanner.resolutionWords[inner.lowercased()] == nil, !technicalWords.contains(inner.lowercased()),
               QualityScanner(name: String(inner), flavor: .series).parse().source == .unknown {
                let before = core[..<open]
                if before.hasSuffixASCII(")") || before.hasSuffixASCII(" ") || before.last?.isLetter == true || before.last?.isNumber == true {
                    return String(inner)
                }
            }
        }
        if s.hasSuffixASCII(" QxR") { return "QxR" }
        for g in dashedGroups where s.utf8.count > g.utf8.count && s.utf8.reversed().starts(with: g.utf8.reversed()) {
            let head = s.dropLast(g.count)
            if head.hasSuffixASCII("-") || head.hasSuffixASCII(".") || head.hasSuffixASCII(" ") { return g }
        }
        // `-GROUP` (dropping reposter tags).
        // Only the dash positions are collected (bytes: a dash is ASCII, so every piece is
        // valid UTF-8); pieces are materialised only for the last one or two parts.
        var dashes: [Int] = []
        var offset = 0
        for b in s.utf8 { if b == 45 { dashes.append(offset) }; offset += 1 }
        func piece(_ from: Int, _ to: Int) -> String { String(Substring(s.utf8.dropFirst(from).prefix(to - from))) }
        var end = offset
        while dashes.count >= 2 {
            let lastPart = piece(dashes[dashes.count - 1] + 1, end).lowercased()
            guard repostSuffixes.contains(lastPart) || lastPart.hasPrefixASCII("rakuv"),
                  isPlausibleGroup(piece(dashes[dashes.count - 2] + 1, dashes[dashes.count - 1])) else { break }
            end = dashes.removeLast()
        }
        if let lastDash = dashes.last {
            var last = piece(lastDash + 1, end)
            if let us = last.firstIndex(of: "_"), repostSuffixes.contains(last[last.index(after: us)...].lowercased()) {
                last = String(last[..<us])
            }
            if last.hasSuffixASCII(")") && !last.containsASCII("(") { last.removeLast() }
            let trimmed = last.trimmingWhitespace()
            if last.hasPrefixASCII(" ") {
                // ` - Vialle`, `Atmos - HONE)`: a spaced dash only counts inside/after a technical block.
                let before = piece(0, lastDash)
                let tech = TokenList(before).tokens.suffix(4).contains { technicalWords.contains($0.text) || $0.text.hasPrefixASCII("x26") }
                guard tech || before.hasSuffixASCII(")") else { return nil }
            }
            if isPlausibleGroup(trimmed) { return trimmed }
            if trimmed.containsASCII(" "), trimmed.split(separator: " ").count <= 3, trimmed.allSatisfy({ $0.isLetter || $0 == " " }),
               trimmed.uppercased() == trimmed { return trimmed }
            return nil
        }
        // `(... x265 10bit HDR Joy)` / `[2160p x265 10bit S82 Joy]`
        if s.hasSuffixASCII(")") || s.hasSuffixASCII("]") {
            let open: Character = s.hasSuffixASCII(")") ? "(" : "["
            if let o = s.lastIndex(of: open) {
                let inner = TokenList(String(s[s.index(after: o)...]))
                if inner.count >= 3, let last = inner.tokens.last, !technicalWords.contains(last.text),
                   QualityScanner.resolutionWords[last.text] == nil,
                   inner.tokens.contains(where: { $0.text.hasPrefixASCII("x26") || $0.text == "hevc" }),
                   last.separatorBefore == " " {
                    return String(last.original)
                }
            }
        }
        // `.H.264.KCRT`, `.x265.10bit.EAC3.5.1.Goki.TAoE`
        let l = prepared.tokens(for: s)
        if l.count >= 3, let last = l.tokens.last, last.separatorBefore == ".", !technicalWords.contains(last.text),
           last.text.contains(where: \.isLetter), QualityScanner.resolutionWords[last.text] == nil {
            let prev = l.text(l.count - 2)
            if ["264", "265", "x264", "x265", "h264", "h265", "goki"].contains(prev) {
                return String(last.original)
            }
        }
        return nil
    }

    /// Words that end names after a dash but are never groups.
    static let notGroups: WordSet = ["ma", "es", "x", "hd", "dl", "rip", "ray", "dts", "hdtv", "sdtv", "tv", "web"]

    static func isPlausibleGroup(_ g: String) -> Bool {
        guard !g.isEmpty else { return false }
        if g.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: the same checks on bytes.
            guard g.utf8.count <= 30, g.utf8.allSatisfy({ ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 || ($0 >= 48 && $0 <= 57) || $0 == 95 })
            else { return false }
        } else {
            guard g.count <= 30, !g.containsASCII(" "), !g.containsASCII(".") else { return false }
            guard g.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return false }
        }
        let lower = g.lowercased()
        if QualityScanner.resolutionWords[lower] != nil || lower.hasSuffixASCII("p") && lower.dropLast().allSatisfy(\.isNumber) { return false }
        if notGroups.contains(lower) { return false }
        if lower.hasSuffixASCII("fake") { return false }
        if lower.isAllDigits && lower.count <= 2 { return false }
        return true
    }
}
