/// Why a subtitle file could not be converted at all (single bad cues are skipped instead).
public enum SubtitleConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooLarge(bytes: Int, limit: Int)
    case unsupportedFormat(String)
    case undecodableText

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit): "subtitle file of \(bytes) bytes exceeds the \(limit)-byte limit"
        case .unsupportedFormat(let name): "cannot convert subtitle format \(name)"
        case .undecodableText: "subtitle file is not readable text"
        }
    }
}
