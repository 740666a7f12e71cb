import Foundation
import Testing
@testable import MetadataProviders

/// TMDb against recorded v3 responses served on 127.0.0.1, through the production URLSession transport.
@Suite("TMDb provider over HTTP")
struct TMDbProviderTests {
    static let images = "https://image.tmdb.org/t/p/original"
    /// 2026-12-07, so movie availability does not depend on the day the tests run.
    static let fixedNow = Date(timeIntervalSince1970: 1_796_601_600)

    func provider(_ base: URL, key: String = FixtureServer.apiKey) -> TMDbProvider {
        TMDbProvider(apiKey: key, baseURL: base, transport: URLSessionTransport(timeout: 10), now: { Self.fixedNow })
    }

    @Test func fullSeriesByTVDbIdReadsFindDetailsAndEverySeason() async throws {
        try await FixtureServer.with { (base, log) async throws in
            let series = try #require(try await provider(base).series(tvdbId: 81189))
            #expect(series.title == "Breaking Bad")
            #expect(series.tvdbId == 81189)
            #expect(series.tmdbId == 1396)
            #expect(series.imdbId == "tt0903747")
            #expect(series.status == "ended")
            #expect(series.network == "AMC")
            #expect(series.certification == "TV-MA")
            #expect(series.genres == ["Drama", "Crime"])
            #expect(series.originalLanguage == "English")
            #expect(series.year == 2008)
            #expect(series.firstAired == "2008-01-20")
            #expect(series.lastAired == "2013-09-29")
            #expect(series.runtime == 47, "episode_run_time is empty, so the median episode runtime")
            #expect(series.isAnime == false)
            #expect(series.images.contains(MetadataImage(coverType: "poster", url: Self.images + "/ztkUQFLlC19CCMYHW9o1zWhJRNq.jpg")))
            #expect(series.images.contains { $0.coverType == "fanart" })
            // Season 2 is listed but answers 404: skipped, its number kept from the summary.
            #expect(series.seasons.map(\.seasonNumber) == [0, 1, 2])
            #expect(series.seasons[1].images.first?.url == Self.images + "/1BP4xYv9ZG4ZVHkL7ocOziBbSYH.jpg")
            #expect(series.episodes.count == 8)
            let pilot = try #require(series.episodes.first { $0.seasonNumber == 1 && $0.episodeNumber == 1 })
            #expect(pilot.title == "Pilot")
            #expect(pilot.airDate == "2008-01-20")
            #expect(pilot.runtime == 47)
            #expect(pilot.absoluteEpisodeNumber == nil)
            #expect(series.episodes.first?.seasonNumber == 0)

            let paths = await log.requests.map(\.path)
            #expect(paths.first == "/3/find/81189")
            #expect(paths.contains("/3/tv/1396"))
            #expect(Set(paths).isSuperset(of: ["/3/tv/1396/season/0", "/3/tv/1396/season/1", "/3/tv/1396/season/2"]))
            #expect(!paths.contains("/3/tv/1396/external_ids"), "external ids came with append_to_response")
            let find = try #require(await log.requests.first)
            #expect(find.query["external_source"] == "tvdb_id")
            #expect(find.query["api_key"] == FixtureServer.apiKey)
            #expect(find.query["language"] == "en-US")
        }
    }

    @Test func animeGetsAbsoluteNumbersAndExternalIdsFromTheirOwnEndpoint() async throws {
        try await FixtureServer.with { (base, log) async throws in
            let series = try #require(try await provider(base).series(tmdbId: 30991))
            #expect(series.isAnime)
            #expect(series.originalLanguage == "Japanese")
            #expect(series.originalTitle == "カウボーイビバップ")
            #expect(series.tvdbId == 76885)
            #expect(series.imdbId == "tt0213338")
            #expect(series.network == "TV Tokyo")
            #expect(series.runtime == 25)
            let regular = series.episodes.filter { $0.seasonNumber == 1 }
            #expect(regular.map(\.absoluteEpisodeNumber) == [1, 2, 3, 4, 5])
            #expect(series.episodes.first { $0.seasonNumber == 0 }?.absoluteEpisodeNumber == nil)
            #expect(await log.requests.map(\.path).contains("/3/tv/30991/external_ids"))
        }
    }

    @Test func seriesByIMDbIdUsesFind() async throws {
        try await FixtureServer.with { (base, log) async throws in
            let series = try #require(try await provider(base).series(imdbId: "tt0903747"))
            #expect(series.tmdbId == 1396)
            let find = try #require(await log.requests.first)
            #expect(find.path == "/3/find/tt0903747")
            #expect(find.query["external_source"] == "imdb_id")
        }
    }

