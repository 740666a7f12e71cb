import MediaCore
import Testing

struct JellyfinAuthorizationTests {
    @Test(arguments: [
        (#"MediaBrowser Client="Jellyfin Web", Device="Firefox", DeviceId="TW96aWxsYQ", Version="10.10.7", Token="abc123""#,
         JellyfinAuthorization(client: "Jellyfin Web", device: "Firefox", deviceID: "TW96aWxsYQ", version: "10.10.7", token: "abc123")),
        (#"mediabrowser Client="Seerr",Device="Seerr",DeviceId="x",Version="2.7.3""#,
         JellyfinAuthorization(client: "Seerr", device: "Seerr", deviceID: "x", version: "2.7.3")),
        (#"Emby Client=Kodi, Device=Living%20Room, Token=t0k"#,
         JellyfinAuthorization(client: "Kodi", device: "Living Room", token: "t0k")),
        (#"MediaBrowser Client="a, b", Token="""#, JellyfinAuthorization(client: "a, b")),
    ])
    func parsesTheMediaBrowserHeader(header: String, expected: JellyfinAuthorization) {
        #expect(JellyfinAuthorization.parse(header) == expected)
    }

    @Test(arguments: ["Bearer abc", "Basic dXNlcjpwYXNz", "MediaBrowser", ""])
    func otherSchemesAreNotJellyfins(header: String) {
        #expect(JellyfinAuthorization.parse(header) == nil)
    }

    @Test func tokenSourcesInJellyfinsOrder() {
        func auth(_ headers: [String: String], _ query: [String: String] = [:]) -> String? {
            JellyfinAuthorization.from(header: { headers[$0] }, query: { query[$0] }).token
        }
        #expect(auth(["Authorization": #"MediaBrowser Token="h""#, "X-Emby-Token": "e"]) == "h")
        #expect(auth(["X-Emby-Authorization": #"MediaBrowser Client="c", Token="x""#]) == "x")
        #expect(auth(["Authorization": #"MediaBrowser Client="c""#, "X-Emby-Token": "e"]) == "e")
        #expect(auth(["X-MediaBrowser-Token": "m"]) == "m")
        #expect(auth([:], ["ApiKey": "q", "api_key": "old"]) == "q")
        #expect(auth([:], ["api_key": "old"]) == "old")
        #expect(auth(["Authorization": "Bearer zzz"]) == nil)
    }
}

struct PlaybackProgressTests {
    static let minute = 60 * PlaybackProgress.ticksPerSecond

    static let second = PlaybackProgress.ticksPerSecond
    static let cases: [(position: Int64, runtime: Int64?, expected: PlaybackProgress.Outcome)] = [
        // A 40-minute episode.
        (1 * minute, 40 * minute, .reset),  // 2.5 %
        (10 * minute, 40 * minute, .resumable(positionTicks: 10 * minute)),
        (37 * minute, 40 * minute, .played),  // 92.5 %
        (40 * minute - second / 2, 40 * minute, .played),  // within a second of the end
        (45 * minute, 40 * minute, .played),  // past the end is the end
        // A 3-minute short never resumes.
        (1 * minute, 3 * minute, .played),
        (3 * second, 3 * minute, .reset),
        // Unknown length.
        (5 * minute, nil, .resumable(positionTicks: 5 * minute)),
        (0, nil, .reset),
    ]

    @Test(arguments: cases)
    func jellyfinsResumeRules(example: (position: Int64, runtime: Int64?, expected: PlaybackProgress.Outcome)) {
        #expect(PlaybackProgress.outcome(positionTicks: example.position, runtimeTicks: example.runtime) == example.expected)
    }
}

struct JellyfinIdentifierTests {
    @Test(arguments: [
        ("0123456789ABCDEF0123456789abcdef", "0123456789abcdef0123456789abcdef"),
        ("01234567-89ab-cdef-0123-456789abcdef", "0123456789abcdef0123456789abcdef"),
    ])
    func acceptsBothForms(text: String, hex: String) throws {
        let id = try #require(JellyfinIdentifier(text))
        #expect(id.hex == hex)
        #expect(id.dashed == "01234567-89ab-cdef-0123-456789abcdef")
    }

    @Test(arguments: ["", "0123", "0123456789abcdef0123456789abcdeg", "0123456789abcdef-0123-456789abcdef0", "01234567-89abc-def0-123-456789abcdef"])
    func rejectsOthers(text: String) {
        #expect(JellyfinIdentifier(text) == nil)
    }
}

struct PasswordHashTests {
    @Test func verifiesTheRightPasswordOnly() throws {
        let stored = try PasswordHash.make(password: "correct horse", iterations: 1000)
        #expect(stored.verify("correct horse"))
        #expect(!stored.verify("correct horsE"))
        #expect(!stored.verify(""))
        let reread = try PasswordHash(parsing: stored.description)
        #expect(reread == stored && reread.verify("correct horse"))
        #expect(try PasswordHash.make(password: "correct horse", iterations: 1000).salt != stored.salt)
    }

    @Test func knownVector() throws {
        // PBKDF2-HMAC-SHA512("password", "salt", 1000, 64), computed with python3's hashlib.pbkdf2_hmac.
        let text = "$PBKDF2-SHA512$iterations=1000$73616c74$afe6c5530785b6cc6b1c6453384731bd5ee432ee549fd42fb6695779ad8a1c5bf59de69c48f774efc4007d5298f9033c0241d5ab69305e7b64eceeb8d834cfec"
        #expect(try PasswordHash(parsing: text).verify("password"))
    }

    @Test(arguments: ["", "$PBKDF2-SHA512$iterations=210000$zz$00", "$PBKDF2-SHA256$iterations=1000$00$00", "plain", "$PBKDF2-SHA512$iterations=10$00$" + String(repeating: "0", count: 128)])
    func malformedHashesAreRefused(text: String) {
        #expect(throws: PasswordHash.Failure.self) { try PasswordHash(parsing: text) }
    }
}
