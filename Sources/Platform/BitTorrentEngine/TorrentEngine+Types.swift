import BitTorrentCore
import BitTorrentStorage

extension TorrentEngine {
    public struct Configuration: Sendable {
        /// Address peers connect to; also the source address of outgoing connections when not a wildcard.
        public var bindHost: String
        /// 0 picks a free port.
        public var listenPort: Int
        /// `-KN0001-` and 12 random bytes by default (Azureus style, as clients expect).
        public var peerID: [UInt8]
        public var maxPeersPerTorrent: Int
        public var maxHalfOpenConnections: Int
        public var connectTimeout: Duration
        /// Outstanding requests to a peer that sent nothing for this long go to other peers.
        public var requestTimeout: Duration
        /// Global limits in bytes per second (nil: unlimited).
        public var downloadLimit: Int?
        public var uploadLimit: Int?
        public var uploadSlots: Int
        public var requestPipeline: Int
        public var writeBufferBytes: Int
        /// Disk work queued beyond the write buffer (pieces being hashed and written) before peers are
        /// no longer read: the back-pressure that keeps memory bounded when the disk is slower than the net.
        public var maxDiskBacklogBytes: Int
        /// How often verified pieces are synced and the resume data saved while downloading.
        public var resumeFlushInterval: Duration
        public var clientName: String
        /// The DHT (BEP 5): nil, the default, leaves it off.
        public var dht: DHTSettings? = nil
        /// Message Stream Encryption (MSE/PE), as Transmission's setting: `tolerated` (the default) dials
        /// plaintext and accepts encrypted peers, `preferred` dials encrypted, `required` refuses plaintext.
        /// Dialling retries once in the other kind when a peer refuses the first, unless `required`.
        public var encryption: EncryptionPolicy = .tolerated

        public init(
            bindHost: String = "0.0.0.0",
            listenPort: Int = 51413,
            peerID: [UInt8] = Configuration.randomPeerID(),
            maxPeersPerTorrent: Int = 60,
            maxHalfOpenConnections: Int = 16,
            connectTimeout: Duration = .seconds(10),
            requestTimeout: Duration = .seconds(20),
            downloadLimit: Int? = nil,
            uploadLimit: Int? = nil,
            uploadSlots: Int = 8,
            requestPipeline: Int = 256,
            writeBufferBytes: Int = 16 << 20,
            maxDiskBacklogBytes: Int = 8 << 20,
            resumeFlushInterval: Duration = .seconds(5),
            clientName: String = "Kinora"
        ) {
            self.bindHost = bindHost
            self.listenPort = listenPort
            self.peerID = peerID
            self.maxPeersPerTorrent = maxPeersPerTorrent
            self.maxHalfOpenConnections = maxHalfOpenConnections
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.downloadLimit = downloadLimit
            self.uploadLimit = uploadLimit
            self.uploadSlots = uploadSlots
            self.requestPipeline = requestPipeline
            self.writeBufferBytes = writeBufferBytes
            self.maxDiskBacklogBytes = maxDiskBacklogBytes
            self.resumeFlushInterval = resumeFlushInterval
            self.clientName = clientName
        }

        public static func randomPeerID() -> [UInt8] {
            Array("-KN0001-".utf8) + (0..<12).map { _ in UInt8.random(in: 0...255) }
        }
    }

    /// What to download.
    public enum Source: Sendable {
        case metainfo(TorrentMetainfo)
        case magnet(MagnetLink)

        public var infoHash: InfoHash {
            switch self {
            case .metainfo(let metainfo): metainfo.infoHash
            case .magnet(let magnet): magnet.infoHash
            }
        }
    }

    public struct TorrentOptions: Sendable {
        /// Peers to dial besides what trackers and PEX find (kept and retried).
        public var peers: [PeerAddress]
        public var paused: Bool
        /// Stop seeding at this upload/size ratio (nil: no limit).
        public var seedRatioLimit: Double?
        /// Stop seeding after this long without upload traffic (nil: no limit).
        public var seedIdleLimit: Duration?
        public var downloadLimit: Int?
        public var uploadLimit: Int?
        /// Pick pieces in order (for streaming one file) instead of rarest first.
        public var sequential: Bool
        /// One per file, padding files included (nil: every file normal); `.skip` leaves a file out.
        public var filePriorities: [PiecePriority]?
        /// Trackers chosen by the user, in BEP 12 tiers, instead of the torrent's own (nil: the torrent's).
        public var trackers: [[String]]?

        public init(
            peers: [PeerAddress] = [],
            paused: Bool = false,
            seedRatioLimit: Double? = nil,
            seedIdleLimit: Duration? = nil,
            downloadLimit: Int? = nil,
            uploadLimit: Int? = nil,
            sequential: Bool = false,
            filePriorities: [PiecePriority]? = nil,
            trackers: [[String]]? = nil
        ) {
            self.trackers = trackers
            self.filePriorities = filePriorities
            self.peers = peers
            self.paused = paused
            self.seedRatioLimit = seedRatioLimit
            self.seedIdleLimit = seedIdleLimit
            self.downloadLimit = downloadLimit
            self.uploadLimit = uploadLimit
            self.sequential = sequential
        }
    }

    public enum Activity: String, Sendable, Hashable {
        case fetchingMetadata, checking, downloading, seeding, paused, finished, failed
    }

    /// A snapshot of one torrent.
    public struct TorrentStatus: Sendable, Hashable {
        public var infoHash: InfoHash
        public var name: String
        public var activity: Activity
        public var error: String?
        public var totalSize: Int
        public var pieceCount: Int
        public var verifiedPieces: Int
        /// Bytes of verified pieces.
        public var verifiedBytes: Int
        /// Payload bytes received and sent this session.
        public var downloadedBytes: Int
        public var uploadedBytes: Int
        public var downloadRate: Int
        public var uploadRate: Int
        public var connectedPeers: Int
        public var knownPeers: Int
        /// Pieces fetched from peers (and verified) this session.
        public var piecesDownloaded: Int
        /// Pieces that failed their hash this session.
        public var hashFailures: Int
        public var seeders: Int?
        public var leechers: Int?
        public var lastTrackerError: String?
        /// Bytes of the files the user wants (all files unless some were skipped), and what is left of them.
        public var wantedBytes: Int
        public var wantedBytesLeft: Int
        /// Time spent downloading and seeding since the torrent was added to this engine.
        public var secondsDownloading: Int
        public var secondsSeeding: Int
        public var isPrivate: Bool
        public var pieceLength: Int

        public var fractionDone: Double { totalSize == 0 ? 0 : Double(verifiedBytes) / Double(totalSize) }
        public var isComplete: Bool { pieceCount > 0 && verifiedPieces == pieceCount }
    }

    public enum Event: Sendable {
        case listening(port: Int)
        case metadataReceived(InfoHash, TorrentMetainfo)
        /// Start-up check done: pieces trusted from resume data, pieces hashed, and verified after both.
        case checked(InfoHash, trusted: Int, rechecked: Int, verified: Int)
        case peerBanned(InfoHash, PeerAddress, reason: String)
        case downloadFinished(InfoHash)
        case seedingLimitReached(InfoHash)
        case failed(InfoHash, String)
    }
}

/// Where resume data lives (a file per torrent for the CLI, the role's database for the daemon).
public protocol ResumeStore: Sendable {
    func load(_ infoHash: InfoHash) async throws -> ResumeState?
    func save(_ state: ResumeState, for infoHash: InfoHash) async throws
    func remove(_ infoHash: InfoHash) async throws
}
