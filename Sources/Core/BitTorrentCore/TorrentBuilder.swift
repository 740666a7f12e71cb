/// Writes a v1 .torrent (for `kinora torrent create`). The caller hashes the data with `PieceHasher`.
public struct TorrentBuilder: Sendable {
    public struct File: Sendable, Hashable {
        /// Path below the torrent's folder; unused for a single-file torrent.
        public var path: [String]
        public var length: Int

        public init(path: [String], length: Int) {
            self.path = path
            self.length = length
        }
    }

    public var name: String
    public var pieceLength: Int
    /// One file without a path makes a single-file torrent; anything else a folder named `name`.
    public var files: [File]
    public var announceTiers: [[String]] = []
    public var isPrivate = false
    public var comment: String?
    public var createdBy: String?
    public var creationDate: Int64?
    public var urlList: [String] = []

    public init(name: String, pieceLength: Int, files: [File]) {
        self.name = name
        self.pieceLength = pieceLength
        self.files = files
    }

    /// A piece length that keeps the piece count near 1000–2000: 16 KiB to 16 MiB, a power of two.
    public static func recommendedPieceLength(totalLength: Int) -> Int {
        var length = 16 * 1024
        while length < 16 << 20, totalLength / length > 2000 { length *= 2 }
        return length
    }

    public var isSingleFile: Bool { files.count == 1 && files[0].path.isEmpty }

    /// The .torrent bytes, parsed back before they are returned so that nothing we write is refused on read.
    public func build(pieceHashes: [UInt8]) throws(MetainfoError) -> (bytes: [UInt8], metainfo: TorrentMetainfo) {
        var info: [[UInt8]: BencodeValue] = [
            Array("name".utf8): .text(name),
            Array("piece length".utf8): .integer(Int64(pieceLength)),
            Array("pieces".utf8): .string(pieceHashes),
        ]
        if isSingleFile {
            info[Array("length".utf8)] = .integer(Int64(files[0].length))
        } else {
            info[Array("files".utf8)] = .list(files.map { .dict(["length": .integer(Int64($0.length)), "path": .list($0.path.map(BencodeValue.text))]) })
        }
        if isPrivate { info[Array("private".utf8)] = .integer(1) }

        var root: [[UInt8]: BencodeValue] = [Array("info".utf8): .dictionary(info)]
        if let first = announceTiers.first?.first { root[Array("announce".utf8)] = .text(first) }
        if announceTiers.count > 1 || (announceTiers.first?.count ?? 0) > 1 {
            root[Array("announce-list".utf8)] = .list(announceTiers.map { .list($0.map(BencodeValue.text)) })
        }
        if let comment { root[Array("comment".utf8)] = .text(comment) }
        if let createdBy { root[Array("created by".utf8)] = .text(createdBy) }
        if let creationDate { root[Array("creation date".utf8)] = .integer(creationDate) }
        if urlList.count == 1 { root[Array("url-list".utf8)] = .text(urlList[0]) }
        if urlList.count > 1 { root[Array("url-list".utf8)] = .list(urlList.map(BencodeValue.text)) }
        let bytes = BencodeValue.dictionary(root).encoded()
        return (bytes, try TorrentMetainfo(bytes: bytes))
    }
}
