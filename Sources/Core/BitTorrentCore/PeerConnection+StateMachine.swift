import NIOCore

extension PeerConnection {
    public struct StateMachine: Sendable {
        public let configuration: Configuration
        public private(set) var layout: TorrentLayout?
        public private(set) var ourPieces: Bitfield?
        /// Nil until the peer announces its pieces and the piece count is known.
        public private(set) var peerPieces: Bitfield?
        public private(set) var amChoking = true
        public private(set) var amInterested = false
        public private(set) var peerChoking = true
        public private(set) var peerInterested = false
        public private(set) var fastExtension = false
        public private(set) var extensionProtocol = false
        public private(set) var peerExtensions: ExtensionHandshake?
        /// Our requests in flight to the peer.
        public private(set) var outstanding: Set<BlockRequest> = []
        /// The peer's requests we accepted and have not answered yet.
        public private(set) var queuedUploads: Set<BlockRequest> = []
        /// Pieces the peer lets us request while choked (BEP 6).
        public private(set) var allowedFastPieces: Set<Int> = []
        public private(set) var isClosed = false

        private var sawFirstMessage = false
        /// What the peer announced before we knew the piece count (magnet links).
        private var pendingAnnouncement: PendingAnnouncement?
        /// `have`s that came before the piece count was known; bounded, the rest are dropped.
        private var pendingHaves: Set<Int> = []
        static let maxPendingHaves = 4096

        private enum PendingAnnouncement: Sendable {
            case bytes([UInt8])
            case all
            case none
        }

        public init(configuration: Configuration, ourPieces: Bitfield?) {
            self.configuration = configuration
            self.layout = configuration.layout
            self.ourPieces = ourPieces
            precondition(ourPieces?.count == configuration.layout?.pieceCount, "our pieces must match the layout")
        }

        // MARK: Handshake

        /// The peer's handshake arrived (ours is sent by the engine). Returns our opening messages.
        public mutating func handshakeReceived(_ handshake: PeerHandshake) -> [Action] {
            guard handshake.infoHash == configuration.infoHash else { return close(.wrongInfoHash) }
            fastExtension = configuration.reserved.supportsFastExtension && handshake.reserved.supportsFastExtension
            extensionProtocol = configuration.reserved.supportsExtensionProtocol && handshake.reserved.supportsExtensionProtocol
            // Pieces first (BEP 3 and 6 want them straight after the handshake), then the BEP 10 handshake.
            var actions: [Action] = []
            if let ourPieces {
                if fastExtension, ourPieces.isComplete {
                    actions.append(.send(.haveAll))
                } else if fastExtension, ourPieces.isEmpty {
                    actions.append(.send(.haveNone))
                } else if !ourPieces.isEmpty {
                    actions.append(.send(.bitfield(ourPieces.bytes)))
                }
            } else if fastExtension {
                actions.append(.send(.haveNone))  // magnet without metadata yet: nothing to offer
            }
            if extensionProtocol {
                actions.append(.send(.extended(id: 0, payload: configuration.extensionHandshake.encoded())))
            }
            return actions
        }

        // MARK: Messages from the peer

