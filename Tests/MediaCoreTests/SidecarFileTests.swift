import Testing
import MediaCore

@Test(arguments: [
    ("Movie (2010).en.srt", ExternalSubtitle(format: .srt, language: "eng")),
    ("Movie (2010).eng.forced.srt", ExternalSubtitle(format: .srt, language: "eng", isForced: true)),
    ("Movie (2010).en.sdh.srt", ExternalSubtitle(format: .srt, language: "eng", isHearingImpaired: true)),
    ("Movie (2010).en.hi.srt", ExternalSubtitle(format: .srt, language: "eng", isHearingImpaired: true)),
    ("Movie (2010).default.en.ass", ExternalSubtitle(format: .ass, language: "eng", isDefault: true)),
    ("Movie (2010).srt", ExternalSubtitle(format: .srt)),
    ("movie (2010).German.vtt", ExternalSubtitle(format: .vtt, language: "ger")),
    ("Movie (2010).pt-BR.srt", ExternalSubtitle(format: .srt, language: "por")),
    ("Movie (2010).fra.forced.ssa", ExternalSubtitle(format: .ssa, language: "fre", isForced: true)),
    ("Movie (2010).zh.sup", ExternalSubtitle(format: .sup, language: "chi")),
    ("Movie (2010).ja.sub", ExternalSubtitle(format: .sub, language: "jpn")),
    ("Movie (2010).en.Commentary.srt", ExternalSubtitle(format: .srt, language: "eng", title: "Commentary")),
    ("Movie (2010).español.srt", ExternalSubtitle(format: .srt, language: "spa")),
])
func subtitleNames(fileName: String, expected: ExternalSubtitle) {
    #expect(SidecarFile.parse(fileName: fileName, videoBaseName: "Movie (2010)") == .subtitle(expected))
}

@Test(arguments: ["Movie (2010) 2.en.srt", "Other.en.srt", "Movie (2010).en.txt", "Movie.en.srt"])
func subtitlesOfOtherVideos(fileName: String) {
    #expect(SidecarFile.subtitle(fileName: fileName, videoBaseName: "Movie (2010)") == nil)
}

@Test(arguments: [
    ("poster.jpg", SidecarImage(type: .primary, owner: .folderItem)),
    ("folder.jpg", SidecarImage(type: .primary, owner: .folderItem)),
    ("cover.png", SidecarImage(type: .primary, owner: .folderItem)),
    ("fanart.jpg", SidecarImage(type: .backdrop, owner: .folderItem)),
    ("backdrop2.jpg", SidecarImage(type: .backdrop, owner: .folderItem)),
    ("fanart-1.jpg", SidecarImage(type: .backdrop, owner: .folderItem)),
    ("background.webp", SidecarImage(type: .backdrop, owner: .folderItem)),
    ("landscape.jpg", SidecarImage(type: .thumb, owner: .folderItem)),
    ("thumb.jpg", SidecarImage(type: .thumb, owner: .folderItem)),
    ("logo.png", SidecarImage(type: .logo, owner: .folderItem)),
    ("clearlogo.png", SidecarImage(type: .logo, owner: .folderItem)),
    ("banner.jpg", SidecarImage(type: .banner, owner: .folderItem)),
    ("clearart.png", SidecarImage(type: .art, owner: .folderItem)),
    ("disc.png", SidecarImage(type: .disc, owner: .folderItem)),
    ("season01-poster.jpg", SidecarImage(type: .primary, owner: .season(1))),
    ("season-specials-poster.jpg", SidecarImage(type: .primary, owner: .season(0))),
    ("season02-fanart.jpg", SidecarImage(type: .backdrop, owner: .season(2))),
    ("Show - S01E01-thumb.jpg", SidecarImage(type: .primary, owner: .video)),
    ("Show - S01E01.jpg", SidecarImage(type: .primary, owner: .video)),
    ("Show - S01E01.tbn", SidecarImage(type: .primary, owner: .video)),
    ("Show - S01E01-fanart.jpg", SidecarImage(type: .backdrop, owner: .video)),
])
func imageNames(fileName: String, expected: SidecarImage) {
    #expect(SidecarFile.parse(fileName: fileName, videoBaseName: "Show - S01E01") == .image(expected))
}

@Test(arguments: ["random.jpg", "poster.txt", "season-poster.jpg", "Show - S01E02.jpg"])
func unknownImages(fileName: String) {
    #expect(SidecarFile.image(fileName: fileName, videoBaseName: "Show - S01E01") == nil)
}

@Test(arguments: [("en", "eng"), ("EN", "eng"), ("deu", "ger"), ("ger", "ger"), ("French", "fre"), ("zh-Hans", "chi"),
                  ("nld", "dut"), ("ces", "cze"), ("fas", "per"), ("xx", nil), ("", nil)] as [(String, String?)])
func languageCodes(token: String, expected: String?) {
    #expect(LanguageCode.iso6392B(token) == expected)
}
