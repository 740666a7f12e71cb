import Testing
import MediaCore

struct EpisodeRow: Sendable, CustomTestStringConvertible {
    let path: String
    let series: String
    var year: Int? = nil
    var season: Int?
    var episodes: [Int] = []
    var absolute: [Int]? = nil
    var airDate: String? = nil
    var ids: [MetadataProvider: String] = [:]
    var testDescription: String { path }
}

let episodeRows: [EpisodeRow] = [
    EpisodeRow(path: "Breaking Bad/Season 01/Breaking Bad - S01E01 - Pilot.mkv", series: "Breaking Bad", season: 1, episodes: [1]),
    EpisodeRow(path: "Breaking Bad (2008)/Season 1/s1e2.mkv", series: "Breaking Bad", year: 2008, season: 1, episodes: [2]),
    EpisodeRow(path: "Doctor Who (2005) [tvdbid-78804]/Series 2/Doctor Who - 2x04 - The Girl in the Fireplace.mkv",
               series: "Doctor Who", year: 2005, season: 2, episodes: [4], ids: [.tvdb: "78804"]),
    EpisodeRow(path: "Friends {tvdb-79168}/S03/Friends.S03E01E02.mkv", series: "Friends", season: 3, episodes: [1, 2], ids: [.tvdb: "79168"]),
    EpisodeRow(path: "Lost/Season 1/Lost - S01E01-E03 - Pilot.mkv", series: "Lost", season: 1, episodes: [1, 2, 3]),
    EpisodeRow(path: "Lost/Season 1/Lost S01E01-E02.mkv", series: "Lost", season: 1, episodes: [1, 2]),
    EpisodeRow(path: "The Expanse [tmdbid-63639]/Season 2/The.Expanse.S02E05.1080p.WEB-DL.DD5.1.H264-GRP.mkv",
               series: "The Expanse", season: 2, episodes: [5], ids: [.tmdb: "63639"]),
    EpisodeRow(path: "Severance/Severance.S02E03.2160p.ATVP.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv", series: "Severance", season: 2, episodes: [3]),
    EpisodeRow(path: "Seinfeld/Specials/Seinfeld - S00E01 - Notes.mkv", series: "Seinfeld", season: 0, episodes: [1]),
    EpisodeRow(path: "Frieren/[SubsPlease] Sousou no Frieren - 05 [1080p].mkv", series: "Frieren", absolute: [5]),
    EpisodeRow(path: "One Piece/[Erai-raws] One Piece - 1071 [1080p][Multiple Subtitle].mkv", series: "One Piece", absolute: [1071]),
    EpisodeRow(path: "Frieren/Season 1/[SubsPlease] Sousou no Frieren - 05 (1080p) [ABCD1234].mkv", series: "Frieren", season: 1, episodes: [5]),
    EpisodeRow(path: "The Daily Show/The Daily Show 2024-03-05.mkv", series: "The Daily Show", airDate: "2024-03-05"),
    EpisodeRow(path: "The Daily Show/Season 2024/The.Daily.Show.2024.03.05.Guest.Name.720p.WEB.h264-GRP.mkv",
               series: "The Daily Show", season: 2024, airDate: "2024-03-05"),
    EpisodeRow(path: "Mad Men/Season 3/03 - My Old Kentucky Home.mkv", series: "Mad Men", season: 3, episodes: [3]),
    EpisodeRow(path: "Mad Men/Season 3/Episode 7.mkv", series: "Mad Men", season: 3, episodes: [7]),
    EpisodeRow(path: "Mad Men/Season 4/E05.mkv", series: "Mad Men", season: 4, episodes: [5]),
    EpisodeRow(path: "The Office (US)/The Office (US) - S05E14.mkv", series: "The Office (US)", season: 5, episodes: [14]),
    EpisodeRow(path: "Dark/Staffel 2/Dark - S02E01 - Anfänge und Enden.mkv", series: "Dark", season: 2, episodes: [1]),
    EpisodeRow(path: "Кухня/Сезон 1/Кухня - S01E03.mkv", series: "Кухня", season: 1, episodes: [3]),
    EpisodeRow(path: "進撃の巨人 (2013)/Season 1/進撃の巨人 S01E01.mkv", series: "進撃の巨人", year: 2013, season: 1, episodes: [1]),
    EpisodeRow(path: "La Casa de Papel/Temporada 1/La Casa de Papel 1x05.mkv", series: "La Casa de Papel", season: 1, episodes: [5]),
    EpisodeRow(path: "Shōgun (2024)/Season 1/Shōgun (2024) - S01E10 - A Dream of a Dream.mkv", series: "Shōgun", year: 2024, season: 1, episodes: [10]),
    EpisodeRow(path: "Sherlock/Season 1/sherlock.s01e01.720p.hdtv.x264-fov.mkv", series: "Sherlock", season: 1, episodes: [1]),
    EpisodeRow(path: "Chernobyl/Chernobyl.Part.1.mkv", series: "Chernobyl", season: 1, episodes: [1]),
    EpisodeRow(path: "Mad Men/Season 3/Mad Men - 3x08-09.mkv", series: "Mad Men", season: 3, episodes: [8, 9]),
    EpisodeRow(path: "Fargo/Season 1/Disc 1/Fargo S01E02.mkv", series: "Fargo", season: 1, episodes: [2]),
    EpisodeRow(path: "Black Mirror/Black Mirror S04E01E02E03.mkv", series: "Black Mirror", season: 4, episodes: [1, 2, 3]),
    EpisodeRow(path: "The Wire - S01E01 - The Target.mkv", series: "The Wire", season: 1, episodes: [1]),
]

