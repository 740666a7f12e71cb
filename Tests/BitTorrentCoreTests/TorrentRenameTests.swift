import BitTorrentCore
import Testing

/// `torrent-rename-path`'s rules on the metainfo: only the last component of the path changes, the
/// info hash never does, and names that could not be written (or would collide) are refused.
@Suite struct TorrentRenameTests {
    static func show() throws -> TorrentMetainfo {
        let builder = TorrentBuilder(name: "Show", pieceLength: 16384, files: [
            .init(path: ["Season 1", "e01.mkv"], length: 20000),
            .init(path: ["Season 1", "e02.mkv"], length: 20000),
            .init(path: ["Season 10", "e01.mkv"], length: 100),
            .init(path: ["notes.txt"], length: 10),
        ])
        return try builder.build(pieceHashes: Array(repeating: 1, count: 60)).1
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var path: [String]
        var name: String
        var torrentName: String
        var files: [String]
        var testDescription: String { "\(path.joined(separator: "/")) → \(name)" }
    }

    @Test(arguments: [
        Case(path: ["Show", "Season 1", "e01.mkv"], name: "Pilot.mkv", torrentName: "Show",
             files: ["Show/Season 1/Pilot.mkv", "Show/Season 1/e02.mkv", "Show/Season 10/e01.mkv", "Show/notes.txt"]),
        // A folder: everything below it follows; "Season 10" is not below "Season 1".
        Case(path: ["Show", "Season 1"], name: "S01", torrentName: "Show",
             files: ["Show/S01/e01.mkv", "Show/S01/e02.mkv", "Show/Season 10/e01.mkv", "Show/notes.txt"]),
        // The top folder renames the torrent.
        Case(path: ["Show"], name: "Show (2024)", torrentName: "Show (2024)",
             files: ["Show (2024)/Season 1/e01.mkv", "Show (2024)/Season 1/e02.mkv", "Show (2024)/Season 10/e01.mkv", "Show (2024)/notes.txt"]),
        Case(path: ["Show", "notes.txt"], name: "notes.txt", torrentName: "Show",
             files: ["Show/Season 1/e01.mkv", "Show/Season 1/e02.mkv", "Show/Season 10/e01.mkv", "Show/notes.txt"]),
    ])
    func renames(_ example: Case) throws {
        let original = try Self.show()
        let renamed = try original.renaming(example.path, to: example.name)
        #expect(renamed.name == example.torrentName)
        #expect(renamed.userFiles.map(\.path.description) == example.files)
        #expect(renamed.infoHash == original.infoHash)
        #expect(renamed.infoBytes == original.infoBytes)
    }

    @Test func aSingleFileTorrentIsRenamedByItsName() throws {
        let builder = TorrentBuilder(name: "movie.mkv", pieceLength: 16384, files: [.init(path: [], length: 40000)])
        let renamed = try builder.build(pieceHashes: Array(repeating: 1, count: 60)).1.renaming(["movie.mkv"], to: "Movie (2010).mkv")
        #expect(renamed.name == "Movie (2010).mkv")
        #expect(renamed.files.map(\.path.description) == ["Movie (2010).mkv"])
    }

    @Test(arguments: [
        (["Show", "Season 2"], "x", TorrentRenameError.noSuchPath("Show/Season 2")),
        (["Show", "Season"], "x", TorrentRenameError.noSuchPath("Show/Season")),  // a prefix of a name is not a path
        ([], "x", TorrentRenameError.noSuchPath("")),
        (["Show", "Season 1"], "Season 10", TorrentRenameError.alreadyExists("Show/Season 10")),
        (["Show", "notes.txt"], "..", TorrentRenameError.invalidName("..", .dotComponent(".."))),
        (["Show", "notes.txt"], "a/b", TorrentRenameError.invalidName("a/b", .separatorInComponent("a/b"))),
        (["Show", "notes.txt"], "", TorrentRenameError.invalidName("", .emptyComponent)),
    ])
    func refuses(path: [String], name: String, error: TorrentRenameError) throws {
        let original = try Self.show()
        #expect(throws: error) { try original.renaming(path, to: name) }
    }
}
