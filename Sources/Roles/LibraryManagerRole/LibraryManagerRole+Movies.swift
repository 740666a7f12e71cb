import Foundation
import Hummingbird
import KinoraCore
import KinoraHTTP
import MetadataProviders
import ReleaseParser
import ServarrCore

/// `/api/v3/movie` and `/api/v3/moviefile` as Radarr serves them.
extension LibraryManagerRole {
    func addMovieRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.get("movie") { request, _ in
            if let tmdb = request.queryValue(named: "tmdbId").flatMap({ Int($0) }) {
                guard let movie = try await store.movie(tmdbId: tmdb) else { return try Response.json([MovieResource]()) }
                return try Response.json([try await movieResource(movie)])
            }
            return Response.jsonBody(try await listBody())
        }
        api.get("movie/lookup") { request, _ in
            let term = request.queryValue(named: "term") ?? ""
            return try Response.json(try await lookupMovies(term: term))
        }
        api.get("movie/lookup/tmdb") { request, _ in
            let id = request.queryValue(named: "tmdbId") ?? ""
            guard let first = try await lookupMovies(term: "tmdb:\(id)").first else { throw ServarrNotFound("Movie not found") }
            return try Response.json(first)
        }
        api.get("movie/lookup/imdb") { request, _ in
            let id = request.queryValue(named: "imdbId") ?? ""
            guard let first = try await lookupMovies(term: "imdb:\(id)").first else { throw ServarrNotFound("Movie not found") }
            return try Response.json(first)
        }
        api.get("movie/{id}") { _, context in
            guard let movie = try await store.movie(id: try Self.id(context)) else { throw ServarrNotFound("Movie not found") }
            return try Response.json(try await movieResource(movie))
        }
        api.post("movie") { request, context in
            let body = try await request.decodeServarrBody(MovieResource.self, context: context)
            let added = try await addMovie(body)
            return try Response.json(try await movieResource(added), status: .created)
        }
        let update: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            let body = try await request.decodeServarrBody(MovieResource.self, context: context)
            let id = try context.parameters.get("id").map { _ in try Self.id(context) } ?? body.id ?? 0
            let moveFiles = request.queryValue(named: "moveFiles").map { $0.lowercased() == "true" } ?? false
            let updated = try await updateMovie(id: id, with: body, moveFiles: moveFiles)
            return try Response.json(try await movieResource(updated), status: .accepted)
        }
        api.put("movie/{id}", use: update)
        api.put("movie", use: update)
        api.delete("movie/{id}") { request, context in
            let id = try Self.id(context)
            guard let movie = try await store.movie(id: id) else { throw ServarrNotFound("Movie not found") }
            let deleteFiles = request.queryValue(named: "deleteFiles").map { $0.lowercased() == "true" } ?? false
            if deleteFiles { try await deleteFolder(movie.path) }
            _ = try await store.deleteMovie(id: id)
            await artwork.remove(owner: "movie-\(id)")
            return Response(status: .ok)
        }

        api.get("moviefile") { request, _ in
                        let files: [MovieFileRecord]
            if let movieId = request.queryValue(named: "movieId").flatMap({ Int64($0) }) {
                files = try await store.movieFiles(movieId: movieId)
            } else if let ids = request.queryValue(named: "movieFileIds").map(Self.ids), !ids.isEmpty {
                files = try await store.movieFiles().filter { ids.contains($0.id ?? 0) }
            } else {
                throw ServarrValidationError([
                    ServarrValidationFailure(propertyName: "MovieId", errorMessage: "movieId or movieFileIds must be provided", attemptedValue: nil, errorCode: "BadRequest")
                ])
            }
            let context = try await MovieContext(store: store)
            return try Response.json(try await movieFileResources(files, context: context))
        }
        api.get("moviefile/{id}") { _, context in
            guard let file = try await store.movieFile(id: try Self.id(context)) else { throw ServarrNotFound("Movie file not found") }
            return try Response.json(try await movieFileResources([file], context: try await MovieContext(store: store))[0])
        }
        api.put("moviefile/{id}") { request, context in
            guard var file = try await store.movieFile(id: try Self.id(context)) else { throw ServarrNotFound("Movie file not found") }
            let body = try await request.decodeServarrBody(MovieFileResource.self, context: context)
            if let quality = body.quality { file.quality = try checkedQuality(quality) }
            if let languages = body.languages { file.languages = languages }
            if let group = body.releaseGroup { file.releaseGroup = group }
            if let edition = body.edition { file.edition = edition }
            try await store.updateMovieFile(file)
            return try Response.json(try await movieFileResources([file], context: try await MovieContext(store: store))[0], status: .accepted)
        }
        api.delete("moviefile/{id}") { _, context in
            let id = try Self.id(context)
            guard let file = try await store.movieFile(id: id) else { throw ServarrNotFound("Movie file not found") }
            try await deleteMediaFile(file.path)
            _ = try await store.deleteMovieFile(id: id)
            return Response(status: .ok)
        }
    }

    func allMoviesBody() async throws -> Data {
        let files = Dictionary(uniqueKeysWithValues: try await store.movieFiles().compactMap { file in file.id.map { ($0, file) } })
        let context = try await MovieContext(store: store)
        let movies = try await store.allMovies()
        return try JSONEncoder.kinoraDefault.encode(movies.map { movieResource($0, file: $0.movieFileId.flatMap { files[$0] }, context: context) })
    }

    /// Profiles and formats every movie resource needs, read once per answer.
    struct MovieContext: Sendable {
        let profiles: [Int: QualityProfile]
        let formats: CustomFormatMatcher

        init(store: LibraryStore) async throws {
            var profiles: [Int: QualityProfile] = [:]
            for profile in try await store.documents(.qualityProfile, as: QualityProfile.self) {
                if let id = profile.id { profiles[id] = profile }
            }
            self.profiles = profiles
            formats = CustomFormatMatcher(try await store.documents(.customFormat, as: CustomFormat.self))
        }
    }

    func movieResource(_ movie: MovieRecord) async throws -> MovieResource {
        let file = try await movie.movieFileId.asyncFlatMap { try await store.movieFile(id: $0) }
        return movieResource(movie, file: file, context: try await MovieContext(store: store))
    }

    func movieResource(_ movie: MovieRecord, file: MovieFileRecord?, context: MovieContext) -> MovieResource {
        var resource = Self.movieResource(metadata: movie.metadata, app: app)
        resource.id = movie.id
        resource.title = movie.title
        resource.sortTitle = movie.sortTitle
        resource.cleanTitle = movie.cleanTitle
        resource.titleSlug = movie.titleSlug
        resource.year = movie.year
        resource.path = movie.path
        resource.folderName = movie.path
        resource.rootFolderPath = movie.rootFolderPath
        resource.folder = nil
        resource.qualityProfileId = movie.qualityProfileId
        resource.monitored = movie.monitored
        resource.minimumAvailability = movie.minimumAvailability
        resource.isAvailable = Self.isAvailable(movie.metadata, minimum: movie.minimumAvailability, today: String(Timestamp.nowText.prefix(10)))
        resource.tags = movie.tags
        resource.added = movie.added
        resource.hasFile = file != nil
        resource.movieFileId = file?.id ?? 0
        resource.sizeOnDisk = file?.size ?? 0
        resource.images = movie.id.map { Self.imageResources(movie.metadata.images, owner: "movie-\($0)", id: $0) }
        resource.movieFile = file.map { movieFileResource($0, profile: context.profiles[movie.qualityProfileId], formats: context.formats) }
        resource.statistics = MovieStatisticsResource(
            movieFileCount: file == nil ? 0 : 1, sizeOnDisk: file?.size ?? 0, releaseGroups: file?.releaseGroup.map { [$0] } ?? [])
        return resource
    }

    func movieFileResources(_ files: [MovieFileRecord], context: MovieContext) async throws -> [MovieFileResource] {
        var profiles: [Int64: QualityProfile] = [:]
        for movieId in Set(files.map(\.movieId)) {
            if let movie = try await store.movie(id: movieId) { profiles[movieId] = context.profiles[movie.qualityProfileId] }
        }
        return files.map { movieFileResource($0, profile: profiles[$0.movieId], formats: context.formats) }
    }

    func movieFileResource(_ file: MovieFileRecord, profile: QualityProfile?, formats: CustomFormatMatcher) -> MovieFileResource {
        let facts = ReleaseFacts(parsing: file.sceneName ?? (file.relativePath as NSString).lastPathComponent, app: app, sizeBytes: file.size)
        let score = profile.map { formats.score(facts, profile: $0) } ?? 0
        return MovieFileResource(
            id: file.id, movieId: file.movieId, relativePath: file.relativePath, path: file.path, size: file.size,
            dateAdded: file.dateAdded, sceneName: file.sceneName, releaseGroup: file.releaseGroup, edition: file.edition ?? "",
            languages: file.languages, quality: file.quality,
            customFormats: formats.matching(facts).map { CustomFormatReference(id: $0.id ?? 0, name: $0.name) },
            customFormatScore: score, indexerFlags: 0, mediaInfo: nil, originalFilePath: nil,
            qualityCutoffNotMet: profile.map { !$0.cutoffMet(quality: file.quality.quality, formatScore: score) } ?? false)
    }

    /// Radarr's availability: announced always; in cinemas from the cinema date; released from the
    /// digital or physical release, or 90 days after cinemas when neither is known.
    static func isAvailable(_ movie: MovieMetadata, minimum: String, today: String) -> Bool {
        switch minimum {
        case "announced", "tba": return true
        case "inCinemas": return (movie.inCinemas ?? movie.digitalRelease ?? movie.physicalRelease).map { $0 <= today } ?? false
        default:
            if let release = [movie.digitalRelease, movie.physicalRelease].compactMap({ $0 }).min() { return release <= today }
            guard let cinemas = movie.inCinemas, let start = Timestamp.startOfDay(cinemas) else { return movie.status == "released" }
            let formatter = ISO8601DateFormatter()
            guard let date = formatter.date(from: start) else { return false }
            return formatter.string(from: date.addingTimeInterval(90 * 86_400)).prefix(10) <= today
        }
    }

    static func movieResource(metadata: MovieMetadata, app: ServarrApp) -> MovieResource {
        let remote = metadata.images.filter { $0.url.hasPrefix("http") }
        return MovieResource(
            title: metadata.title, originalTitle: metadata.originalTitle ?? metadata.title,
            originalLanguage: language(named: metadata.originalLanguage, app: app),
            alternateTitles: metadata.alternativeTitles.map { AlternateTitleResource(title: $0, sourceType: "tmdb", movieMetadataId: 0) },
            sortTitle: sortTitle(metadata.title), sizeOnDisk: 0, status: metadata.status, overview: metadata.overview,
            inCinemas: metadata.inCinemas.flatMap(Timestamp.startOfDay), physicalRelease: metadata.physicalRelease.flatMap(Timestamp.startOfDay),
            digitalRelease: metadata.digitalRelease.flatMap(Timestamp.startOfDay),
            releaseDate: (metadata.digitalRelease ?? metadata.physicalRelease ?? metadata.inCinemas).flatMap(Timestamp.startOfDay),
            images: remote.map { ImageResource(coverType: $0.coverType, url: $0.url, remoteUrl: $0.url) },
            website: metadata.website ?? "", remotePoster: remote.first { $0.coverType == "poster" }?.url, year: metadata.year ?? 0,
            youTubeTrailerId: metadata.youTubeTrailerId ?? "", studio: metadata.studio ?? "", qualityProfileId: 0, hasFile: false,
            movieFileId: 0, monitored: false, minimumAvailability: "released", isAvailable: false, runtime: metadata.runtime ?? 0,
            cleanTitle: ReleaseParser.cleanMovieTitle(metadata.title), imdbId: metadata.imdbId, tmdbId: metadata.tmdbId,
            titleSlug: String(metadata.tmdbId), certification: metadata.certification, genres: metadata.genres, tags: [],
            added: "0001-01-01T00:00:00Z",
            ratings: MovieRatingsResource(
                tmdb: .init(votes: metadata.ratingVotes ?? 0, value: metadata.ratingValue ?? 0, type: "user"), imdb: nil),
            collection: metadata.collectionTmdbId.map { MovieCollectionResource(title: metadata.collectionTitle, tmdbId: $0) },
            popularity: metadata.popularity ?? 0,
            statistics: MovieStatisticsResource(movieFileCount: 0, sizeOnDisk: 0, releaseGroups: []))
    }

    // MARK: Lookup

    func lookupMovies(term: String) async throws -> [MovieResource] {
        let trimmed = term.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let found: [MovieMetadata]
        do { found = try await searchMovieMetadata(trimmed) } catch {
            throw ServarrValidationError([
                ServarrValidationFailure(propertyName: "Term", errorMessage: "Search for '\(trimmed)' failed: \(error)", attemptedValue: trimmed, errorCode: "MetadataSource")
            ])
        }
        let naming = try await namingConfig()
        var results: [MovieResource] = []
        for metadata in found {
            if let existing = try await store.movie(tmdbId: metadata.tmdbId) {
                results.append(try await movieResource(existing))
                continue
            }
            var resource = Self.movieResource(metadata: metadata, app: app)
            resource.folder = FolderNaming.movieFolder(title: metadata.title, year: metadata.year, tmdbId: metadata.tmdbId, imdbId: metadata.imdbId, config: naming)
            results.append(resource)
        }
        return results
    }

    func searchMovieMetadata(_ term: String) async throws -> [MovieMetadata] {
        let lower = term.lowercased()
        if lower.hasPrefix("tmdb:") || lower.hasPrefix("tmdbid:") {
            let rest = lower.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            guard let id = Int(rest) else { return [] }
            return try await metadata.movie(tmdbId: id).map { [$0] } ?? []
        }
        if lower.hasPrefix("imdb:") || (lower.hasPrefix("tt") && lower.dropFirst(2).allSatisfy(\.isNumber) && lower.count > 4) {
            let id = lower.hasPrefix("imdb:") ? String(term.dropFirst(5)).trimmingCharacters(in: .whitespaces) : term
            return try await metadata.movie(imdbId: id).map { [$0] } ?? []
        }
        let results = try await metadata.searchMovies(term)
        if results.isEmpty, let problem = metadataProblem { throw LookupUnavailable(message: problem) }
        return results
    }

    // MARK: Add and update

    func addMovie(_ body: MovieResource, known: MovieMetadata? = nil) async throws -> MovieRecord {
        var failures: [ServarrValidationFailure] = []
        func fail(_ property: String, _ message: String, _ value: String?, _ code: String) {
            failures.append(ServarrValidationFailure(propertyName: property, errorMessage: message, attemptedValue: value, errorCode: code))
        }
        let tmdbId = body.tmdbId ?? 0
        if tmdbId <= 0 { fail("TmdbId", "'Tmdb Id' must be greater than '0'.", String(tmdbId), "GreaterThanValidator") }
        if tmdbId > 0, try await store.movie(tmdbId: tmdbId) != nil {
            fail("TmdbId", "This movie has already been added", String(tmdbId), "MovieExistsValidator")
        }
        let profileId = body.qualityProfileId ?? 0
        if try await store.document(.qualityProfile, id: profileId, as: QualityProfile.self) == nil {
            fail("QualityProfileId", "Quality Profile does not exist", String(profileId), "QualityProfileExistsValidator")
        }
        if (body.path ?? "").isEmpty && (body.rootFolderPath ?? "").isEmpty {
            fail("Path", "'Path' must not be empty.", nil, "NotEmptyValidator")
            fail("RootFolderPath", "'Root Folder Path' must not be empty.", nil, "NotEmptyValidator")
        }
        let minimum = body.minimumAvailability ?? "released"
        if !["tba", "announced", "inCinemas", "released"].contains(minimum) {
            fail("MinimumAvailability", "Minimum availability must be announced, inCinemas or released", minimum, "EnumValidator")
        }
        guard failures.isEmpty else { throw ServarrValidationError(failures) }
        let found: MovieMetadata?
        do { found = try await metadata.movie(tmdbId: tmdbId) ?? known.flatMap { $0.tmdbId == tmdbId ? $0 : nil } } catch {
            throw ServarrValidationError([
                ServarrValidationFailure(propertyName: "TmdbId", errorMessage: "Could not fetch the movie from the metadata source: \(error)", attemptedValue: String(tmdbId), errorCode: "MetadataSource")
            ])
        }
        guard let movie = found else {
            throw ServarrValidationError([
                ServarrValidationFailure(
                    propertyName: "TmdbId", errorMessage: metadataProblem ?? "A movie with TMDb id \(tmdbId) was not found by the metadata source.",
                    attemptedValue: String(tmdbId), errorCode: "MovieNotFound")
            ])
        }
        let naming = try await namingConfig()
        let root = body.rootFolderPath.map(Self.normalised)
        let path = try await validatedItemPath(
            body.path.map(Self.normalised)
                ?? (root ?? "") + "/" + FolderNaming.movieFolder(title: movie.title, year: movie.year, tmdbId: tmdbId, imdbId: movie.imdbId, config: naming))
        let now = Timestamp.nowText
        let record = MovieRecord(
            id: nil, tmdbId: tmdbId, imdbId: movie.imdbId, title: movie.title, sortTitle: Self.sortTitle(movie.title),
            cleanTitle: ReleaseParser.cleanMovieTitle(movie.title), titleSlug: String(tmdbId), year: movie.year ?? 0, path: path,
            rootFolderPath: root ?? (path as NSString).deletingLastPathComponent, qualityProfileId: profileId,
            monitored: body.addOptions?.monitor == "none" ? false : (body.monitored ?? true), minimumAvailability: minimum,
            tags: body.tags ?? [], added: now, lastInfoSync: now, movieFileId: nil, metadata: movie)
        let stored: MovieRecord
        do { stored = try await store.insertMovie(record) } catch CatalogConflict.duplicate(let what) {
            throw ServarrValidationError([
                ServarrValidationFailure(
                    propertyName: what == "path" ? "Path" : "TmdbId",
                    errorMessage: what == "path" ? "Path is already configured for an existing movie" : "This movie has already been added",
                    attemptedValue: what == "path" ? path : String(tmdbId), errorCode: "MovieExistsValidator")
            ])
        }
        if let id = stored.id { _ = commands.enqueue(name: "RefreshMovie", body: ["movieId": .int(Int(id))], trigger: "unspecified") }
        return stored
    }

    func updateMovie(id: Int64, with body: MovieResource, moveFiles: Bool) async throws -> MovieRecord {
        guard var movie = try await store.movie(id: id) else { throw ServarrNotFound("Movie not found") }
        if let profileId = body.qualityProfileId, profileId != movie.qualityProfileId {
            guard try await store.document(.qualityProfile, id: profileId, as: QualityProfile.self) != nil else {
                throw ServarrValidationError([
                    ServarrValidationFailure(propertyName: "QualityProfileId", errorMessage: "Quality Profile does not exist", attemptedValue: String(profileId), errorCode: "QualityProfileExistsValidator")
                ])
            }
            movie.qualityProfileId = profileId
        }
        if let minimum = body.minimumAvailability {
            guard ["tba", "announced", "inCinemas", "released"].contains(minimum) else {
                throw ServarrValidationError([
                    ServarrValidationFailure(propertyName: "MinimumAvailability", errorMessage: "Minimum availability must be announced, inCinemas or released", attemptedValue: minimum, errorCode: "EnumValidator")
                ])
            }
            movie.minimumAvailability = minimum
        }
        if let path = body.path.map(Self.normalised), path != movie.path {
            let newPath = try await validatedItemPath(path)
            if moveFiles { try Self.moveFolder(from: movie.path, to: newPath) }
            movie.path = newPath
            movie.rootFolderPath = body.rootFolderPath.map(Self.normalised) ?? (newPath as NSString).deletingLastPathComponent
        }
        if let value = body.monitored { movie.monitored = value }
        if let value = body.tags { movie.tags = value }
        try await store.updateMovie(movie)
        return movie
    }
}

extension Optional {
    func asyncFlatMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped?) async rethrows -> Mapped? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
