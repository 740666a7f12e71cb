import Testing

@testable import ServarrCore

/// The Servarr wiki's sample episode: "The Series Title's! (2010) - S01E01 - Episode Title (1) [HDTV-720p Proper]".
let namingSampleEpisode = NamingValues(
    seriesTitle: "The Series Title's!", seriesYear: 2010, imdbId: "tt12345", tvdbId: 1234, tmdbId: 5678,
    seasonNumber: 1, episodeNumbers: [1], absoluteEpisodeNumbers: [1], airDate: "2013-10-30",
    episodeTitles: ["Episode Title (1)"], qualityTitle: "HDTV-720p", isProper: true, releaseGroup: "RlsGrp",
    originalTitle: "The.Series.Titles.S01E01.720p.HDTV.x264-RlsGrp", customFormats: ["DV", "HDR10"],
    extraTokens: ["mediainfo videocodec": "x265"])

let namingSampleMovie = NamingValues(
    movieTitle: "The Movie Title", movieYear: 2010, movieOriginalTitle: "Le Titre du Film", imdbId: "tt0066921",
    tmdbId: 345691, qualityTitle: "Bluray-1080p", releaseGroup: "EVOLVE", edition: "IMAX")

struct NamingRenderCase: Sendable, CustomTestStringConvertible {
    var format: String
    var values: NamingValues = namingSampleEpisode
    var options = NamingOptions()
    var expected: String
    var testDescription: String { format }
}

func namingEpisode(_ change: (inout NamingValues) -> Void) -> NamingValues {
    var values = namingSampleEpisode
    change(&values)
    return values
}

let namingThreeEpisodes = namingEpisode {
    $0.episodeNumbers = [1, 2, 3]
    $0.episodeTitles = ["Episode Title (1)", "Episode Title (2)", "Episode Title (3)"]
}

let namingMultiFormat = "{Series TitleYear} - S{season:00}E{episode:00} - {Episode Title}"

