import Foundation
import Testing

@testable import ServarrCore

@Test(arguments: [
    (ServarrApp.sonarr, "RefreshSeries", "Refresh Series"),
    (.sonarr, "RescanSeries", "Rescan Series"),
    (.sonarr, "MissingEpisodeSearch", "Missing Episode Search"),
    (.sonarr, "DownloadedEpisodesScan", "Downloaded Episodes Scan"),
    (.sonarr, "SeasonSearch", "Season Search"),
    (.sonarr, "EpisodeSearch", "Episode Search"),
    (.sonarr, "SeriesSearch", "Series Search"),
    (.sonarr, "RssSync", "Rss Sync"),
    (.sonarr, "RenameFiles", "Rename Files"),
    (.radarr, "RefreshMovie", "Refresh Movie"),
    (.radarr, "RescanMovie", "Rescan Movie"),
    (.radarr, "MoviesSearch", "Movies Search"),
    (.radarr, "MissingMoviesSearch", "Missing Movies Search"),
])
func catalogNamesCommandsAsTheOriginals(_ app: ServarrApp, _ name: String, _ commandName: String) {
    #expect(CommandCatalog.known(for: app)[name] == commandName)
}

@Test(arguments: [
    (ServarrApp.sonarr, "ApplicationUpdate"), (.sonarr, "RefreshMovie"), (.radarr, "RefreshSeries"), (.radarr, "Nope"),
])
func catalogRefusesOtherCommands(_ app: ServarrApp, _ name: String) {
    #expect(CommandCatalog.known(for: app)[name] == nil)
    #expect(CommandCatalog.lookup(name, app: app) == nil)
}

@Test func catalogLookupIgnoresCase() throws {
    let found = try #require(CommandCatalog.lookup("rescanseries", app: .sonarr))
    #expect(found.name == "RescanSeries")
    #expect(found.commandName == "Rescan Series")
}

@Test func commandLifecycleAndJSONShape() throws {
    let request: [String: ProviderValue] = ["name": "rescanSeries", "seriesId": 7]
    let queued = try #require(CommandResource.queued(id: 3, request: request, app: .sonarr, at: "2026-12-07T23:00:00Z"))
    #expect(queued.name == "RescanSeries")
    #expect(queued.status == "queued")
    #expect(queued.result == "unknown")
    #expect(queued.body["seriesId"] == 7)
    #expect(queued.body["name"] == "RescanSeries")
    #expect(queued.trigger == "manual")
    #expect(queued.stateChangeTime == "2026-12-07T23:00:00Z")

    let done = queued.started(at: "2026-12-07T23:00:01Z")
        .finished(at: "2026-12-07T23:00:02.5Z", durationSeconds: 1.5, successful: true)
    #expect(done.status == "completed")
    #expect(done.result == "successful")
    #expect(done.message == "Completed")
    #expect(done.duration == "00:00:01.5000000")
    #expect(done.started == "2026-12-07T23:00:01Z")

    let data = try JSONEncoder().encode(done)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["commandName"] as? String == "Rescan Series")
    #expect((json["body"] as? [String: Any])?["seriesId"] as? Int == 7)
    #expect(json["sendUpdatesToClient"] as? Bool == true)
    #expect(try JSONDecoder().decode(CommandResource.self, from: data) == done)

    let failed = queued.finished(at: "t", durationSeconds: 0, successful: false, message: "Series 7 not found")
    #expect(failed.status == "failed")
    #expect(failed.result == "unsuccessful")
    #expect(failed.message == "Series 7 not found")
}

@Test func unknownCommandsAreNotQueued() {
    #expect(CommandResource.queued(id: 1, request: ["name": "ApplicationUpdate"], app: .sonarr, at: "t") == nil)
    #expect(CommandResource.queued(id: 1, request: [:], app: .sonarr, at: "t") == nil)
}

@Test(arguments: [
    (0.0, "00:00:00"), (1.2345678, "00:00:01.2345678"), (61, "00:01:01"), (3661.5, "01:01:01.5000000"),
    (90061, "1.01:01:01"),
])
func durationsAreWrittenAsDotNetTimeSpans(_ seconds: Double, _ expected: String) {
    #expect(CommandResource.timeSpan(seconds: seconds) == expected)
}
