import Foundation

/// Why ffprobe output could not be turned into a media description.
public enum ProbeReportError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case tooLarge(byteCount: Int, limit: Int)
    case malformedJSON(String)
    /// Valid JSON without streams or format: ffprobe ran but recognised nothing.
    case noMediaInformation

    public var description: String {
        switch self {
        case .empty: "ffprobe produced no output; the file may be unreadable or not media."
        case .tooLarge(let count, let limit): "ffprobe output is \(count) bytes, over the \(limit)-byte limit, so it was not decoded."
        case .malformedJSON(let detail): "ffprobe output is not valid JSON (\(detail))."
        case .noMediaInformation: "ffprobe output has neither streams nor format information."
        }
    }
}
