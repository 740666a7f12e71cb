import Foundation
import Testing

@testable import ServarrCore

@Test func sonarrNamingDefaultsInItsJSONShape() throws {
    let data = try JSONEncoder().encode(NamingConfig.defaults(for: .sonarr))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["renameEpisodes"] as? Bool == false)
    #expect(json["replaceIllegalCharacters"] as? Bool == true)
    #expect(json["colonReplacementFormat"] as? Int == 4)
    #expect(json["customColonReplacementFormat"] as? String == "")
    #expect(json["multiEpisodeStyle"] as? Int == 5)
    #expect(json["standardEpisodeFormat"] as? String == "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}")
    #expect(json["dailyEpisodeFormat"] as? String == "{Series Title} - {Air-Date} - {Episode Title} {Quality Full}")
    #expect(json["seriesFolderFormat"] as? String == "{Series Title}")
    #expect(json["seasonFolderFormat"] as? String == "Season {season}")
    #expect(json["specialsFolderFormat"] as? String == "Specials")
    #expect(json["id"] as? Int == 1)
    #expect(json["renameMovies"] == nil)
}

@Test func radarrNamingDefaultsInItsJSONShape() throws {
    let data = try JSONEncoder().encode(NamingConfig.defaults(for: .radarr))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["renameMovies"] as? Bool == false)
    #expect(json["colonReplacementFormat"] as? String == "smart")
    #expect(json["standardMovieFormat"] as? String == "{Movie Title} ({Release Year}) {Quality Full}")
    #expect(json["movieFolderFormat"] as? String == "{Movie Title} ({Release Year})")
    #expect(json["renameEpisodes"] == nil)
}

