import Foundation
import Testing
import MediaCore

let movieNFO = """
<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<movie>
    <title>Le Fabuleux Destin d'Amélie Poulain</title>
    <originaltitle>Le Fabuleux Destin d&apos;Amélie Poulain</originaltitle>
    <sorttitle>Amelie</sorttitle>
    <ratings>
        <rating name="themoviedb" max="10"><value>7.9</value><votes>11000</votes></rating>
        <rating name="imdb" max="10" default="true"><value>8.3</value><votes>780000</votes></rating>
    </ratings>
    <plot><![CDATA[A shy waitress decides to change the lives of those around her.]]></plot>
    <outline>Shy waitress.</outline>
    <tagline>One person can change your life forever.</tagline>
    <runtime>122</runtime>
    <mpaa>Rated R</mpaa>
    <uniqueid type="imdb" default="true">tt0211915</uniqueid>
    <uniqueid type="tmdb">194</uniqueid>
    <genre>Comedy</genre>
    <genre>Romance</genre>
    <studio>Claudie Ossard Productions</studio>
    <tag>paris</tag>
    <premiered>2001-04-25</premiered>
    <actor><name>Audrey Tautou</name><role>Amélie Poulain</role><order>0</order><thumb>x</thumb></actor>
    <actor><name>Mathieu Kassovitz</name><role>Nino Quincampoix</role></actor>
    <fileinfo><streamdetails><video><codec>h264</codec></video></streamdetails></fileinfo>
</movie>
https://www.themoviedb.org/movie/194-amelie
"""

@Test func parsesMovieNFOWithTrailingURL() throws {
    let nfo = try NFODocument.parse(Data(movieNFO.utf8))
    #expect(nfo.kind == .movie)
    #expect(nfo.title == "Le Fabuleux Destin d'Amélie Poulain")
    #expect(nfo.originalTitle == "Le Fabuleux Destin d'Amélie Poulain")
    #expect(nfo.sortTitle == "Amelie")
    #expect(nfo.rating == 8.3)
    #expect(nfo.plot == "A shy waitress decides to change the lives of those around her.")
    #expect(nfo.outline == "Shy waitress.")
    #expect(nfo.tagline == "One person can change your life forever.")
    #expect(nfo.runtimeMinutes == 122)
    #expect(nfo.mpaa == "Rated R")
    #expect(nfo.year == 2001)
    #expect(nfo.premiered == AirDate(year: 2001, month: 4, day: 25))
    #expect(nfo.genres == ["Comedy", "Romance"])
    #expect(nfo.studios == ["Claudie Ossard Productions"])
    #expect(nfo.tags == ["paris"])
    #expect(nfo.providerIds == [.imdb: "tt0211915", .tmdb: "194"])
    #expect(nfo.actors == [NFOActor(name: "Audrey Tautou", role: "Amélie Poulain"), NFOActor(name: "Mathieu Kassovitz", role: "Nino Quincampoix")])
}

@Test func parsesEpisodeAndLegacyIds() throws {
    let xml = """
    <episodedetails>
      <title>Pilot</title><showtitle>Breaking Bad</showtitle><season>1</season><episode>1</episode>
      <aired>2008-01-20</aired><rating>8.2</rating><id>349232</id><imdbid>tt0959621</imdbid>
    </episodedetails>
    """
    let nfo = try NFODocument.parse(Data(xml.utf8))
    #expect(nfo.kind == .episodedetails)
    #expect(nfo.season == 1 && nfo.episode == 1 && nfo.showTitle == "Breaking Bad")
    #expect(nfo.aired == AirDate(year: 2008, month: 1, day: 20) && nfo.year == 2008)
    #expect(nfo.rating == 8.2)
    #expect(nfo.providerIds == [.tvdb: "349232", .imdb: "tt0959621"])
}

@Test func multiEpisodeNFO() throws {
    let xml = "<episodedetails><title>A</title><episode>1</episode></episodedetails>\n<episodedetails><title>B</title><episode>2</episode></episodedetails>"
    let all = try NFODocument.parseAll(Data(xml.utf8))
    #expect(all.map(\.title) == ["A", "B"])
    #expect(all.map(\.episode) == [1, 2])
}

@Test func tvshowAndSeasonRoots() throws {
    let show = try NFODocument.parse(Data("<tvshow><title>Dark</title><uniqueid type=\"tvdb\">334824</uniqueid><genre>Sci-Fi / Thriller</genre></tvshow>".utf8))
    #expect(show.kind == .tvshow && show.providerIds == [.tvdb: "334824"] && show.genres == ["Sci-Fi", "Thriller"])
    let season = try NFODocument.parse(Data("<season><title>Season 2</title><seasonnumber>2</seasonnumber></season>".utf8))
    #expect(season.kind == .season && season.title == "Season 2")
}

@Test(arguments: [
    ("https://www.imdb.com/title/tt0111161/", [MetadataProvider.imdb: "tt0111161"]),
    ("https://www.themoviedb.org/movie/278-the-shawshank-redemption\n", [.tmdb: "278"]),
    ("http://thetvdb.com/?tab=series&id=81189", [.tvdb: "81189"]),
    ("https://thetvdb.com/dereferrer/series/81189", [.tvdb: "81189"]),
])
func urlOnlyNFO(text: String, ids: [MetadataProvider: String]) throws {
    let nfo = try NFODocument.parse(Data(text.utf8))
    #expect(nfo.kind == .urlOnly)
    #expect(nfo.providerIds == ids)
}

@Test(arguments: [
    ("", NFOError.empty),
    ("just some words", .notAnNFO),
    ("<!DOCTYPE lolz [<!ENTITY lol \"lol\">]><movie>&lol;</movie>", .doctypeNotAllowed),
])
func rejectedNFOs(text: String, expected: NFOError) {
    #expect(throws: expected) { try NFODocument.parse(Data(text.utf8)) }
}

@Test func malformedNFOIsTypedError() {
    do {
        _ = try NFODocument.parse(Data("<movie><title>Broken</movie>".utf8))
        Issue.record("malformed XML parsed")
    } catch {
        guard case .malformedXML = error else { Issue.record("wrong error \(error)"); return }
        #expect(error.description.contains("not valid XML"))
    }
}

@Test func boundedNFO() {
    let big = Data(repeating: 0x41, count: NFODocument.maxByteCount + 1)
    #expect(throws: NFOError.tooLarge(byteCount: big.count, limit: NFODocument.maxByteCount)) { try NFODocument.parse(big) }
    let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
    #expect(throws: NFOError.tooDeeplyNested(limit: 32)) { try NFODocument.parse(Data(("<movie>" + deep + "</movie>").utf8)) }
}

@Test func latin1NFO() throws {
    var bytes = Array("<movie><title>Am".utf8)
    bytes.append(0xE9) // é in ISO-8859-1
    bytes += Array("lie</title></movie>".utf8)
    #expect(try NFODocument.parse(Data(bytes)).title == "Amélie")
}

@Test(arguments: [("2024-03-05", "2024-03-05"), ("2024-02-29 20:00:00", "2024-02-29"), ("2023-02-29", nil), ("2024-13-01", nil), ("garbage", nil)] as [(String, String?)])
func airDates(text: String, expected: String?) {
    #expect(AirDate(parsing: text)?.description == expected)
}

@Test func trailingURLFillsMissingIds() throws {
    let nfo = try NFODocument.parse(Data("<movie><title>Heat</title></movie>\nhttps://www.imdb.com/title/tt0113277/".utf8))
    #expect(nfo.title == "Heat" && nfo.providerIds == [.imdb: "tt0113277"])
}
