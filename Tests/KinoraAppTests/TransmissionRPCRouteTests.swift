import BitTorrentCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KinoraApp
import KinoraCore
import KinoraHTTP
import NIOCore
import Testing

/// The torrents role's RPC through the real composition root: Transmission's handshake, in its order,
/// and its answers to bad input.
struct TransmissionRPCRouteTests {
    static let sessionHeader = HTTPField.Name("X-Transmission-Session-Id")!

    /// The session id, from the 409 every first request gets.
    func sessionID(_ client: any TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/transmission/rpc", method: .post) { response in
            #expect(response.status == .conflict)
            return try #require(response.headers[Self.sessionHeader])
        }
    }

    func call(_ client: any TestClientProtocol, id: String, _ body: String) async throws -> [String: Any] {
        try await client.execute(
            uri: "/transmission/rpc", method: .post, headers: [Self.sessionHeader: id], body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .ok)
            #expect(response.headers[Self.sessionHeader] == id)
            return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        }
    }

    @Test func handshakeSessionIDThenOnlyPost() async throws {
        let fixture = try await TestServer()
        try await fixture.test(.torrents) { client in
            let id = try await sessionID(client)
            #expect(id.count == 48)
            try await client.execute(uri: "/transmission/rpc", method: .get) { response in
                #expect(response.status == .conflict)
                #expect(response.headers[Self.sessionHeader] == id)
            }
            try await client.execute(uri: "/transmission/rpc", method: .get, headers: [Self.sessionHeader: id]) { response in
                #expect(response.status == .methodNotAllowed)
            }
            try await client.execute(uri: "/transmission/rpc", method: .post, headers: [Self.sessionHeader: "stale"]) { response in
                #expect(response.status == .conflict)
            }
            let session = try await call(client, id: id, #"{"method":"session-get","tag":7}"#)
            #expect(session["result"] as? String == "success")
            #expect(session["tag"] as? Int == 7)
            let arguments = try #require(session["arguments"] as? [String: Any])
            #expect((arguments["version"] as? String)?.hasPrefix("4.0.6 (kinora ") == true)
            #expect(arguments["rpc-version"] as? Int == 17)
            #expect(arguments["rpc-version-minimum"] as? Int == 14)
            #expect(arguments["rpc-version-semver"] as? String == "5.3.0")
            #expect(arguments["download-dir"] as? String == fixture.directory.path + "/downloads")
            #expect(arguments["seedRatioLimited"] as? Bool == false)
            #expect(arguments["idle-seeding-limit-enabled"] as? Bool == false)
            #expect(arguments["session-id"] as? String == id)
        }
    }

    @Test func badInputIsAnsweredAsTransmissionDoes() async throws {
        let fixture = try await TestServer()
        try await fixture.test(.torrents) { client in
            let id = try await sessionID(client)
            #expect(try await call(client, id: id, "{not json")["result"] as? String == "no method name")
            #expect(try await call(client, id: id, #"{"arguments":{}}"#)["result"] as? String == "no method name")
            #expect(try await call(client, id: id, #"{"method":"torrent-explode"}"#)["result"] as? String == "method name not recognized")
            let corrupt = try await call(client, id: id, #"{"method":"torrent-add","arguments":{"metainfo":"bm90IGEgdG9ycmVudA=="}}"#)
            #expect(corrupt["result"] as? String == "invalid or corrupt torrent file")
            let missing = try await call(client, id: id, #"{"method":"torrent-add","arguments":{}}"#)
            #expect(missing["result"] as? String == "no filename or metainfo specified")
            let outside = try await call(client, id: id, #"{"method":"torrent-add","arguments":{"filename":"magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567","download-dir":"/etc"}}"#)
            #expect((outside["result"] as? String)?.contains("/etc is outside the folders") == true)
            let escape = try await call(client, id: id, #"{"method":"session-set","arguments":{"download-dir":"\#(fixture.directory.path)/downloads/../../x"}}"#)
            #expect((escape["result"] as? String)?.contains("is outside the folders") == true)
            let wrongType = try await call(client, id: id, #"{"method":"session-set","arguments":{"download-queue-size":"five"}}"#)
            #expect(wrongType["result"] as? String == "download-queue-size must be a number from 0 to 100000")
            let commaLabel = try await call(client, id: id, #"{"method":"torrent-set","arguments":{"labels":["a,b"]}}"#)
            #expect(commaLabel["result"] as? String == "labels cannot contain comma (,) character")
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: 10_000_001)
            try await client.execute(uri: "/transmission/rpc", method: .post, headers: [Self.sessionHeader: id], body: big) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test func addGetSetRemoveWithSonarrsFields() async throws {
        let fixture = try await TestServer()
        var builder = TorrentBuilder(name: "Show.S01E01.1080p", pieceLength: 16384, files: [.init(path: ["a.mkv"], length: 40000), .init(path: ["a.srt"], length: 10)])
        builder.announceTiers = [["http://127.0.0.1:1/announce"]]
        let (bytes, metainfo) = try builder.build(pieceHashes: Array(repeating: 7, count: 60))
        let encoded = Data(bytes).base64EncodedString()
        try await fixture.test(.torrents) { client in
            let id = try await sessionID(client)
            let add = #"{"method":"torrent-add","arguments":{"metainfo":"\#(encoded)","paused":true,"labels":["tv-sonarr"]}}"#
            let added = try await call(client, id: id, add)
            let torrent = try #require((added["arguments"] as? [String: Any])?["torrent-added"] as? [String: Any])
            #expect(torrent["id"] as? Int == 1)
            #expect(torrent["name"] as? String == "Show.S01E01.1080p")
            #expect(torrent["hashString"] as? String == metainfo.infoHash.hex)
            let again = try await call(client, id: id, add)
            #expect(((again["arguments"] as? [String: Any])?["torrent-duplicate"] as? [String: Any])?["id"] as? Int == 1)

            let fields = #"["id","hashString","name","downloadDir","totalSize","leftUntilDone","isFinished","eta","status","secondsDownloading","secondsSeeding","errorString","uploadedEver","downloadedEver","seedRatioLimit","seedRatioMode","seedIdleLimit","seedIdleMode","fileCount","file-count","labels","noSuchField"]"#
            let get = #"{"method":"torrent-get","arguments":{"ids":["\#(metainfo.infoHash.hex.uppercased())"],"fields":\#(fields)}}"#
            let answer = try await call(client, id: id, get)
            let torrents = try #require((answer["arguments"] as? [String: Any])?["torrents"] as? [[String: Any]])
            let first = try #require(torrents.first)
            #expect(first["downloadDir"] as? String == fixture.directory.path + "/downloads")
            #expect(first["totalSize"] as? Int == 40010)
            // Added paused: checked (2) at once, then stopped (0); never downloading.
            #expect([0, 2].contains(first["status"] as? Int))
            #expect(first["isFinished"] as? Bool == false)
            #expect(first["labels"] as? [String] == ["tv-sonarr"])
            #expect(first["file-count"] as? Int == 2)
            #expect(first["errorString"] as? String == "")
            #expect(first["noSuchField"] == nil)  // unknown fields are left out, never an error
            #expect(first["fileCount"] == nil)

            let set = #"{"method":"torrent-set","arguments":{"ids":["\#(metainfo.infoHash.hex)"],"seedRatioLimit":1.5,"seedRatioMode":1,"seedIdleLimit":20,"seedIdleMode":1,"labels":["tv"]}}"#
            #expect(try await call(client, id: id, set)["result"] as? String == "success")
            let changed = try await call(client, id: id, #"{"method":"torrent-get","arguments":{"ids":1,"fields":["seedRatioLimit","seedRatioMode","seedIdleLimit","seedIdleMode","labels"]}}"#)
            let updated = try #require(((changed["arguments"] as? [String: Any])?["torrents"] as? [[String: Any]])?.first)
            #expect(updated["seedRatioLimit"] as? Double == 1.5)
            #expect(updated["seedRatioMode"] as? Int == 1)
            #expect(updated["seedIdleLimit"] as? Int == 20)
            #expect(updated["seedIdleMode"] as? Int == 1)
            #expect(updated["labels"] as? [String] == ["tv"])

            #expect(try await call(client, id: id, #"{"method":"torrent-remove","arguments":{"ids":[1],"delete-local-data":true}}"#)["result"] as? String == "success")
            let empty = try await call(client, id: id, #"{"method":"torrent-get","arguments":{"fields":["id"]}}"#)
            #expect(((empty["arguments"] as? [String: Any])?["torrents"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func basicAuthAndHostWhitelistComeBeforeTheSessionID() async throws {
        let fixture = try await TestServer { configuration in
            configuration.roleSettings["torrents.rpc-username"] = "kinora"
            configuration.roleSettings["torrents.rpc-password"] = "s3cret"
        }
        let good = "Basic " + Data("kinora:s3cret".utf8).base64EncodedString()
        let bad = "Basic " + Data("kinora:wrong".utf8).base64EncodedString()
        try await fixture.test(.torrents) { client in
            try await client.execute(uri: "/transmission/rpc", method: .post) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Basic realm="Transmission""#)
            }
            try await client.execute(uri: "/transmission/rpc", method: .post, headers: [.authorization: bad]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/transmission/rpc", method: .post, headers: [.authorization: good, .host: "evil.example.com"]) { response in
                #expect(response.status == .misdirectedRequest)
            }
            for host in ["transmission.homelab.local", "127.0.0.1:9091", "[::1]:9091", "localhost"] {
                try await client.execute(uri: "/transmission/rpc", method: .post, headers: [.authorization: good, .host: host]) { response in
                    #expect(response.status == .conflict, "host \(host)")
                }
            }
        }
    }
}
