import Foundation

/// What a video file in a library turned out to be.
public enum LibraryItemIdentity: Sendable, Hashable {
    case episode(EpisodeIdentity)
    case movie(MovieIdentity)
    case homeVideo(HomeVideoIdentity)
    /// Bonus material: attached to its owner, never listed as an episode or movie of its own.
    case extra(ExtraIdentity)

    public var episode: EpisodeIdentity? { if case .episode(let value) = self { value } else { nil } }
    public var movie: MovieIdentity? { if case .movie(let value) = self { value } else { nil } }
    public var homeVideo: HomeVideoIdentity? { if case .homeVideo(let value) = self { value } else { nil } }
    public var extra: ExtraIdentity? { if case .extra(let value) = self { value } else { nil } }
}
