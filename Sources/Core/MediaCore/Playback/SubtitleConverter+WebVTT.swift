import Foundation

extension SubtitleConverter {
    /// Parses WebVTT, skipping the header, `NOTE`, `STYLE` and `REGION` blocks and malformed cues.
    /// Cue text is kept as it is (it is already WebVTT), with `-->` made harmless.
    public static func parseWebVTT(_ text: String) -> [SubtitleCue] {
        var cues: [SubtitleCue] = []
        var block: [String] = []
        func finish() {
            defer { block = [] }
            guard let first = block.first else { return }
            if first.hasPrefix("WEBVTT") || first.hasPrefix("NOTE") || first.hasPrefix("STYLE") || first.hasPrefix("REGION") { return }
            guard let timingIndex = block.prefix(2).firstIndex(where: { $0.contains("-->") }),
                let timing = parseTimingLine(block[timingIndex])
            else { return }
            let identifier = timingIndex == 1 ? block[0].trimmingCharacters(in: .whitespaces) : nil
            let body = block[(timingIndex + 1)...].map { $0.replacingOccurrences(of: "-->", with: "--&gt;") }
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "\n")
            guard timing.end > timing.start, !body.isEmpty else { return }
            cues.append(SubtitleCue(
                identifier: identifier, startMilliseconds: timing.start, endMilliseconds: timing.end, text: body, settings: timing.settings))
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { finish() } else { block.append(String(line)) }
        }
        finish()
        return cues
    }

    /// Writes WebVTT. Identifiers are written only when `keepIdentifiers` and they have no `-->`.
    public static func webVTT(_ cues: [SubtitleCue], keepIdentifiers: Bool = false) -> String {
        var output = "WEBVTT\n\n"
        for cue in cues {
            if keepIdentifiers, let identifier = cue.identifier, !identifier.isEmpty, !identifier.contains("-->"), !identifier.contains("\n") {
                output += identifier + "\n"
            }
            output += "\(formatTimestamp(cue.startMilliseconds, separator: ".")) --> \(formatTimestamp(cue.endMilliseconds, separator: "."))"
            if let settings = cue.settings { output += " " + settings }
            output += "\n" + cue.text + "\n\n"
        }
        return output
    }
}
