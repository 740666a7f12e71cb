import Foundation
import Testing

@testable import ServarrCore

/// Field names in order, as `GET /api/v3/<kind>/schema` lists them in the originals.
struct ProviderSchemaCase: Sendable, CustomTestStringConvertible {
    var app: ServarrApp
    var kind: ProviderKind
    var implementation: String
    var configContract: String
    var fieldNames: [String]
    var extra: [String: ProviderValue]
    var testDescription: String { "\(app) \(implementation)" }
}

let providerSchemaCases: [ProviderSchemaCase] = [
    ProviderSchemaCase(
        app: .sonarr, kind: .indexer, implementation: "Newznab", configContract: "NewznabSettings",
        fieldNames: ["baseUrl", "apiPath", "apiKey", "categories", "animeCategories", "animeStandardFormatSearch",
                     "additionalParameters", "multiLanguages", "failDownloads"],
        extra: ["protocol": "usenet", "priority": 25, "enableRss": true, "supportsSearch": true,
                "seasonSearchMaximumSingleEpisodeAge": 0, "downloadClientId": 0]),
    ProviderSchemaCase(
        app: .sonarr, kind: .indexer, implementation: "Torznab", configContract: "TorznabSettings",
        fieldNames: ["baseUrl", "apiPath", "apiKey", "categories", "animeCategories", "animeStandardFormatSearch",
                     "additionalParameters", "multiLanguages", "failDownloads", "minimumSeeders",
                     "seedCriteria.seedRatio", "seedCriteria.seedTime", "seedCriteria.seasonPackSeedTime",
                     "rejectBlocklistedTorrentHashesWhileGrabbing"],
        extra: ["protocol": "torrent", "priority": 25, "enableAutomaticSearch": true, "enableInteractiveSearch": true,
                "supportsRss": true]),
    ProviderSchemaCase(
        app: .radarr, kind: .indexer, implementation: "Newznab", configContract: "NewznabSettings",
        fieldNames: ["baseUrl", "apiPath", "apiKey", "categories", "additionalParameters", "multiLanguages",
                     "failDownloads", "removeYear"],
        extra: ["protocol": "usenet", "priority": 25, "downloadClientId": 0]),
    ProviderSchemaCase(
        app: .radarr, kind: .indexer, implementation: "Torznab", configContract: "TorznabSettings",
        fieldNames: ["baseUrl", "apiPath", "apiKey", "categories", "additionalParameters", "multiLanguages",
                     "failDownloads", "removeYear", "minimumSeeders", "seedCriteria.seedRatio",
                     "seedCriteria.seedTime", "rejectBlocklistedTorrentHashesWhileGrabbing", "requiredFlags"],
        extra: ["protocol": "torrent", "priority": 25]),
    ProviderSchemaCase(
        app: .sonarr, kind: .downloadClient, implementation: "Transmission", configContract: "TransmissionSettings",
        fieldNames: ["host", "port", "useSsl", "urlBase", "username", "password", "tvCategory", "tvDirectory",
                     "recentTvPriority", "olderTvPriority", "addPaused"],
        extra: ["enable": true, "protocol": "torrent", "priority": 1, "removeCompletedDownloads": true,
                "removeFailedDownloads": true]),
    ProviderSchemaCase(
        app: .radarr, kind: .downloadClient, implementation: "Transmission", configContract: "TransmissionSettings",
        fieldNames: ["host", "port", "useSsl", "urlBase", "username", "password", "movieCategory", "movieDirectory",
                     "recentMoviePriority", "olderMoviePriority", "addPaused"],
        extra: ["enable": true, "protocol": "torrent", "priority": 1]),
    ProviderSchemaCase(
        app: .sonarr, kind: .notification, implementation: "MediaBrowser", configContract: "MediaBrowserSettings",
        fieldNames: ["host", "port", "useSsl", "urlBase", "apiKey", "notify", "updateLibrary", "mapFrom", "mapTo"],
        extra: ["onGrab": false, "onDownload": false, "onSeriesDelete": false, "onHealthIssue": false,
                "includeHealthWarnings": false, "supportsOnDownload": true, "supportsOnGrab": false,
                "supportsOnRename": true]),
    ProviderSchemaCase(
        app: .radarr, kind: .notification, implementation: "MediaBrowser", configContract: "MediaBrowserSettings",
        fieldNames: ["host", "port", "useSsl", "urlBase", "apiKey", "notify", "updateLibrary", "mapFrom", "mapTo"],
        extra: ["onMovieDelete": false, "supportsOnMovieDelete": true, "onUpgrade": false]),
]

