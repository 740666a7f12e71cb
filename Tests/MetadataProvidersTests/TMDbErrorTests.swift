import Foundation
import Testing
@testable import MetadataProviders

/// TMDb's failure answers through a recording transport: each becomes one `MetadataError` (or nil).
@Suite("TMDb provider errors")
struct TMDbErrorTests {
    func provider(_ transport: any HTTPTransport, key: String = "k3y") -> TMDbProvider {
        TMDbProvider(apiKey: key, baseURL: URL(string: "https://api.example.test/3")!, transport: transport)
    }

    @Test func rateLimitCarriesRetryAfter() async throws {
        let transport = RecordingTransport(status: 429, headers: ["retry-after": "7"], body: #"{"status_code":25}"#)
        let error = await #expect(throws: MetadataError.self) { try await provider(transport).searchMovies("Alien") }
        #expect(error == .rateLimited(host: "api.example.test", retryAfterSeconds: 7))
        #expect(error?.description == "api.example.test is rate limiting requests; retry in 7 seconds.")
    }

    @Test func unauthorizedSaysTheKeyWasRefused() async throws {
        let transport = RecordingTransport(status: 401, body: #"{"status_code":7,"status_message":"Invalid API key: You must be granted a valid key.","success":false}"#)
        let error = await #expect(throws: MetadataError.self) { try await provider(transport).movie(tmdbId: 1) }
        #expect(error == .unauthorized(host: "api.example.test", detail: "Invalid API key: You must be granted a valid key."))
    }

    @Test func notFoundIsNil() async throws {
        let transport = RecordingTransport(status: 404, body: #"{"status_code":34,"status_message":"The resource you requested could not be found."}"#)
        #expect(try await provider(transport).movie(tmdbId: 12) == nil)
        #expect(try await provider(transport).series(tmdbId: 12) == nil)
        #expect(try await provider(transport).series(tvdbId: 12) == nil)
        #expect(try await provider(transport).searchSeries("x").isEmpty)
    }

    @Test func serverErrorIsABadResponseQuotingTMDb() async throws {
        let transport = RecordingTransport(status: 500, body: #"{"status_code":11,"status_message":"Internal error: Something went wrong, contact TMDb."}"#)
        let error = await #expect(throws: MetadataError.self) { try await provider(transport).movie(tmdbId: 1) }
        guard case .badResponse(_, let status, let reason) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(status == 500)
        #expect(reason.contains("Internal error"))
    }

    @Test(arguments: [
        ("{\"id\": 1, \"title\": ", "not valid JSON"),
        ("{\"id\": \"one\"}", "`id` is not a"),
        ("[1, 2]", "the top level"),
    ])
    func malformedJSONNamesTheProblem(body: String, expected: String) async throws {
        let transport = RecordingTransport(status: 200, body: body)
        let error = await #expect(throws: MetadataError.self) { try await provider(transport).movie(tmdbId: 1) }
        guard case .badResponse(_, _, let reason) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains(expected), "\(reason)")
    }

    @Test func missingKeysAreTolerated() async throws {
        let transport = RecordingTransport(status: 200, body: #"{"id": 5}"#)
        let movie = try #require(try await provider(transport).movie(tmdbId: 5))
        #expect(movie.title == "TMDb 5")
        #expect(movie.genres.isEmpty)
        #expect(movie.status == "announced")
    }

    @Test func emptyKeyIsNotConfigured() async throws {
        let transport = RecordingTransport(status: 200, body: "{}")
        let error = await #expect(throws: MetadataError.self) { try await provider(transport, key: " ").movie(tmdbId: 1) }
        #expect(error == .notConfigured(provider: "TMDb", configKey: TMDbProvider.apiKeyConfigKey))
        #expect(error?.description.contains(TMDbProvider.apiKeyConfigKey) == true)
        #expect(transport.requests.isEmpty)
    }

    @Test func invalidIMDbIdIsRefusedBeforeAnyRequest() async throws {
        let transport = RecordingTransport(status: 200, body: "{}")
        await #expect(throws: MetadataError.self) { try await provider(transport).movie(imdbId: "../../etc") }
        #expect(transport.requests.isEmpty)
    }

    @Test func transportErrorsPassThrough() async throws {
        let transport = RecordingTransport { url in
            throw MetadataError.unreachable(host: url.host ?? "", underlying: "no answer within 20 seconds")
        }
        let error = await #expect(throws: MetadataError.self) { try await provider(transport).searchSeries("Dark") }
        #expect(error == .unreachable(host: "api.example.test", underlying: "no answer within 20 seconds"))
    }

    @Test func v3KeyGoesInTheQuery() async throws {
        let transport = RecordingTransport(status: 200, body: #"{"results": []}"#)
        _ = try await provider(transport, key: "abc123").searchMovies("Heat 1995")
        let request = try #require(transport.requests.first)
        #expect(request.url.queryItems["api_key"] == "abc123")
        #expect(request.url.queryItems["year"] == "1995")
        #expect(request.headers["Authorization"] == nil)
        // The year-filtered search found nothing: it is retried with the whole term.
        #expect(transport.requests.count == 2)
        #expect(transport.requests.last?.url.queryItems["query"] == "Heat 1995")
    }

    @Test(arguments: [("Returning Series", "continuing"), ("Ended", "ended"), ("Canceled", "ended"),
                      ("In Production", "upcoming"), ("Planned", "upcoming"), (nil, "continuing")] as [(String?, String)])
    func seriesStatusMapping(tmdb: String?, sonarr: String) {
        #expect(TMDbProvider.seriesStatus(tmdb) == sonarr)
    }

    @Test(arguments: [
        ("2030-01-01", nil, nil, "announced"),
        ("2026-11-20", nil, nil, "inCinemas"),
        ("2026-11-20", "2026-12-01", nil, "released"),
        ("2026-11-20", "2027-01-10", nil, "inCinemas"),
        ("2026-01-01", nil, nil, "released"),
        (nil, nil, nil, "announced"),
    ] as [(String?, String?, String?, String)])
    func movieAvailability(inCinemas: String?, digital: String?, physical: String?, expected: String) {
        let provider = TMDbProvider(apiKey: "k", now: { TMDbProviderTests.fixedNow })
        #expect(provider.movieStatus(inCinemas: inCinemas, digital: digital, physical: physical) == expected)
    }
}

/// The production transport's own limits, against the fixture server's neighbours: a server that
/// sends too much and one that never answers.
@Suite("URLSession transport limits")
struct URLSessionTransportTests {
    @Test func oversizedBodyIsRefused() async throws {
        try await FixtureServer.with { (base, _) async throws in
            // movie_27205.json is a few KB; a 1 KB cap must refuse it.
            let transport = URLSessionTransport(timeout: 10, maxBodyBytes: 1024)
            var components = URLComponents(url: base.appendingPathComponent("movie/27205"), resolvingAgainstBaseURL: false)!
            components.queryItems = [URLQueryItem(name: "api_key", value: FixtureServer.apiKey)]
            let error = await #expect(throws: MetadataError.self) { try await transport.get(components.url!, headers: [:]) }
            guard case .badResponse(_, _, let reason) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(reason.contains("1024-byte limit"))
        }
    }

    @Test func silentServerTimesOut() async throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let transport = URLSessionTransport(timeout: 1)
        let error = await #expect(throws: MetadataError.self) {
            try await transport.get(URL(string: "http://127.0.0.1:\(silent.port)/3/movie/1")!, headers: [:])
        }
        guard case .unreachable(_, let underlying) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(underlying.contains("no answer within 1 seconds") || underlying.lowercased().contains("timed out"), "\(underlying)")
    }

    @Test func nonHTTPSchemesAreRefused() async throws {
        await #expect(throws: MetadataError.self) {
            try await URLSessionTransport().get(URL(fileURLWithPath: "/etc/passwd"), headers: [:])
        }
    }
}
