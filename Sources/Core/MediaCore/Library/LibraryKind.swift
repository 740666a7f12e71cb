import Foundation

/// The kind of content a library folder holds; it decides how paths are read.
/// Raw values are Jellyfin's `CollectionType` strings so clients see the names they expect.
public enum LibraryKind: String, Sendable, Hashable, CaseIterable, Codable {
    case movies
    case tvshows
    case homevideos
}
