import NIOCore

/// One peer connection after the handshake, as a state machine: the engine feeds it decoded messages
/// and its own intentions, and performs the actions it returns (send, close, or tell the torrent).
/// It enforces the protocol rules a peer can break (BEP 3, 6, 10) so the engine does not have to.
public enum PeerConnection {}

extension PeerConnection {
    public struct Configuration: Sendable {
        /// The infohash this connection is for.
        public var infoHash: InfoHash
        /// Nil until a magnet link's metadata is known; then requests and bitfields are checked against it.
        public var layout: TorrentLayout?
        /// Our reserved bits, as sent in our handshake.
        public var reserved: ReservedBits
        /// The extension handshake we send when both sides speak BEP 10; its `m` ids are what we accept.
        public var extensionHandshake: ExtensionHandshake
        /// Peer requests held for upload at once; more are rejected (fast extension) or ignored.
        public var maxQueuedUploads: Int

        public init(
            infoHash: InfoHash,
            layout: TorrentLayout?,
            reserved: ReservedBits = ReservedBits(extensionProtocol: true, fastExtension: true, dht: false),
            extensionHandshake: ExtensionHandshake = ExtensionHandshake(),
            maxQueuedUploads: Int = 500
        ) {
            self.infoHash = infoHash
            self.layout = layout
            self.reserved = reserved
            self.extensionHandshake = extensionHandshake
            self.maxQueuedUploads = maxQueuedUploads
        }
    }

    /// What the engine must do. Events for the torrent are reported as they happen; sends are in order.
    public enum Action: Sendable, Hashable {
        case send(PeerMessage)
        /// Close the connection (and consider banning): the peer broke the protocol.
        case close(PeerProtocolError)
        /// The peer's pieces as first announced (bitfield, have all or have none), for the picker's availability.
        case peerPiecesAnnounced(Bitfield)
        case peerHasPiece(Int)
        case peerInterestChanged(Bool)
        /// The peer unchoked us: ask the picker for blocks and pass them to `request(_:)`.
        case readyToRequest
        /// Our requests the peer will never answer (choked without the fast extension): back to the picker.
        case requestsVoided([BlockRequest])
        case requestRejected(BlockRequest)
        /// A block arrived; `wasRequested` is false when we had cancelled it or never asked.
        case blockReceived(BlockRequest, data: ByteBuffer, wasRequested: Bool)
        /// The peer asks for a block we may send: read it and pass it to `sendBlock(_:data:)`.
        case uploadRequested(BlockRequest)
        case uploadCancelled(BlockRequest)
        case extensionHandshakeReceived(ExtensionHandshake)
        /// A BEP 10 message under one of our `m` names (e.g. "ut_metadata", "ut_pex").
        case extensionMessage(name: String, payload: ByteBuffer)
        case dhtPort(UInt16)
        case allowedFast(Int)
        case suggested(Int)
    }
}

/// How a peer broke the protocol; the connection is closed.
public enum PeerProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    case wrongInfoHash
    case invalidBitfield(BitfieldError)
    case fastExtensionNotNegotiated(PeerMessage.ID)
    case extensionProtocolNotNegotiated
    case invalidRequest(BlockRequest)
    case invalidBlock(BlockRequest)
    case requestForMissingPiece(Int)
    case invalidExtensionHandshake(ExtensionMessageError)
    case pieceIndexOutOfRange(Int)

    public var description: String {
        switch self {
        case .wrongInfoHash: "the peer's handshake is for another torrent"
        case .invalidBitfield(let error): "the peer's bitfield is invalid: \(error)"
        case .fastExtensionNotNegotiated(let id): "the peer sent fast-extension message \(id) without negotiating it"
        case .extensionProtocolNotNegotiated: "the peer sent an extension message without negotiating BEP 10"
        case .invalidRequest(let block): "the peer requested \(block), which is not a valid block"
        case .invalidBlock(let block): "the peer sent \(block), which is not a valid block"
        case .requestForMissingPiece(let piece): "the peer requested piece \(piece), which we never announced"
        case .invalidExtensionHandshake(let error): "the peer's extension handshake is invalid: \(error)"
        case .pieceIndexOutOfRange(let piece): "the peer named piece \(piece), beyond the torrent"
        }
    }
}
