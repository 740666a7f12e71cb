import Foundation
import MediaCore

extension TMDbProvider {
    public func searchMovies(_ term: String) async throws -> [MovieMetadata] {
        let search = SearchTerm(term)
        guard !search.text.isEmpty else { throw MetadataError.invalidInput("the movie search term is empty") }
        var query = ["query": search.text, "include_adult": "false"]
        if let year = search.year { query["year"] = String(year) }
        var page: TMDb.Page<TMDb.MovieSummary>? = try await get("search/movie", query: query)
        if search.year != nil, page?.results?.isEmpty ?? true {
            page = try await get("search/movie", query: ["query": term.trimmingCharacters(in: .whitespaces), "include_adult": "false"])
        }
        return (page?.results ?? []).compactMap(movieSummary)
    }

    public func movie(tmdbId: Int) async throws -> MovieMetadata? {
        guard tmdbId > 0 else { throw MetadataError.invalidInput("the TMDb id \(tmdbId) is not positive") }
        guard let details: TMDb.MovieDetails = try await get(
            "movie/\(tmdbId)", query: ["append_to_response": "external_ids,alternative_titles,release_dates,videos"])
        else { return nil }
        return fullMovie(details, tmdbId: tmdbId)
    }

    public func movie(imdbId: String) async throws -> MovieMetadata? {
        let id = try Self.validIMDbId(imdbId)
        guard let found: TMDb.FindResults = try await get("find/\(id)", query: ["external_source": "imdb_id"]),
              let tmdbId = found.movie_results?.first?.id,
              var movie = try await movie(tmdbId: tmdbId)
        else { return nil }
        if movie.imdbId == nil { movie.imdbId = id }
        return movie
    }

    // MARK: Mapping

    func movieSummary(_ summary: TMDb.MovieSummary) -> MovieMetadata? {
        guard let id = summary.id else { return nil }
        let inCinemas = Self.day(summary.release_date)
        return MovieMetadata(
            tmdbId: id,
            title: Self.nonEmpty(summary.title) ?? Self.nonEmpty(summary.original_title) ?? "TMDb \(id)",
            originalTitle: Self.nonEmpty(summary.original_title),
            year: Self.year(summary.release_date),
            overview: Self.nonEmpty(summary.overview),
            genres: (summary.genre_ids ?? []).compactMap { TMDb.genreNames[$0] },
            status: movieStatus(inCinemas: inCinemas, digital: nil, physical: nil),
            inCinemas: inCinemas,
            images: [image(summary.poster_path, "poster"), image(summary.backdrop_path, "fanart")].compactMap { $0 },
            ratingValue: summary.vote_average,
            ratingVotes: summary.vote_count,
            originalLanguage: Self.languageName(summary.original_language),
            popularity: summary.popularity
        )
    }

    func fullMovie(_ details: TMDb.MovieDetails, tmdbId: Int) -> MovieMetadata {
        let releases = ReleaseDates(details.release_dates?.results ?? [])
        let inCinemas = releases.earliest(type: 3) ?? releases.earliest(type: 2) ?? releases.earliest(type: 1)
            ?? Self.day(details.release_date)
        let digital = releases.earliest(type: 4)
        let physical = releases.earliest(type: 5)
        let title = Self.nonEmpty(details.title) ?? Self.nonEmpty(details.original_title) ?? "TMDb \(tmdbId)"
        var alternatives: [String] = []
        for candidate in details.alternative_titles?.titles ?? [] {
            guard let name = Self.nonEmpty(candidate.title), name != title, !alternatives.contains(name) else { continue }
            alternatives.append(name)
        }
        let trailers = (details.videos?.results ?? []).filter {
            $0.site?.lowercased() == "youtube" && $0.type?.lowercased() == "trailer" && Self.nonEmpty($0.key) != nil
        }
        let trailer = trailers.first { $0.official == true } ?? trailers.first
        return MovieMetadata(
            tmdbId: details.id ?? tmdbId,
            imdbId: Self.nonEmpty(details.imdb_id) ?? Self.nonEmpty(details.external_ids?.imdb_id),
            title: title,
            originalTitle: Self.nonEmpty(details.original_title),
            alternativeTitles: alternatives,
            year: Self.year(inCinemas) ?? Self.year(details.release_date),
            overview: Self.nonEmpty(details.overview),
            runtime: details.runtime.flatMap { $0 > 0 ? $0 : nil },
            studio: (details.production_companies ?? []).lazy.compactMap { Self.nonEmpty($0.name) }.first,
            certification: releases.usCertification,
            genres: (details.genres ?? []).compactMap { Self.nonEmpty($0.name) },
            status: movieStatus(inCinemas: inCinemas, digital: digital, physical: physical),
            inCinemas: inCinemas,
            digitalRelease: digital,
            physicalRelease: physical,
            images: [image(details.poster_path, "poster"), image(details.backdrop_path, "fanart")].compactMap { $0 },
            ratingValue: details.vote_average,
            ratingVotes: details.vote_count,
            collectionTitle: Self.nonEmpty(details.belongs_to_collection?.name),
            collectionTmdbId: details.belongs_to_collection?.id,
            website: Self.nonEmpty(details.homepage),
            youTubeTrailerId: trailer?.key,
            originalLanguage: Self.languageName(details.original_language),
            popularity: details.popularity
        )
    }

    /// Radarr's availability: released once on disc or digital (or 90 days after a cinema release
    /// with no other date known), in cinemas from the theatrical date, announced before.
    func movieStatus(inCinemas: String?, digital: String?, physical: String?) -> String {
        guard let today = AirDate(parsing: Self.utcDay(now())) else { return "announced" }
        let dates = [digital, physical].compactMap { $0.flatMap(AirDate.init(parsing:)) }
        if dates.contains(where: { $0 <= today }) { return "released" }
        guard let cinemas = inCinemas.flatMap(AirDate.init(parsing:)), cinemas <= today else { return "announced" }
        if dates.isEmpty, let released = AirDate(parsing: Self.utcDay(now().addingTimeInterval(-90 * 86_400))), cinemas <= released {
            return "released"
        }
        return "inCinemas"
    }

    static func utcDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return AirDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)?.description ?? "1970-01-01"
    }
}

/// A movie's `release_dates`: US dates first, any country's when the US has none of a type.
struct ReleaseDates {
    private let us: [TMDb.MovieDetails.CountryReleases.Release]
    private let all: [TMDb.MovieDetails.CountryReleases.Release]

    init(_ countries: [TMDb.MovieDetails.CountryReleases]) {
        us = countries.filter { $0.iso_3166_1 == "US" }.flatMap { $0.release_dates ?? [] }
        all = countries.flatMap { $0.release_dates ?? [] }
    }

    func earliest(type: Int) -> String? {
        func first(_ releases: [TMDb.MovieDetails.CountryReleases.Release]) -> String? {
            releases.filter { $0.type == type }.compactMap { TMDbProvider.day($0.release_date) }.min()
        }
        return first(us) ?? first(all)
    }

    /// The US certification of the theatrical release, else of any US release.
    var usCertification: String? {
        let rated = us.filter { TMDbProvider.nonEmpty($0.certification) != nil }
        let theatrical = rated.first { $0.type == 3 } ?? rated.first { $0.type == 2 } ?? rated.first
        return TMDbProvider.nonEmpty(theatrical?.certification)
    }
}
