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
