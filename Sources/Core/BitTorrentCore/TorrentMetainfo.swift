/// A v1 torrent (BEP 3), also used for hybrid v1/v2 torrents, whose v1 part is complete on its own.
public struct TorrentMetainfo: Sendable {
    public let infoHash: InfoHash
    /// The raw `info` dictionary as it appeared in the input: what ut_metadata (BEP 9) serves.
    public let infoBytes: [UInt8]
    /// The torrent's name; a rename of its top folder (or single file) changes it (`renaming`).
    public internal(set) var name: String
    public let pieceLength: Int
    /// Concatenated 20-byte SHA-1 piece hashes.
    public let pieceHashes: [UInt8]
    /// Every file in torrent order, BEP 47 padding files included: the layout needs them, users do not.
    public internal(set) var files: [TorrentFile]
    /// False for a single-file torrent, whose one file is named by `name`.
    public let isMultiFile: Bool
    public let layout: TorrentLayout
    /// BEP 12 tiers when `announce-list` is present and usable, else one tier with `announce`.
    public let announceTiers: [[String]]
    /// BEP 27: no DHT, no PEX, no LSD; trackers only.
    public let isPrivate: Bool
    /// True when the info dictionary also carries v2 fields (BEP 52); only its v1 part is used.
    public let isHybrid: Bool
    public let createdBy: String?
    public let comment: String?
    /// Seconds since 1970.
    public let creationDate: Int64?
    /// BEP 19 web seeds.
    public let urlList: [String]

    public var pieceCount: Int { layout.pieceCount }
    public var totalLength: Int { layout.totalLength }

    /// The files a user sees: padding files left out.
    public var userFiles: [TorrentFile] { files.filter { !$0.isPadding } }

    public func pieceHash(_ piece: Int) -> ArraySlice<UInt8> {
        pieceHashes[(piece * 20)..<(piece * 20 + 20)]
    }

    /// Every tracker URL once, in tier order.
    public var trackers: [String] {
        var seen = Set<String>()
        return announceTiers.joined().filter { seen.insert($0).inserted }
    }
}

/// One file of a torrent.
public struct TorrentFile: Sendable, Hashable {
    public let index: Int
    /// Relative to the download directory; starts with the torrent name for multi-file torrents.
    public internal(set) var path: TorrentPath
    public let length: Int
    /// Where the file starts in the torrent's byte space.
    public let offset: Int
    /// BEP 47 `attr` containing "p": filler that aligns the next file to a piece; never written to disk.
    public let isPadding: Bool
    public let isExecutable: Bool
    public let isHidden: Bool
}

/// Why a .torrent (or a fetched info dictionary) is refused.
public enum MetainfoError: Error, Sendable, Hashable, CustomStringConvertible {
    case bencode(BencodeError)
    case notADictionary(field: String)
    case missingField(String)
    case wrongType(field: String, expected: String)
    case invalidText(field: String)
    case invalidPieceLength(Int64)
    case invalidLength(field: String)
    case totalLengthOverflow
    case emptyTorrent
    case piecesNotMultipleOf20(Int)
    case pieceCountMismatch(expected: Int, actual: Int)
    case v2Only
    case unsafePath(path: String, reason: TorrentPathError)
    case duplicatePath(String)
    case infoHashMismatch(expected: InfoHash, actual: InfoHash)

    public var description: String {
        switch self {
        case .bencode(let error): "the torrent is not valid bencode: \(error)"
        case .notADictionary(let field): "the torrent's \(field) is not a dictionary"
        case .missingField(let field): "the torrent has no '\(field)' field"
        case .wrongType(let field, let expected): "the torrent's '\(field)' field is not \(expected)"
        case .invalidText(let field): "the torrent's '\(field)' field is not valid UTF-8"
        case .invalidPieceLength(let length): "the torrent's piece length \(length) is not between 1 byte and 256 MiB"
        case .invalidLength(let field): "the torrent's '\(field)' is negative or too large"
        case .totalLengthOverflow: "the torrent's file lengths add up to more than can be stored"
        case .emptyTorrent: "the torrent holds no data"
        case .piecesNotMultipleOf20(let count): "the torrent's 'pieces' field is \(count) bytes, not a multiple of 20"
        case .pieceCountMismatch(let expected, let actual):
            "the torrent's files need \(expected) pieces but it has hashes for \(actual)"
        case .v2Only: "the torrent is BitTorrent v2 only, which is not supported yet (hybrid torrents are)"
        case .unsafePath(let path, let reason): "the torrent's file path '\(path)' is refused: \(reason)"
        case .duplicatePath(let path): "the torrent names '\(path)' twice (or as both a file and a folder)"
        case .infoHashMismatch(let expected, let actual): "the metadata hashes to \(actual), not the expected \(expected)"
        }
    }
}