        public mutating func received(_ message: PeerMessage) -> [Action] {
            guard !isClosed else { return [] }
            let first = !sawFirstMessage
            // Clients differ on whether the extension handshake or the DHT port goes before the pieces
            // announcement; accept either order, anything else must come after it.
            switch message {
            case .keepAlive, .port, .extended(id: 0, payload: _): break
            default: sawFirstMessage = true
            }
            switch message {
            case .keepAlive:
                return []
            case .choke:
                guard !peerChoking else { return [] }
                peerChoking = true
                // BEP 6: with the fast extension a choke voids nothing; the peer rejects explicitly.
                guard !fastExtension, !outstanding.isEmpty else { return [] }
                let voided = outstanding.sorted(by: Self.blockOrder)
                outstanding.removeAll()
                return [.requestsVoided(voided)]
            case .unchoke:
                guard peerChoking else { return [] }
                peerChoking = false
                return [.readyToRequest]
            case .interested, .notInterested:
                let interested = message == .interested
                guard peerInterested != interested else { return [] }
                peerInterested = interested
                return [.peerInterestChanged(interested)]
            case .have(let piece):
                return receivedHave(piece)
            case .bitfield(let bytes):
                guard first else { return lateAnnouncement(.bytes(bytes)) }
                return announce(.bytes(bytes))
            case .haveAll, .haveNone:
                guard fastExtension else { return close(.fastExtensionNotNegotiated(message == .haveAll ? .haveAll : .haveNone)) }
                guard first else { return lateAnnouncement(message == .haveAll ? .all : .none) }
                return announce(message == .haveAll ? .all : .none)
            case .request(let block):
                return receivedRequest(block)
            case .cancel(let block):
                guard queuedUploads.remove(block) != nil else { return [] }
                return [.uploadCancelled(block)]
            case .piece(let piece, let offset, let data):
                let block = BlockRequest(piece: piece, offset: offset, length: data.readableBytes)
                if let layout, !layout.isValid(block) { return close(.invalidBlock(block)) }
                let wasRequested = outstanding.remove(block) != nil
                return [.blockReceived(block, data: data, wasRequested: wasRequested)]
            case .port(let port):
                return [.dhtPort(port)]
            case .suggest(let piece):
                guard fastExtension else { return close(.fastExtensionNotNegotiated(.suggest)) }
                if let layout, piece >= layout.pieceCount { return close(.pieceIndexOutOfRange(piece)) }
                return layout == nil ? [] : [.suggested(piece)]
            case .reject(let block):
                guard fastExtension else { return close(.fastExtensionNotNegotiated(.reject)) }
                guard outstanding.remove(block) != nil else { return [] }  // a late reject of a cancelled request
                return [.requestRejected(block)]
            case .allowedFast(let piece):
                guard fastExtension else { return close(.fastExtensionNotNegotiated(.allowedFast)) }
                if let layout, piece >= layout.pieceCount { return close(.pieceIndexOutOfRange(piece)) }
                allowedFastPieces.insert(piece)
                return [.allowedFast(piece)]
            case .extended(let id, let payload):
                guard extensionProtocol else { return close(.extensionProtocolNotNegotiated) }
                if id == 0 {
                    do {
                        let handshake = try ExtensionHandshake(decoding: payload)
                        peerExtensions = handshake
                        return [.extensionHandshakeReceived(handshake)]
                    } catch {
                        return close(.invalidExtensionHandshake(error))
                    }
                }
                // The peer uses the ids we assigned in our handshake; unknown ids are ignored (BEP 10).
                guard let name = configuration.extensionHandshake.extensions.first(where: { $0.value == id })?.key else { return [] }
                return [.extensionMessage(name: name, payload: payload)]
            case .unknown:
                return []
            }
        }

        // MARK: Our intentions

        public mutating func setInterested(_ interested: Bool) -> [Action] {
            guard !isClosed, amInterested != interested else { return [] }
            amInterested = interested
            return [.send(interested ? .interested : .notInterested)]
        }

        /// Sends requests the peer may answer now (unchoked, or allowed-fast pieces); the rest come back voided.
        public mutating func request(_ blocks: [BlockRequest]) -> [Action] {
            guard !isClosed else { return blocks.isEmpty ? [] : [.requestsVoided(blocks)] }
            var actions: [Action] = []
            var voided: [BlockRequest] = []
            for block in blocks {
                guard !peerChoking || (fastExtension && allowedFastPieces.contains(block.piece)) else {
                    voided.append(block)
                    continue
                }
                guard outstanding.insert(block).inserted else { continue }
                actions.append(.send(.request(block)))
            }
            if !voided.isEmpty { actions.append(.requestsVoided(voided)) }
            return actions
        }

        /// We no longer want a block (another peer delivered it in endgame, or the request timed out).
        public mutating func cancel(_ block: BlockRequest) -> [Action] {
            guard !isClosed, outstanding.remove(block) != nil else { return [] }
            return [.send(.cancel(block))]
        }

        public mutating func choke() -> [Action] {
            guard !isClosed, !amChoking else { return [] }
            amChoking = true
            var actions: [Action] = [.send(.choke)]
            // Without the fast extension a choke silently drops the peer's requests; with it we say so.
            for block in queuedUploads.sorted(by: Self.blockOrder) {
                actions.append(.uploadCancelled(block))
                if fastExtension { actions.append(.send(.reject(block))) }
            }
            queuedUploads.removeAll()
            return actions
        }

        public mutating func unchoke() -> [Action] {
            guard !isClosed, amChoking else { return [] }
            amChoking = false
            return [.send(.unchoke)]
        }

        /// The engine read a block the peer asked for; sent only if still wanted.
        public mutating func sendBlock(_ block: BlockRequest, data: ByteBuffer) -> [Action] {
            guard !isClosed, queuedUploads.remove(block) != nil else { return [] }
            return [.send(.piece(piece: block.piece, offset: block.offset, block: data))]
        }