@Test(arguments: [
    (#"{"renameEpisodes":true,"colonReplacementFormat":5,"customColonReplacementFormat":" -","multiEpisodeStyle":3}"#,
     ServarrApp.sonarr, ColonReplacement.custom(" -"), MultiEpisodeStyle.scene, true),
    (#"{"renameMovies":true,"colonReplacementFormat":"spaceDashSpace"}"#, .radarr, .spaceDashSpace, .prefixedRange, true),
    (#"{"colonReplacementFormat":0}"#, .sonarr, .delete, .prefixedRange, false),
])
func namingConfigDecodesEitherShape(
    _ json: String, _ app: ServarrApp, _ colon: ColonReplacement, _ style: MultiEpisodeStyle, _ rename: Bool
) throws {
    let config = try JSONDecoder().decode(NamingConfig.self, from: Data(json.utf8))
    #expect(config.app == app)
    #expect(config.colonReplacement == colon)
    #expect(config.multiEpisodeStyle == style)
    #expect(config.rename == rename)
    let again = try JSONDecoder().decode(NamingConfig.self, from: JSONEncoder().encode(config))
    #expect(again == config)
}

@Test func namingConfigReportsBadFormats() {
    var config = NamingConfig.defaults(for: .sonarr)
    #expect(config.validationIssues().isEmpty)
    config.standardEpisodeFormat = "{Series Title"
    config.seasonFolderFormat = "Season {Seasn}"
    #expect(config.validationIssues().map(\.propertyName) == ["StandardEpisodeFormat", "SeasonFolderFormat"])
}

@Test func namingDefaultsRenderTheWikiSample() throws {
    let config = NamingConfig.defaults(for: .sonarr)
    let name = try NamingTemplate(config.standardEpisodeFormat).render(namingSampleEpisode, options: config.options)
    #expect(name == "The Series Title's! - S01E01 - Episode Title (1) HDTV-720p Proper")
}

@Test(arguments: [
    ("{Series Title}", "The Series Title's!"),
    ("{Series TitleYear} [tvdbid-{TvdbId}]", "The Series Title's! (2010) [tvdbid-1234]"),
    ("{Series CleanTitleWithoutYear} {(Series Year)}", "The Series Titles! (2010)"),
    ("{Series Title", "The Series Title's!"),
])
func seriesFolders(_ format: String, _ expected: String) {
    var config = NamingConfig.defaults(for: .sonarr)
    config.seriesFolderFormat = format
    #expect(FolderNaming.seriesFolder(title: "The Series Title's!", year: 2010, tvdbId: 1234, config: config) == expected)
}

@Test(arguments: [
    ("{Movie Title} ({Release Year})", "Star Wars - Episode IV (1977)"),
    ("{Movie CleanTitle} ({Release Year}) [tmdbid-{TmdbId}]", "Star Wars Episode IV (1977) [tmdbid-11]"),
    ("{Movie TitleYear} {ImdbId}", "Star Wars - Episode IV (1977) tt0076759"),
    ("{Movie TitleYear} {imdb-{ImdbId}}", "Star Wars - Episode IV (1977)"),
])
func movieFolders(_ format: String, _ expected: String) {
    var config = NamingConfig.defaults(for: .radarr)
    config.movieFolderFormat = format
    let folder = FolderNaming.movieFolder(title: "Star Wars: Episode IV", year: 1977, tmdbId: 11, imdbId: "tt0076759", config: config)
    #expect(folder == expected)
}

@Test(arguments: [(1, "Season 1"), (12, "Season 12"), (0, "Specials")])
func seasonFolders(_ season: Int, _ expected: String) {
    #expect(FolderNaming.seasonFolder(season: season, config: .defaults(for: .sonarr)) == expected)
}

@Test func folderFormatsCannotNest() {
    var config = NamingConfig.defaults(for: .sonarr)
    config.seriesFolderFormat = "{Series Title}/{Series Year}"
    #expect(!FolderNaming.seriesFolder(title: "X", year: 2001, tvdbId: nil, config: config).contains("/"))
}

@Test(arguments: [
    (ServarrApp.sonarr, "standard", "{Series Title} - {Episode Title}", "StandardEpisodeFormat"),
    (.sonarr, "standard", "{Original Title}", nil),
    (.sonarr, "daily", "{Series Title} - {Episode Title}", "DailyEpisodeFormat"),
    (.sonarr, "daily", "{Series Title} - {Air-Date}", nil),
    (.sonarr, "anime", "{Series Title} - {absolute:000}", nil),
    (.sonarr, "anime", "{Series Title}", "AnimeEpisodeFormat"),
    (.sonarr, "seriesFolder", "Shows", "SeriesFolderFormat"),
    (.sonarr, "seasonFolder", "Season", "SeasonFolderFormat"),
    (.radarr, "movie", "{Release Year}", "StandardMovieFormat"),
    (.radarr, "movieFolder", "{Movie CleanTitle} ({Release Year})", nil),
    (.radarr, "movieFolder", "{Release Year}", "MovieFolderFormat"),
] as [(ServarrApp, String, String, String?)])
func namingFormatsMustSayWhatTheyName(_ app: ServarrApp, _ which: String, _ format: String, _ property: String?) {
    var config = NamingConfig.defaults(for: app)
    switch which {
    case "standard": config.standardEpisodeFormat = format
    case "daily": config.dailyEpisodeFormat = format
    case "anime": config.animeEpisodeFormat = format
    case "seriesFolder": config.seriesFolderFormat = format
    case "seasonFolder": config.seasonFolderFormat = format
    case "movie": config.standardMovieFormat = format
    default: config.movieFolderFormat = format
    }
    #expect(config.validationIssues().map(\.propertyName) == (property.map { [$0] } ?? []))
}

@Test func namingConfigDecodesTheAppGivenInUserInfo() throws {
    let decoder = JSONDecoder()
    decoder.userInfo[NamingConfig.appUserInfoKey] = ServarrApp.radarr
    let config = try decoder.decode(NamingConfig.self, from: Data(#"{"replaceIllegalCharacters":false}"#.utf8))
    #expect(config.app == .radarr)
    #expect(config.replaceIllegalCharacters == false)
    #expect(config.movieFolderFormat == "{Movie Title} ({Release Year})")
}

@Test func foldersWithoutAYearDropTheEmptyParentheses() {
    let folder = FolderNaming.movieFolder(title: "Unknown Film", year: nil, tmdbId: nil, imdbId: nil, config: .defaults(for: .radarr))
    #expect(folder == "Unknown Film")
}

@Test func titlesTruncateLikeEpisodeTitles() throws {
    let template = try NamingTemplate("{Movie Title:10} ({Release Year})")
    #expect(template.render(NamingValues(movieTitle: "An Extremely Long Movie Title", movieYear: 2010)) == "An Extr... (2010)")
    // At the end of a name the dots go, as trailing dots always do.
    #expect(try NamingTemplate("{Movie Title:10}").render(NamingValues(movieTitle: "An Extremely Long Movie Title")) == "An Extr")
}