@Test(arguments: episodeRows)
func episodePaths(row: EpisodeRow) {
    let identity = LibraryPathParser.identify(row.path, in: .tvshows)
    guard let episode = identity?.episode else {
        Issue.record("no episode for \(row.path): \(String(describing: identity))")
        return
    }
    #expect(episode.seriesName == row.series)
    #expect(episode.seriesYear == row.year)
    #expect(episode.seasonNumber == row.season)
    #expect(episode.episodeNumbers == row.episodes)
    #expect(episode.absoluteEpisodeNumbers == row.absolute)
    #expect(episode.airDate?.description == row.airDate)
    #expect(episode.providerIds == row.ids)
}

/// Files in a TV library that must not become episodes.
@Test(arguments: [
    "Breaking Bad/Extras/Interview.mkv",
    "Breaking Bad/Season 1/Featurettes/Making of S01E01.mkv",
    "Breaking Bad/Behind The Scenes/bts.mkv",
    "Breaking Bad/Season 2/Deleted Scenes/Scene 4.mkv",
    "Breaking Bad/Trailers/Season 1 Trailer.mkv",
    "Breaking Bad/Random Clip.mkv",
])
func notEpisodes(path: String) {
    #expect(LibraryPathParser.identify(path, in: .tvshows)?.episode == nil)
}

@Test func extrasKeepTheirOwnerAndKind() {
    let identity = LibraryPathParser.identify("Breaking Bad (2008)/Season 1/Deleted Scenes/Scene 4.mkv", in: .tvshows)
    #expect(identity?.extra == ExtraIdentity(kind: .deletedScene, title: "Scene 4", ownerFolders: ["Breaking Bad (2008)", "Season 1"]))
}

struct MovieRow: Sendable, CustomTestStringConvertible {
    let path: String
    let title: String
    var year: Int?
    var ids: [MetadataProvider: String] = [:]
    var edition: String? = nil
    var part: Int? = nil
    var testDescription: String { path }
}

