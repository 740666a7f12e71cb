import BitTorrentCore
import Foundation
import NIOCore

/// A small torrent built in memory, with its payload, for disk tests.
struct TestTorrent {
    struct Spec {
        var path: [String]
        var length: Int
        var isPadding = false
    }

    let metainfo: TorrentMetainfo
    /// The torrent's whole byte space; padding is zeros.
    let payload: [UInt8]

    var layout: TorrentLayout { metainfo.layout }

    /// A multi-file torrent named `name`; padding files get BEP 47 `attr: p`.
    static func make(name: String = "Show", pieceLength: Int, files: [Spec], seed: UInt64 = 1) throws -> TestTorrent {
        var generator = seed
        var payload: [UInt8] = []
        for file in files {
            for _ in 0..<file.length {
                if file.isPadding {
                    payload.append(0)
                } else {
                    generator = generator &* 6364136223846793005 &+ 1442695040888963407
                    payload.append(UInt8(truncatingIfNeeded: generator >> 33))
                }
            }
        }
        var hasher = PieceHasher(pieceLength: pieceLength)
        hasher.update(payload)
        let entries: [BencodeValue] = files.map { file in
            var entry: [[UInt8]: BencodeValue] = [
                Array("length".utf8): .integer(Int64(file.length)),
                Array("path".utf8): .list(file.path.map(BencodeValue.text)),
            ]
            if file.isPadding { entry[Array("attr".utf8)] = .text("p") }
            return .dictionary(entry)
        }
        let info: [[UInt8]: BencodeValue] = [
            Array("name".utf8): .text(name),
            Array("piece length".utf8): .integer(Int64(pieceLength)),
            Array("pieces".utf8): .string(hasher.finalize()),
            Array("files".utf8): .list(entries),
        ]
        let bytes = BencodeValue.dictionary([Array("info".utf8): .dictionary(info)]).encoded()
        return TestTorrent(metainfo: try TorrentMetainfo(bytes: bytes), payload: payload)
    }

    /// Files that straddle pieces, a padding file, nested folders, and a one-byte file.
    static func mixed(pieceLength: Int) throws -> TestTorrent {
        try make(
            pieceLength: pieceLength,
            files: [
                Spec(path: ["a.bin"], length: 30_001),
                Spec(path: [".pad", "9999"], length: 9_999, isPadding: true),
                Spec(path: ["sub", "b.bin"], length: 12_345),
                Spec(path: ["sub", "deeper", "c.bin"], length: 1),
                Spec(path: ["d.bin"], length: 50_000),
            ]
        )
    }

    func bytes(ofPiece piece: Int) -> ByteBuffer {
        let start = piece * layout.pieceLength
        return ByteBuffer(bytes: payload[start..<(start + layout.length(ofPiece: piece))])
    }

    func bytes(of block: BlockRequest) -> ByteBuffer {
        let start = block.piece * layout.pieceLength + block.offset
        return ByteBuffer(bytes: payload[start..<(start + block.length)])
    }

    /// The payload bytes of one file.
    func bytes(ofFile index: Int) -> [UInt8] {
        let file = metainfo.files[index]
        return Array(payload[file.offset..<(file.offset + file.length)])
    }
}

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("bts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + relative)
    }

    func contents(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path + "/" + relative).map(Array.init)
    }
}
