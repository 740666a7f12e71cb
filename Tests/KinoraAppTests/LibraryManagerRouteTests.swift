import Foundation
import Hummingbird
import HummingbirdTesting
import KinoraApp
import KinoraCore
import KinoraHTTP
import NIOCore
import Testing

/// Tags and root folders of the series and movies roles, through the real composition root.
struct LibraryManagerRouteTests {
    let fixture: TestServer
    var server: KinoraServer { fixture.server }
    var directory: TestDirectory { fixture.directory }

    init() async throws {
        fixture = try await TestServer()
    }

    /// A client of one role with its API key and a JSON content type in every request.
    func client(_ role: Role, _ body: @Sendable (any TestClientProtocol, HTTPFields) async throws -> Void) async throws {
        let headers: HTTPFields = [.xAPIKey: try fixture.key(role), .contentType: "application/json"]
        try await fixture.test(role) { client in try await body(client, headers) }
    }

    static func json(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) }

    @Test(arguments: [Role.series, .movies])
    func tagsRoundTrip(role: Role) async throws {
        try await client(role) { client, headers in
            var id = 0
            try await client.execute(uri: "/api/v3/tag", method: .post, headers: headers, body: ByteBuffer(string: #"{"label":"Kids-4K"}"#)) { response in
                #expect(response.status == .created)
                let tag = try #require(try Self.json(response.body) as? [String: Any])
                #expect(tag["label"] as? String == "kids-4k")
                id = try #require(tag["id"] as? Int)
            }
            // Adding an existing label answers the existing tag.
            try await client.execute(uri: "/api/v3/tag", method: .post, headers: headers, body: ByteBuffer(string: #"{"label":"kids-4k"}"#)) { response in
                let tag = try Self.json(response.body) as? [String: Any]
                #expect(tag?["id"] as? Int == id)
            }
            try await client.execute(uri: "/api/v3/tag", method: .put, headers: headers, body: ByteBuffer(string: #"{"id":\#(id),"label":"family"}"#)) { response in
                #expect(response.status == .accepted)
            }
            try await client.execute(uri: "/api/v3/tag/detail/\(id)", method: .get, headers: headers) { response in
                let detail = try #require(try Self.json(response.body) as? [String: Any])
                #expect(detail["label"] as? String == "family")
                #expect(detail[role == .series ? "seriesIds" : "movieIds"] is [Any])
            }
            try await client.execute(uri: "/api/v3/tag", method: .post, headers: headers, body: ByteBuffer(string: #"{"label":"1 - Alice"}"#)) { response in
                #expect(response.status == .badRequest)
                let failures = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(failures.first?["propertyName"] as? String == "Label")
                #expect(failures.first?["errorMessage"] as? String == "Allowed characters a-z, 0-9 and -")
            }
            try await client.execute(uri: "/api/v3/tag", method: .post, headers: headers, body: ByteBuffer(string: "not json")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v3/tag/\(id)", method: .delete, headers: headers) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v3/tag/\(id)", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v3/tag", method: .get, headers: headers) { response in
                #expect(String(buffer: response.body) == "[]")
            }
        }
    }

    @Test func defaultRootFoldersAreTheDataRootsLibraries() async throws {
        try await client(.series) { client, headers in
            try await client.execute(uri: "/api/v3/rootfolder", method: .get, headers: headers) { response in
                let folders = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(folders.compactMap { $0["path"] as? String } == [directory.path + "/tv", directory.path + "/anime"])
                #expect(folders.allSatisfy { $0["accessible"] as? Bool == true && ($0["freeSpace"] as? Int ?? 0) > 0 })
            }
        }
        try await client(.movies) { client, headers in
            try await client.execute(uri: "/api/v3/rootfolder", method: .get, headers: headers) { response in
                let folders = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(folders.compactMap { $0["path"] as? String } == [directory.path + "/movies"])
            }
        }
    }

    @Test func rootFoldersAreValidatedAsSonarrDoes() async throws {
        let extra = directory.path + "/more-tv"
        try FileManager.default.createDirectory(atPath: extra + "/Some Show (2020)", withIntermediateDirectories: true)
        try await client(.series) { client, headers in
            func post(_ path: String) async throws -> (HTTPResponse.Status, Any) {
                try await client.execute(uri: "/api/v3/rootfolder", method: .post, headers: headers, body: ByteBuffer(string: #"{"path":"\#(path)"}"#)) { response in
                    (response.status, try Self.json(response.body))
                }
            }
            let (created, body) = try await post(extra + "/")
            #expect(created == .created)
            let folder = try #require(body as? [String: Any])
            #expect(folder["path"] as? String == extra)
            let unmapped = try #require(folder["unmappedFolders"] as? [[String: Any]])
            #expect(unmapped.map { $0["name"] as? String } == ["Some Show (2020)"])

            for (path, code) in [
                (extra, "RootFolderValidator"), (extra + "/Some Show (2020)", "RootFolderAncestorValidator"),
                (directory.path + "/missing", "FolderValidator"), ("relative/tv", "PathValidator"),
                (directory.path + "/downloads", "DownloadFolderValidator"), (directory.path, "RootFolderAncestorValidator"),
            ] {
                let (status, failures) = try await post(path)
                #expect(status == .badRequest, "\(path)")
                #expect((failures as? [[String: Any]])?.first?["errorCode"] as? String == code, "\(path)")
            }
            let id = try #require(folder["id"] as? Int)
            try await client.execute(uri: "/api/v3/rootfolder/\(id)", method: .delete, headers: headers) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v3/rootfolder/\(id)", method: .delete, headers: headers) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func removedDefaultRootFoldersStayRemovedAfterARestart() async throws {
        try await client(.movies) { client, headers in
            try await client.execute(uri: "/api/v3/rootfolder/1", method: .delete, headers: headers) { response in
                #expect(response.status == .ok)
            }
        }
        let restarted = try await KinoraServer.prepare(configuration: KinoraConfiguration(dataDirectory: directory.path), checkPorts: false)
        let responder = try #require(restarted.responders[.movies])
        let key = try #require(restarted.environments[.movies]?.apiKey?.value)
        try await Application(responder: responder).test(.router) { client in
            try await client.execute(uri: "/api/v3/rootfolder", method: .get, headers: [.xAPIKey: key]) { response in
                #expect(String(buffer: response.body) == "[]")
            }
        }
    }
}
