import Foundation
import ReleaseParser

/// Season/episode numbers read from one episode file name: `ReleaseParser` first (it knows scene
/// names, anime and dates), then small fallbacks for the tidy names people type by hand.
struct EpisodeNumbering: Sendable, Hashable {
    var season: Int?
    var episodes: [Int] = []
    var absolute: [Int] = []
    var airDate: AirDate?
    var seriesTitleFromFileName = ""

    /// nil when the name carries no episode numbering at all.
    init?(fileName: String, stem: String, inSeasonFolder: Bool) {
        if let parsed = ReleaseParser.parseEpisode(fileName) {
            seriesTitleFromFileName = parsed.seriesTitle
            episodes = Self.sanitized(parsed.episodeNumbers)
            absolute = Self.sanitized(parsed.absoluteEpisodeNumbers.compactMap(Self.wholeNumber))
            airDate = parsed.airDate.flatMap(AirDate.init(parsing:))
            if !episodes.isEmpty { season = parsed.seasonNumber }
        }
        if episodes.isEmpty, absolute.isEmpty, airDate == nil {
            guard let fallback = Self.fallback(stem: stem, inSeasonFolder: inSeasonFolder) else { return nil }
            self = fallback
        }
        if seriesTitleFromFileName.isEmpty { seriesTitleFromFileName = Self.titleBeforeNumbers(stem) }
    }

    private init() {}

    static func wholeNumber(_ value: Double) -> Int? {
        guard value.isFinite, value >= 0, value <= 100_000, value == value.rounded() else { return nil }
        return Int(value)
    }

    static func sanitized(_ numbers: [Int]) -> [Int] {
        Array(numbers.filter { LibraryPathParser.plausibleEpisodeNumbers.contains($0) }.prefix(LibraryPathParser.maxEpisodesPerFile))
    }

    /// Hand-typed names the release parser does not cover, tried in order of confidence.
    static func fallback(stem: String, inSeasonFolder: Bool) -> EpisodeNumbering? {
        let tokens = EpisodeTokens(stem)
        var result = EpisodeNumbering()
        if let (season, episodes) = tokens.seasonEpisode() {
            result.season = season
            result.episodes = sanitized(episodes)
        } else if let episode = tokens.episodeWord() {
            // `Episode 5`, `Ep 05`, `E05`: a season folder or later default supplies the season.
            result.episodes = [episode]
        } else if let date = tokens.airDate() {
            result.airDate = date
        } else if inSeasonFolder, let episode = tokens.leadingNumber() {
            // `Season 1/02 - Pilot.mkv`.
            result.episodes = [episode]
        } else {
            return nil
        }
        guard !result.episodes.isEmpty || result.airDate != nil else { return nil }
        return result
    }

    /// `Show Name - S01E01` → `Show Name`, used only for loose files in the library root.
    static func titleBeforeNumbers(_ stem: String) -> String {
        let words = stem.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "_" })
        let titleWords = words.prefix { word in
            !(word.first.map { $0 == "s" || $0 == "S" || $0.isASCIIDigit } ?? false) || !word.contains(where: \.isASCIIDigit)
        }
        return titleWords.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " -"))
    }
}