    @Test func seriesSearchFillsTVDbIdsOfTheTopResults() async throws {
        try await FixtureServer.with { (base, log) async throws in
            let results = try await provider(base).searchSeries("Breaking Bad (2008)")
            #expect(results.map(\.tmdbId) == [1396, 1397])
            #expect(results[0].tvdbId == 81189)
            #expect(results[0].imdbId == "tt0903747")
            #expect(results[0].genres == ["Drama", "Crime"])
            #expect(results[0].episodes.isEmpty)
            #expect(results[1].tvdbId == nil, "no external ids recorded for 1397: left empty, not an error")
            #expect(results[1].originalLanguage == "Spanish")
            let search = try #require(await log.requests.first { $0.path == "/3/search/tv" })
            #expect(search.query["query"] == "Breaking Bad")
            #expect(search.query["first_air_date_year"] == "2008")
        }
    }

    @Test func movieDetailsMapReleaseDatesCertificationAndTrailer() async throws {
        try await FixtureServer.with { (base, log) async throws in
            let movie = try #require(try await provider(base).movie(tmdbId: 27205))
            #expect(movie.title == "Inception")
            #expect(movie.imdbId == "tt1375666")
            #expect(movie.year == 2010)
            #expect(movie.runtime == 148)
            #expect(movie.studio == "Legendary Pictures")
            #expect(movie.certification == "PG-13")
            #expect(movie.inCinemas == "2010-07-16", "US theatrical (type 3) wins over the premiere")
            #expect(movie.digitalRelease == "2010-11-25", "no US digital date: earliest anywhere")
            #expect(movie.physicalRelease == "2010-12-07")
            #expect(movie.status == "released")
            #expect(movie.alternativeTitles == ["Origine", "A Origem"])
            #expect(movie.youTubeTrailerId == "officialTr1")
            #expect(movie.website == "https://www.warnerbros.com/movies/inception")
            #expect(movie.genres == ["Action", "Science Fiction", "Adventure"])
            #expect(movie.collectionTitle == nil)
            #expect(movie.popularity == 83.9)
            let request = try #require(await log.requests.first)
            #expect(request.query["append_to_response"] == "external_ids,alternative_titles,release_dates,videos")
        }
    }

    @Test func movieByIMDbIdAndSearch() async throws {
        try await FixtureServer.with { (base, _) async throws in
            let provider = provider(base)
            #expect(try await provider.movie(imdbId: "tt1375666")?.tmdbId == 27205)
            let results = try await provider.searchMovies("Inception")
            #expect(results.map(\.tmdbId) == [27205, 64956])
            #expect(results[0].images.first == MetadataImage(coverType: "poster", url: Self.images + "/oYuLEt3zVCKq57qu2F8dT7NIa6f.jpg"))
            #expect(results[0].inCinemas == "2010-07-15")
        }
    }

    @Test func unknownIdsAreNil() async throws {
        try await FixtureServer.with { (base, _) async throws in
            let provider = provider(base)
            #expect(try await provider.movie(tmdbId: 999_999) == nil)
            #expect(try await provider.series(tmdbId: 999_999) == nil)
            #expect(try await provider.series(tvdbId: 999_999) == nil)
        }
    }

    @Test func readAccessTokenGoesInTheAuthorizationHeader() async throws {
        try await FixtureServer.with { (base, log) async throws in
            let movie = try await provider(base, key: FixtureServer.readAccessToken).movie(tmdbId: 27205)
            #expect(movie?.tmdbId == 27205)
            let request = try #require(await log.requests.first)
            #expect(request.authorization == "Bearer \(FixtureServer.readAccessToken)")
            #expect(request.query["api_key"] == nil)
        }
    }

    @Test func wrongKeyIsAnUnauthorizedSentence() async throws {
        try await FixtureServer.with { (base, _) async throws in
            let error = await #expect(throws: MetadataError.self) { try await provider(base, key: "wrong").movie(tmdbId: 27205) }
            #expect(error == .unauthorized(host: "127.0.0.1", detail: "Invalid API key: You must be granted a valid key."))
            #expect(error?.description.contains("refused the API key") == true)
        }
    }

    @Test func configurationGivesTheImageBase() async throws {
        try await FixtureServer.with { (base, _) async throws in
            #expect(try await provider(base).fetchImageBaseURL() == "https://image.tmdb.org/t/p/original")
        }
    }

    @Test func closedPortIsUnreachable() async throws {
        // Bind nothing: port 9 on loopback (discard) is closed on test machines.
        let provider = TMDbProvider(apiKey: FixtureServer.apiKey, baseURL: URL(string: "http://127.0.0.1:9/3")!,
                                    transport: URLSessionTransport(timeout: 5))
        let error = await #expect(throws: MetadataError.self) { try await provider.movie(tmdbId: 1) }
        guard case .unreachable(let host, _) = error else { Issue.record("expected unreachable, got \(String(describing: error))"); return }
        #expect(host == "127.0.0.1")
    }
}
