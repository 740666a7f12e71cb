import Foundation
import Hummingbird
import HummingbirdTesting
import KinoraApp
import KinoraCore
import KinoraHTTP
import NIOCore
import Testing

/// The series and movies catalogs through the real composition root, with a small offline
/// catalog as the metadata source.
struct LibraryCatalogRouteTests {
    let fixture: TestServer

    static let catalog = #"""
        {"series": [{"tvdbId": 1001, "tmdbId": 2001, "title": "The Test Show", "year": 2020, "status": "ended",
                     "originalLanguage": "English", "genres": ["Drama"],
                     "seasons": [{"seasonNumber": 0}, {"seasonNumber": 1}, {"seasonNumber": 2}],
                     "episodes": [
                       {"seasonNumber": 0, "episodeNumber": 1, "title": "Special", "airDate": "2020-01-01"},
                       {"seasonNumber": 1, "episodeNumber": 1, "title": "Pilot", "airDate": "2020-01-08"},
                       {"seasonNumber": 1, "episodeNumber": 2, "title": "Second", "airDate": "2020-01-15"},
                       {"seasonNumber": 2, "episodeNumber": 1, "title": "Return", "airDate": "2021-01-08"}]}],
         "movies": [{"tmdbId": 3001, "imdbId": "tt0003001", "title": "A Test Movie", "year": 2019, "status": "released",
                     "inCinemas": "2019-05-01", "digitalRelease": "2019-08-01", "runtime": 120}]}
        """#

    init() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-catalog-\(UUID().uuidString).json").path
        try Data(Self.catalog.utf8).write(to: URL(fileURLWithPath: file))
        fixture = try await TestServer { configuration in
            configuration.roleSettings[ConfigurationKey.metadataCatalog.name] = file
        }
    }

    func client(_ role: Role, _ body: @Sendable (any TestClientProtocol, HTTPFields) async throws -> Void) async throws {
        let headers: HTTPFields = [.xAPIKey: try fixture.key(role), .contentType: "application/json"]
        try await fixture.test(role) { client in try await body(client, headers) }
    }

    static func json(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) }

    @Test func seriesIsLookedUpAddedListedAndMonitored() async throws {
        let root = fixture.directory.path + "/tv"
        try await client(.series) { client, headers in
            var lookup: [String: Any] = [:]
            try await client.execute(uri: "/api/v3/series/lookup?term=tvdb:1001", method: .get, headers: headers) { response in
                let results = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(results.count == 1)
                lookup = try #require(results.first)
                #expect(lookup["title"] as? String == "The Test Show")
                #expect(lookup["folder"] as? String == "The Test Show")  // Sonarr's default series folder: {Series Title}
                #expect(lookup["id"] == nil)
            }
            try await client.execute(uri: "/api/v3/series/lookup?term=test%20show", method: .get, headers: headers) { response in
                let results = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(results.compactMap { $0["tvdbId"] as? Int } == [1001])
            }
            lookup["qualityProfileId"] = 1
            lookup["monitored"] = true
            lookup["rootFolderPath"] = root
            lookup["addOptions"] = ["monitor": "firstSeason"]
            var seriesId = 0
            try await client.execute(
                uri: "/api/v3/series", method: .post, headers: headers, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: lookup))
            ) { response in
                #expect(response.status == .created)
                let series = try #require(try Self.json(response.body) as? [String: Any])
                seriesId = try #require(series["id"] as? Int)
                #expect(series["path"] as? String == root + "/The Test Show")
                let seasons = try #require(series["seasons"] as? [[String: Any]])
                #expect(seasons.map { $0["monitored"] as? Bool } == [false, true, false])
                let statistics = try #require(series["statistics"] as? [String: Any])
                #expect(statistics["totalEpisodeCount"] as? Int == 3)
                #expect(statistics["episodeCount"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v3/series", method: .post, headers: headers, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: lookup))) {
                response in
                #expect(response.status == .badRequest)
                let failures = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(failures.first?["propertyName"] as? String == "TvdbId")
            }
            try await client.execute(uri: "/api/v3/series", method: .get, headers: headers) { response in
                let list = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect((list.first?["statistics"] as? [String: Any])?["episodeCount"] as? Int == 2)
            }
            var episodeIds: [Int] = []
            try await client.execute(uri: "/api/v3/episode?seriesId=\(seriesId)", method: .get, headers: headers) { response in
                let episodes = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(episodes.count == 4)
                #expect(episodes.map { $0["monitored"] as? Bool } == [false, true, true, false])
                #expect(episodes.allSatisfy { $0["hasFile"] as? Bool == false })
                episodeIds = episodes.compactMap { $0["id"] as? Int }
            }
            try await client.execute(
                uri: "/api/v3/episode/monitor", method: .put, headers: headers,
                body: ByteBuffer(string: #"{"episodeIds":[\#(episodeIds[3])],"monitored":true}"#)
            ) { response in
                #expect(response.status == .accepted)
            }
            // Statistics are kept per series until its episodes change: the list counts the newly wanted episode.
            try await client.execute(uri: "/api/v3/series", method: .get, headers: headers) { response in
                let list = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect((list.first?["statistics"] as? [String: Any])?["episodeCount"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v3/episode/\(episodeIds[3])", method: .get, headers: headers) { response in
                let episode = try #require(try Self.json(response.body) as? [String: Any])
                #expect(episode["monitored"] as? Bool == true)
                #expect((episode["series"] as? [String: Any])?["id"] as? Int == seriesId)
            }
            try await client.execute(uri: "/api/v3/wanted/missing?pageSize=10", method: .get, headers: headers) { response in
                let page = try #require(try Self.json(response.body) as? [String: Any])
                #expect(page["totalRecords"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v3/series", method: .get, headers: headers) { response in
                let list = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(list.compactMap { $0["id"] as? Int } == [seriesId])
                #expect(list.first?["monitored"] as? Bool == true)
            }
            // The list is cached per series: a change shows in the next answer.
            try await client.execute(uri: "/api/v3/series/\(seriesId)", method: .put, headers: headers, body: ByteBuffer(string: #"{"monitored":false}"#)) {
                response in
                #expect(response.status == .accepted)
            }
            try await client.execute(uri: "/api/v3/series", method: .get, headers: headers) { response in
                let list = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(list.first?["monitored"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v3/series/\(seriesId)", method: .delete, headers: headers) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v3/series", method: .get, headers: headers) { response in
                #expect(String(buffer: response.body) == "[]")
            }
        }
    }

    @Test func movieIsAddedAndValidated() async throws {
        let root = fixture.directory.path + "/movies"
        try await client(.movies) { client, headers in
            try await client.execute(uri: "/api/v3/movie/lookup?term=imdb:tt0003001", method: .get, headers: headers) { response in
                let results = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(results.first?["tmdbId"] as? Int == 3001)
            }
            let body = #"{"tmdbId":3001,"title":"A Test Movie","qualityProfileId":1,"rootFolderPath":"\#(root)","monitored":true,"minimumAvailability":"released"}"#
            try await client.execute(uri: "/api/v3/movie", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                let movie = try #require(try Self.json(response.body) as? [String: Any])
                #expect(movie["path"] as? String == root + "/A Test Movie (2019)")
                #expect(movie["isAvailable"] as? Bool == true)
                #expect(movie["hasFile"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v3/movie?tmdbid=3001", method: .get, headers: headers) { response in
                let list = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(list.count == 1)
            }
            let outside = #"{"tmdbId":3001,"qualityProfileId":1,"path":"/etc/kinora"}"#
            try await client.execute(uri: "/api/v3/movie", method: .post, headers: headers, body: ByteBuffer(string: outside)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test(arguments: [Role.series, .movies])
    func defaultProfilesAndDefinitionsExist(role: Role) async throws {
        try await client(role) { client, headers in
            try await client.execute(uri: "/api/v3/qualityprofile", method: .get, headers: headers) { response in
                let profiles = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(profiles.contains { $0["name"] as? String == "HD-1080p" })
            }
            try await client.execute(uri: "/api/v3/qualitydefinition", method: .get, headers: headers) { response in
                let definitions = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(definitions.count > 10)
            }
            try await client.execute(uri: "/api/v3/qualityprofile", method: .post, headers: headers, body: ByteBuffer(string: #"{"name":"","items":[],"cutoff":1}"#)) {
                response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
