import Foundation

extension TMDbProvider {
    public func searchSeries(_ term: String) async throws -> [SeriesMetadata] {
        let search = SearchTerm(term)
        guard !search.text.isEmpty else { throw MetadataError.invalidInput("the series search term is empty") }
        var query = ["query": search.text, "include_adult": "false"]
        if let year = search.year { query["first_air_date_year"] = String(year) }
        var page: TMDb.Page<TMDb.TVSummary>? = try await get("search/tv", query: query)
        // "Wonder Woman 1984"-style titles end in a year; retry as plain text before giving up.
        if search.year != nil, page?.results?.isEmpty ?? true {
            page = try await get("search/tv", query: ["query": term.trimmingCharacters(in: .whitespaces), "include_adult": "false"])
        }
        let summaries = (page?.results ?? []).filter { $0.id != nil }
        var results = summaries.map(seriesSummary)
        // Sonarr keys series by TVDb id, which search results lack: look it up for the first few.
        let externalIds = await withTaskGroup(of: (Int, TMDb.ExternalIds?).self) { group in
            for (index, summary) in summaries.prefix(Self.searchExternalIdLimit).enumerated() {
                guard let id = summary.id else { continue }
                group.addTask { (index, try? await self.get("tv/\(id)/external_ids")) }
            }
            var found: [Int: TMDb.ExternalIds] = [:]
            for await (index, ids) in group { if let ids { found[index] = ids } }
            return found
        }
        for (index, ids) in externalIds {
            results[index].tvdbId = ids.tvdb_id
            results[index].imdbId = Self.nonEmpty(ids.imdb_id)
        }
        return results
    }

    public func series(tmdbId: Int) async throws -> SeriesMetadata? {
        guard tmdbId > 0 else { throw MetadataError.invalidInput("the TMDb id \(tmdbId) is not positive") }
        guard var details: TMDb.TVDetails = try await get(
            "tv/\(tmdbId)", query: ["append_to_response": "external_ids,content_ratings,keywords"])
        else { return nil }
        if details.external_ids == nil {
            details.external_ids = try await get("tv/\(tmdbId)/external_ids")
        }
        let seasons = try await fetchSeasons(tmdbId: tmdbId, numbers: (details.seasons ?? []).compactMap(\.season_number))
        return fullSeries(details, tmdbId: tmdbId, seasons: seasons)
    }

    public func series(tvdbId: Int) async throws -> SeriesMetadata? {
        guard tvdbId > 0 else { throw MetadataError.invalidInput("the TVDb id \(tvdbId) is not positive") }
        guard let found: TMDb.FindResults = try await get("find/\(tvdbId)", query: ["external_source": "tvdb_id"]),
              let tmdbId = found.tv_results?.first?.id,
              var series = try await series(tmdbId: tmdbId)
        else { return nil }
        if series.tvdbId == nil { series.tvdbId = tvdbId }
        return series
    }

    public func series(imdbId: String) async throws -> SeriesMetadata? {
        let id = try Self.validIMDbId(imdbId)
        guard let found: TMDb.FindResults = try await get("find/\(id)", query: ["external_source": "imdb_id"]),
              let tmdbId = found.tv_results?.first?.id,
              var series = try await series(tmdbId: tmdbId)
        else { return nil }
        if series.imdbId == nil { series.imdbId = id }
        return series
    }

    // MARK: Mapping

    func seriesSummary(_ summary: TMDb.TVSummary) -> SeriesMetadata {
        let genres = (summary.genre_ids ?? []).compactMap { TMDb.genreNames[$0] }
        let isAnime = (summary.genre_ids ?? []).contains(TMDb.animationGenreId) && summary.original_language == "ja"
        return SeriesMetadata(
            tmdbId: summary.id,
            title: Self.nonEmpty(summary.name) ?? Self.nonEmpty(summary.original_name) ?? "TMDb \(summary.id ?? 0)",
            originalTitle: Self.nonEmpty(summary.original_name),
            year: Self.year(summary.first_air_date),
            firstAired: Self.day(summary.first_air_date),
            status: "continuing",
            overview: Self.nonEmpty(summary.overview),
            genres: genres,
            originalLanguage: Self.languageName(summary.original_language),
            ratingValue: summary.vote_average,
            ratingVotes: summary.vote_count,
            images: [image(summary.poster_path, "poster"), image(summary.backdrop_path, "fanart")].compactMap { $0 },
            isAnime: isAnime
        )
    }

    /// Seasons in number order; a season TMDb lists but cannot serve (404) is skipped.
    func fetchSeasons(tmdbId: Int, numbers: [Int]) async throws -> [TMDb.Season] {
        let ordered = Array(Set(numbers.filter { $0 >= 0 })).sorted()
        var seasons: [Int: TMDb.Season] = [:]
        try await withThrowingTaskGroup(of: (Int, TMDb.Season?).self) { group in
            var next = ordered.makeIterator()
            func addNext() {
                guard let number = next.next() else { return }
                group.addTask { (number, try await self.get("tv/\(tmdbId)/season/\(number)")) }
            }
            for _ in 0..<Self.seasonConcurrency { addNext() }
            while let (number, season) = try await group.next() {
                if let season { seasons[number] = season }
                addNext()
            }
        }
        return ordered.compactMap { seasons[$0] }
    }

