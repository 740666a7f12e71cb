// Runs the Servarr conformance vectors (see ../shared/conformance/servarr/SCHEMA.md)
// against ReleaseParser. Shared by the conformance test and the dev runner; the vector
// data itself is only ever read from disk at test time.
import Foundation
import ReleaseParser

struct ConformanceVector {
    let id: String
    let fixture: String
    let source: String
    let op: String
    let input: String
    let options: [String: Any]
    let expect: [String: Any]
    let caseInsensitive: Set<String>
}

struct ConformanceResult {
    let vector: ConformanceVector
    let passed: Bool
    let detail: String
}

enum Conformance {
    /// Vector files: `$KINORA_CONFORMANCE` (file or directory) or `<repo>/../shared/conformance/servarr`.
    static func vectorFiles(repoRoot: URL) -> [URL] {
        let fm = FileManager.default
        var base: URL
        if let env = ProcessInfo.processInfo.environment["KINORA_CONFORMANCE"], !env.isEmpty {
            base = URL(fileURLWithPath: env)
        } else {
            base = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/servarr")
        }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: base.path, isDirectory: &isDir) else { return [] }
        if !isDir.boolValue { return [base] }
        let names = (try? fm.contentsOfDirectory(atPath: base.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { base.appendingPathComponent($0) }
    }

    static func load(_ files: [URL]) -> [ConformanceVector] {
        var out: [ConformanceVector] = []
        for file in files {
            guard let data = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for line in data.split(separator: "\n") where !line.isEmpty {
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                out.append(ConformanceVector(
                    id: obj["id"] as? String ?? "?", fixture: obj["fixture"] as? String ?? "?",
                    source: obj["source"] as? String ?? "?", op: obj["op"] as? String ?? "?",
                    input: obj["input"] as? String ?? "", options: obj["options"] as? [String: Any] ?? [:],
                    expect: obj["expect"] as? [String: Any] ?? [:],
                    caseInsensitive: Set(obj["case_insensitive"] as? [String] ?? [])))
            }
        }
        return out
    }

    // MARK: - Running one vector

    static func run(_ v: ConformanceVector) -> ConformanceResult {
        let actual = evaluate(v)
        var failures: [String] = []
        if let parsed = v.expect["parsed"] as? Bool {
            if parsed != (actual != nil) { failures.append("parsed: expected \(parsed), got \(actual != nil)") }
        }
        if let actual {
            for (key, want) in v.expect where key != "parsed" && key != "no_throw" {
                let got = actual[key] ?? NSNull()
                if !matches(key: key, want: want, got: got, ci: v.caseInsensitive.contains(key), actual: actual) {
                    failures.append("\(key): expected \(describe(want)), got \(describe(got))")
                }
            }
        } else if (v.expect["parsed"] as? Bool) == nil && v.expect.keys.contains(where: { $0 != "no_throw" }) {
            failures.append("not parsed")
        }
        return ConformanceResult(vector: v, passed: failures.isEmpty, detail: failures.joined(separator: "; "))
    }

    static func describe(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if let s = v as? String { return "\"\(s)\"" }
        if let a = v as? [Any] { return "[" + a.map(describe).joined(separator: ", ") + "]" }
        return "\(v)"
    }

    static func number(_ v: Any) -> Double? {
        if let b = v as? Bool, type(of: v) == Bool.self { return b ? 1 : 0 }
        if v is String { return nil }
        if let n = v as? NSNumber { return n.doubleValue }
        if let i = v as? Int { return Double(i) }
        if let d = v as? Double { return d }
        return nil
    }

    static func scalarEqual(_ a: Any, _ b: Any, ci: Bool) -> Bool {
        if a is NSNull || b is NSNull { return a is NSNull && b is NSNull }
        if let sa = a as? String, let sb = b as? String {
            return ci ? sa.lowercased() == sb.lowercased() : sa == sb
        }
        // Parser values are native Swift; expected values come from JSONSerialization.
        if let gb = b as? Bool, type(of: b) == Bool.self { return (a as? Bool) == gb && number(a) != nil }
        if let na = number(a), let nb = number(b) { return abs(na - nb) < 1e-9 }
        return false
    }

    static func matches(key: String, want: Any, got: Any, ci: Bool, actual: [String: Any]) -> Bool {
        switch key {
        case "languages_include":
            let have = (actual["languages"] as? [String]) ?? []
            return ((want as? [String]) ?? []).allSatisfy { have.contains($0) }
        case "languages_first":
            let have = (actual["languages"] as? [String]) ?? []
            return have.first == (want as? String)
        case "quality_not":
            // The upstream test asserts the quality is *not* this one.
            return (got as? String) != (want as? String)
        case "title_cleaned":
            // Both sides are compared after cleaning.
            return (want as? String).map(ReleaseParser.cleanSeriesTitle) == (got as? String)
        default: break
        }
        if let wa = want as? [Any] {
            guard let ga = got as? [Any], ga.count == wa.count else { return false }
            if key == "movie_titles" {
                return zip(wa, ga).allSatisfy { scalarEqual($0, $1, ci: ci) }
            }
            var remaining = ga
            for w in wa {
                guard let idx = remaining.firstIndex(where: { scalarEqual(w, $0, ci: ci) }) else { return false }
                remaining.remove(at: idx)
            }
            return true
        }
        return scalarEqual(want, got, ci: ci)
    }

    // MARK: - Mapping ops to the parser

    static func nullable(_ v: Any?) -> Any { v ?? NSNull() }

    static func episodeDict(_ p: ParsedEpisodeInfo, input: String) -> [String: Any] {
        [
            "title": p.seriesTitle, "season": p.seasonNumber, "episodes": p.episodeNumbers,
            "absolute_episodes": p.absoluteEpisodeNumbers, "special_absolute_episodes": p.specialAbsoluteEpisodeNumbers,
            "full_season": p.fullSeason, "special": p.special, "split_episode": p.isSplitEpisode,
            "season_extra": p.isSeasonExtra, "partial_season": p.partialSeason, "season_part": p.seasonPart,
            "multi_season": p.multiSeason, "air_date": nullable(p.airDate), "daily_part": nullable(p.dailyPart),
            "release_group": nullable(p.releaseGroup), "release_hash": p.releaseHash ?? "",
            "release_title": p.releaseTitle, "possible_special": p.isPossibleSpecialEpisode,
            "title_without_year": p.titleWithoutYear, "year": p.year ?? 0, "all_titles": p.allTitles,
            "title_info_title": p.seriesTitle, "languages": p.languages,
            "quality": p.quality.name, "quality_not": p.quality.name,
            "quality_source_detection": p.quality.sourceDetection.rawValue,
            "quality_resolution_detection": p.quality.resolutionDetection.rawValue,
            "title_cleaned": ReleaseParser.cleanSeriesTitle(p.seriesTitle),
        ]
    }

    static func movieDict(_ p: ParsedMovieInfo) -> [String: Any] {
        [
            "title": p.primaryTitle, "movie_titles": p.movieTitles, "year": p.year ?? 0,
            "edition": p.edition ?? "", "tmdb_id": p.tmdbId ?? 0, "imdb_id": nullable(p.imdbId),
            "hardcoded_subs": nullable(p.hardcodedSubs), "release_group": nullable(p.releaseGroup),
            "quality": p.quality.name, "languages": p.languages,
            "title_cleaned": ReleaseParser.cleanMovieTitle(p.primaryTitle),
        ]
    }

    static func qualityDict(_ q: ParsedQuality) -> [String: Any] {
        var d: [String: Any] = [
            "quality": q.name, "quality_not": q.name, "quality_source": q.source.rawValue.uppercased(),
            "quality_resolution": q.resolution ?? 0, "quality_modifier": q.modifier?.rawValue.uppercased() ?? "NONE",
            "revision_version": q.revision.version, "proper": q.revision.version == 2, "repack": q.revision.isRepack,
            "revision_real": q.revision.real,
            "quality_source_detection": q.sourceDetection.rawValue,
            "quality_resolution_detection": q.resolutionDetection.rawValue,
        ]
        if q.source == .webdl { d["quality_source"] = "WEBDL" }
        return d
    }

    /// Produces the comparable view of the parser's answer, or nil for "did not parse".
    static func evaluate(_ v: ConformanceVector) -> [String: Any]? {
        let s = v.input
        switch v.op {
        case "parse_title":
            guard let p = ReleaseParser.parseEpisode(s) else { return nil }
            var d = episodeDict(p, input: s)
            if v.expect["quality_not"] != nil { d["quality_not"] = p.quality.name }
            return d
        case "parse_path":
            guard let p = ReleaseParser.parsePath(s) else { return nil }
            return episodeDict(p, input: s)
        case "parse_series_name":
            return ["title_cleaned": ReleaseParser.cleanSeriesTitle(ReleaseParser.parseSeriesName(s))]
        case "parse_movie_title":
            guard let p = ReleaseParser.parseMovie(s, isDirectory: v.options["is_dir"] as? Bool ?? false) else { return nil }
            return movieDict(p)
        case "parse_movie_path":
            guard let p = ReleaseParser.parseMoviePath(s) else { return nil }
            return movieDict(p)
        case "parse_quality":
            return qualityDict(ReleaseParser.parseQuality(s, flavor: v.source == "radarr" ? .movie : .series))
        case "parse_release_group":
            return ["output": nullable(ReleaseParser.parseReleaseGroup(s))]
        case "parse_languages":
            return ["languages": ReleaseParser.parseLanguages(s, flavor: v.source == "radarr" ? .movie : .series)]
        case "parse_subtitle_language":
            return ["language": ReleaseParser.parseSubtitleLanguage(s)]
        case "parse_subtitle_language_info":
            let info = ReleaseParser.parseSubtitleLanguageInfo(s)
            return ["language": info.language, "language_tags": info.tags, "subtitle_title": nullable(info.title),
                    "raw_title": nullable(info.rawTitle)]
        case "iso_language_find":
            return ["language": nullable(ReleaseParser.findIsoLanguage(s))]
        case "clean_series_title":
            return ["output": ReleaseParser.cleanSeriesTitle(s)]
        case "clean_movie_title":
            return ["output": ReleaseParser.cleanMovieTitle(s)]
        case "normalize_episode_title":
            return ["output": ReleaseParser.normalizeEpisodeTitle(s)]
        case "normalize_imdb_id":
            return ["output": nullable(ReleaseParser.normalizeImdbId(s))]
        case "to_url_slug":
            return ["output": ReleaseParser.toURLSlug(
                s, dashForSpecialChars: v.options["dash_for_special_chars"] as? Bool ?? false,
                trimChars: v.options["trim_chars"] as? String, dedupeChars: v.options["dedupe_chars"] as? String)]
        case "is_scene_title":
            return ["output": ReleaseParser.isSceneTitle(s)]
        case "get_scene_title":
            return ["output": nullable(ReleaseParser.sceneTitle(s))]
        default:
            return nil
        }
    }

    // MARK: - Reporting

    struct Row { var fixture: String; var passed = 0; var total = 0 }

    static func table(_ results: [ConformanceResult]) -> (rows: [Row], passed: Int, total: Int) {
        var rows: [String: Row] = [:]
        for r in results {
            let key = "\(r.vector.source)/\(r.vector.fixture)"
            var row = rows[key] ?? Row(fixture: key)
            row.total += 1
            if r.passed { row.passed += 1 }
            rows[key] = row
        }
        let sorted = rows.values.sorted { $0.fixture < $1.fixture }
        return (sorted, sorted.reduce(0) { $0 + $1.passed }, sorted.reduce(0) { $0 + $1.total })
    }

    static func render(_ results: [ConformanceResult]) -> String {
        let t = table(results)
        var out = "fixture | passed | total | %\n--- | ---: | ---: | ---:\n"
        for r in t.rows {
            out += "\(r.fixture) | \(r.passed) | \(r.total) | \(String(format: "%.1f", Double(r.passed) * 100 / Double(max(r.total, 1))))\n"
        }
        out += "**overall** | \(t.passed) | \(t.total) | \(String(format: "%.2f", Double(t.passed) * 100 / Double(max(t.total, 1))))\n"
        return out
    }
}
