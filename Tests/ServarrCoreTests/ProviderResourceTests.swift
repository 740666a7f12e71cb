import Foundation
import Testing

@testable import ServarrCore

/// A POST body as Prowlarr's app sync writes it (a subset of fields, name/value/type/advanced).
let prowlarrTorznabPostBody = """
    {"id":0,"enableRss":true,"enableAutomaticSearch":true,"enableInteractiveSearch":false,"priority":25,
     "name":"MyIndexer (Prowlarr)","implementation":"Torznab","configContract":"TorznabSettings","tags":[],
     "fields":[
      {"name":"baseUrl","value":"http://127.0.0.1:9696/1/","type":"textbox","advanced":false},
      {"name":"apiPath","value":"/api","type":"textbox","advanced":true},
      {"name":"apiKey","value":"0123456789abcdef0123456789abcdef","type":"textbox","advanced":false},
      {"name":"categories","value":[5030,5040],"type":"select","advanced":false},
      {"name":"animeCategories","value":[5070],"type":"select","advanced":false},
      {"name":"animeStandardFormatSearch","value":true,"type":"checkbox","advanced":false},
      {"name":"minimumSeeders","value":1,"type":"number","advanced":true},
      {"name":"seedCriteria.seedRatio","value":1.5,"type":"number","advanced":false},
      {"name":"seedCriteria.seedTime","value":4320,"type":"number","advanced":true},
      {"name":"seedCriteria.seasonPackSeedTime","type":"number","advanced":true},
      {"name":"rejectBlocklistedTorrentHashesWhileGrabbing","value":false,"type":"checkbox","advanced":true},
      {"name":"somethingProwlarrInvented","value":"x"}
     ]}
    """

func decodeProviderResource(_ json: String) throws -> ProviderResource {
    try JSONDecoder().decode(ProviderResource.self, from: Data(json.utf8))
}

@Test func prowlarrPostValidatesAndIsCompletedFromTheTemplate() throws {
    let posted = try decodeProviderResource(prowlarrTorznabPostBody)
    let stored = try ProviderResource.validated(posted, kind: .indexer, app: .sonarr).get()
    #expect(stored.name == "MyIndexer (Prowlarr)")
    #expect(stored.string("baseUrl") == "http://127.0.0.1:9696/1/")
    #expect(stored.ints("categories") == [5030, 5040])
    #expect(stored.ints("animeCategories") == [5070])
    #expect(stored.bool("animeStandardFormatSearch") == true)
    #expect(stored.double("seedCriteria.seedRatio") == 1.5)
    #expect(stored.int("seedCriteria.seedTime") == 4320)
    #expect(stored.field(named: "seedCriteria.seasonPackSeedTime") == nil)
    // Fields Prowlarr did not send keep the template's defaults; unknown ones are dropped.
    #expect(stored.field(named: "failDownloads") == .array([]))
    #expect(stored.field(named: "somethingProwlarrInvented") == nil)
    #expect(stored.fields.map(\.name) == IndexerSchemas.torznab(for: .sonarr).fields.map(\.name))
    // Top-level keys: the client's where sent, the template's otherwise; read-only ones from the template.
    #expect(stored.extraBool("enableInteractiveSearch") == false)
    #expect(stored.extraString("protocol") == "torrent")
    #expect(stored.extraInt("seasonSearchMaximumSingleEpisodeAge") == 0)
    #expect(stored.presets == nil)
}

@Test func providerResourceRoundTripsThroughJSON() throws {
    let posted = try decodeProviderResource(prowlarrTorznabPostBody)
    let stored = try ProviderResource.validated(posted, kind: .indexer, app: .sonarr).get()
    let data = try JSONEncoder().encode(stored)
    let decoded = try JSONDecoder().decode(ProviderResource.self, from: data)
    #expect(decoded == stored)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["enableRss"] as? Bool == true)
    #expect(json["implementation"] as? String == "Torznab")
}

@Test(arguments: [
    ("null", ProviderValue.null), ("true", .bool(true)), ("42", .int(42)), ("1.5", .double(1.5)),
    ("\"text\"", .string("text")), ("[1,\"a\",null]", .array([.int(1), .string("a"), .null])),
    ("{\"a\":{\"b\":[false]}}", .object(["a": .object(["b": .array([.bool(false)])])])),
])
func providerValueDecodesAndEncodesAnyJSON(_ json: String, _ expected: ProviderValue) throws {
    let decoded = try JSONDecoder().decode(ProviderValue.self, from: Data(json.utf8))
    #expect(decoded == expected)
    let again = try JSONDecoder().decode(ProviderValue.self, from: JSONEncoder().encode(decoded))
    #expect(again == expected)
}

