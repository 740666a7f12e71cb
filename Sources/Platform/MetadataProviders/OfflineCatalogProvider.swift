import Foundation

/// Metadata without a network: a catalog file in our own JSON format and Kodi NFO files in library
/// folders. Used by tests, the demo, and homelabs that keep TMDb switched off.
///
/// The catalog is `{"series": [SeriesMetadata...], "movies": [MovieMetadata...]}` in the Codable
/// shapes of those types (only `title`, and `tmdbId` for movies, are required). Relative image
/// paths are resolved against the catalog's folder. Each NFO root's immediate sub-folders are read
/// as series (with `tvshow.nfo`) or movies (with `movie.nfo` or a `<movie>` NFO carrying a TMDb id).
public struct OfflineCatalogProvider: MetadataProvider {
    /// Catalog files larger than this are refused rather than loaded into memory.
    public static let maxCatalogBytes = 64 << 20

    public let allSeries: [SeriesMetadata]
    public let allMovies: [MovieMetadata]
    /// NFO folders that were skipped, one sentence each (unreadable NFO, movie without a TMDb id...).
    public let skippedFolders: [String]

    public init(catalogFile: String?, nfoRoots: [String]) throws {
        var series: [SeriesMetadata] = []
        var movies: [MovieMetadata] = []
        if let catalogFile {
            let catalog = try Self.loadCatalog(catalogFile)
            series = catalog.series
            movies = catalog.movies
        }
        var skipped: [String] = []
        for root in nfoRoots {
            let scan = NFOLibraryScan(root: root)
            series += scan.series
            movies += scan.movies
            skipped += scan.skipped
        }
        self.init(series: series, movies: movies, skippedFolders: skipped)
    }

    /// A catalog held in memory, for tests and for callers that build one.
    public init(series: [SeriesMetadata], movies: [MovieMetadata], skippedFolders: [String] = []) {
        self.allSeries = series
        self.allMovies = movies
        self.skippedFolders = skippedFolders
    }

    // MARK: Search

    public func searchSeries(_ term: String) async throws -> [SeriesMetadata] {
        let search = SearchTerm(term)
        guard !search.text.isEmpty else { throw MetadataError.invalidInput("the series search term is empty") }
        return Self.ranked(allSeries, search: search) { series in
            TitleMatcher.score(term: search, titles: [series.title, series.originalTitle], year: series.year)
        }
    }

    public func searchMovies(_ term: String) async throws -> [MovieMetadata] {
        let search = SearchTerm(term)
        guard !search.text.isEmpty else { throw MetadataError.invalidInput("the movie search term is empty") }
        return Self.ranked(allMovies, search: search) { movie in
            TitleMatcher.score(term: search, titles: [movie.title, movie.originalTitle] + movie.alternativeTitles, year: movie.year)
        }
    }

    /// Matches, best first; equal scores keep catalog order, which is stable and predictable.
    static func ranked<Item>(_ items: [Item], search: SearchTerm, score: (Item) -> Int?) -> [Item] {
        items.enumerated()
            .compactMap { index, item in score(item).map { (index, $0, item) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .map(\.2)
    }

    // MARK: Lookups

    public func series(tvdbId: Int) async throws -> SeriesMetadata? { allSeries.first { $0.tvdbId == tvdbId } }
    public func series(tmdbId: Int) async throws -> SeriesMetadata? { allSeries.first { $0.tmdbId == tmdbId } }
    public func series(imdbId: String) async throws -> SeriesMetadata? {
        let id = imdbId.lowercased()
        return allSeries.first { $0.imdbId?.lowercased() == id }
    }
    public func movie(tmdbId: Int) async throws -> MovieMetadata? { allMovies.first { $0.tmdbId == tmdbId } }
    public func movie(imdbId: String) async throws -> MovieMetadata? {
        let id = imdbId.lowercased()
        return allMovies.first { $0.imdbId?.lowercased() == id }
    }

    // MARK: Catalog file

    struct Catalog: Codable {
        var series: [SeriesMetadata]
        var movies: [MovieMetadata]

        init(series: [SeriesMetadata], movies: [MovieMetadata]) {
            self.series = series
            self.movies = movies
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            series = try c.decodeIfPresent([SeriesMetadata].self, forKey: .series) ?? []
            movies = try c.decodeIfPresent([MovieMetadata].self, forKey: .movies) ?? []
        }
    }

    static func loadCatalog(_ file: String) throws -> Catalog {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= maxCatalogBytes else {
                throw MetadataError.invalidCatalog(file: file, reason: "it is \(size) bytes, over the \(maxCatalogBytes)-byte limit")
            }
            data = try Data(contentsOf: url)
        } catch let error as MetadataError {
            throw error
        } catch {
            throw MetadataError.invalidCatalog(file: file, reason: (error as NSError).localizedDescription)
        }
        var catalog: Catalog
        do {
            catalog = try JSONDecoder().decode(Catalog.self, from: data)
        } catch {
            throw MetadataError.invalidCatalog(file: file, reason: TMDbProvider.describe(error))
        }
        let folder = url.deletingLastPathComponent()
        func resolve(_ images: inout [MetadataImage]) {
            for index in images.indices { images[index].url = resolveImage(images[index].url, against: folder) }
        }
        for s in catalog.series.indices {
            resolve(&catalog.series[s].images)
            for n in catalog.series[s].seasons.indices { resolve(&catalog.series[s].seasons[n].images) }
        }
        for m in catalog.movies.indices { resolve(&catalog.movies[m].images) }
        return catalog
    }

    /// URLs and absolute paths stay; a relative path becomes absolute under the catalog's folder.
    static func resolveImage(_ reference: String, against folder: URL) -> String {
        let lower = reference.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || reference.hasPrefix("/") { return reference }
        return folder.appendingPathComponent(reference).standardizedFileURL.path
    }
}
