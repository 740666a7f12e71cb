/// Where series and movie facts come from: TMDb, an offline catalog, Kodi NFO files, or a chain of them.
///
/// Lookups return nil when the source has no such item; errors are kept for the source failing
/// (unreachable, bad response, rate limited, not configured). Search results may omit episodes;
/// `series(...)` lookups return seasons and episodes.
///
/// MediaCore also has a `MetadataProvider` (an enum of provider ids). A module that imports both
/// names this protocol `MetadataSource` (the alias below) or `MetadataProviders.MetadataProvider`.
public protocol MetadataProvider: Sendable {
    func searchSeries(_ term: String) async throws -> [SeriesMetadata]
    func series(tvdbId: Int) async throws -> SeriesMetadata?
    func series(tmdbId: Int) async throws -> SeriesMetadata?
    func series(imdbId: String) async throws -> SeriesMetadata?
    func searchMovies(_ term: String) async throws -> [MovieMetadata]
    func movie(tmdbId: Int) async throws -> MovieMetadata?
    func movie(imdbId: String) async throws -> MovieMetadata?
}

/// The protocol under a name that does not collide with MediaCore's `MetadataProvider` enum.
public typealias MetadataSource = MetadataProvider
