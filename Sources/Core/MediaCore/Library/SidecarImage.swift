import Foundation

/// A local artwork file and what it decorates.
public struct SidecarImage: Sendable, Hashable {
    /// What the image belongs to; the scanner resolves it against the folder it found it in.
    public enum Owner: Sendable, Hashable {
        /// The item of the folder: the movie or the series.
        case folderItem
        /// The video whose base name the image repeats (an episode's thumbnail).
        case video
        /// A season, by number (0 for specials), from `seasonNN-poster.jpg`.
        case season(Int)
    }

    public var type: ImageType
    public var owner: Owner

    public init(type: ImageType, owner: Owner) {
        self.type = type
        self.owner = owner
    }
}