@Test(arguments: [
    (ProviderValue.array([.int(5030), .string("5040")]), [5030, 5040] as [Int]?),
    (.string("5030, 5040"), [5030, 5040]),
    (.array([.string("tv")]), nil),
    (.bool(true), nil),
])
func providerValueReadsCategoryLists(_ value: ProviderValue, _ expected: [Int]?) {
    #expect(value.ints == expected)
}

struct ProviderValidationCase: Sendable, CustomTestStringConvertible {
    var label: String
    var app: ServarrApp = .sonarr
    var kind: ProviderKind
    var json: String
    var propertyNames: [String]
    var testDescription: String { label }
}

func indexerBodyJSON(name: String = "Idx", implementation: String = "Torznab", fields: String, extra: String = "") -> String {
    """
    {"name":"\(name)","implementation":"\(implementation)","configContract":"TorznabSettings",\(extra)"fields":[\(fields)]}
    """
}

let providerValidationCases: [ProviderValidationCase] = [
    ProviderValidationCase(label: "unknown implementation", kind: .indexer,
        json: indexerBodyJSON(implementation: "Jackett", fields: ""), propertyNames: ["Implementation"]),
    ProviderValidationCase(label: "missing implementation", kind: .indexer,
        json: #"{"name":"x","fields":[]}"#, propertyNames: ["Implementation"]),
    ProviderValidationCase(label: "missing name", kind: .indexer,
        json: indexerBodyJSON(name: " ", fields: #"{"name":"baseUrl","value":"http://a/"}"#), propertyNames: ["Name"]),
    ProviderValidationCase(label: "base url without scheme", kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"prowlarr:9696/1/"}"#), propertyNames: ["BaseUrl"]),
    ProviderValidationCase(label: "base url ftp", kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"ftp://host/"}"#), propertyNames: ["BaseUrl"]),
    ProviderValidationCase(label: "empty base url", kind: .indexer, json: indexerBodyJSON(fields: ""), propertyNames: ["BaseUrl"]),
    ProviderValidationCase(label: "api path without slash", kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"http://a/"},{"name":"apiPath","value":"api"}"#),
        propertyNames: ["ApiPath"]),
    ProviderValidationCase(label: "categories not numbers", kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"http://a/"},{"name":"categories","value":["tv"]}"#),
        propertyNames: ["Categories"]),
    ProviderValidationCase(label: "no categories at all", kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"http://a/"},{"name":"categories","value":[]}"#),
        propertyNames: [""]),
    ProviderValidationCase(label: "radarr needs categories", app: .radarr, kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"http://a/"},{"name":"categories","value":[]}"#),
        propertyNames: [""]),
    ProviderValidationCase(label: "seed ratio not a number", kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"http://a/"},{"name":"seedCriteria.seedRatio","value":"lots"}"#),
        propertyNames: ["SeedCriteria.SeedRatio"]),
    ProviderValidationCase(label: "additional parameters", kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"http://a/"},{"name":"additionalParameters","value":"foo"}"#),
        propertyNames: ["AdditionalParameters"]),
    ProviderValidationCase(label: "priority out of range", kind: .indexer,
        json: indexerBodyJSON(fields: #"{"name":"baseUrl","value":"http://a/"}"#, extra: #""priority":51,"#),
        propertyNames: ["Priority"]),
    ProviderValidationCase(label: "transmission without host", kind: .downloadClient,
        json: #"{"name":"T","implementation":"Transmission","fields":[{"name":"host","value":""}]}"#,
        propertyNames: ["Host"]),
    ProviderValidationCase(label: "transmission host with scheme", kind: .downloadClient,
        json: #"{"name":"T","implementation":"Transmission","fields":[{"name":"host","value":"http://localhost"}]}"#,
        propertyNames: ["Host"]),
    ProviderValidationCase(label: "transmission port zero", kind: .downloadClient,
        json: #"{"name":"T","implementation":"Transmission","fields":[{"name":"port","value":0}]}"#,
        propertyNames: ["Port"]),
    ProviderValidationCase(label: "transmission port too big", kind: .downloadClient,
        json: #"{"name":"T","implementation":"Transmission","fields":[{"name":"port","value":"70000"}]}"#,
        propertyNames: ["Port"]),
    ProviderValidationCase(label: "transmission category characters", kind: .downloadClient,
        json: #"{"name":"T","implementation":"Transmission","fields":[{"name":"tvCategory","value":"tv sonarr!"}]}"#,
        propertyNames: ["TvCategory"]),
    ProviderValidationCase(label: "transmission category and directory", app: .radarr, kind: .downloadClient,
        json: #"{"name":"T","implementation":"Transmission","fields":[{"name":"movieDirectory","value":"/data/movies"}]}"#,
        propertyNames: ["MovieCategory"]),
    ProviderValidationCase(label: "jellyfin without api key", kind: .notification,
        json: #"{"name":"J","implementation":"MediaBrowser","fields":[{"name":"host","value":"jellyfin"}]}"#,
        propertyNames: ["ApiKey"]),
    ProviderValidationCase(label: "jellyfin without host", kind: .notification,
        json: #"{"name":"J","implementation":"MediaBrowser","fields":[{"name":"apiKey","value":"k"}]}"#,
        propertyNames: ["Host"]),
]