@Test(arguments: providerSchemaCases)
func templateMatchesTheOriginalsSchema(_ testCase: ProviderSchemaCase) throws {
    let template = try #require(
        ProviderResource.template(implementation: testCase.implementation, kind: testCase.kind, app: testCase.app))
    #expect(template.implementation == testCase.implementation)
    #expect(template.configContract == testCase.configContract)
    #expect(template.fields.map(\.name) == testCase.fieldNames)
    #expect(template.fields.map(\.order) == Array(0..<testCase.fieldNames.count))
    #expect(template.presets == [])
    #expect(template.tags == [])
    for (key, value) in testCase.extra {
        #expect(template.extra[key] == value, "\(key)")
    }
    // Every field carries a type and privacy, as the originals' schema builder writes them.
    #expect(template.fields.allSatisfy { !$0.type.isEmpty && $0.privacy != nil })
}

struct ProviderFieldDefaultCase: Sendable, CustomTestStringConvertible {
    var app: ServarrApp
    var kind: ProviderKind
    var implementation: String
    var field: String
    var value: ProviderValue?
    var type: String
    var privacy: String
    var testDescription: String { "\(app) \(implementation).\(field)" }
}

@Test(arguments: [
    ProviderFieldDefaultCase(app: .sonarr, kind: .indexer, implementation: "Torznab", field: "apiPath", value: "/api", type: "textbox", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .indexer, implementation: "Torznab", field: "apiKey", value: nil, type: "textbox", privacy: "apiKey"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .indexer, implementation: "Torznab", field: "categories", value: .ints([5030, 5040]), type: "select", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .indexer, implementation: "Newznab", field: "animeCategories", value: .array([]), type: "select", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .indexer, implementation: "Torznab", field: "animeStandardFormatSearch", value: false, type: "checkbox", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .indexer, implementation: "Torznab", field: "minimumSeeders", value: 1, type: "number", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .indexer, implementation: "Torznab", field: "seedCriteria.seedRatio", value: nil, type: "number", privacy: "normal"),
    ProviderFieldDefaultCase(app: .radarr, kind: .indexer, implementation: "Torznab", field: "categories", value: .ints([2000, 2010, 2020, 2030, 2040, 2045, 2050, 2060]), type: "select", privacy: "normal"),
    ProviderFieldDefaultCase(app: .radarr, kind: .indexer, implementation: "Torznab", field: "requiredFlags", value: .array([]), type: "select", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .downloadClient, implementation: "Transmission", field: "host", value: "localhost", type: "textbox", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .downloadClient, implementation: "Transmission", field: "port", value: 9091, type: "textbox", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .downloadClient, implementation: "Transmission", field: "urlBase", value: "/transmission/", type: "textbox", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .downloadClient, implementation: "Transmission", field: "password", value: nil, type: "password", privacy: "password"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .downloadClient, implementation: "Transmission", field: "tvCategory", value: "tv-sonarr", type: "textbox", privacy: "normal"),
    ProviderFieldDefaultCase(app: .radarr, kind: .downloadClient, implementation: "Transmission", field: "movieCategory", value: "radarr", type: "textbox", privacy: "normal"),
    ProviderFieldDefaultCase(app: .radarr, kind: .downloadClient, implementation: "Transmission", field: "recentMoviePriority", value: 0, type: "select", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .notification, implementation: "MediaBrowser", field: "port", value: 8096, type: "textbox", privacy: "normal"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .notification, implementation: "MediaBrowser", field: "apiKey", value: nil, type: "textbox", privacy: "apiKey"),
    ProviderFieldDefaultCase(app: .sonarr, kind: .notification, implementation: "MediaBrowser", field: "updateLibrary", value: true, type: "checkbox", privacy: "normal"),
])
func templateFieldDefaults(_ testCase: ProviderFieldDefaultCase) throws {
    let template = try #require(
        ProviderResource.template(implementation: testCase.implementation, kind: testCase.kind, app: testCase.app))
    let index = try #require(template.fields.firstIndex { $0.name == testCase.field })
    #expect(template.fields[index].value == testCase.value)
    #expect(template.fields[index].type == testCase.type)
    #expect(template.fields[index].privacy == testCase.privacy)
}

@Test func notificationTemplateIsNamedEmbyJellyfin() throws {
    let template = try #require(NotificationSchemas.templates(for: .sonarr).first)
    #expect(template.implementationName == "Emby / Jellyfin")
}

@Test func schemaEncodesKindKeysFlatAtTheTopLevel() throws {
    let data = try JSONEncoder().encode(IndexerSchemas.templates(for: .sonarr))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    let torznab = try #require(json.first { $0["implementation"] as? String == "Torznab" })
    #expect(torznab["enableRss"] as? Bool == true)
    #expect(torznab["protocol"] as? String == "torrent")
    #expect(torznab["priority"] as? Int == 25)
    #expect(torznab["configContract"] as? String == "TorznabSettings")
    #expect(torznab["extra"] == nil)
    #expect((torznab["presets"] as? [Any])?.isEmpty == true)
    let fields = try #require(torznab["fields"] as? [[String: Any]])
    let apiKey = try #require(fields.first { $0["name"] as? String == "apiKey" })
    #expect(apiKey["privacy"] as? String == "apiKey")
    #expect(apiKey["value"] == nil)
}
