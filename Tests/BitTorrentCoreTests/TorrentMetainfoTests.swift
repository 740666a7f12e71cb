import BitTorrentCore
import Testing

@Suite struct TorrentMetainfoTests {
    @Test func singleFileTorrent() throws {
        let torrent = try TorrentMetainfo(bytes: Fixtures.singleFile)
        #expect(torrent.infoHash.hex == Fixtures.singleFileHash)
        #expect(torrent.infoBytes == Fixtures.singleFileInfo)
        #expect(torrent.name == "file.bin")
        #expect(torrent.pieceLength == 16384)
        #expect(torrent.pieceCount == 3)
        #expect(torrent.totalLength == 40000)
        #expect(!torrent.isMultiFile)
        #expect(torrent.files.map(\.path.description) == ["file.bin"])
        #expect(torrent.announceTiers == [["http://127.0.0.1:6969/announce"]])
        #expect(torrent.createdBy == "kinora")
        #expect(torrent.creationDate == 1_700_000_000)
        #expect(!torrent.isPrivate)
        #expect(!torrent.isHybrid)
        #expect(Array(torrent.pieceHash(2)) == Array(40..<60))
    }

    @Test func multiFileTorrentWithPaddingFile() throws {
        let torrent = try TorrentMetainfo(bytes: Fixtures.torrent(info: BencodeDecoder.decode(Fixtures.multiFileInfo)))
        #expect(torrent.infoHash.hex == Fixtures.multiFileHash)
        #expect(torrent.isMultiFile)
        #expect(torrent.isPrivate)
        #expect(torrent.files.count == 3)
        #expect(torrent.files.map(\.isPadding) == [false, true, false])
        #expect(torrent.files.map(\.offset) == [0, 40000, 65536])
        #expect(torrent.userFiles.map(\.path.description) == ["album/discs/a.flac", "album/b.txt"])
        #expect(torrent.userFiles.map(\.index) == [0, 2])
        #expect(torrent.pieceCount == 3)
        #expect(torrent.announceTiers.isEmpty)
    }

    @Test func announceListTiersWinOverAnnounce() throws {
        let bytes = Fixtures.torrent(
            info: try BencodeDecoder.decode(Fixtures.singleFileInfo),
            extra: [
                "announce": .text("http://a/announce"),
                "announce-list": .list([
                    .list([.text("http://b/announce"), .text("udp://c:80"), .text("http://b/announce")]),
                    .list([]),
                    .list([.integer(3)]),
                    .list([.text("http://a/announce")]),
                ]),
                "url-list": .text("http://seed/file.bin"),
                "comment": .text("hello"),
            ]
        )
        let torrent = try TorrentMetainfo(bytes: bytes)
        #expect(torrent.announceTiers == [["http://b/announce", "udp://c:80"], ["http://a/announce"]])
        #expect(torrent.trackers == ["http://b/announce", "udp://c:80", "http://a/announce"])
        #expect(torrent.urlList == ["http://seed/file.bin"])
        #expect(torrent.comment == "hello")
        // Unknown and optional fields outside `info` never change the infohash.
        #expect(torrent.infoHash.hex == Fixtures.singleFileHash)
    }

    @Test func hybridTorrentIsReadAsV1() throws {
        guard case .dictionary(var info) = try BencodeDecoder.decode(Fixtures.singleFileInfo) else { Issue.record(); return }
        info[ascii("meta version")] = .integer(2)
        info[ascii("file tree")] = .dict(["file.bin": .dict(["": .dict(["length": .integer(40000)])])])
        let torrent = try TorrentMetainfo(bytes: Fixtures.torrent(info: .dictionary(info)))
        #expect(torrent.isHybrid)
        #expect(torrent.files.map(\.length) == [40000])
        #expect(torrent.infoHash == InfoHash.sha1(of: BencodeValue.dictionary(info).encoded()))
    }

    @Test func v2OnlyTorrentIsRefused() {
        let info = BencodeValue.dict([
            "file tree": .dict(["f": .dict(["": .dict(["length": .integer(1)])])]),
            "meta version": .integer(2),
            "name": .text("f"),
            "piece length": .integer(16384),
        ])
        #expect(throws: MetainfoError.v2Only) { try TorrentMetainfo(bytes: Fixtures.torrent(info: info)) }
    }

