import Foundation
import Testing
@testable import MetadataProviders

/// Kodi NFO library folders built in a temporary directory.
@Suite("NFO folders")
struct NFOFolderTests {
    /// A tiny valid PNG (1×1), enough for artwork detection and the artwork store.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
        0x42, 0x60, 0x82,
    ]

    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "kinora-nfo-\(UUID().uuidString)"
        let show = root + "/tv/Chernobyl (2019)"
        try write(show + "/tvshow.nfo", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <tvshow>
              <title>Chernobyl</title>
              <year>2019</year>
              <premiered>2019-05-06</premiered>
              <plot>The 1986 nuclear disaster.</plot>
              <studio>HBO</studio>
              <genre>Drama</genre>
              <genre>History</genre>
              <status>Ended</status>
              <mpaa>TV-MA</mpaa>
              <uniqueid type="tvdb" default="true">360893</uniqueid>
              <uniqueid type="tmdb">87108</uniqueid>
              <imdb_id>tt7366338</imdb_id>
            </tvshow>
            """)
        try write(show + "/Season 01/Chernobyl - S01E01 - 1-23-45.nfo", """
            <episodedetails><title>1:23:45</title><season>1</season><episode>1</episode>
            <aired>2019-05-06</aired><runtime>60</runtime><plot>Explosion.</plot><uniqueid type="tvdb">7121401</uniqueid></episodedetails>
            """)
        try write(show + "/Season 01/Chernobyl - S01E02E03.nfo", """
            <episodedetails><title>Please Remain Calm</title><season>1</season><episode>2</episode><aired>2019-05-13</aired></episodedetails>
            <episodedetails><title>Open Wide, O Earth</title><season>1</season><episode>3</episode><aired>2019-05-20</aired></episodedetails>
            """)
        try write(show + "/Season 01/broken.nfo", "<episodedetails><title>Broken</title>")
        try Data(Self.png).write(to: URL(fileURLWithPath: show + "/poster.png"))
        try Data(Self.png).write(to: URL(fileURLWithPath: show + "/fanart.png"))
        try Data(Self.png).write(to: URL(fileURLWithPath: show + "/season01-poster.png"))

        let legacy = root + "/tv/Old Show"
        try write(legacy + "/tvshow.nfo", "<tvshow><title>Old Show</title><tvdbid>70001</tvdbid><genre>Anime</genre></tvshow>")
        try write(legacy + "/S1/Old Show - 01.nfo", "<episodedetails><season>1</season><episode>1</episode></episodedetails>")
        try write(legacy + "/S2/Old Show - 13.nfo", "<episodedetails><season>2</season><episode>1</episode></episodedetails>")

        let movie = root + "/movies/Inception (2010)"
        try write(movie + "/movie.nfo", """
            <movie><title>Inception</title><originaltitle>Inception</originaltitle><year>2010</year>
            <premiered>2010-07-16</premiered><runtime>148</runtime><studio>Legendary Pictures</studio><mpaa>PG-13</mpaa>
            <genre>Action / Science Fiction</genre><uniqueid type="tmdb">27205</uniqueid><uniqueid type="imdb">tt1375666</uniqueid></movie>
            """)
        try Data(Self.png).write(to: URL(fileURLWithPath: movie + "/folder.png"))
        let named = root + "/movies/Spirited Away (2001) [tmdbid-129]"
        try write(named + "/Spirited Away (2001).nfo", "<movie><title>Spirited Away</title><year>2001</year></movie>")
        try Data(Self.png).write(to: URL(fileURLWithPath: named + "/Spirited Away (2001)-poster.png"))
        let noId = root + "/movies/Home Video"
        try write(noId + "/movie.nfo", "<movie><title>Home Video</title></movie>")
        try FileManager.default.createDirectory(atPath: root + "/movies/No NFO", withIntermediateDirectories: true)
    }

    private func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func seriesFolderReadsShowEpisodesAndArtwork() throws {
        let folder = root + "/tv/Chernobyl (2019)"
        let series = try #require(OfflineCatalogProvider.folderMetadata(seriesFolder: folder))
        #expect(series.title == "Chernobyl")
        #expect(series.tvdbId == 360893)
        #expect(series.tmdbId == 87108)
        #expect(series.imdbId == "tt7366338")
        #expect(series.year == 2019)
        #expect(series.firstAired == "2019-05-06")
        #expect(series.status == "ended")
        #expect(series.network == "HBO")
        #expect(series.certification == "TV-MA")
        #expect(series.genres == ["Drama", "History"])
        #expect(series.episodes.map(\.episodeNumber) == [1, 2, 3], "the broken NFO is skipped, the multi-episode one gives two")
        #expect(series.episodes[0].title == "1:23:45")
        #expect(series.episodes[0].airDate == "2019-05-06")
        #expect(series.episodes[0].runtime == 60)
        #expect(series.episodes[0].tvdbId == 7121401)
        #expect(series.lastAired == "2019-05-20")
        #expect(series.images == [MetadataImage(coverType: "poster", url: folder + "/poster.png"),
                                  MetadataImage(coverType: "fanart", url: folder + "/fanart.png")])
        #expect(series.seasons == [SeasonMetadata(seasonNumber: 1, images: [MetadataImage(coverType: "poster", url: folder + "/season01-poster.png")])])
    }

    @Test func legacyIdTagsAndAnimeGenre() throws {
        let series = try #require(OfflineCatalogProvider.folderMetadata(seriesFolder: root + "/tv/Old Show"))
        #expect(series.tvdbId == 70001)
        #expect(series.isAnime)
        #expect(series.episodes.map(\.absoluteEpisodeNumber) == [1, 2])
        #expect(series.status == "continuing")
    }

    @Test func movieFolderReadsMovieNFO() throws {
        let folder = root + "/movies/Inception (2010)"
        let movie = try #require(OfflineCatalogProvider.folderMetadata(movieFolder: folder))
        #expect(movie.tmdbId == 27205)
        #expect(movie.imdbId == "tt1375666")
        #expect(movie.title == "Inception")
        #expect(movie.year == 2010)
        #expect(movie.runtime == 148)
        #expect(movie.studio == "Legendary Pictures")
        #expect(movie.certification == "PG-13")
        #expect(movie.genres == ["Action", "Science Fiction"])
        #expect(movie.inCinemas == "2010-07-16")
        #expect(movie.status == "released")
        #expect(movie.images == [MetadataImage(coverType: "poster", url: folder + "/folder.png")])
    }

    @Test func movieIdFromTheFolderNameAndNamedArtwork() throws {
        let folder = root + "/movies/Spirited Away (2001) [tmdbid-129]"
        let movie = try #require(OfflineCatalogProvider.folderMetadata(movieFolder: folder))
        #expect(movie.tmdbId == 129)
        #expect(movie.images.first?.url == folder + "/Spirited Away (2001)-poster.png")
    }

    @Test func foldersWithoutUsableNFOAreNil() {
        #expect(OfflineCatalogProvider.folderMetadata(movieFolder: root + "/movies/Home Video") == nil)
        #expect(OfflineCatalogProvider.folderMetadata(movieFolder: root + "/movies/No NFO") == nil)
        #expect(OfflineCatalogProvider.folderMetadata(seriesFolder: root + "/movies/Inception (2010)") == nil)
        #expect(OfflineCatalogProvider.folderMetadata(seriesFolder: root + "/missing") == nil)
    }

    @Test func providerScansRootsAndReportsSkippedFolders() async throws {
        let provider = try OfflineCatalogProvider(catalogFile: nil, nfoRoots: [root + "/tv", root + "/movies"])
        #expect(Set(provider.allSeries.compactMap(\.tvdbId)) == [360893, 70001])
        #expect(Set(provider.allMovies.map(\.tmdbId)) == [27205, 129])
        #expect(provider.skippedFolders.count == 1)
        #expect(provider.skippedFolders.first?.contains("Home Video") == true)
        #expect(try await provider.searchSeries("chernobyl").first?.tvdbId == 360893)
        #expect(try await provider.movie(imdbId: "tt1375666")?.title == "Inception")
    }
}
