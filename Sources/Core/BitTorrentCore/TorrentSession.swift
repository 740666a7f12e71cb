import NIOCore

/// One torrent's swarm, as a state machine that owns the per-peer state machines, the piece picker and
/// the choker. The engine reports network and disk events; it performs the returned actions in order.
///
/// Data safety: a block is written (`writeBlock`), and once every block of a piece is written the piece
/// is checked (`verifyPiece`: the engine hashes it, from disk or from its write buffer). Only a matching
/// hash makes it `pieceCompleted` (persist that in the resume data) and announced to peers.
///
/// Bad data (smart ban): a mismatch refetches the piece. A peer that sent the whole bad piece is banned
/// at once. When several peers sent parts, each gets a strike, and the per-block digests of the bad copy
/// are kept; when the piece later passes, the engine sends the good copy's block digests, and every peer
/// whose block differed is banned while the others lose their strike.
public enum TorrentSession {}

extension TorrentSession {
    public struct Configuration: Sendable {
        public var infoHash: InfoHash
        public var layout: TorrentLayout
        public var reserved: ReservedBits
        public var extensionHandshake: ExtensionHandshake
        public var uploadSlots: Int
        /// Requests kept in flight per peer (lowered to the peer's `reqq`): enough to fill a fast link.
        public var requestPipeline: Int
        public var maxQueuedUploads: Int
        /// Hash failures a peer may take part in before it is banned; a peer that sent a whole bad piece alone is banned at once.
        public var strikesBeforeBan: Int

        public init(
            infoHash: InfoHash,
            layout: TorrentLayout,
            reserved: ReservedBits = ReservedBits(extensionProtocol: true, fastExtension: true, dht: false),
            extensionHandshake: ExtensionHandshake = ExtensionHandshake(),
            uploadSlots: Int = 4,
            requestPipeline: Int = 64,
            maxQueuedUploads: Int = 500,
            strikesBeforeBan: Int = 3
        ) {
            self.infoHash = infoHash
            self.layout = layout
            self.reserved = reserved
            self.extensionHandshake = extensionHandshake
            self.uploadSlots = uploadSlots
            self.requestPipeline = requestPipeline
            self.maxQueuedUploads = maxQueuedUploads
            self.strikesBeforeBan = strikesBeforeBan
        }

        var peerConfiguration: PeerConnection.Configuration {
            PeerConnection.Configuration(
                infoHash: infoHash,
                layout: layout,
                reserved: reserved,
                extensionHandshake: extensionHandshake,
                maxQueuedUploads: maxQueuedUploads
            )
        }
    }

    public enum DisconnectReason: Sendable, Hashable {
        case protocolViolation(PeerProtocolError)
        /// Took part in too many pieces that failed their hash: do not reconnect to this address.
        case banned
        /// We are both seeds: nothing to exchange.
        case bothSeeding
    }

    public enum Action: Sendable, Hashable {
        case send(PeerHandle, PeerMessage)
        case disconnect(PeerHandle, DisconnectReason)
        case writeBlock(BlockRequest, ByteBuffer)
        /// Every block of the piece is written: hash it and report with `pieceChecked(_:matches:blockDigests:)`.
        /// With `blockDigests` (a piece that failed before), also pass each block's SHA-1 even when it
        /// matches: comparing them with the bad copy's names the peer that sent the bad block.
        case verifyPiece(Int, blockDigests: Bool)
        /// Verified and on disk: record it in the resume data.
        case pieceCompleted(Int)
        /// Every wanted piece is complete.
        case downloadFinished
        /// Read a block a peer asked for and pass it to `blockRead(_:for:data:)`.
        case readBlock(PeerHandle, BlockRequest)
        /// BEP 10 traffic for the engine's extensions (ut_metadata serving, PEX).
        case extensionMessage(PeerHandle, name: String, payload: ByteBuffer)
        case extensionHandshake(PeerHandle, ExtensionHandshake)
        case dhtPort(PeerHandle, UInt16)
    }
}
