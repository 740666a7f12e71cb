import Foundation
import Hummingbird
import KinoraHTTP
import MediaCore
import MetadataProviders
import ReleaseParser
import ServarrCore

/// Library import: existing folders in the root folders become series or movies. Matching uses,
/// in order, ids in the folder name (`[tvdbid-81189]`, `{tmdb-603}`), the folder's NFO file, and
/// a title search with the year; what cannot be matched with confidence is listed with the reason
/// for review. `POST /series/import` and `/movie/import` are the originals' bulk adds.
extension LibraryManagerRole {
    struct ImportProposal: Codable, Sendable {
        var path: String
        var relativePath: String
        var rootFolderPath: String
        var series: SeriesResource?
        var movie: MovieResource?
        /// What was found, for the add (an NFO-only item is unknown to the metadata sources).
        var seriesMetadata: SeriesMetadata?
        var movieMetadata: MovieMetadata?
        /// Other results of the title search, when the match is not certain.
        var candidates: Int
        var reason: String?
    }

    struct ImportRequest: Codable, Sendable {
        var paths: [String]?
        var qualityProfileId: Int?
        var monitor: String?
        var minimumAvailability: String?
        var monitored: Bool?
    }

    struct ImportedItem: Codable, Sendable {
        var id: Int64
        var title: String
        var path: String
        var linkedFiles: Int
        var unmatchedFiles: [UnmatchedFile]
    }

    struct ImportReport: Codable, Sendable {
        var imported: [ImportedItem]
        var notImported: [UnmatchedFile]
    }