let namingRenderCases: [NamingRenderCase] = [
    // Tokens
    NamingRenderCase(format: "{Series Title} - S{season:00}E{episode:00} - {Episode Title} {Quality Full}",
        expected: "The Series Title's! - S01E01 - Episode Title (1) HDTV-720p Proper"),
    NamingRenderCase(format: "{Series TitleYear} - S{season:00}E{episode:00} - {Episode Title} [{Quality Full}]",
        expected: "The Series Title's! (2010) - S01E01 - Episode Title (1) [HDTV-720p Proper]"),
    NamingRenderCase(format: "{Series CleanTitle}", expected: "The Series Titles!"),
    NamingRenderCase(format: "{Series CleanTitleYear}", expected: "The Series Titles! 2010"),
    NamingRenderCase(format: "{Series TitleThe}", expected: "Series Title's!, The"),
    NamingRenderCase(format: "{Series TitleFirstCharacter}", expected: "S"),
    NamingRenderCase(format: "{Series Year}", expected: "2010"),
    NamingRenderCase(format: "{Series TitleYear}", values: namingEpisode { $0.seriesTitle = "The Series (2010)" }, expected: "The Series (2010)"),
    NamingRenderCase(format: "{Series CleanTitleWithoutYear} {(Series Year)}", values: namingEpisode { $0.seriesTitle = "The Series (2010)" }, expected: "The Series (2010)"),
    NamingRenderCase(format: "{Series TitleYear} [tvdbid-{TvdbId}]", expected: "The Series Title's! (2010) [tvdbid-1234]"),
    NamingRenderCase(format: "{ImdbId} {TmdbId}", expected: "tt12345 5678"),
    NamingRenderCase(format: "{season:0}x{episode:00}", expected: "1x01"),
    NamingRenderCase(format: "Season {season}", expected: "Season 1"),
    NamingRenderCase(format: "Season {season:00}", expected: "Season 01"),
    NamingRenderCase(format: "{Series Title} - {Air-Date} - {Episode Title}", expected: "The Series Title's! - 2013-10-30 - Episode Title (1)"),
    NamingRenderCase(format: "{Series Title} - {Air Date}", expected: "The Series Title's! - 2013 10 30"),
    NamingRenderCase(format: "{Series Title} - {absolute:000} - {Episode Title}", expected: "The Series Title's! - 001 - Episode Title (1)"),
    NamingRenderCase(format: "{Quality Title} {Quality Proper}", expected: "HDTV-720p Proper"),
    NamingRenderCase(format: "{Quality Full}", values: namingEpisode { $0.isProper = false; $0.isRepack = true }, expected: "HDTV-720p Repack"),
    NamingRenderCase(format: "{Quality Full}", values: namingEpisode { $0.isReal = true }, expected: "HDTV-720p Proper REAL"),
    NamingRenderCase(format: "{Original Title}", expected: "The.Series.Titles.S01E01.720p.HDTV.x264-RlsGrp"),
    NamingRenderCase(format: "{Series Title} {Custom Formats}", expected: "The Series Title's! DV HDR10"),
    NamingRenderCase(format: "{Custom Formats:-DV}", expected: "HDR10"),
    NamingRenderCase(format: "{Custom Format:DV}", expected: "DV"),
    NamingRenderCase(format: "{Series Title} {[MediaInfo VideoCodec]}", expected: "The Series Title's! [x265]"),
    NamingRenderCase(format: "{Series Title} {[MediaInfo AudioCodec]}", expected: "The Series Title's!"),
    // Optional sections
    NamingRenderCase(format: "{Series Title}{-Release Group}", expected: "The Series Title's!-RlsGrp"),
    NamingRenderCase(format: "{Series Title}{-Release Group}", values: namingEpisode { $0.releaseGroup = nil }, expected: "The Series Title's!"),
    NamingRenderCase(format: "{Series Title} {(Series Year)}", values: namingEpisode { $0.seriesYear = nil }, expected: "The Series Title's!"),
    NamingRenderCase(format: "{Series Title} {[Quality Full]} - x", values: namingEpisode { $0.qualityTitle = nil; $0.isProper = false }, expected: "The Series Title's! - x"),
    NamingRenderCase(format: "{Series Title} - S{season:00}E{episode:00} - {Episode Title}", values: namingEpisode { $0.episodeTitles = [] }, expected: "The Series Title's! - S01E01"),
    // Separators and case
    NamingRenderCase(format: "{Series.Title}.S{season:00}E{episode:00}.{Episode.Title}", expected: "The.Series.Title's!.S01E01.Episode.Title.(1)"),
    NamingRenderCase(format: "{Series.Title}.{Episode.Title}.{Quality.Full}", values: namingEpisode { $0.episodeTitles = [] }, expected: "The.Series.Title's!.HDTV-720p.Proper"),
    NamingRenderCase(format: "{Series_Title}_S{season:00}E{episode:00}", expected: "The_Series_Title's!_S01E01"),
    NamingRenderCase(format: "{series title} - {SERIES TITLE}", expected: "the series title's! - THE SERIES TITLE'S!"),
    NamingRenderCase(format: "{Series-Title}", expected: "The-Series-Title's!"),
    // Multi-episode styles
    NamingRenderCase(format: namingMultiFormat, values: namingThreeEpisodes, options: NamingOptions(multiEpisodeStyle: .extend), expected: "The Series Title's! (2010) - S01E01-02-03 - Episode Title"),
    NamingRenderCase(format: namingMultiFormat, values: namingThreeEpisodes, options: NamingOptions(multiEpisodeStyle: .duplicate), expected: "The Series Title's! (2010) - S01E01 - S01E02 - S01E03 - Episode Title"),
    NamingRenderCase(format: namingMultiFormat, values: namingThreeEpisodes, options: NamingOptions(multiEpisodeStyle: .repeat), expected: "The Series Title's! (2010) - S01E01E02E03 - Episode Title"),
    NamingRenderCase(format: namingMultiFormat, values: namingThreeEpisodes, options: NamingOptions(multiEpisodeStyle: .scene), expected: "The Series Title's! (2010) - S01E01-E02-E03 - Episode Title"),
    NamingRenderCase(format: namingMultiFormat, values: namingThreeEpisodes, options: NamingOptions(multiEpisodeStyle: .range), expected: "The Series Title's! (2010) - S01E01-03 - Episode Title"),
    NamingRenderCase(format: namingMultiFormat, values: namingThreeEpisodes, options: NamingOptions(multiEpisodeStyle: .prefixedRange), expected: "The Series Title's! (2010) - S01E01-E03 - Episode Title"),
    NamingRenderCase(format: "{season}x{episode:00}", values: namingThreeEpisodes, options: NamingOptions(multiEpisodeStyle: .scene), expected: "1x01-x02-x03"),
    NamingRenderCase(format: "{season}x{episode:00}", values: namingThreeEpisodes, options: NamingOptions(multiEpisodeStyle: .prefixedRange), expected: "1x01-x03"),
    NamingRenderCase(format: "{Episode Title}", values: namingEpisode { $0.episodeNumbers = [1, 2]; $0.episodeTitles = ["Pilot", "The Second"] }, expected: "Pilot + The Second"),
    NamingRenderCase(format: "{Episode Title}", values: namingEpisode { $0.episodeNumbers = [1, 2]; $0.episodeTitles = ["Finale, Part 1", "Finale, Part 2"] }, expected: "Finale"),
    // Truncation
    NamingRenderCase(format: "{Episode Title:10} {Quality Title}", values: namingEpisode { $0.episodeTitles = ["A Very Long Episode Title"] }, expected: "A Very... HDTV-720p"),
    NamingRenderCase(format: "{Episode CleanTitle:90}", values: namingEpisode { $0.episodeTitles = ["Don't Stop: Believin'"] }, expected: "Dont Stop Believin"),
    NamingRenderCase(format: "{Episode Title:-12}", values: namingEpisode { $0.episodeTitles = ["A Very Long Episode Title"] }, expected: "...ode Title"),
    // Colons
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "Star Trek: Picard" }, expected: "Star Trek - Picard"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "24: 10:30" }, expected: "24 - 10-30"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "Star Trek: Picard" }, options: NamingOptions(colonReplacement: .delete), expected: "Star Trek Picard"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "Star Trek: Picard" }, options: NamingOptions(colonReplacement: .dash), expected: "Star Trek- Picard"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "Star Trek: Picard" }, options: NamingOptions(colonReplacement: .spaceDash), expected: "Star Trek - Picard"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "Star Trek:Picard" }, options: NamingOptions(colonReplacement: .spaceDashSpace), expected: "Star Trek - Picard"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "Star Trek: Picard" }, options: NamingOptions(colonReplacement: .custom("꞉")), expected: "Star Trek꞉ Picard"),
    // Illegal characters, control characters, dots, empty names, length
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = #"What If...? "Yes" <No> a/b*c|d\e"# }, expected: "What If...! Yes No a+b-cd+e"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = #"What If...? "Yes": a/b"# }, options: NamingOptions(replaceIllegalCharacters: false), expected: "What If... Yes ab"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "Tab\u{7}Bell\u{0}" }, expected: "TabBell"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "Mr. Robot. " }, expected: "Mr. Robot"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = ".." }, expected: "_"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = nil }, expected: "_"),
    NamingRenderCase(format: "{Series Title}", values: namingEpisode { $0.seriesTitle = "AC/DC" }, expected: "AC+DC"),
    NamingRenderCase(format: "{Series Title}/Season {season:00}/{Series Title} - S{season:00}E{episode:00}", expected: "The Series Title's!/Season 01/The Series Title's! - S01E01"),
    NamingRenderCase(format: "{Series CleanTitle}", values: namingEpisode { $0.seriesTitle = "Amélie & Co." }, expected: "Amelie and Co"),
    // Movies
    NamingRenderCase(format: "{Movie Title} ({Release Year}) {Quality Full}", values: namingSampleMovie, expected: "The Movie Title (2010) Bluray-1080p"),
    NamingRenderCase(format: "{Movie CleanTitle} {(Release Year)} [tmdbid-{TmdbId}]", values: namingSampleMovie, expected: "The Movie Title (2010) [tmdbid-345691]"),
    NamingRenderCase(format: "{Movie TitleThe}", values: namingSampleMovie, expected: "Movie Title, The"),
    NamingRenderCase(format: "{Movie TitleYear} {Edition Tags}{-Release Group}", values: namingSampleMovie, expected: "The Movie Title (2010) IMAX-EVOLVE"),
    NamingRenderCase(format: "{Movie OriginalTitle} {ImdbId}", values: namingSampleMovie, expected: "Le Titre du Film tt0066921"),
]