    @Test(arguments: [
        (["..", "etc", "passwd"], MetainfoError.unsafePath(path: "t/../etc/passwd", reason: .dotComponent(".."))),
        (["a", "", "b"], .unsafePath(path: "t/a//b", reason: .emptyComponent)),
        (["/etc/passwd"], .unsafePath(path: "t//etc/passwd", reason: .separatorInComponent("/etc/passwd"))),
        (["a\\..\\b"], .unsafePath(path: "t/a\\..\\b", reason: .separatorInComponent("a\\..\\b"))),
        (["x\u{0}y"], .unsafePath(path: "t/x\u{0}y", reason: .nulCharacter)),
        (["CON.txt"], .unsafePath(path: "t/CON.txt", reason: .reservedName("CON.txt"))),
    ])
    func unsafeFilePathsAreRefused(path: [String], expected: MetainfoError) {
        #expect(throws: expected) { try TorrentMetainfo(bytes: Fixtures.torrent(info: Fixtures.info(path: path))) }
    }

    @Test func unsafeTorrentNameIsRefused() {
        #expect(throws: MetainfoError.unsafePath(path: "../a", reason: .dotComponent(".."))) {
            try TorrentMetainfo(bytes: Fixtures.torrent(info: Fixtures.info(path: ["a"], name: "..")))
        }
    }

    @Test func duplicatePathsAndFileFolderClashesAreRefused() {
        func twoFiles(_ first: [String], _ second: [String]) -> BencodeValue {
            .dict([
                "files": .list([
                    .dict(["length": .integer(10), "path": .list(first.map(BencodeValue.text))]),
                    .dict(["length": .integer(10), "path": .list(second.map(BencodeValue.text))]),
                ]),
                "name": .text("t"),
                "piece length": .integer(16384),
                "pieces": .string(Array(repeating: 7, count: 20)),
            ])
        }
        #expect(throws: MetainfoError.duplicatePath("t/a")) { try TorrentMetainfo(bytes: Fixtures.torrent(info: twoFiles(["a"], ["a"]))) }
        #expect(throws: MetainfoError.duplicatePath("t/a")) { try TorrentMetainfo(bytes: Fixtures.torrent(info: twoFiles(["a"], ["a", "b"]))) }
        #expect(throws: MetainfoError.duplicatePath("t/a")) { try TorrentMetainfo(bytes: Fixtures.torrent(info: twoFiles(["a", "b"], ["a"]))) }
        #expect((try? TorrentMetainfo(bytes: Fixtures.torrent(info: twoFiles(["a", "b"], ["a", "c"])))) != nil)
    }

    @Test func structuralErrors() throws {
        guard case .dictionary(let good) = try BencodeDecoder.decode(Fixtures.singleFileInfo) else { Issue.record(); return }
        func with(_ key: String, _ value: BencodeValue?) -> [UInt8] {
            var info = good
            info[ascii(key)] = value
            return Fixtures.torrent(info: .dictionary(info))
        }
        #expect(throws: MetainfoError.pieceCountMismatch(expected: 3, actual: 2)) {
            try TorrentMetainfo(bytes: with("pieces", .string(Array(repeating: 1, count: 40))))
        }
        #expect(throws: MetainfoError.piecesNotMultipleOf20(59)) { try TorrentMetainfo(bytes: with("pieces", .string(Array(repeating: 1, count: 59)))) }
        #expect(throws: MetainfoError.invalidPieceLength(0)) { try TorrentMetainfo(bytes: with("piece length", .integer(0))) }
        #expect(throws: MetainfoError.invalidLength(field: "length")) { try TorrentMetainfo(bytes: with("length", .integer(-1))) }
        #expect(throws: MetainfoError.missingField("name")) { try TorrentMetainfo(bytes: with("name", nil)) }
        #expect(throws: MetainfoError.invalidText(field: "name")) { try TorrentMetainfo(bytes: with("name", .string([0xFF, 0xFE]))) }
        #expect(throws: MetainfoError.missingField("info")) { try TorrentMetainfo(bytes: ascii("d8:announce1:xe")) }
        #expect(throws: MetainfoError.notADictionary(field: "top level")) { try TorrentMetainfo(bytes: ascii("le")) }
        #expect(throws: MetainfoError.bencode(.trailingBytes(offset: 2))) { try TorrentMetainfo(bytes: ascii("dexx")) }
    }

    @Test func metadataFromPeersMustMatchTheMagnetInfohash() throws {
        let expected = try #require(InfoHash(hex: Fixtures.singleFileHash))
        let torrent = try TorrentMetainfo(infoBytes: Fixtures.singleFileInfo, expectedInfoHash: expected, trackers: ["http://t/a"])
        #expect(torrent.name == "file.bin")
        #expect(torrent.announceTiers == [["http://t/a"]])
        let other = try #require(InfoHash(hex: Fixtures.multiFileHash))
        #expect(throws: MetainfoError.infoHashMismatch(expected: other, actual: expected)) {
            try TorrentMetainfo(infoBytes: Fixtures.singleFileInfo, expectedInfoHash: other)
        }
    }
}
