import Foundation
import Testing
@testable import MetadataProviders

/// The sample catalog in Tests/Interop/fixtures, which the role's tests and the demo also use.
@Suite("Offline catalog")
struct OfflineCatalogTests {
    static var catalogPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/fixtures/catalog.json").path
    }

    func catalog() throws -> OfflineCatalogProvider {
        try OfflineCatalogProvider(catalogFile: Self.catalogPath, nfoRoots: [])
    }

    @Test func sampleCatalogLoadsWithRealIds() async throws {
        let catalog = try catalog()
        #expect(catalog.allSeries.count >= 6)
        #expect(catalog.allMovies.count >= 6)
        let breakingBad = try #require(try await catalog.series(tvdbId: 81189))
        #expect(breakingBad.tmdbId == 1396)
        #expect(breakingBad.imdbId == "tt0903747")
        #expect(breakingBad.episodes.count == 62)
        #expect(try await catalog.series(tmdbId: 1396)?.tvdbId == 81189)
        #expect(try await catalog.series(imdbId: "TT0903747")?.title == "Breaking Bad")
        #expect(try await catalog.movie(tmdbId: 27205)?.imdbId == "tt1375666")
        #expect(try await catalog.movie(imdbId: "tt0133093")?.title == "The Matrix")
        #expect(try await catalog.series(tvdbId: 1) == nil)
        #expect(try await catalog.movie(tmdbId: 1) == nil)
    }

    @Test func animeHasAbsoluteNumbersInAirOrder() async throws {
        let bebop = try #require(try await catalog().series(tvdbId: 76885))
        #expect(bebop.isAnime)
        let regular = bebop.episodes.filter { $0.seasonNumber >= 1 }
        #expect(regular.count == 26)
        #expect(regular.compactMap(\.absoluteEpisodeNumber) == Array(1...26))
        #expect(bebop.episodes.filter { $0.seasonNumber == 0 }.allSatisfy { $0.absoluteEpisodeNumber == nil })
    }

    @Test func relativeImagesResolveNextToTheCatalogAndAreRealImages() async throws {
        let catalog = try catalog()
        let images = catalog.allSeries.flatMap(\.images) + catalog.allMovies.flatMap(\.images)
        let local = images.filter { $0.url.hasPrefix("/") }
        #expect(local.count >= 2)
        for image in local {
            #expect(FileManager.default.fileExists(atPath: image.url), "\(image.url)")
            let store = ArtworkStore(directory: NSTemporaryDirectory() + "kinora-catalog-\(UUID().uuidString)")
            _ = try await store.store(image, owner: "check")  // refuses anything that is not an image
        }
    }

    @Test(arguments: [
        ("breaking bad", [81189]),
        ("BREAKING-BAD!", [81189]),
        ("expanse", [280619]),
        ("The Expanse 2015", [280619]),
        ("カウボーイビバップ", [76885]),
        ("cowboy", [76885]),
        ("daily show", [71256]),
        ("no such show", []),
    ])
    func seriesSearch(term: String, tvdbIds: [Int]) async throws {
        let results = try await catalog().searchSeries(term)
        #expect(results.compactMap(\.tvdbId) == tvdbIds)
    }

    @Test(arguments: [
        ("amelie", [194]),
        ("Le fabuleux destin d'Amélie", [194]),
        ("Matrix", [603]),
        ("matrix 1999", [603]),
        ("Blade Runner 2049", [335984]),
        ("sen to chihiro", [129]),
        ("Dune Part Two", [693134]),
    ])
    func movieSearch(term: String, tmdbIds: [Int]) async throws {
        let results = try await catalog().searchMovies(term)
        #expect(results.map(\.tmdbId) == tmdbIds)
    }

    @Test func exactTitleRanksBeforePartialMatches() async throws {
        let catalog = OfflineCatalogProvider(series: [
            SeriesMetadata(tvdbId: 1, title: "Lost in Space", year: 2018),
            SeriesMetadata(tvdbId: 2, title: "Lost", year: 2004),
            SeriesMetadata(tvdbId: 3, title: "Lost", year: 1990),
        ], movies: [])
        #expect(try await catalog.searchSeries("lost").compactMap(\.tvdbId) == [2, 3, 1])
        #expect(try await catalog.searchSeries("Lost (1990)").compactMap(\.tvdbId) == [3, 2, 1])
    }

    @Test func emptyTermIsInvalidInput() async throws {
        await #expect(throws: MetadataError.self) { try await catalog().searchMovies("   ") }
    }

    @Test func minimalEntriesDecodeWithDefaults() throws {
        let file = try temporaryFile(#"{"series": [{"title": "Only a Title"}], "movies": [{"tmdbId": 5, "title": "Four Rooms"}]}"#)
        let catalog = try OfflineCatalogProvider(catalogFile: file, nfoRoots: [])
        #expect(catalog.allSeries.first == SeriesMetadata(title: "Only a Title"))
        #expect(catalog.allMovies.first?.status == "released")
    }

    @Test(arguments: [
        ("{\"series\": [ {\"title\": \"x\",, } ]}", "not valid JSON"),
        ("{\"movies\": [{\"title\": \"No id\"}]}", "`movies[0]` lacks the required key `tmdbId`"),
        ("{\"series\": [{\"title\": 42}]}", "`series[0].title` is not a String"),
    ])
    func badCatalogNamesTheFileAndTheProblem(body: String, expected: String) throws {
        let file = try temporaryFile(body)
        let error = #expect(throws: MetadataError.self) { try OfflineCatalogProvider(catalogFile: file, nfoRoots: []) }
        let text = error?.description ?? ""
        #expect(text.contains(file))
        #expect(text.contains(expected), "\(text)")
    }

    @Test func missingCatalogIsOneSentence() {
        let error = #expect(throws: MetadataError.self) {
            try OfflineCatalogProvider(catalogFile: "/nonexistent/catalog.json", nfoRoots: [])
        }
        #expect(error?.description.hasPrefix("The metadata catalog /nonexistent/catalog.json could not be read") == true)
    }

    @Test func codableRoundTrip() throws {
        let catalog = try catalog()
        let data = try JSONEncoder().encode(OfflineCatalogProvider.Catalog(series: catalog.allSeries, movies: catalog.allMovies))
        let decoded = try JSONDecoder().decode(OfflineCatalogProvider.Catalog.self, from: data)
        #expect(decoded.series == catalog.allSeries)
        #expect(decoded.movies == catalog.allMovies)
    }
}

func temporaryFile(_ contents: String, name: String = "catalog.json") throws -> String {
    let folder = NSTemporaryDirectory() + "kinora-metadata-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/" + name
    try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("Search terms and title matching")
struct SearchTermTests {
    @Test(arguments: [
        ("Inception 2010", "Inception", 2010 as Int?),
        ("Dune (2021)", "Dune", 2021),
        ("1917", "1917", nil),
        ("Blade Runner 2049", "Blade Runner 2049", nil),
        ("  The Office  ", "The Office", nil),
        ("Alien 1979 ", "Alien", 1979),
    ])
    func yearIsSplitOff(raw: String, text: String, year: Int?) {
        let term = SearchTerm(raw)
        #expect(term.text == text)
        #expect(term.year == year)
    }

    @Test(arguments: [
        ("Amélie", "amelie"),
        ("Grey's Anatomy", "greys anatomy"),
        ("Law & Order: SVU", "law and order svu"),
        ("  Spider-Man:   No Way Home ", "spider man no way home"),
        ("WALL·E", "wall e"),
    ])
    func normalization(title: String, normalized: String) {
        #expect(TitleMatcher.normalize(title) == normalized)
    }
}
