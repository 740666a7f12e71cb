/// Text subtitle formats the converter reads and writes.
public enum TextSubtitleFormat: String, Sendable, Hashable, CaseIterable {
    case srt
    case vtt
    case ass
    case ssa

    /// From a stream codec (`subrip`, `webvtt`, `ass`, `ssa`) or a file extension (`srt`, `vtt`).
    public init?(name: String) {
        switch name.lowercased() {
        case "srt", "subrip": self = .srt
        case "vtt", "webvtt": self = .vtt
        case "ass": self = .ass
        case "ssa": self = .ssa
        default: return nil
        }
    }
}
