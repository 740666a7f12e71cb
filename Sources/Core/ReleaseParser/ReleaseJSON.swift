// The stable JSON Lines shape printed by `kinora parse --jsonl`. Keys are always present
// and always in the same order so other tools can rely on them; built by hand to avoid
// Foundation and to keep the key order fixed.

/// How to interpret a name when producing JSON.
public enum ParseMode: String, Sendable, CaseIterable {
    case auto, episode, movie
}

/// A parsed release of either kind, as used by the CLI.
public struct ParsedRelease: Sendable, Equatable {
    public var input: String
    public var kind: ReleaseParser.Kind
    public var episode: ParsedEpisodeInfo?
    public var movie: ParsedMovieInfo?
    public var quality: ParsedQuality

    public var title: String? { episode?.seriesTitle ?? movie?.primaryTitle }
    public var year: Int? { episode?.year ?? movie?.year }
    /// Group of a name that is neither an episode nor a movie, computed once by `parse`.
    var unknownKindGroup: String?
    public var releaseGroup: String? { episode?.releaseGroup ?? movie?.releaseGroup ?? unknownKindGroup }
    public var languages: [String] { episode?.languages ?? movie?.languages ?? [] }
}

extension ReleaseParser {
    /// Parses `name` as an episode, a movie, or whichever fits (`auto`).
    public static func parse(_ name: String, as mode: ParseMode = .auto) -> ParsedRelease {
        // Tokenise once; the kind-specific parsers and quality/group/language all share it,
        // and the shared parts are computed only for the kind that is finally chosen.
        let prepared = PreparedName(name)
        switch mode {
        case .episode:
            if let e = parseEpisode(prepared) { return ParsedRelease(input: name, kind: .episode, episode: e, quality: e.quality) }
        case .movie:
            if let m = parseMovie(prepared) { return ParsedRelease(input: name, kind: .movie, movie: m, quality: m.quality) }
        case .auto:
            if let n = episodeNumbering(prepared), n.seasonNumber > 0 || !n.episodeNumbers.isEmpty || n.fullSeason
                || !n.absoluteEpisodeNumbers.isEmpty || !n.specialAbsoluteEpisodeNumbers.isEmpty || n.airDate != nil {
                let e = completeEpisode(n, prepared)
                return ParsedRelease(input: name, kind: .episode, episode: e, quality: e.quality)
            }
            if let t = movieTitles(prepared), t.year != nil {
                let m = completeMovie(t, prepared)
                return ParsedRelease(input: name, kind: .movie, movie: m, quality: m.quality)
            }
        }
        let flavor: QualityFlavor = mode == .movie ? .movie : .series
        return ParsedRelease(input: name, kind: .unknown, episode: nil, movie: nil,
                             quality: QualityScanner(prepared: prepared, flavor: flavor).parse(),
                             unknownKindGroup: releaseGroup(prepared))
    }

    static func parseEpisode(_ prepared: PreparedName) -> ParsedEpisodeInfo? {
        episodeNumbering(prepared).map { completeEpisode($0, prepared) }
    }

    static func parseMovie(_ prepared: PreparedName) -> ParsedMovieInfo? {
        movieTitles(prepared).map { completeMovie($0, prepared) }
    }
}

/// Serialises parse results as one JSON object per line.
public enum ReleaseJSON {
    /// One JSON object (no trailing newline) for `name` parsed in `mode`.
    public static func line(for name: String, as mode: ParseMode = .auto) -> String {
        line(for: ReleaseParser.parse(name, as: mode))
    }