    func fullSeries(_ details: TMDb.TVDetails, tmdbId: Int, seasons: [TMDb.Season]) -> SeriesMetadata {
        let genreNames = (details.genres ?? []).compactMap { Self.nonEmpty($0.name) }
        let isAnimation = (details.genres ?? []).contains { $0.id == TMDb.animationGenreId }
        let hasAnimeKeyword = (details.keywords?.results ?? []).contains { $0.id == TMDb.animeKeywordId }
        let isAnime = hasAnimeKeyword || (isAnimation && details.original_language == "ja")

        var episodes: [EpisodeMetadata] = []
        for season in seasons {
            for episode in season.episodes ?? [] {
                guard let number = episode.episode_number, let seasonNumber = episode.season_number ?? season.season_number else { continue }
                episodes.append(EpisodeMetadata(
                    seasonNumber: seasonNumber, episodeNumber: number, title: Self.nonEmpty(episode.name),
                    airDate: Self.day(episode.air_date), runtime: episode.runtime.flatMap { $0 > 0 ? $0 : nil },
                    overview: Self.nonEmpty(episode.overview)))
            }
        }
        episodes.sort { ($0.seasonNumber, $0.episodeNumber) < ($1.seasonNumber, $1.episodeNumber) }
        if isAnime { Self.assignAbsoluteNumbers(&episodes) }

        let seasonImages = Dictionary((details.seasons ?? []).compactMap { summary -> (Int, [MetadataImage])? in
            guard let number = summary.season_number else { return nil }
            return (number, [image(summary.poster_path, "poster")].compactMap { $0 })
        }, uniquingKeysWith: { first, _ in first })
        let seasonNumbers = Set(seasonImages.keys).union(episodes.map(\.seasonNumber)).sorted()

        let usRating = (details.content_ratings?.results ?? []).first { $0.iso_3166_1 == "US" }?.rating
        return SeriesMetadata(
            tvdbId: details.external_ids?.tvdb_id,
            tmdbId: details.id ?? tmdbId,
            imdbId: Self.nonEmpty(details.external_ids?.imdb_id),
            title: Self.nonEmpty(details.name) ?? Self.nonEmpty(details.original_name) ?? "TMDb \(tmdbId)",
            originalTitle: Self.nonEmpty(details.original_name),
            year: Self.year(details.first_air_date),
            firstAired: Self.day(details.first_air_date),
            lastAired: Self.day(details.last_air_date),
            status: Self.seriesStatus(details.status),
            overview: Self.nonEmpty(details.overview),
            network: (details.networks ?? []).lazy.compactMap { Self.nonEmpty($0.name) }.first,
            runtime: Self.typicalRuntime(details, episodes: episodes),
            certification: Self.nonEmpty(usRating),
            genres: genreNames,
            originalLanguage: Self.languageName(details.original_language),
            ratingValue: details.vote_average,
            ratingVotes: details.vote_count,
            images: [image(details.poster_path, "poster"), image(details.backdrop_path, "fanart")].compactMap { $0 },
            seasons: seasonNumbers.map { SeasonMetadata(seasonNumber: $0, images: seasonImages[$0] ?? []) },
            episodes: episodes,
            isAnime: isAnime
        )
    }

    /// TMDb's series status → Sonarr's.
    static func seriesStatus(_ status: String?) -> String {
        switch status?.lowercased() {
        case "ended", "canceled", "cancelled": "ended"
        case "planned", "in production", "pilot": "upcoming"
        default: "continuing"
        }
    }

    /// Absolute numbers in air order over the regular seasons; specials (season 0) get none.
    static func assignAbsoluteNumbers(_ episodes: inout [EpisodeMetadata]) {
        var absolute = 0
        for index in episodes.indices where episodes[index].seasonNumber >= 1 {
            absolute += 1
            episodes[index].absoluteEpisodeNumber = absolute
        }
    }

    /// `episode_run_time` is often empty on newer shows; fall back to the episodes' median runtime.
    static func typicalRuntime(_ details: TMDb.TVDetails, episodes: [EpisodeMetadata]) -> Int? {
        if let first = details.episode_run_time?.first(where: { $0 > 0 }) { return first }
        let runtimes = episodes.filter { $0.seasonNumber > 0 }.compactMap(\.runtime).sorted()
        if !runtimes.isEmpty { return runtimes[runtimes.count / 2] }
        return details.last_episode_to_air?.runtime.flatMap { $0 > 0 ? $0 : nil }
    }
}