let movieRows: [MovieRow] = [
    MovieRow(path: "Inception (2010)/Inception (2010).mkv", title: "Inception", year: 2010),
    MovieRow(path: "The Shawshank Redemption (1994) [imdbid-tt0111161]/The Shawshank Redemption (1994).mkv",
             title: "The Shawshank Redemption", year: 1994, ids: [.imdb: "tt0111161"]),
    MovieRow(path: "Blade Runner (1982) {tmdb-78}/Blade.Runner.1982.Final.Cut.1080p.BluRay.x264-GRP.mkv",
             title: "Blade Runner", year: 1982, ids: [.tmdb: "78"], edition: "Final Cut"),
    MovieRow(path: "Movie.Name.2010.1080p.BluRay.x264-GRP.mkv", title: "Movie Name", year: 2010),
    MovieRow(path: "Heat (1995).mkv", title: "Heat", year: 1995),
    MovieRow(path: "Kill Bill (2003)/Kill Bill (2003) - part1.mkv", title: "Kill Bill", year: 2003, part: 1),
    MovieRow(path: "Kill Bill (2003)/Kill Bill (2003) - part2.mkv", title: "Kill Bill", year: 2003, part: 2),
    MovieRow(path: "Lawrence of Arabia (1962)/Lawrence.of.Arabia.1962.cd1.avi", title: "Lawrence of Arabia", year: 1962, part: 1),
    MovieRow(path: "Ben-Hur (1959)/Ben-Hur (1959) - disc2.mkv", title: "Ben-Hur", year: 1959, part: 2),
    MovieRow(path: "Blade Runner (1982)/Blade Runner (1982) - Director's Cut.mkv", title: "Blade Runner", year: 1982, edition: "Director's Cut"),
    MovieRow(path: "Aliens (1986) {edition-Special Edition}.mkv", title: "Aliens", year: 1986, edition: "Special Edition"),
    MovieRow(path: "Amélie (2001)/Amélie (2001).mkv", title: "Amélie", year: 2001),
    MovieRow(path: "千と千尋の神隠し (2001)/千と千尋の神隠し (2001).mkv", title: "千と千尋の神隠し", year: 2001),
    MovieRow(path: "Léon (1994)/Leon.The.Professional.1994.1080p.BluRay.mkv", title: "Léon", year: 1994),
    MovieRow(path: "Collections/Alien/Alien (1979)/Alien.1979.mkv", title: "Alien", year: 1979),
    MovieRow(path: "The.Matrix.1999.2160p.UHD.BluRay.x265-GRP/the.matrix.1999.2160p.uhd.bluray.x265-grp.mkv", title: "The Matrix", year: 1999),
    MovieRow(path: "Avatar (2009)/BDMV/STREAM/00800.m2ts", title: "Avatar", year: 2009),
    MovieRow(path: "Home Movie Night/movie.mkv", title: "Home Movie Night"),
    MovieRow(path: "1917 (2019)/1917 (2019).mkv", title: "1917", year: 2019),
    MovieRow(path: "Blade Runner 2049 (2017) [tmdbid-335984]/Blade Runner 2049.mkv", title: "Blade Runner 2049", year: 2017, ids: [.tmdb: "335984"]),
]

@Test(arguments: movieRows)
func moviePaths(row: MovieRow) {
    guard let movie = LibraryPathParser.identify(row.path, in: .movies)?.movie else {
        Issue.record("no movie for \(row.path)")
        return
    }
    #expect(movie.title == row.title)
    #expect(movie.year == row.year)
    #expect(movie.providerIds == row.ids)
    #expect(movie.edition == row.edition)
    #expect(movie.partNumber == row.part)
}

@Test(arguments: [
    ("Inception (2010)/Trailers/Inception Trailer.mkv", ExtraKind.trailer),
    ("Inception (2010)/Inception (2010)-trailer.mkv", .trailer),
    ("Inception (2010)/Featurettes/Dreams.mkv", .featurette),
    ("Inception (2010)/Behind The Scenes/Making.mkv", .behindTheScenes),
    ("Inception (2010)/Extras/Interview.mkv", .unknown),
])
func movieExtras(path: String, kind: ExtraKind) {
    #expect(LibraryPathParser.identify(path, in: .movies)?.extra?.kind == kind)
}

@Test(arguments: [
    ("2023/Summer in Lisbon/IMG_0042.MOV", "IMG_0042", ["2023", "Summer in Lisbon"]),
    ("Other/Birthday 🎂.mp4", "Birthday 🎂", ["Other"]),
    ("clip.mkv", "clip", []),
])
func homeVideos(path: String, title: String, folders: [String]) {
    #expect(LibraryPathParser.identify(path, in: .homevideos) == .homeVideo(HomeVideoIdentity(title: title, folderPath: folders)))
}

@Test func hostileInputsNeverCrash() {
    let long = String(repeating: "S01E01", count: 5000)
    let deep = Array(repeating: "Season 1", count: 500) + ["x.mkv"]
    for kind in LibraryKind.allCases {
        _ = LibraryPathParser.identify(long, in: kind)
        _ = LibraryPathParser.identify(RelativeMediaPath(components: deep), in: kind)
        _ = LibraryPathParser.identify("", in: kind)
        _ = LibraryPathParser.identify("/////", in: kind)
        _ = LibraryPathParser.identify("Show/S9999999999999999999E99999999999999.mkv", in: kind)
        _ = LibraryPathParser.identify("Show/s01e01-e99999.mkv", in: kind)
    }
    #expect(LibraryPathParser.identify("", in: .movies) == nil)
}
