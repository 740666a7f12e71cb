import BitTorrentCore
import Testing

@Suite struct TorrentPathTests {
    @Test(arguments: [
        ([String](), TorrentPathError.empty),
        ([""], .emptyComponent),
        (["."], .dotComponent(".")),
        (["a", ".."], .dotComponent("..")),
        (["a/b"], .separatorInComponent("a/b")),
        (["a\\b"], .separatorInComponent("a\\b")),
        (["a\u{0}"], .nulCharacter),
        (["nul"], .reservedName("nul")),
        (["Com1.log"], .reservedName("Com1.log")),
        (["lpt9 .txt"], .reservedName("lpt9 .txt")),
        ([String(repeating: "a", count: 256)], .componentTooLong(bytes: 256, limit: 255)),
        ([String(repeating: "é", count: 128)], .componentTooLong(bytes: 256, limit: 255)),
        (Array(repeating: String(repeating: "b", count: 200), count: 16), .pathTooLong(bytes: 3215, limit: 3072)),
    ])
    func refused(components: [String], expected: TorrentPathError) {
        #expect(throws: expected) { try TorrentPath(components: components) }
    }

    @Test(arguments: [
        ["a"], ["Season 1", "S01E01.mkv"], [".hidden"], ["..."], ["a..b"], ["console.txt"], ["com10"],
        [String(repeating: "a", count: 255)], ["日本語", "ファイル.txt"],
    ])
    func accepted(components: [String]) throws {
        let path = try TorrentPath(components: components)
        #expect(path.description == components.joined(separator: "/"))
        #expect(path.path(under: "/data/downloads/") == "/data/downloads/" + components.joined(separator: "/"))
    }
}