    public static func line(for r: ParsedRelease) -> String {
        var bytes: [UInt8] = []
        append(r, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one JSON object (no trailing newline) to a byte buffer. The CLI reuses one
    /// buffer for many lines and writes it in large chunks; no intermediate `String`s.
    public static func append(_ r: ParsedRelease, to o: inout [UInt8]) {
        // (No `reserveCapacity` here: it would reallocate to the exact size on every line and
        // copy the whole buffer; the caller reserves once and the array grows geometrically.)
        lit("{\"input\":", &o)
        appendString(r.input, to: &o)
        lit(",\"kind\":\"", &o); raw(r.kind.rawValue, &o)
        lit("\",\"title\":", &o)
        appendOptional(r.title, to: &o)
        lit(",\"year\":", &o); appendInt(r.year, to: &o)
        let ep = r.episode
        lit(",\"season\":", &o); appendInt(ep?.seasonNumber, to: &o)
        lit(",\"episodes\":[", &o)
        if let eps = ep?.episodeNumbers {
            for (i, e) in eps.enumerated() { if i > 0 { o.append(44) }; appendInt(e, to: &o) }
        }
        lit("],\"absoluteEpisodes\":[", &o)
        if let ep {
            var first = true
            for d in ep.absoluteEpisodeNumbers + ep.specialAbsoluteEpisodeNumbers {
                if !first { o.append(44) }
                first = false
                raw(formatNumber(d), &o)
            }
        }
        lit("],\"airDate\":", &o)
        appendOptional(ep?.airDate, to: &o)
        if ep?.fullSeason ?? false { lit(",\"fullSeason\":true", &o) } else { lit(",\"fullSeason\":false", &o) }
        let q = r.quality
        lit(",\"quality\":{\"name\":", &o)
        appendString(q.name, to: &o)
        lit(",\"source\":\"", &o); raw(q.source.rawValue, &o)
        lit("\",\"resolution\":", &o); appendInt(q.resolution, to: &o)
        lit(",\"modifier\":", &o)
        if let m = q.modifier { o.append(34); raw(m.rawValue, &o); o.append(34) } else { lit("null", &o) }
        if q.revision.version > 1 && !q.revision.isRepack { lit(",\"proper\":true", &o) } else { lit(",\"proper\":false", &o) }
        if q.revision.isRepack { lit(",\"repack\":true", &o) } else { lit(",\"repack\":false", &o) }
        lit(",\"revision\":", &o); appendInt(q.revision.version, to: &o)
        lit("},\"languages\":[", &o)
        for (i, l) in r.languages.enumerated() {
            if i > 0 { o.append(44) }
            appendString(l, to: &o)
        }
        lit("],\"releaseGroup\":", &o)
        appendOptional(r.releaseGroup, to: &o)
        lit(",\"edition\":", &o)
        appendOptional(r.movie?.edition, to: &o)
        lit(",\"releaseHash\":", &o)
        appendOptional(ep?.releaseHash.flatMap { $0.isEmpty ? nil : $0 } ?? r.movie?.releaseHash, to: &o)
        o.append(125)
    }

    public static func formatNumber(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    /// A literal fragment (a distinct name: with one overloaded `raw`, literals would pick
    /// the `String` overload).
    @inline(__always) static func lit(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) static func raw(_ s: String, _ out: inout [UInt8]) {
        var copy = s
        copy.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Decimal digits without going through `String`.
    static func appendInt(_ v: Int?, to out: inout [UInt8]) {
        guard var v else { lit("null", &out); return }
        if v < 0 { out.append(45); v = -v }
        if v < 10 { out.append(UInt8(48 + v)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 { buf[n] = UInt8(48 + v % 10); v /= 10; n += 1 }
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(buf[k]) }
        }
    }

    static func appendOptional(_ s: String?, to out: inout [UInt8]) {
        if let s { appendString(s, to: &out) } else { lit("null", &out) }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// JSON string literal with the mandatory escapes; non-ASCII bytes are passed through
    /// (the input is a valid `String`, so they are valid UTF-8).
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(34)
        var copy = s
        let clean = copy.withUTF8 { bytes -> Bool in
            // Common case: nothing to escape, copy the bytes in one go.
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 34 || $0 == 92 || $0 == 0x7F }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if clean { out.append(34); return }
        for b in s.utf8 {
            switch b {
            case 34: out.append(92); out.append(34)
            case 92: out.append(92); out.append(92)
            case 10: out.append(92); out.append(110)
            case 13: out.append(92); out.append(114)
            case 9: out.append(92); out.append(116)
            case 0..<0x20, 0x7F:
                out.append(contentsOf: [92, 117, 48, 48, hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(34)
    }
}
