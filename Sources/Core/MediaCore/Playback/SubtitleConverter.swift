import Foundation

/// Converts text subtitles (SubRip, ASS/SSA, WebVTT) to WebVTT for browsers and to SubRip, with
/// an optional time offset (a transcode started with `-ss` shows subtitles shifted by its start).
/// Inputs over `maximumInputBytes` are refused; malformed cues are skipped.
public struct SubtitleConverter: Sendable {
    public var maximumInputBytes: Int

    /// 20 MiB: far above any real subtitle file, small enough to hold in memory safely.
    public static let defaultMaximumInputBytes = 20 * 1024 * 1024

    public init(maximumInputBytes: Int = SubtitleConverter.defaultMaximumInputBytes) {
        self.maximumInputBytes = maximumInputBytes
    }

    /// Converts `data` from `format` to `output` (`vtt` or `srt`). `offsetMilliseconds` is added
    /// to every time; cues that end up entirely before zero are dropped.
    public func convert(
        _ data: Data, from format: TextSubtitleFormat, to output: TextSubtitleFormat, offsetMilliseconds: Int = 0, keepIdentifiers: Bool = false
    ) throws(SubtitleConversionError) -> String {
        guard output == .vtt || output == .srt else { throw .unsupportedFormat(output.rawValue) }
        let cues = Self.shifted(try cues(from: data, format: format), by: offsetMilliseconds)
        return output == .vtt ? Self.webVTT(cues, keepIdentifiers: keepIdentifiers) : Self.srt(cues)
    }

    /// Reads the cues of a subtitle file, sorted by start time.
    public func cues(from data: Data, format: TextSubtitleFormat) throws(SubtitleConversionError) -> [SubtitleCue] {
        let text = try decode(data)
        let cues: [SubtitleCue]
        switch format {
        case .srt: cues = Self.parseSRT(text)
        case .vtt: cues = Self.parseWebVTT(text)
        case .ass, .ssa: cues = Self.parseASS(text)
        }
        return Self.sorted(cues)
    }

    /// The file's text: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1252 (what most
    /// non-UTF-8 SubRip files are); line endings become `\n`.
    public func decode(_ data: Data) throws(SubtitleConversionError) -> String {
        guard data.count <= maximumInputBytes else { throw .tooLarge(bytes: data.count, limit: maximumInputBytes) }
        var text: String?
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = String(data: data.dropFirst(3), encoding: .utf8)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            text = String(data: data, encoding: .utf16)
        } else {
            text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252)
                ?? String(data: data, encoding: .isoLatin1)
        }
        guard var text else { throw .undecodableText }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Adds `milliseconds` to every cue; cues ending at or before zero are dropped, starts clamp to zero.
    public static func shifted(_ cues: [SubtitleCue], by milliseconds: Int) -> [SubtitleCue] {
        guard milliseconds != 0 else { return cues }
        return cues.compactMap { cue in
            var cue = cue
            cue.startMilliseconds = max(cue.startMilliseconds + milliseconds, 0)
            cue.endMilliseconds += milliseconds
            return cue.endMilliseconds > cue.startMilliseconds ? cue : nil
        }
    }

    static func sorted(_ cues: [SubtitleCue]) -> [SubtitleCue] {
        cues.enumerated().sorted { ($0.element.startMilliseconds, $0.offset) < ($1.element.startMilliseconds, $1.offset) }.map(\.element)
    }
}
