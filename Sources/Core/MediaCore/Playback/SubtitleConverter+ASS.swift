import Foundation

extension SubtitleConverter {
    /// Parses the `[Events]` section of ASS/SSA: its `Format:` line names the columns (Start,
    /// End, Text; the standard v4+ order when absent); `Dialogue:` lines are cues, `Comment:`
    /// lines are not; times are `h:mm:ss.cc`. Text (the last column) may contain commas.
    public static func parseASS(_ text: String) -> [SubtitleCue] {
        var inEvents = false
        var columns = ["layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"]
        var cues: [SubtitleCue] = []
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inEvents = line.lowercased() == "[events]"
                continue
            }
            guard inEvents, let colon = line.firstIndex(of: ":") else { continue }
            let kind = line[..<colon].lowercased()
            let body = line[line.index(after: colon)...]
            if kind == "format" {
                let names = body.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if names.contains("start"), names.contains("end"), names.last == "text" { columns = names }
                continue
            }
            guard kind == "dialogue" else { continue }
            let fields = body.split(separator: ",", maxSplits: columns.count - 1, omittingEmptySubsequences: false)
            guard fields.count == columns.count, let startColumn = columns.firstIndex(of: "start"),
                let endColumn = columns.firstIndex(of: "end"),
                let start = parseTimestamp(fields[startColumn].trimmingCharacters(in: .whitespaces)),
                let end = parseTimestamp(fields[endColumn].trimmingCharacters(in: .whitespaces)), end > start
            else { continue }
            let cueText = render(assTokens(String(fields[columns.count - 1])))
            guard !cueText.isEmpty else { continue }
            cues.append(SubtitleCue(startMilliseconds: start, endMilliseconds: end, text: cueText))
        }
        return cues
    }
}
