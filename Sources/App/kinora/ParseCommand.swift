// `kinora parse`: release-name parsing from the command line. With `--jsonl` it is a
// streaming filter (one name per input line → one JSON object per output line) that
// reads and writes in chunks, so memory stays constant for any input size.
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// Reads stdin in large chunks and emits one JSON line per input line. Output is built
    /// into one reusable byte buffer and written whenever it passes 256 KiB, so a run costs a
    /// handful of syscalls and memory stays constant for any input size.
    static func streamJSONL(mode: ParseMode) {
        let chunkSize = 1 << 18
        var input = [UInt8](repeating: 0, count: chunkSize)
        var pending: [UInt8] = []
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + 8192)

        func emit(_ lineBytes: ArraySlice<UInt8>) {
            var slice = lineBytes
            if slice.last == 13 { slice = slice.dropLast() }
            // Invalid UTF-8 is repaired (U+FFFD) rather than rejected.
            let name = String(decoding: slice, as: UTF8.self)
            ReleaseJSON.append(ReleaseParser.parse(name, as: mode), to: &out)
            out.append(10)
            if out.count >= chunkSize { writeAll(out); out.removeAll(keepingCapacity: true) }
        }

        while true {
            let n = input.withUnsafeMutableBytes { read(0, $0.baseAddress, chunkSize) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            // Lines are cut directly out of the read buffer; only a line split across two
            // reads is carried over in `pending`.
            var start = 0
            var i = 0
            while i < n {
                if input[i] == 10 {
                    if pending.isEmpty {
                        emit(input[start..<i])
                    } else {
                        pending.append(contentsOf: input[start..<i])
                        emit(pending[...])
                        pending.removeAll(keepingCapacity: true)
                    }
                    start = i + 1
                }
                i += 1
            }
            if start < n { pending.append(contentsOf: input[start..<n]) }
        }
        if !pending.isEmpty { emit(pending[...]) }
        if !out.isEmpty { writeAll(out) }
    }

    /// Writes every byte to stdout, retrying short writes.
    static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let w = write(1, buf.baseAddress! + offset, buf.count - offset)
                if w < 0 { if errno == EINTR { continue }; return }
                offset += w
            }
        }
    }
}
