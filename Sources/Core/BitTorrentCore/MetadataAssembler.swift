import NIOCore

/// Collects a magnet link's info dictionary from peers over ut_metadata (BEP 9), as a state machine:
/// it says which piece to ask which peer for, takes pieces in, and on the last one checks the SHA-1
/// against the infohash and hands back the torrent, or starts over when a peer lied.
public struct MetadataAssembler: Sendable {
    public enum Outcome: Sendable {
        /// More pieces are needed.
        case incomplete
        /// All pieces in and the infohash matches.
        case complete(TorrentMetainfo)
        /// The assembled bytes hash wrong or do not parse: everything was discarded, the peers that sent
        /// pieces are named so the engine can stop asking them.
        case failed(MetainfoError, senders: Set<PeerHandle>)
    }

    public let infoHash: InfoHash
    public let trackers: [String]
    /// Known once a peer announced `metadata_size`.
    public private(set) var totalSize: Int?
    private var pieces: [[UInt8]?] = []
    private var requested: [Int: PeerHandle] = [:]
    private var senders: Set<PeerHandle> = []

    public init(infoHash: InfoHash, trackers: [String] = []) {
        self.infoHash = infoHash
        self.trackers = trackers
    }

    public var pieceCount: Int { pieces.count }

    /// Called with the `metadata_size` of a peer's extension handshake. The first plausible size wins;
    /// a peer announcing a different one is not asked (returns false).
    public mutating func sizeAnnounced(_ size: Int) throws(ExtensionMessageError) -> Bool {
        guard size > 0, size <= MetadataMessage.maxMetadataSize else {
            throw .metadataTooLarge(size: size, limit: MetadataMessage.maxMetadataSize)
        }
        if let totalSize { return totalSize == size }
        totalSize = size
        pieces = Array(repeating: nil, count: (size + MetadataMessage.pieceLength - 1) / MetadataMessage.pieceLength)
        return true
    }

    /// The next piece to request from a peer, if any is neither held nor already asked of someone.
    public mutating func nextRequest(for peer: PeerHandle) -> MetadataMessage? {
        guard let piece = pieces.indices.first(where: { pieces[$0] == nil && requested[$0] == nil }) else { return nil }
        requested[piece] = peer
        return .request(piece: piece)
    }

    /// The peer rejected a request or went away: its pieces can be asked of others.
    public mutating func peerDropped(_ peer: PeerHandle) {
        requested = requested.filter { $0.value != peer }
    }

    public mutating func received(_ message: MetadataMessage, from peer: PeerHandle) throws(ExtensionMessageError) -> Outcome {
        switch message {
        case .request:
            return .incomplete
        case .reject(let piece):
            if requested[piece] == peer { requested[piece] = nil }
            return .incomplete
        case .data(let piece, let size, let data):
            guard let totalSize else { return .incomplete }
            guard size == totalSize else { throw .totalSizeMismatch(expected: totalSize, actual: size) }
            guard piece < pieces.count else { throw .invalidMetadataPiece(piece: piece) }
            requested[piece] = nil
            guard pieces[piece] == nil else { return .incomplete }
            pieces[piece] = Array(data.readableBytesView)
            senders.insert(peer)
            guard pieces.allSatisfy({ $0 != nil }) else { return .incomplete }
            let bytes = pieces.flatMap { $0! }
            do {
                return .complete(try TorrentMetainfo(infoBytes: bytes, expectedInfoHash: infoHash, trackers: trackers))
            } catch {
                let blamed = senders
                pieces = Array(repeating: nil, count: pieces.count)
                senders = []
                return .failed(error, senders: blamed)
            }
        }
    }
}
