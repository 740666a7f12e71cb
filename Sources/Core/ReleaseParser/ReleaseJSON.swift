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
    public var releaseGroup: String? { episode?.releaseGroup ?? movie?.releaseGroup ?? ReleaseParser.parseReleaseGroup(input) }
    public var languages: [String] { episode?.languages ?? movie?.languages ?? [] }
}

extension ReleaseParser {
    /// Parses `name` as an episode, a movie, or whichever fits (`auto`).
    public static func parse(_ name: String, as mode: ParseMode = .auto) -> ParsedRelease {
        switch mode {
        case .episode:
            if let e = parseEpisode(name) { return ParsedRelease(input: name, kind: .episode, episode: e, quality: e.quality) }
        case .movie:
            if let m = parseMovie(name) { return ParsedRelease(input: name, kind: .movie, movie: m, quality: m.quality) }
        case .auto:
            if let e = parseEpisode(name), e.seasonNumber > 0 || !e.episodeNumbers.isEmpty || e.fullSeason
                || !e.absoluteEpisodeNumbers.isEmpty || !e.specialAbsoluteEpisodeNumbers.isEmpty || e.airDate != nil {
                return ParsedRelease(input: name, kind: .episode, episode: e, quality: e.quality)
            }
            if let m = parseMovie(name), m.year != nil {
                return ParsedRelease(input: name, kind: .movie, movie: m, quality: m.quality)
            }
        }
        let flavor: QualityFlavor = mode == .movie ? .movie : .series
        return ParsedRelease(input: name, kind: .unknown, quality: parseQuality(name, flavor: flavor))
    }
}

/// Serialises parse results as one JSON object per line.
public enum ReleaseJSON {
    /// One JSON object (no trailing newline) for `name` parsed in `mode`.
    public static func line(for name: String, as mode: ParseMode = .auto) -> String {
        line(for: ReleaseParser.parse(name, as: mode))
    }

    public static func line(for r: ParsedRelease) -> String {
        var o = "{\"input\":"
        o.reserveCapacity(256 + r.input.utf8.count)
        appendString(r.input, to: &o)
        o += ",\"kind\":\"\(r.kind.rawValue)\",\"title\":"
        appendOptional(r.title, to: &o)
        o += ",\"year\":" + (r.year.map(String.init) ?? "null")
        let ep = r.episode
        o += ",\"season\":" + (ep.map { String($0.seasonNumber) } ?? "null")
        o += ",\"episodes\":[" + (ep?.episodeNumbers.map(String.init).joined(separator: ",") ?? "") + "]"
        let abs = (ep?.absoluteEpisodeNumbers ?? []) + (ep?.specialAbsoluteEpisodeNumbers ?? [])
        o += ",\"absoluteEpisodes\":[" + abs.map(formatNumber).joined(separator: ",") + "]"
        o += ",\"airDate\":"
        appendOptional(ep?.airDate, to: &o)
        o += ",\"fullSeason\":" + ((ep?.fullSeason ?? false) ? "true" : "false")
        let q = r.quality
        o += ",\"quality\":{\"name\":"
        appendString(q.name, to: &o)
        o += ",\"source\":\"\(q.source.rawValue)\",\"resolution\":" + (q.resolution.map(String.init) ?? "null")
        o += ",\"modifier\":" + (q.modifier.map { "\"\($0.rawValue)\"" } ?? "null")
        o += ",\"proper\":" + (q.revision.version > 1 && !q.revision.isRepack ? "true" : "false")
        o += ",\"repack\":" + (q.revision.isRepack ? "true" : "false")
        o += ",\"revision\":\(q.revision.version)}"
        o += ",\"languages\":["
        for (i, l) in r.languages.enumerated() {
            if i > 0 { o += "," }
            appendString(l, to: &o)
        }
        o += "],\"releaseGroup\":"
        appendOptional(r.releaseGroup, to: &o)
        o += ",\"edition\":"
        appendOptional(r.movie?.edition, to: &o)
        o += ",\"releaseHash\":"
        appendOptional(ep?.releaseHash.flatMap { $0.isEmpty ? nil : $0 } ?? r.movie?.releaseHash, to: &o)
        o += "}"
        return o
    }

    public static func formatNumber(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    static func appendOptional(_ s: String?, to out: inout String) {
        if let s { appendString(s, to: &out) } else { out += "null" }
    }

    /// JSON string literal with the mandatory escapes; non-ASCII is passed through as UTF-8.
    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