    func addLibraryImportRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.get("libraryimport") { request, _ in
            let rootId = request.queryValue(named: "rootFolderId").flatMap { Int64($0) }
            return try Response.json(try await importProposals(rootFolderId: rootId))
        }
        api.post("libraryimport") { request, context in
            let body = try await request.decodeServarrBody(ImportRequest.self, context: context)
            return try Response.json(try await runLibraryImport(body))
        }
        api.get("libraryimport/unmatched") { _, _ in try Response.json(findings.all()) }
        switch flavor {
        case .series:
            api.post("series/import") { request, context in
                let bodies = try await request.decodeServarrBody([SeriesResource].self, context: context)
                var added: [SeriesResource] = []
                for body in bodies {
                    let series = try await addSeries(body)
                    if let id = series.id { try await rescanSeries(id: id) }
                    added.append(try await seriesResource(series))
                }
                return try Response.json(added, status: .created)
            }
        case .movies:
            api.post("movie/import") { request, context in
                let bodies = try await request.decodeServarrBody([MovieResource].self, context: context)
                var added: [MovieResource] = []
                for body in bodies {
                    let movie = try await addMovie(body)
                    if let id = movie.id { try await rescanMovie(id: id) }
                    added.append(try await movieResource(movie))
                }
                return try Response.json(added, status: .created)
            }
        }
    }

    func importProposals(rootFolderId: Int64?) async throws -> [ImportProposal] {
        let roots = try await store.rootFolders().filter { rootFolderId == nil || $0.id == rootFolderId }
        let claimed = try await store.claimedPaths()
        var proposals: [ImportProposal] = []
        for root in roots {
            for folder in Self.unmappedFolders(in: root.path) where !claimed.contains(folder.path) {
                proposals.append(await proposal(folder: folder.path, name: folder.name, root: root.path))
            }
        }
        return proposals
    }

    func proposal(folder: String, name: String, root: String) async -> ImportProposal {
        var proposal = ImportProposal(path: folder, relativePath: name, rootFolderPath: root, candidates: 0)
        let parsed = MediaFolderName(parsing: name)
        do {
            switch flavor {
            case .series:
                var found: SeriesMetadata?
                if let tvdb = parsed.providerIds[.tvdb].flatMap({ Int($0) }) { found = try await metadata.series(tvdbId: tvdb) }
                if found == nil, let tmdb = parsed.providerIds[.tmdb].flatMap({ Int($0) }) { found = try await metadata.series(tmdbId: tmdb) }
                if found == nil, let imdb = parsed.providerIds[.imdb] { found = try await metadata.series(imdbId: imdb) }
                if found == nil, let nfo = OfflineCatalogProvider.folderMetadata(seriesFolder: folder) {
                    if let tvdb = nfo.tvdbId { found = try await metadata.series(tvdbId: tvdb) ?? nfo } else { found = nfo }
                }
                if found == nil {
                    let results = try await metadata.searchSeries(parsed.title)
                    let exact = results.filter { Self.sameTitle($0.title, parsed.title) && (parsed.year == nil || $0.year == parsed.year) }
                    proposal.candidates = results.count
                    if exact.count == 1, let tvdb = exact[0].tvdbId {
                        found = try await metadata.series(tvdbId: tvdb) ?? exact[0]
                    } else {
                        proposal.reason = results.isEmpty
                            ? "no series named '\(parsed.title)' was found"
                            : "\(results.count) search results for '\(parsed.title)' and none is certain: choose one"
                    }
                }
                if let found {
                    guard found.tvdbId != nil else {
                        proposal.reason = "'\(found.title)' has no TVDb id, which Sonarr clients need"
                        return proposal
                    }
                    var resource = Self.seriesResource(metadata: found, app: app)
                    resource.path = folder
                    resource.rootFolderPath = root
                    if root.hasSuffix("/anime") { resource.seriesType = "anime" }
                    proposal.series = resource
                    proposal.seriesMetadata = found
                }
            case .movies:
                var found: MovieMetadata?
                if let tmdb = parsed.providerIds[.tmdb].flatMap({ Int($0) }) { found = try await metadata.movie(tmdbId: tmdb) }
                if found == nil, let imdb = parsed.providerIds[.imdb] { found = try await metadata.movie(imdbId: imdb) }
                if found == nil, let nfo = OfflineCatalogProvider.folderMetadata(movieFolder: folder) {
                    found = try await metadata.movie(tmdbId: nfo.tmdbId) ?? nfo
                }
                if found == nil {
                    let title = parsed.title
                    let results = try await metadata.searchMovies(title)
                    let exact = results.filter { Self.sameTitle($0.title, title) && (parsed.year == nil || $0.year == parsed.year) }
                    proposal.candidates = results.count
                    if exact.count == 1 {
                        found = try await metadata.movie(tmdbId: exact[0].tmdbId) ?? exact[0]
                    } else {
                        proposal.reason = results.isEmpty
                            ? "no movie named '\(title)' was found"
                            : "\(results.count) search results for '\(title)'\(parsed.year.map { " (\($0))" } ?? "") and none is certain: choose one"
                    }
                }
                if let found {
                    var resource = Self.movieResource(metadata: found, app: app)
                    resource.path = folder
                    resource.rootFolderPath = root
                    proposal.movie = resource
                    proposal.movieMetadata = found
                }
            }
        } catch {
            proposal.reason = "the metadata source failed: \(error)"
        }
        return proposal
    }

    func runLibraryImport(_ request: ImportRequest) async throws -> ImportReport {
        let wanted = request.paths.map { Set($0.map(Self.normalised)) }
        var report = ImportReport(imported: [], notImported: [])
        let defaultProfile = try await store.documents(.qualityProfile, as: QualityProfile.self).first?.id ?? 1
        for proposal in try await importProposals(rootFolderId: nil) where wanted?.contains(proposal.path) ?? true {
            do {
                if var series = proposal.series {
                    series.qualityProfileId = request.qualityProfileId ?? defaultProfile
                    series.monitored = request.monitored ?? true
                    series.addOptions = AddSeriesOptions(monitor: request.monitor ?? "all")
                    let added = try await addSeries(series, known: proposal.seriesMetadata)
                    guard let id = added.id else { continue }
                    let unmatched = try await rescanSeries(id: id)
                    let linked = try await store.episodeFiles(seriesId: id).count
                    report.imported.append(ImportedItem(id: id, title: added.title, path: added.path, linkedFiles: linked, unmatchedFiles: unmatched))
                } else if var movie = proposal.movie {
                    movie.qualityProfileId = request.qualityProfileId ?? defaultProfile
                    movie.monitored = request.monitored ?? true
                    movie.minimumAvailability = request.minimumAvailability ?? "released"
                    let added = try await addMovie(movie, known: proposal.movieMetadata)
                    guard let id = added.id else { continue }
                    let unmatched = try await rescanMovie(id: id)
                    let linked = try await store.movieFiles(movieId: id).count
                    report.imported.append(ImportedItem(id: id, title: added.title, path: added.path, linkedFiles: linked, unmatchedFiles: unmatched))
                } else {
                    report.notImported.append(UnmatchedFile(path: proposal.path, reason: proposal.reason ?? "no match"))
                }
            } catch let error as ServarrValidationError {
                report.notImported.append(UnmatchedFile(path: proposal.path, reason: error.failures.map(\.errorMessage).joined(separator: "; ")))
            }
        }
        return report
    }

    /// Titles compared as the *arrs compare them: cleaned (case, punctuation, articles, accents).
    static func sameTitle(_ a: String, _ b: String) -> Bool {
        ReleaseParser.cleanSeriesTitle(a) == ReleaseParser.cleanSeriesTitle(b)
    }
}
