import Foundation

/// Why an NFO file could not be read. Each case says what to fix in a sentence.
public enum NFOError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooLarge(byteCount: Int, limit: Int)
    case empty
    /// Neither XML nor a recognisable provider URL.
    case notAnNFO
    /// DTDs can expand entities without bound; NFO files never need them.
    case doctypeNotAllowed
    case malformedXML(line: Int, column: Int, reason: String)
    case tooDeeplyNested(limit: Int)
    case tooManyElements(limit: Int)

    public var description: String {
        switch self {
        case .tooLarge(let count, let limit): "The NFO file is \(count) bytes, over the \(limit)-byte limit, so it was not read."
        case .empty: "The NFO file is empty."
        case .notAnNFO: "The NFO file holds neither Kodi XML nor a metadata provider link."
        case .doctypeNotAllowed: "The NFO file declares a DOCTYPE or entities, which are refused for safety."
        case .malformedXML(let line, let column, let reason): "The NFO file is not valid XML (line \(line), column \(column)): \(reason)."
        case .tooDeeplyNested(let limit): "The NFO file nests elements deeper than \(limit) levels."
        case .tooManyElements(let limit): "The NFO file has more than \(limit) elements."
        }
    }
}
