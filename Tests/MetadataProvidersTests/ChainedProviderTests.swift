import Foundation
import Testing
@testable import MetadataProviders

/// A provider with fixed answers, or one that always fails.
struct StubProvider: MetadataProvider {
    var series: [SeriesMetadata] = []
    var movies: [MovieMetadata] = []
    var failure: MetadataError?

    func check() throws { if let failure { throw failure } }
    func searchSeries(_ term: String) async throws -> [SeriesMetadata] { try check(); return series }
    func series(tvdbId: Int) async throws -> SeriesMetadata? { try check(); return series.first { $0.tvdbId == tvdbId } }
    func series(tmdbId: Int) async throws -> SeriesMetadata? { try check(); return series.first { $0.tmdbId == tmdbId } }
    func series(imdbId: String) async throws -> SeriesMetadata? { try check(); return series.first { $0.imdbId == imdbId } }
    func searchMovies(_ term: String) async throws -> [MovieMetadata] { try check(); return movies }
    func movie(tmdbId: Int) async throws -> MovieMetadata? { try check(); return movies.first { $0.tmdbId == tmdbId } }
    func movie(imdbId: String) async throws -> MovieMetadata? { try check(); return movies.first { $0.imdbId == imdbId } }
}

@Suite("Chained provider")
struct ChainedProviderTests {
    static let local = StubProvider(
        series: [SeriesMetadata(tvdbId: 81189, tmdbId: 1396, title: "Breaking Bad (local)")],
        movies: [MovieMetadata(tmdbId: 603, title: "The Matrix (local)")])
    static let remote = StubProvider(
        series: [SeriesMetadata(tvdbId: 81189, tmdbId: 1396, title: "Breaking Bad (remote)"),
                 SeriesMetadata(tmdbId: 1397, title: "Metástasis"), SeriesMetadata(tvdbId: 5, title: "Other")],
        movies: [MovieMetadata(tmdbId: 603, title: "The Matrix (remote)"), MovieMetadata(tmdbId: 604, title: "The Matrix Reloaded")])
    static let down = StubProvider(failure: .unreachable(host: "api.themoviedb.org", underlying: "connection refused"))
    static let limited = StubProvider(failure: .rateLimited(host: "api.themoviedb.org", retryAfterSeconds: 3))

    @Test func lookupsTakeTheFirstAnswer() async throws {
        let chain = ChainedMetadataProvider([Self.local, Self.remote])
        #expect(try await chain.series(tvdbId: 81189)?.title == "Breaking Bad (local)")
        #expect(try await chain.series(tvdbId: 5)?.title == "Other", "not in the first: asked the second")
        #expect(try await chain.movie(tmdbId: 604)?.title == "The Matrix Reloaded")
        #expect(try await chain.movie(tmdbId: 9) == nil)
    }

    @Test func searchesMergeInOrderWithoutDuplicates() async throws {
        let chain = ChainedMetadataProvider([Self.local, Self.remote])
        #expect(try await chain.searchSeries("x").map(\.title) == ["Breaking Bad (local)", "Metástasis", "Other"])
        #expect(try await chain.searchMovies("x").map(\.title) == ["The Matrix (local)", "The Matrix Reloaded"])
    }

    @Test func aFailingSourceDoesNotHideTheOthers() async throws {
        let chain = ChainedMetadataProvider([Self.down, Self.local])
        #expect(try await chain.series(tvdbId: 81189)?.title == "Breaking Bad (local)")
        #expect(try await chain.searchMovies("x").map(\.tmdbId) == [603])
        #expect(try await chain.movie(tmdbId: 9) == nil, "one source answered: not found, not an error")
    }

    @Test func whenAllFailTheFirstErrorIsThrown() async throws {
        let chain = ChainedMetadataProvider([Self.down, Self.limited])
        let error = await #expect(throws: MetadataError.self) { try await chain.searchSeries("x") }
        #expect(error == Self.down.failure)
        let lookupError = await #expect(throws: MetadataError.self) { try await chain.movie(tmdbId: 1) }
        #expect(lookupError == Self.down.failure)
    }

    @Test func emptyChainFindsNothing() async throws {
        let chain = ChainedMetadataProvider([])
        #expect(try await chain.searchSeries("x").isEmpty)
        #expect(try await chain.series(tmdbId: 1) == nil)
    }
}
