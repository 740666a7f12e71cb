import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KinoraApp
import KinoraCore
import MediaRole
import NIOCore
import Testing

/// The media role's first-run wizard, sign-in and tokens, as Jellyfin clients drive them.
struct MediaUserRouteTests {
    let fixture: TestServer

    init() async throws {
        fixture = try await TestServer()
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    static let device: HTTPFields = [
        .authorization: #"MediaBrowser Client="Kinora Tests", Device="ci", DeviceId="dev-1", Version="1.0""#,
        .contentType: "application/json",
    ]

    @Test func wizardThenSignInThenTokens() async throws {
        try await fixture.test(.media) { client in
            // Before the wizard: public info says so, and the wizard is open without a token.
            try await client.execute(uri: "/System/Info/Public", method: .get) { response in
                let info = try Self.json(response.body)
                #expect(info["StartupWizardCompleted"] as? Bool == false)
            }
            try await client.execute(uri: "/Startup/Complete", method: .post) { response in
                #expect(response.status == .badRequest)  // no user yet
            }
            try await client.execute(uri: "/Startup/User", method: .post, headers: Self.device, body: ByteBuffer(string: #"{"Name":"alice","Password":"s3cret"}"#)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/startup/complete", method: .post) { response in
                #expect(response.status == .noContent)
            }
            // After it: closed to anonymous callers.
            try await client.execute(uri: "/Startup/User", method: .get) { response in
                #expect(response.status == .unauthorized)
            }

            // jellyfin-apiclient-python sends "username" in lower case: ASP.NET binds names ignoring case.
            try await client.execute(uri: "/Users/AuthenticateByName", method: .post, headers: Self.device, body: ByteBuffer(string: #"{"username":"alice","Pw":"wrong"}"#)) { response in
                #expect(response.status == .unauthorized)
            }
            let (token, userID) = try await client.execute(uri: "/Users/AuthenticateByName", method: .post, headers: Self.device, body: ByteBuffer(string: #"{"username":"Alice","Pw":"s3cret"}"#)) { response in
                #expect(response.status == .ok)
                let result = try Self.json(response.body)
                let user = try #require(result["User"] as? [String: Any])
                #expect(user["Name"] as? String == "alice")
                #expect((user["Policy"] as? [String: Any])?["IsAdministrator"] as? Bool == true)
                #expect(result["ServerId"] as? String == user["ServerId"] as? String)
                #expect((result["SessionInfo"] as? [String: Any])?["DeviceId"] as? String == "dev-1")
                let token = try #require(result["AccessToken"] as? String)
                return (token, try #require(user["Id"] as? String))
            }
            #expect(APIKey.isWellFormed(token) && APIKey.isWellFormed(userID))

            // Every token form Jellyfin accepts.
            let forms: [(String, HTTPFields)] = [
                ("/Users/Me", [.authorization: #"MediaBrowser Client="c", Token="\#(token)""#]),
                ("/Users/Me", [HTTPField.Name("X-Emby-Token")!: token]),
                ("/Users/Me", [HTTPField.Name("X-Emby-Authorization")!: #"MediaBrowser Token="\#(token)""#]),
                ("/Users/Me?ApiKey=\(token)", [:]),
                ("/users/me?api_key=\(token)", [:]),
            ]
            for (uri, headers) in forms {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .ok, "\(uri) \(headers)")
                    let user = try Self.json(response.body)
                    #expect(user["Id"] as? String == userID)
                }
            }
            try await client.execute(uri: "/System/Info?api_key=\(token)", method: .get) { response in
                let info = try Self.json(response.body)
                #expect(info["StartupWizardCompleted"] as? Bool == true)
                #expect(info["ProgramDataPath"] as? String == fixture.server.configuration.configDirectory)
            }
            try await client.execute(uri: "/System/Info", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/Users/\(userID)", method: .get, headers: [HTTPField.Name("X-Emby-Token")!: token]) { response in
                #expect(response.status == .ok)
            }
            // An API key for another program, as Jellyseerr creates one.
            try await client.execute(uri: "/Auth/Keys?App=Jellyseerr", method: .post, headers: [HTTPField.Name("X-Emby-Token")!: token]) { response in
                #expect(response.status == .noContent)
            }
            let apiKey = try await client.execute(uri: "/Auth/Keys", method: .get, headers: [HTTPField.Name("X-Emby-Token")!: token]) { response in
                let page = try Self.json(response.body)
                let items = try #require(page["Items"] as? [[String: Any]])
                #expect(page["TotalRecordCount"] as? Int == 1 && items.first?["AppName"] as? String == "Jellyseerr")
                return try #require(items.first?["AccessToken"] as? String)
            }
            try await client.execute(uri: "/Users?api_key=\(apiKey)", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/Auth/Keys/\(apiKey)", method: .delete, headers: [HTTPField.Name("X-Emby-Token")!: token]) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/Users?api_key=\(apiKey)", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/Sessions/Logout", method: .post, headers: [HTTPField.Name("X-Emby-Token")!: token]) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/Users/Me", method: .get, headers: [HTTPField.Name("X-Emby-Token")!: token]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func usersSurviveARestart() async throws {
        try await fixture.test(.media) { client in
            try await client.execute(uri: "/Startup/User", method: .post, headers: Self.device, body: ByteBuffer(string: #"{"Name":"bob","Password":"pw"}"#)) { _ in }
        }
        let restarted = try await TestServer.reopening(fixture)
        try await restarted.test(.media) { client in
            try await client.execute(uri: "/Users/AuthenticateByName", method: .post, headers: Self.device, body: ByteBuffer(string: #"{"Username":"bob","Pw":"pw"}"#)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func userCreatedFromTheCommandLineCanSignIn() async throws {
        let user = try await MediaUsers.add(configuration: fixture.server.configuration, name: "dave", password: "pw", isAdministrator: false)
        #expect(!user.isAdministrator)
        await #expect(throws: MediaStore.Failure.nameTaken("Dave")) {
            try await MediaUsers.add(configuration: fixture.server.configuration, name: "Dave", password: "x", isAdministrator: false)
        }
        try await fixture.test(.media) { client in
            try await client.execute(uri: "/Users/AuthenticateByName", method: .post, headers: Self.device, body: ByteBuffer(string: #"{"Username":"dave","Pw":"pw"}"#)) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