        /// A piece of ours was verified and written: announce it.
        public mutating func ourPieceCompleted(_ piece: Int) -> [Action] {
            ourPieces?[piece] = true
            guard !isClosed else { return [] }
            return [.send(.have(piece: piece))]
        }

        /// A magnet link's metadata arrived: from now on bitfields and requests are checked, and an
        /// announcement the peer made earlier is reported.
        public mutating func metadataKnown(_ layout: TorrentLayout, ourPieces: Bitfield) -> [Action] {
            self.layout = layout
            self.ourPieces = ourPieces
            let haves = pendingHaves.filter { $0 < layout.pieceCount }
            pendingHaves = []
            guard let pending = pendingAnnouncement ?? (haves.isEmpty ? nil : PendingAnnouncement.none) else { return [] }
            pendingAnnouncement = nil
            var merged = Bitfield(count: layout.pieceCount)
            for piece in haves { merged[piece] = true }
            peerPieces = merged
            return announce(pending)
        }

        /// A send to the extension named `name` in the peer's handshake, or nil when the peer lacks it.
        public func extensionMessage(_ name: String, payload: ByteBuffer) -> PeerMessage? {
            guard extensionProtocol, let id = peerExtensions?.messageID(for: name) else { return nil }
            return .extended(id: id, payload: payload)
        }

        // MARK: Internals

        private mutating func close(_ error: PeerProtocolError) -> [Action] {
            isClosed = true
            return [.close(error)]
        }

        private mutating func announce(_ announcement: PendingAnnouncement) -> [Action] {
            guard let layout else {
                pendingAnnouncement = announcement
                return []
            }
            let pieces: Bitfield
            switch announcement {
            case .all: pieces = Bitfield(count: layout.pieceCount, allSet: true)
            case .none: pieces = Bitfield(count: layout.pieceCount)
            case .bytes(let bytes):
                do { pieces = try Bitfield(validating: bytes, count: layout.pieceCount) } catch { return close(.invalidBitfield(error)) }
            }
            // `have` messages that came before the metadata are kept (see `metadataKnown`).
            var merged = pieces
            for piece in peerPieces?.setIndices ?? [] { merged[piece] = true }
            peerPieces = merged
            return [.peerPiecesAnnounced(merged)]
        }

        /// BEP 3 wants the bitfield first, but aria2 sends it again mid-connection (after `have none` and
        /// `have`s), and Transmission accepts that: the pieces it adds count as `have`s; none are taken away.
        private mutating func lateAnnouncement(_ announcement: PendingAnnouncement) -> [Action] {
            guard let layout else { return [] }  // before the metadata: its `have`s will do
            switch announcement {
            case .none:
                return []
            case .all:
                return (0..<layout.pieceCount).flatMap { receivedHave($0) }
            case .bytes(let bytes):
                do {
                    return try Bitfield(validating: bytes, count: layout.pieceCount).setIndices.flatMap { receivedHave($0) }
                } catch {
                    return close(.invalidBitfield(error))
                }
            }
        }

        private mutating func receivedHave(_ piece: Int) -> [Action] {
            guard let layout else {
                if pendingHaves.count < Self.maxPendingHaves { pendingHaves.insert(piece) }
                return []
            }
            guard piece < layout.pieceCount else { return close(.pieceIndexOutOfRange(piece)) }
            if peerPieces == nil { peerPieces = Bitfield(count: layout.pieceCount) }
            guard peerPieces?[piece] == false else { return [] }
            peerPieces?[piece] = true
            return [.peerHasPiece(piece)]
        }

        private mutating func receivedRequest(_ block: BlockRequest) -> [Action] {
            guard let layout, let ourPieces else {
                return fastExtension ? [.send(.reject(block))] : []
            }
            guard layout.isValid(block) else { return close(.invalidRequest(block)) }
            guard ourPieces[block.piece] else {
                return fastExtension ? [.send(.reject(block))] : close(.requestForMissingPiece(block.piece))
            }
            guard !amChoking, queuedUploads.count < configuration.maxQueuedUploads else {
                return fastExtension ? [.send(.reject(block))] : []
            }
            guard queuedUploads.insert(block).inserted else { return [] }
            return [.uploadRequested(block)]
        }

        private static func blockOrder(_ lhs: BlockRequest, _ rhs: BlockRequest) -> Bool {
            (lhs.piece, lhs.offset) < (rhs.piece, rhs.offset)
        }
    }
}
