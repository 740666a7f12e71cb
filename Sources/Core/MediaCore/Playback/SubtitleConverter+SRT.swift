import Foundation

extension SubtitleConverter {
    /// Parses SubRip. Numeric cue ids are kept as identifiers; a blank line inside a cue's text
    /// does not end it (only a following timing line does); a cue whose timing line does not
    /// parse is skipped with its text.
    public static func parseSRT(_ text: String) -> [SubtitleCue] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cues: [SubtitleCue] = []
        var current: (id: String?, start: Int, end: Int, lines: [String])?
        var skipping = false
        var pendingID: String?
        func finish() {
            if let cue = current {
                let body = render(srtTokens(cue.lines.joined(separator: "\n")))
                if cue.end > cue.start, !body.isEmpty {
                    cues.append(SubtitleCue(identifier: cue.id, startMilliseconds: cue.start, endMilliseconds: cue.end, text: body))
                }
            }
            current = nil
        }
        for (offset, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.contains("-->") {
                finish()
                if let timing = parseTimingLine(trimmed) {
                    current = (pendingID, timing.start, timing.end, [])
                    skipping = false
                } else {
                    skipping = true
                }
                pendingID = nil
                continue
            }
            if trimmed.isEmpty { continue }
            if trimmed.allSatisfy(\.isNumber), let next = lines[(offset + 1)...].first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
                next.contains("-->")
            {
                pendingID = trimmed
                continue
            }
            if !skipping, current != nil { current?.lines.append(trimmed) }
        }
        finish()
        return cues
    }

    /// Writes SubRip: cues numbered from 1, `HH:MM:SS,mmm`, `<i>`/`<b>`/`<u>` kept, entities decoded.
    public static func srt(_ cues: [SubtitleCue]) -> String {
        var output = ""
        for (number, cue) in cues.enumerated() {
            let text = cue.text
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&nbsp;", with: "\u{00A0}").replacingOccurrences(of: "&amp;", with: "&")
            output += "\(number + 1)\n"
            output += "\(formatTimestamp(cue.startMilliseconds, separator: ",")) --> \(formatTimestamp(cue.endMilliseconds, separator: ","))\n"
            output += text + "\n\n"
        }
        return output
    }
}
