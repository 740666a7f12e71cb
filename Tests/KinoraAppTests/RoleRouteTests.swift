import Foundation
import GatewayRole
import Hummingbird
import HummingbirdTesting
import KinoraApp
import KinoraCore
import KinoraHTTP
import KinoraSystem
import Logging
import NIOCore
import Testing

/// The real composition root with every role, served in memory through HummingbirdTesting.
struct RoleRouteTests {
    let fixture: TestServer
    var server: KinoraServer { fixture.server }
    var directory: TestDirectory { fixture.directory }

    init() async throws {
        fixture = try await TestServer()
    }

    func key(_ role: Role) throws -> String { try fixture.key(role) }

    func test(_ role: Role, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await fixture.test(role, body)
    }

    @Test(arguments: [(Role.series, "Sonarr", "/api/v3"), (.movies, "Radarr", "/api/v3"), (.indexers, "Prowlarr", "/api/v1")])
    func servarrStatusNeedsTheKey(role: Role, appName: String, prefix: String) async throws {
        let key = try key(role)
        try await test(role) { client in
            try await client.execute(uri: "\(prefix)/system/status", method: .get, headers: [.xAPIKey: key]) { response in
                #expect(response.status == .ok)
                let status = try JSONDecoder().decode(ServarrSystemStatus.self, from: Data(response.body.readableBytesView))
                #expect(status.appName == appName)
                #expect(status.version == KinoraVersion.compatibleVersion(of: role))
                #expect(status.isLinux && status.migrationVersion >= 1 && status.startTime.hasSuffix("Z"))
            }
            try await client.execute(uri: "\(prefix)/system/status?apikey=\(key.uppercased())", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "\(prefix)/system/status", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(String(buffer: response.body).contains("X-Api-Key"))
            }
            try await client.execute(uri: "\(prefix)/system/status", method: .get, headers: [.xAPIKey: "0123456789abcdef0123456789abcdef"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "\(prefix)/health", method: .get, headers: [.xAPIKey: key]) { response in
                #expect(response.status == .ok)
                let checks = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                // Series and movies warn that no metadata source is configured on a fresh install.
                let expected = role == .series || role == .movies ? ["MetadataSourceCheck"] : []
                #expect(checks?.compactMap { $0["source"] as? String } == expected)
                #expect(checks?.allSatisfy { $0["type"] as? String == "warning" } == true)
            }
            try await client.execute(uri: "/ping", method: .get) { response in
                #expect(String(buffer: response.body) == #"{"status":"OK"}"#)
            }
        }
    }

    @Test func mediaPublicInfoIsJellyfinShapedAndCaseInsensitive() async throws {
        try await test(.media) { client in
            for path in ["/System/Info/Public", "/system/info/public"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    let info = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                    #expect(info["ProductName"] as? String == "Jellyfin Server")
                    #expect((info["Id"] as? String).map(APIKey.isWellFormed) == true)
                    #expect(info["Version"] as? String == "10.10.7")
                    #expect(info["ServerName"] is String && info["StartupWizardCompleted"] is Bool)
                }
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(String(buffer: response.body) == "Healthy")
            }
        }
    }

    @Test func otherRolesStatusShapes() async throws {
        try await test(.audiobooks) { client in
            try await client.execute(uri: "/status", method: .get) { response in
                #expect(String(buffer: response.body).contains(#""app":"audiobookshelf""#))
            }
            try await client.execute(uri: "/ping", method: .get) { response in
                #expect(String(buffer: response.body) == #"{"success":true}"#)
            }
        }
        try await test(.requests) { client in
            try await client.execute(uri: "/api/v1/status", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""version":"2.7.3""#))
            }
            try await client.execute(uri: "/api/v1/request", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
        let subtitlesKey = try key(.subtitles)
        try await test(.subtitles) { client in
            try await client.execute(uri: "/api/system/status", method: .get, headers: [.xAPIKey: subtitlesKey]) { response in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                let data = try #require(body["data"] as? [String: Any])
                #expect(data["bazarr_version"] as? String == "1.5.2")
                #expect((data["start_time"] as? Double ?? 0) > 1_700_000_000)
            }
            try await client.execute(uri: "/api/system/status", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func statusPageUsesTheSharedShell() async throws {
        try await test(.audiobooks) { client in
            try await client.execute(uri: "/", method: .get, headers: [.host: "audiobookshelf.homelab.local:8080"]) { response in
                let html = String(buffer: response.body)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(html.contains("<h1>Audiobooks <small>replaces Audiobookshelf</small></h1>"))
                // Through the gateway, navigation links go by host name.
                #expect(html.contains(#"href="//sonarr.homelab.local:8080/""#))
                #expect(html.contains("All self-tests passed."))
            }
            try await client.execute(uri: "/kinora/assets/kinora.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
            try await client.execute(uri: "/kinora/assets/..%2Fkinora.js", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/kinora/health", method: .get) { response in
                let report = try JSONDecoder().decode(HealthReport.self, from: Data(response.body.readableBytesView))
                #expect(report.role == .audiobooks && report.status == .ok)
            }
        }
    }

    @Test func gatewayDispatchesByHost() async throws {
        let gateway = try #require(server.gateway)
        let key = try key(.series)
        try await Application(responder: gateway).test(.router) { client in
            try await client.execute(uri: "/api/v3/system/status", method: .get, headers: [.host: "Sonarr.HomeLab.local:8080", .xAPIKey: key]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""appName":"Sonarr""#))
            }
            try await client.execute(uri: "/api/v3/system/status", method: .get, headers: [.host: "radarr.homelab.local", .xAPIKey: key]) { response in
                #expect(response.status == .unauthorized)  // the series key is not the movies key
            }
            try await client.execute(uri: "/system/info/public", method: .get, headers: [.host: "jellyfin.homelab.local"]) { response in
                #expect(String(buffer: response.body).contains("Jellyfin Server"))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.host: "localhost:8080"]) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"kinora_http_requests_total{role="series",method="GET",status="200"}"#))
                #expect(text.contains(#"kinora_http_request_duration_seconds_count{role="media"}"#))
                #expect(text.contains("process_resident_memory_bytes ") && text.contains("process_open_fds "))
                #expect(text.contains(#"kinora_info{version="\#(KinoraVersion.kinora)"} 1"#))
            }
            try await client.execute(uri: "/", method: .get, headers: [.host: "localhost:8080"]) { response in
                #expect(String(buffer: response.body).contains("sonarr.homelab.local"))
            }
        }
    }

    @Test func keysSurviveAReopenAndMatchKinoraKeys() async throws {
        let again = try await KinoraServer.prepare(configuration: KinoraConfiguration(dataDirectory: directory.path), checkPorts: false)
        let listed = try RoleKeys.list(configuration: KinoraConfiguration(dataDirectory: directory.path))
        #expect(listed.map(\.role) == [.requests, .indexers, .series, .movies, .subtitles])
        for (role, key) in listed {
            #expect(server.environments[role]?.apiKey == key)
            #expect(again.environments[role]?.apiKey == key)
        }
    }

    @Test func configuredKeyOverridesTheGeneratedOne() async throws {
        let pinned = try #require(APIKey("abcdef0123456789abcdef0123456789"))
        let configured = try await KinoraServer.prepare(
            configuration: KinoraConfiguration(dataDirectory: directory.path, apiKeys: [.series: pinned]), checkPorts: false)
        #expect(configured.environments[.series]?.apiKey == pinned)
        #expect(configured.environments[.movies]?.apiKey == server.environments[.movies]?.apiKey)
    }
}
