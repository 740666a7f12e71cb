/// TMDb v3 response bodies, reduced to the fields we map. Every field is optional so a missing or
/// null key never fails a lookup; only a value of the wrong type does.
enum TMDb {
    struct Page<Item: Decodable>: Decodable {
        var results: [Item]?
    }

    struct Named: Decodable {
        var id: Int?
        var name: String?
    }

    struct FindResults: Decodable {
        var movie_results: [MovieSummary]?
        var tv_results: [TVSummary]?
    }

    struct TVSummary: Decodable {
        var id: Int?
        var name: String?
        var original_name: String?
        var first_air_date: String?
        var overview: String?
        var poster_path: String?
        var backdrop_path: String?
        var genre_ids: [Int]?
        var original_language: String?
        var popularity: Double?
        var vote_average: Double?
        var vote_count: Int?
    }

    struct ExternalIds: Decodable {
        var imdb_id: String?
        var tvdb_id: Int?
    }

    struct ContentRating: Decodable {
        var iso_3166_1: String?
        var rating: String?
    }

    struct EpisodeSummary: Decodable {
        var runtime: Int?
    }

    struct TVDetails: Decodable {
        struct SeasonSummary: Decodable {
            var season_number: Int?
            var poster_path: String?
            var episode_count: Int?
        }

        var id: Int?
        var name: String?
        var original_name: String?
        var first_air_date: String?
        var last_air_date: String?
        var status: String?
        var overview: String?
        var networks: [Named]?
        var episode_run_time: [Int]?
        var genres: [Named]?
        var original_language: String?
        var vote_average: Double?
        var vote_count: Int?
        var poster_path: String?
        var backdrop_path: String?
        var seasons: [SeasonSummary]?
        var last_episode_to_air: EpisodeSummary?
        var external_ids: ExternalIds?
        var content_ratings: Page<ContentRating>?
        /// TV keywords come as `{"results": [...]}`, movie keywords as `{"keywords": [...]}`.
        var keywords: Page<Named>?
    }

    struct Season: Decodable {
        struct Episode: Decodable {
            var id: Int?
            var season_number: Int?
            var episode_number: Int?
            var name: String?
            var overview: String?
            var air_date: String?
            var runtime: Int?
            var still_path: String?
        }

        var season_number: Int?
        var poster_path: String?
        var episodes: [Episode]?
    }

    struct MovieSummary: Decodable {
        var id: Int?
        var title: String?
        var original_title: String?
        var release_date: String?
        var overview: String?
        var poster_path: String?
        var backdrop_path: String?
        var genre_ids: [Int]?
        var original_language: String?
        var popularity: Double?
        var vote_average: Double?
        var vote_count: Int?
    }

    struct MovieDetails: Decodable {
        struct AlternativeTitles: Decodable {
            struct Title: Decodable {
                var iso_3166_1: String?
                var title: String?
            }
            var titles: [Title]?
        }

        struct CountryReleases: Decodable {
            struct Release: Decodable {
                var certification: String?
                var release_date: String?
                var type: Int?
            }
            var iso_3166_1: String?
            var release_dates: [Release]?
        }

        struct Video: Decodable {
            var site: String?
            var key: String?
            var type: String?
            var official: Bool?
        }

        var id: Int?
        var imdb_id: String?
        var title: String?
        var original_title: String?
        var overview: String?
        var runtime: Int?
        var release_date: String?
        var status: String?
        var genres: [Named]?
        var production_companies: [Named]?
        var belongs_to_collection: Named?
        var homepage: String?
        var original_language: String?
        var popularity: Double?
        var vote_average: Double?
        var vote_count: Int?
        var poster_path: String?
        var backdrop_path: String?
        var external_ids: ExternalIds?
        var alternative_titles: AlternativeTitles?
        var release_dates: Page<CountryReleases>?
        var videos: Page<Video>?
    }

    /// `/configuration`: where images are served from.
    struct Configuration: Decodable {
        struct Images: Decodable {
            var secure_base_url: String?
            var base_url: String?
        }
        var images: Images?
    }

    /// TMDb's genre ids (`/genre/tv/list`, `/genre/movie/list`); search results carry ids only.
    static let genreNames: [Int: String] = [
        28: "Action", 12: "Adventure", 16: "Animation", 35: "Comedy", 80: "Crime", 99: "Documentary",
        18: "Drama", 10751: "Family", 14: "Fantasy", 36: "History", 27: "Horror", 10402: "Music",
        9648: "Mystery", 10749: "Romance", 878: "Science Fiction", 10770: "TV Movie", 53: "Thriller",
        10752: "War", 37: "Western", 10759: "Action & Adventure", 10762: "Kids", 10763: "News",
        10764: "Reality", 10765: "Sci-Fi & Fantasy", 10766: "Soap", 10767: "Talk", 10768: "War & Politics",
    ]
    static let animationGenreId = 16
    /// TMDb's `anime` keyword.
    static let animeKeywordId = 210024
}
