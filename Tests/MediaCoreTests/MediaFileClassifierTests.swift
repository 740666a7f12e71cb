import Testing
import MediaCore

@Test(arguments: [
    ("Movie (2010)/Movie (2010).mkv", MediaFileClassification.media(.video)),
    ("Show/Season 1/Show S01E01.M2TS", .media(.video)),
    ("Movie (2010)/Movie (2010).en.srt", .media(.subtitle)),
    ("Movie (2010)/Movie (2010).sup", .media(.subtitle)),
    ("Movie (2010)/Movie (2010).idx", .ignored(.unsupportedExtension)),
    ("Movie (2010)/poster.JPG", .media(.image)),
    ("Movie (2010)/movie.nfo", .media(.nfo)),
    ("Movie (2010)/Movie (2010).iso", .ignored(.unsupportedExtension)),
    ("Movie (2010)/notes.txt", .ignored(.unsupportedExtension)),
    ("Movie (2010)/.Movie (2010).mkv", .ignored(.hidden)),
    (".hidden/Movie (2010).mkv", .ignored(.hidden)),
    ("Movie (2010)/@eaDir/Movie (2010).mkv", .ignored(.systemFolder)),
    ("lost+found/file.mkv", .ignored(.systemFolder)),
    ("#recycle/Movie (2010).mkv", .ignored(.systemFolder)),
    ("Show/.actors/Bryan.jpg", .ignored(.hidden)),
    ("Movie (2010)/Movie (2010).mkv.part", .ignored(.incompleteDownload)),
    ("Movie (2010)/Movie (2010).mkv.!qB", .ignored(.incompleteDownload)),
    ("Movie (2010)/Movie (2010).tmp", .ignored(.incompleteDownload)),
    ("Movie (2010)/Sample/movie-sample.mkv", .ignored(.sample)),
    ("Movie (2010)/movie-sample.mkv", .ignored(.sample)),
    ("Movie (2010)/Trailers/Teaser.mkv", .extra(.trailer)),
    ("Movie (2010)/Behind The Scenes/Making Of.mp4", .extra(.behindTheScenes)),
    ("Movie (2010)/Deleted Scenes/Cut.mkv", .extra(.deletedScene)),
    ("Movie (2010)/Extras/poster.jpg", .ignored(.insideExtrasFolder)),
    ("Movie (2010)/Movie (2010)-trailer.mkv", .extra(.trailer)),
    ("Other/Not an extra at the root.mkv", .media(.video)),
])
func classifyMovieLibrary(path: String, expected: MediaFileClassification) {
    #expect(MediaFileClassifier.classify(path, libraryKind: .movies, fileSize: 10 * 1024 * 1024) == expected)
}

@Test func bigSampleNamedVideoIsKept() {
    // Over the threshold a `sample` word is a title, not a release sample.
    #expect(MediaFileClassifier.classify("Sample Movie (2010)/Sample Movie (2010).mkv", fileSize: 4_000_000_000) == .media(.video))
    #expect(MediaFileClassifier.classify("The Sampler (2010)/The Sampler (2010).mkv", fileSize: 1_000) == .media(.video))
    #expect(MediaFileClassifier.classify("x/movie-sample.mkv", fileSize: nil) == .media(.video))
}

@Test func homeVideoOtherFolderIsNotExtras() {
    #expect(MediaFileClassifier.classify("Trips/Other/beach.mp4", libraryKind: .homevideos) == .media(.video))
}

@Test(arguments: [
    ("@eaDir", MediaFileClassifier.FolderDecision.skip(.systemFolder)),
    ("Samples", .skip(.sample)),
    (".git", .skip(.hidden)),
    ("Featurettes", .extras(.featurette)),
    ("deleted_scenes", .extras(.deletedScene)),
    ("Season 1", .descend),
])
func folderDecisions(name: String, expected: MediaFileClassifier.FolderDecision) {
    #expect(MediaFileClassifier.decide(folderNamed: name) == expected)
}

@Test(arguments: [
    ("Season 01", 1), ("Season 1", 1), ("season.12", 12), ("S01", 1), ("s3", 3), ("Specials", 0),
    ("Series 2", 2), ("Staffel 4", 4), ("Saison 2", 2), ("Сезон 3", 3), ("第2季", 2), ("Season 2 (2019)", 2),
])
func seasonFolders(name: String, season: Int) {
    #expect(SeasonFolderName.seasonNumber(name) == season)
}

@Test(arguments: ["S Club 7", "Sherlock", "Extras", "Seasoning", "2019", ""])
func notSeasonFolders(name: String) {
    #expect(SeasonFolderName.seasonNumber(name) == nil)
}
