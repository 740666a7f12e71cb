import Foundation
import Hummingbird
import HummingbirdTesting
import KinoraApp
import KinoraCore
import KinoraHTTP
import NIOCore
import Testing

/// The indexers role's API v1 and feeds through the real composition root: what it refuses, and
/// how. (Syncing into live series and movies roles is Tests/Interop/test_indexers_app_sync.py.)
struct IndexersRouteTests {
    let fixture: TestServer

    init() async throws {
        fixture = try await TestServer()
    }

    func client(_ body: @Sendable (any TestClientProtocol, HTTPFields, String) async throws -> Void) async throws {
        let key = try fixture.key(.indexers)
        let headers: HTTPFields = [.xAPIKey: key, .contentType: "application/json"]
        try await fixture.test(.indexers) { client in try await body(client, headers, key) }
    }

    static func json(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) }
    static func text(_ buffer: ByteBuffer) -> String { String(buffer: buffer) }

    @Test("feeds answer Newznab errors: a wrong key, an unknown indexer, a missing function")
    func feedErrors() async throws {
        try await client { client, _, key in
            try await client.execute(uri: "/1/api?t=caps&apikey=wrong", method: .get) { response in
                #expect(response.status == .ok && Self.text(response.body).contains(#"code="100""#))
            }
            try await client.execute(uri: "/1/api?t=caps", method: .get) { response in
                #expect(Self.text(response.body).contains(#"code="100""#))
            }
            try await client.execute(uri: "/7/api?t=caps&apikey=\(key)", method: .get) { response in
                #expect(Self.text(response.body).contains(#"code="201""#))
            }
        }
    }

    @Test("an indexer that cannot be reached is refused unless forceSave; secrets are masked on the way out")
    func indexerValidation() async throws {
        try await client { client, headers, _ in
            let body = #"""
                {"name": "Nowhere", "implementation": "Torznab", "configContract": "TorznabSettings",
                 "fields": [{"name": "baseUrl", "value": "http://127.0.0.1:9"}, {"name": "apiKey", "value": "secret-key"}]}
                """#
            try await client.execute(uri: "/api/v1/indexer", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let failures = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(failures.first?["propertyName"] as? String == "BaseUrl")
            }
            var id = 0
            try await client.execute(uri: "/api/v1/indexer?forceSave=true", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created)
                let saved = try #require(try Self.json(response.body) as? [String: Any])
                id = try #require(saved["id"] as? Int)
                let fields = try #require(saved["fields"] as? [[String: Any]])
                #expect(fields.first { $0["name"] as? String == "apiKey" }?["value"] as? String == "********")
                #expect(saved["enable"] as? Bool == true && saved["protocol"] as? String == "torrent")
            }
            // Its feed reports the unreachable indexer as a Newznab error, not a crash or a hang.
            try await client.execute(uri: "/\(id)/api?t=search&q=x&apikey=\(try fixture.key(.indexers))", method: .get) { response in
                #expect(response.status == .ok && Self.text(response.body).contains(#"code="900""#))
            }
            let bad = #"{"name": "", "implementation": "Torznab", "fields": [{"name": "baseUrl", "value": "ftp://x"}]}"#
            try await client.execute(uri: "/api/v1/indexer?forceSave=true", method: .post, headers: headers, body: ByteBuffer(string: bad)) { response in
                let failures = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(Set(failures.compactMap { $0["propertyName"] as? String }) == ["Name", "BaseUrl"])
            }
            let unknown = #"{"name": "x", "implementation": "Cardigann"}"#
            try await client.execute(uri: "/api/v1/indexer", method: .post, headers: headers, body: ByteBuffer(string: unknown)) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("applications: addresses and a key are required; a bad sync level is refused")
    func applicationValidation() async throws {
        try await client { client, headers, _ in
            let body = #"""
                {"name": "Series", "implementation": "Sonarr", "syncLevel": "sometimes",
                 "fields": [{"name": "prowlarrUrl", "value": "not a url"}, {"name": "baseUrl", "value": "http://127.0.0.1:9"}]}
                """#
            try await client.execute(uri: "/api/v1/applications?forceSave=true", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let failures = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(Set(failures.compactMap { $0["propertyName"] as? String }) == ["ProwlarrUrl", "ApiKey", "SyncLevel"])
            }
            try await client.execute(uri: "/api/v1/applications/schema", method: .get, headers: headers) { response in
                let templates = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(templates.compactMap { $0["implementation"] as? String } == ["Sonarr", "Radarr"])
            }
        }
    }
}
