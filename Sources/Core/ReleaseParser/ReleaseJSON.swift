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
        // (The quality is read before the info is moved into the result, not copied.)
        // Tokenise once; the kind-specific parsers and quality/group/language all share it,
        // and the shared parts are computed only for the kind that is finally chosen.
        let prepared = PreparedName(name)
        switch mode {
        case .episode:
            if let e = parseEpisode(prepared) { let q = e.quality; return ParsedRelease(input: name, kind: .episode, episode: consume e, quality: q) }
        case .movie:
            if let m = parseMovie(prepared) { let q = m.quality; return ParsedRelease(input: name, kind: .movie, movie: consume m, quality: q) }
        case .auto:
            if var e = episodeNumbering(prepared), e.seasonNumber > 0 || !e.episodeNumbers.isEmpty || e.fullSeason
                || !e.absoluteEpisodeNumbers.isEmpty || !e.specialAbsoluteEpisodeNumbers.isEmpty || e.airDate != nil {
                completeEpisode(&e, prepared)
                let q = e.quality; return ParsedRelease(input: name, kind: .episode, episode: consume e, quality: q)
            }
            if var m = movieTitles(prepared), m.year != nil {
                completeMovie(&m, prepared)
                let q = m.quality; return ParsedRelease(input: name, kind: .movie, movie: consume m, quality: q)
            }
        }
        let flavor: QualityFlavor = mode == .movie ? .movie : .series
        return ParsedRelease(input: name, kind: .unknown, episode: nil, movie: nil,
                             quality: QualityScanner(prepared: prepared, flavor: flavor).parse(),
                             unknownKindGroup: releaseGroup(prepared))
    }

    static func parseEpisode(_ prepared: PreparedName) -> ParsedEpisodeInfo? {
        guard var info = episodeNumbering(prepared) else { return nil }
        completeEpisode(&info, prepared)
        return info
    }

    static func parseMovie(_ prepared: PreparedName) -> ParsedMovieInfo? {
        guard var info = movieTitles(prepared) else { return nil }
        completeMovie(&info, prepared)
        return info
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
        // The line is written through a raw pointer into scratch space sized by an upper
        // bound (every string byte may become a 6-byte `\u00XX` escape), then copied to `o` in
        // one go: one capacity check per line instead of one per fragment. (No
        // `reserveCapacity`: it would reallocate to the exact size on every line; the caller
        // reserves once and the array grows geometrically.)
        let ep = r.episode
        let q = r.quality
        let title = r.title
        let group = r.releaseGroup
        let edition = r.movie?.edition
        let hash = ep?.releaseHash.flatMap { $0.isEmpty ? nil : $0 } ?? r.movie?.releaseHash
        let languages = r.languages
        var absolute: [String] = []
        if let ep, !(ep.absoluteEpisodeNumbers.isEmpty && ep.specialAbsoluteEpisodeNumbers.isEmpty) {
            absolute = (ep.absoluteEpisodeNumbers + ep.specialAbsoluteEpisodeNumbers).map(formatNumber)
        }
        var textBytes = r.input.utf8.count + (title?.utf8.count ?? 0) + (ep?.airDate?.utf8.count ?? 0)
            + q.name.utf8.count + (group?.utf8.count ?? 0) + (edition?.utf8.count ?? 0) + (hash?.utf8.count ?? 0)
        for l in languages { textBytes += l.utf8.count + 3 }
        var numberBytes = 0
        for a in absolute { numberBytes += a.utf8.count + 1 }
        numberBytes += 21 * ((ep?.episodeNumbers.count ?? 0) + 4)
        let bound = 512 + 6 * textBytes + numberBytes
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buf in
            var w = JSONWriter(base: buf.baseAddress!)
            w.lit("{\"input\":")
            w.string(r.input)
            w.lit(",\"kind\":\""); w.raw(r.kind.rawValue)
            w.lit("\",\"title\":")
            w.optional(title)
            w.lit(",\"year\":"); w.int(r.year)
            w.lit(",\"season\":"); w.int(ep?.seasonNumber)
            w.lit(",\"episodes\":[")
            if let eps = ep?.episodeNumbers {
                for (i, e) in eps.enumerated() { if i > 0 { w.byte(44) }; w.int(e) }
            }
            w.lit("],\"absoluteEpisodes\":[")
            for (i, a) in absolute.enumerated() { if i > 0 { w.byte(44) }; w.raw(a) }
            w.lit("],\"airDate\":")
            w.optional(ep?.airDate)
            if ep?.fullSeason ?? false { w.lit(",\"fullSeason\":true") } else { w.lit(",\"fullSeason\":false") }
            w.lit(",\"quality\":{\"name\":")
            w.string(q.name)
            w.lit(",\"source\":\""); w.raw(q.source.rawValue)
            w.lit("\",\"resolution\":"); w.int(q.resolution)
            w.lit(",\"modifier\":")
            if let m = q.modifier { w.byte(34); w.raw(m.rawValue); w.byte(34) } else { w.lit("null") }
            if q.revision.version > 1 && !q.revision.isRepack { w.lit(",\"proper\":true") } else { w.lit(",\"proper\":false") }
            if q.revision.isRepack { w.lit(",\"repack\":true") } else { w.lit(",\"repack\":false") }
            w.lit(",\"revision\":"); w.int(q.revision.version)
            w.lit("},\"languages\":[")
            for (i, l) in languages.enumerated() {
                if i > 0 { w.byte(44) }
                w.string(l)
            }
            w.lit("],\"releaseGroup\":")
            w.optional(group)
            w.lit(",\"edition\":")
            w.optional(edition)
            w.lit(",\"releaseHash\":")
            w.optional(hash)
            w.byte(125)
            o.append(contentsOf: UnsafeBufferPointer(start: buf.baseAddress!, count: w.count))
        }
    }

    public static func formatNumber(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// Writes JSON fragments through a raw pointer into space the caller has sized.
struct JSONWriter {
    /// Whether any byte is a control character, `"`, `\` or DEL. Tested eight bytes at a time
    /// (the classic "has a byte below n" / "has a zero byte" word tricks, exact for existence).
    @inline(__always) static func needsEscape(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        var i = 0
        while i + 8 <= u.count {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if (x &- ones &* 0x20) & ~x & highs != 0 || hasZeroByte(x ^ (ones &* 0x22)) || hasZeroByte(x ^ (ones &* 0x5C))
                || hasZeroByte(x ^ (ones &* 0x7F)) { return true }
            i += 8
        }
        while i < u.count {
            let b = base[i]
            if b < 0x20 || b == 34 || b == 92 || b == 0x7F { return true }
            i += 1
        }
        return false
    }

    let base: UnsafeMutablePointer<UInt8>
    var count = 0

    init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

    @inline(__always) mutating func byte(_ b: UInt8) { base[count] = b; count += 1 }

    @inline(__always) mutating func bytes(_ u: UnsafeBufferPointer<UInt8>) {
        guard let p = u.baseAddress, !u.isEmpty else { return }
        (base + count).update(from: p, count: u.count)
        count += u.count
    }

    /// A literal fragment (a distinct name: with one overloaded `raw`, literals would pick
    /// the `String` overload).
    @inline(__always) mutating func lit(_ s: StaticString) {
        bytes(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) mutating func raw(_ s: String) {
        s.withBytes { bytes($0) }
    }

    /// Decimal digits without going through `String`.
    mutating func int(_ v: Int?) {
        guard let v else { lit("null"); return }
        var m = v.magnitude
        if v < 0 { byte(45) }
        if m < 10 { byte(UInt8(48 + m)); return }
        var digits = 0
        var t = m
        while t > 0 { digits += 1; t /= 10 }
        var k = count + digits - 1
        while m > 0 { base[k] = UInt8(48 + m % 10); m /= 10; k -= 1 }
        count += digits
    }

    mutating func optional(_ s: String?) {
        if let s { string(s) } else { lit("null") }
    }

    /// JSON string literal with the mandatory escapes; non-ASCII bytes are passed through
    /// (the input is a valid `String`, so they are valid UTF-8).
    mutating func string(_ s: String) {
        byte(34)
        s.withBytes { u in
            // Common case: nothing to escape, copy the bytes in one go.
            if !Self.needsEscape(u) { bytes(u); return }
            for b in u {
                switch b {
                case 34: byte(92); byte(34)
                case 92: byte(92); byte(92)
                case 10: byte(92); byte(110)
                case 13: byte(92); byte(114)
                case 9: byte(92); byte(116)
                case 0..<0x20, 0x7F:
                    byte(92); byte(117); byte(48); byte(48)
                    byte(ReleaseJSON.hexDigits[Int(b >> 4)]); byte(ReleaseJSON.hexDigits[Int(b & 15)])
                default: byte(b)
                }
            }
        }
        byte(34)
    }
}
