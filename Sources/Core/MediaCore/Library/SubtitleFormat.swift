import Foundation

/// Formats of external subtitle files we pick up next to a video.
public enum SubtitleFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case srt, vtt, ass, ssa, sub, sup

    /// Maps an extension to a format. `idx` is deliberately absent: it is only the index of a
    /// VobSub pair, and the `.sub` half stands for the whole subtitle.
    public init?(fileExtension: String) {
        guard fileExtension.utf8.count <= 8 else { return nil }
        self.init(rawValue: fileExtension.lowercased())
    }

    /// Text formats can be converted or burned without OCR; image formats (sub, sup) cannot.
    public var isText: Bool {
        switch self {
        case .srt, .vtt, .ass, .ssa: true
        case .sub, .sup: false
        }
    }
}
