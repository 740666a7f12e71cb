import Foundation

extension SubtitleConverter {
    /// Reads `hh:mm:ss,mmm`, `hh:mm:ss.mmm`, `mm:ss.mmm` or ASS `h:mm:ss.cc` as milliseconds.
    static func parseTimestamp<S: StringProtocol>(_ text: S) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let last = parts[parts.count - 1]
        let secondsAndFraction = last.split(maxSplits: 1, whereSeparator: { $0 == "," || $0 == "." })
        guard let secondsText = secondsAndFraction.first, let seconds = Int(secondsText), seconds >= 0, seconds < 60 else { return nil }
        var millis = 0
        if secondsAndFraction.count == 2 {
            let digits = secondsAndFraction[1].prefix(3)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
            millis = value * [1, 100, 10, 1][digits.count]
        }
        guard let minutes = Int(parts[parts.count - 2]), minutes >= 0, minutes < 60 || parts.count == 2 else { return nil }
        let hours = parts.count == 3 ? Int(parts[0]) : 0
        guard let hours, hours >= 0, hours < 100_000 else { return nil }
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
    }

    /// Reads `START --> END [settings]`.
    static func parseTimingLine(_ line: String) -> (start: Int, end: Int, settings: String?)? {
        guard let arrow = line.range(of: "-->") else { return nil }
        let startText = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        let rest = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
        let endText = rest.prefix { !$0.isWhitespace }
        let settings = rest.dropFirst(endText.count).trimmingCharacters(in: .whitespaces)
        guard let start = parseTimestamp(startText), let end = parseTimestamp(endText) else { return nil }
        return (start, end, settings.isEmpty ? nil : settings)
    }

    /// `01:02:03.004` (WebVTT) or `01:02:03,004` (SubRip).
    static func formatTimestamp(_ milliseconds: Int, separator: Character) -> String {
        let value = max(milliseconds, 0)
        let hours = value / 3_600_000
        let minutes = value / 60_000 % 60
        let seconds = value / 1000 % 60
        let millis = value % 1000
        func pad(_ number: Int, _ width: Int) -> String {
            let text = String(number)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2))\(separator)\(pad(millis, 3))"
    }
}