@Test(arguments: providerValidationCases)
func invalidResourcesAnswerWithThePropertyName(_ testCase: ProviderValidationCase) throws {
    let resource = try decodeProviderResource(testCase.json)
    switch ProviderResource.validated(resource, kind: testCase.kind, app: testCase.app) {
    case .success:
        Issue.record("expected a validation failure")
    case .failure(let failure):
        #expect(failure.issues.map(\.propertyName) == testCase.propertyNames)
        #expect(failure.issues.allSatisfy { !$0.errorMessage.isEmpty })
    }
}

@Test(arguments: [
    (ProviderKind.downloadClient, #"{"name":"Transmission","implementation":"transmission","fields":[{"name":"host","value":"127.0.0.1"},{"name":"port","value":"9091"},{"name":"password","value":"s3cret"}]}"#),
    (.notification, #"{"name":"Jellyfin","implementation":"MediaBrowser","onDownload":true,"fields":[{"name":"host","value":"127.0.0.1"},{"name":"apiKey","value":"k"}]}"#),
    (.indexer, #"{"name":"Usenet","implementation":"Newznab","fields":[{"name":"baseUrl","value":"https://indexer.example/"},{"name":"categories","value":"5030,5040"}]}"#),
])
func validResourcesPass(_ kind: ProviderKind, _ json: String) throws {
    let resource = try decodeProviderResource(json)
    let stored = try ProviderResource.validated(resource, kind: kind, app: .sonarr).get()
    #expect(stored.implementationName != nil)
    if kind == .downloadClient {
        #expect(stored.implementation == "Transmission")
        #expect(stored.int("port") == 9091)
        #expect(stored.extraInt("priority") == 1)
        #expect(stored.string("tvCategory") == "tv-sonarr")
    }
    if kind == .notification {
        #expect(stored.extraBool("onDownload") == true)
        #expect(stored.extraBool("onGrab") == false)
        #expect(stored.bool("updateLibrary") == true)
    }
    if kind == .indexer { #expect(stored.ints("categories") == [5030, 5040]) }
}

@Test func secretsAreMaskedOnReadAndKeptOnUpdate() throws {
    let posted = try decodeProviderResource(prowlarrTorznabPostBody)
    let stored = try ProviderResource.validated(posted, kind: .indexer, app: .sonarr).get()
    let shown = stored.masked()
    #expect(shown.string("apiKey") == "********")
    #expect(shown.string("baseUrl") == stored.string("baseUrl"))

    // A PUT that sends the mask back keeps the stored key...
    var update = shown
    update.name = "Renamed"
    let merged = update.merging(secretsFrom: stored)
    #expect(merged.string("apiKey") == "0123456789abcdef0123456789abcdef")
    #expect(merged.name == "Renamed")
    // ...and one that sends a new key replaces it.
    update.setField("apiKey", to: "newkey")
    #expect(update.merging(secretsFrom: stored).string("apiKey") == "newkey")

    let client = try ProviderResource.validated(
        decodeProviderResource(#"{"name":"T","implementation":"Transmission","fields":[{"name":"password","value":"pw"},{"name":"username","value":"me"}]}"#),
        kind: .downloadClient, app: .radarr
    ).get()
    #expect(client.masked().string("password") == "********")
    #expect(client.masked().string("username") == "me")
    #expect(client.masked().merging(secretsFrom: client) == client)
}

@Test func emptySecretsStayEmptyWhenMasked() {
    let template = IndexerSchemas.torznab(for: .sonarr)
    #expect(template.masked().field(named: "apiKey") == nil)
}
