// Shared helpers for the BitTorrent protocol tests (issue 4).
import BitTorrentCore
import NIOCore

/// ASCII text as bytes, for hand-written bencode and wire vectors.
func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Bytes as a ByteBuffer.
func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

/// Hand-made torrents; infohashes computed independently with python3's hashlib over the same bytes.
enum Fixtures {
    static let pieces: [UInt8] = Array(0..<60)

    static let singleFileInfo: [UInt8] =
        ascii("d6:lengthi40000e4:name8:file.bin12:piece lengthi16384e6:pieces60:") + pieces + ascii("e")
    static let singleFile: [UInt8] =
        ascii("d8:announce30:http://127.0.0.1:6969/announce10:created by6:kinora13:creation datei1700000000e4:info")
        + singleFileInfo + ascii("e")
    static let singleFileHash = "8fd89cbe78247205a09bf43f79a612197ad05d22"
    static let singleFileHashBase32 = "R7MJZPTYERZALIE36Q7XTJQSDF5NAXJC"

    /// album/discs/a.flac (40000), a BEP 47 padding file (25536), album/b.txt (100); 32 KiB pieces; private.
    static let multiFileInfo: [UInt8] =
        ascii("d5:filesl")
        + ascii("d6:lengthi40000e4:pathl5:discs6:a.flaceed")
        + ascii("4:attr1:p6:lengthi25536e4:pathl4:.pad5:25536eed")
        + ascii("6:lengthi100e4:pathl5:b.txteee")
        + ascii("4:name5:album12:piece lengthi32768e6:pieces60:") + pieces + ascii("7:privatei1ee")
    static let multiFileHash = "a29fa57446dc6bd032d4bc1c1efa09d07088546e"

    /// A torrent around an info dictionary given as a bencode value (for path and error tests).
    static func torrent(info: BencodeValue, extra: KeyValuePairs<String, BencodeValue> = [:]) -> [UInt8] {
        var root: [[UInt8]: BencodeValue] = [ascii("info"): info]
        for (key, value) in extra { root[ascii(key)] = value }
        return BencodeValue.dictionary(root).encoded()
    }

    /// A multi-file info dictionary with one 10-byte file at `path` under the name "t".
    static func info(path: [String], name: String = "t") -> BencodeValue {
        .dict([
            "files": .list([.dict(["length": .integer(10), "path": .list(path.map(BencodeValue.text))])]),
            "name": .text(name),
            "piece length": .integer(16384),
            "pieces": .string(Array(repeating: 7, count: 20)),
        ])
    }
}