@Test(arguments: namingRenderCases)
func templatesRenderAsTheWikiSays(_ testCase: NamingRenderCase) throws {
    let template = try NamingTemplate(testCase.format)
    #expect(template.render(testCase.values, options: testCase.options) == testCase.expected)
}

@Test(arguments: [
    ("{Series Title", NamingTemplateError.Kind.unclosedBrace),
    ("{Series Title - {Episode Title}", .unclosedBrace),
    ("{Serie Title}", .unknownToken),
    ("{Quality Fulll}", .unknownToken),
    ("{}", .emptyToken),
    ("{ - }", .emptyToken),
    ("{Series Title!}", .invalidToken),
])
func badTemplatesAreRefusedWithAClearError(_ format: String, _ kind: NamingTemplateError.Kind) {
    #expect {
        try NamingTemplate(format)
    } throws: { error in
        guard let error = error as? NamingTemplateError else { return false }
        return error.kind == kind && !error.description.isEmpty
    }
}

@Test func longNamesAreCutAt255BytesOnACharacterBoundary() throws {
    let template = try NamingTemplate("{Series Title}")
    let ascii = template.render(namingEpisode { $0.seriesTitle = String(repeating: "a", count: 300) })
    #expect(ascii.utf8.count == 255)
    let accented = template.render(namingEpisode { $0.seriesTitle = String(repeating: "é", count: 200) })
    #expect(accented.utf8.count == 254)
    #expect(accented == String(repeating: "é", count: 127))
    let small = template.render(namingSampleEpisode, options: NamingOptions(maxComponentBytes: 10))
    #expect(small == "The Series")
}
