// `kinora parse`: release-name parsing from the command line. With `--jsonl` it is a
// streaming filter (one name per input line → one JSON object per output line) that
// reads and writes in chunks, so memory stays constant for any input size.
import ArgumentParser
import Foundation
import ReleaseParser

struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse release names (episodes, movies, quality) like Sonarr/Radarr do.")

    @Flag(name: .long, help: "Read one name per stdin line and write one JSON object per line.")
    var jsonl = false

    @Option(name: .customLong("as"), help: "How to read names: auto, episode or movie.")
    var mode: String = "auto"

    @Argument(help: "Release names to parse (ignored with --jsonl).")
    var names: [String] = []

    func validate() throws {
        guard ParseMode(rawValue: mode) != nil else {
            throw ValidationError("--as must be one of: auto, episode, movie")
        }
        if !jsonl && names.isEmpty { throw ValidationError("give one or more names, or use --jsonl with stdin") }
    }

    func run() async throws {
        let parseMode = ParseMode(rawValue: mode) ?? .auto
        if jsonl {
            Self.streamJSONL(mode: parseMode)
        } else {
            for name in names { print(Self.describe(ReleaseParser.parse(name, as: parseMode))) }
        }
    }

    /// Human-readable summary of one result.
    static func describe(_ r: ParsedRelease) -> String {
        var lines = ["\(r.input)", "  kind:      \(r.kind.rawValue)"]
        if let t = r.title { lines.append("  title:     \(t)") }
        if let y = r.year { lines.append("  year:      \(y)") }
        if let e = r.episode {
            if let d = e.airDate { lines.append("  air date:  \(d)") }
            else if e.fullSeason { lines.append("  season:    \(e.seasonNumber) (full season)") }
            else {
                lines.append("  season:    \(e.seasonNumber)")
                if !e.episodeNumbers.isEmpty { lines.append("  episodes:  \(e.episodeNumbers.map(String.init).joined(separator: ", "))") }
            }
            let abs = e.absoluteEpisodeNumbers + e.specialAbsoluteEpisodeNumbers
            if !abs.isEmpty { lines.append("  absolute:  \(abs.map(ReleaseJSON.formatNumber).joined(separator: ", "))") }
        }
        if let ed = r.movie?.edition { lines.append("  edition:   \(ed)") }
        let q = r.quality
        var qs = "\(q.name) (source \(q.source.rawValue)"
        if let res = q.resolution { qs += ", \(res)p" }
        if let m = q.modifier { qs += ", \(m.rawValue)" }
        qs += ", revision \(q.revision.version)\(q.revision.isRepack ? " repack" : ""))"
        lines.append("  quality:   \(qs)")
        if !r.languages.isEmpty { lines.append("  languages: \(r.languages.joined(separator: ", "))") }
        if let g = r.releaseGroup { lines.append("  group:     \(g)") }
        return lines.joined(separator: "\n")
    }

    /// Reads stdin in chunks, emits one JSON line per input line, flushing after each chunk.
    static func streamJSONL(mode: ParseMode) {
        let input = FileHandle.standardInput
        let output = FileHandle.standardOutput
        var pending: [UInt8] = []
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)

        func emit(_ lineBytes: ArraySlice<UInt8>) {
            var slice = lineBytes
            if slice.last == 13 { slice = slice.dropLast() }
            // Invalid UTF-8 is repaired (U+FFFD) rather than rejected.
            let name = String(decoding: slice, as: UTF8.self)
            out.append(contentsOf: ReleaseJSON.line(for: name, as: mode).utf8)
            out.append(10)
        }

        while true {
            let chunk = input.availableData
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            while let nl = pending[start...].firstIndex(of: 10) {
                emit(pending[start..<nl])
                start = nl + 1
            }
            pending.removeSubrange(pending.startIndex..<start)
            if !out.isEmpty { output.write(Data(out)); out.removeAll(keepingCapacity: true) }
        }
        if !pending.isEmpty { emit(pending[...]) }
        if !out.isEmpty { output.write(Data(out)) }
    }
}
