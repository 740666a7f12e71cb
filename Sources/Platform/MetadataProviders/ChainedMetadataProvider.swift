/// Several sources asked in order: the offline catalog before TMDb, say. Lookups return the first
/// source's answer; searches merge every source's results, earlier sources first, de-duplicated by
/// TVDb/TMDb id. A failing source is skipped as long as another one answers; when all fail, the
/// first error is thrown.
public struct ChainedMetadataProvider: MetadataProvider {
    public let providers: [any MetadataProvider]

    public init(_ providers: [any MetadataProvider]) {
        self.providers = providers
    }

    public func searchSeries(_ term: String) async throws -> [SeriesMetadata] {
        let lists = try await collect { try await $0.searchSeries(term) }
        var seen = Set<String>()
        return lists.joined().filter { series in
            let keys = [series.tvdbId.map { "tvdb:\($0)" }, series.tmdbId.map { "tmdb:\($0)" }].compactMap { $0 }
            guard !keys.contains(where: seen.contains) else { return false }
            seen.formUnion(keys)
            return true
        }
    }

    public func searchMovies(_ term: String) async throws -> [MovieMetadata] {
        let lists = try await collect { try await $0.searchMovies(term) }
        var seen = Set<Int>()
        return lists.joined().filter { seen.insert($0.tmdbId).inserted }
    }

    public func series(tvdbId: Int) async throws -> SeriesMetadata? { try await first { try await $0.series(tvdbId: tvdbId) } }
    public func series(tmdbId: Int) async throws -> SeriesMetadata? { try await first { try await $0.series(tmdbId: tmdbId) } }
    public func series(imdbId: String) async throws -> SeriesMetadata? { try await first { try await $0.series(imdbId: imdbId) } }
    public func movie(tmdbId: Int) async throws -> MovieMetadata? { try await first { try await $0.movie(tmdbId: tmdbId) } }
    public func movie(imdbId: String) async throws -> MovieMetadata? { try await first { try await $0.movie(imdbId: imdbId) } }

    /// Sources asked one after another, so a local answer never waits for (or spends) a remote call.
    /// nil when every source that answered said "not found"; an error only when none answered.
    private func first<Value: Sendable>(_ lookup: (any MetadataProvider) async throws -> Value?) async throws -> Value? {
        var firstError: (any Error)?
        var anyAnswered = false
        for provider in providers {
            do {
                if let value = try await lookup(provider) { return value }
                anyAnswered = true
            } catch {
                if error is CancellationError { throw error }
                if firstError == nil { firstError = error }
            }
        }
        if !anyAnswered, let firstError { throw firstError }
        return nil
    }

    /// Every source's results in source order; throws the first error only when all failed.
    private func collect<Item: Sendable>(_ search: @Sendable (any MetadataProvider) async throws -> [Item]) async throws -> [[Item]] {
        var lists: [[Item]] = []
        var firstError: (any Error)?
        for provider in providers {
            do {
                lists.append(try await search(provider))
            } catch {
                if error is CancellationError { throw error }
                if firstError == nil { firstError = error }
            }
        }
        if lists.isEmpty, let firstError { throw firstError }
        return lists
    }
}
