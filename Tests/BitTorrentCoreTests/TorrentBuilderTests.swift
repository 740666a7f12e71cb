import BitTorrentCore
import NIOCore
import Testing

@Suite struct TorrentBuilderTests {
    @Test func buildsTheHandMadeSingleFileTorrentByteForByte() throws {
        var builder = TorrentBuilder(name: "file.bin", pieceLength: 16384, files: [.init(path: [], length: 40000)])
        builder.announceTiers = [["http://127.0.0.1:6969/announce"]]
        builder.createdBy = "kinora"
        builder.creationDate = 1_700_000_000
        let (bytes, torrent) = try builder.build(pieceHashes: Fixtures.pieces)
        #expect(bytes == Fixtures.singleFile)
        #expect(torrent.infoHash.hex == Fixtures.singleFileHash)
    }

    @Test func multiFileWithTiersAndPrivateFlag() throws {
        var builder = TorrentBuilder(name: "show", pieceLength: 16384, files: [.init(path: ["a.mkv"], length: 20000), .init(path: ["sub", "a.srt"], length: 100)])
        builder.announceTiers = [["http://a/announce", "http://b/announce"], ["udp://c:1"]]
        builder.isPrivate = true
        builder.urlList = ["http://w/1", "http://w/2"]
        let (_, torrent) = try builder.build(pieceHashes: Array(repeating: 1, count: 40))
        #expect(torrent.userFiles.map(\.path.description) == ["show/a.mkv", "show/sub/a.srt"])
        #expect(torrent.announceTiers == builder.announceTiers)
        #expect(torrent.isPrivate)
        #expect(torrent.urlList == ["http://w/1", "http://w/2"])
    }

    @Test func refusesWhatItCouldNotReadBack() {
        let builder = TorrentBuilder(name: "x", pieceLength: 16384, files: [.init(path: ["..", "a"], length: 1)])
        #expect(throws: MetainfoError.unsafePath(path: "x/../a", reason: .dotComponent(".."))) {
            try builder.build(pieceHashes: Array(repeating: 0, count: 20))
        }
    }

    @Test(arguments: [(0, 16384), (16384 * 2000, 16384), (16384 * 2001, 32768), (1 << 30, 1 << 20), (1 << 45, 16 << 20)])
    func recommendedPieceLength(total: Int, expected: Int) {
        #expect(TorrentBuilder.recommendedPieceLength(totalLength: total) == expected)
    }

    @Test func pieceHasherMatchesIndependentHashes() {
        // Expected values from python3 hashlib over bytes(i % 251 for i in range(40000)), 16 KiB pieces.
        let data = (0..<40000).map { UInt8($0 % 251) }
        let expected = [
            "68f3b81a11de1e1629e81555b4e70aed955d1140", "de9ee0222cd528efc5e01227e4bf16cf6ac6836a", "7b9d67e14ed5a5e1695fac5611004b00d76da5ae",
        ].flatMap { InfoHash(hex: $0)!.bytes }
        for chunk in [1, 1000, 16384, 40000] {
            var hasher = PieceHasher(pieceLength: 16384)
            for start in stride(from: 0, to: data.count, by: chunk) { hasher.update(data[start..<min(start + chunk, data.count)]) }
            #expect(hasher.finalize() == expected)
            var fromBuffers = PieceHasher(pieceLength: 16384)
            for start in stride(from: 0, to: data.count, by: chunk) {
                fromBuffers.update(ByteBuffer(bytes: data[start..<min(start + chunk, data.count)]))
            }
            #expect(fromBuffers.finalize() == expected)
        }
        #expect(PieceHasher.matches(ByteBuffer(bytes: data.suffix(40000 - 32768)), expected: expected.suffix(20)))
        #expect(!PieceHasher.matches(ByteBuffer(bytes: data.prefix(100)), expected: expected.prefix(20)))
    }
}

@Suite struct PeerClientNameTests {
    @Test(arguments: [
        ("-TR3000-abcdefghijkl", "Transmission 3.00"), ("-lt0D80-abcdefghijkl", "libtorrent (Rasterbar) 0.13.8"),
        ("-KN0001-abcdefghijkl", "Kinora 0.0.0"), ("A2-1-36-0-abcdefghij", "A2-1-36-0-abcdefghij"), ("\u{1}\u{2}", ""),
    ])
    func decodes(id: String, name: String) {
        #expect(PeerClientName.decode(Array(id.utf8)) == name)
    }
}
