import NIOCore

extension TorrentSession {
    public struct StateMachine: Sendable {
        public let configuration: Configuration
        public private(set) var picker: PiecePicker
        public private(set) var choker: Choker
        public private(set) var peers: [PeerHandle: PeerConnection.StateMachine] = [:]
        /// Hash failures each peer contributed to.
        public private(set) var strikes: [PeerHandle: Int] = [:]
        /// Blocks written per piece in progress.
        private var writtenBlocks: [Int: Int] = [:]
        /// For pieces that failed their hash: who sent which block, and its digest in the bad copy.
        private var suspects: [Int: [Suspect]] = [:]

        private struct Suspect: Sendable {
            var block: Int
            var peer: PeerHandle
            var digest: [UInt8]
        }
        private var pipelineDepth: [PeerHandle: Int] = [:]
        private var finishedReported: Bool

        public init(configuration: Configuration, have: Bitfield, mode: PiecePicker.Mode = .rarestFirst, salt: UInt64 = 0) {
            self.configuration = configuration
            self.picker = PiecePicker(layout: configuration.layout, have: have, mode: mode, salt: salt)
            self.choker = Choker(uploadSlots: configuration.uploadSlots)
            self.finishedReported = have.isComplete
        }

        public var isFinished: Bool { picker.isFinished }
        public var have: Bitfield { picker.have }

        public mutating func setFilePriorities(_ priorities: [PiecePriority]) -> [Action] {
            picker.setFilePriorities(priorities)
            finishedReported = false
            return refreshInterest() + checkFinished()
        }

        // MARK: Peers

        /// A peer finished its handshake (ours is sent by the engine).
        public mutating func peerConnected(_ peer: PeerHandle, handshake: PeerHandshake, at now: ContinuousClock.Instant) -> [Action] {
            var connection = PeerConnection.StateMachine(configuration: configuration.peerConfiguration, ourPieces: picker.have)
            let actions = connection.handshakeReceived(handshake)
            peers[peer] = connection
            choker.peerConnected(peer, at: now)
            pipelineDepth[peer] = configuration.requestPipeline
            return perform(actions, for: peer)
        }

        /// A connection made during a magnet's metadata phase joins once the metadata is known.
        public mutating func adopt(_ peer: PeerHandle, connection: PeerConnection.StateMachine, at now: ContinuousClock.Instant) -> [Action] {
            var connection = connection
            let actions = connection.metadataKnown(configuration.layout, ourPieces: picker.have)
            peers[peer] = connection
            choker.peerConnected(peer, at: now)
            pipelineDepth[peer] = min(configuration.requestPipeline, connection.peerExtensions?.requestQueueLength ?? .max)
            var result = perform(actions, for: peer)
            if connection.peerInterested { result += perform([.peerInterestChanged(true)], for: peer) }
            return result + request(from: peer)  // the peer may have unchoked us already
        }

        public mutating func received(_ message: PeerMessage, from peer: PeerHandle) -> [Action] {
            guard let actions = withPeer(peer, { $0.received(message) }) else { return [] }
            return perform(actions, for: peer)
        }

        public mutating func peerDisconnected(_ peer: PeerHandle) -> [Action] {
            guard let connection = peers.removeValue(forKey: peer) else { return [] }
            pipelineDepth[peer] = nil
            picker.peerDropped(peer)
            if let pieces = connection.peerPieces { picker.peerRemoved(pieces) }
            return chokeDecisions(choker.peerDisconnected(peer)) + requestEverywhere()
        }

        // MARK: Disk and timers

        public mutating func blockWritten(_ block: BlockRequest) -> [Action] {
            writtenBlocks[block.piece, default: 0] += 1
            guard writtenBlocks[block.piece] == configuration.layout.blockCount(ofPiece: block.piece) else { return [] }
            writtenBlocks[block.piece] = nil
            return [.verifyPiece(block.piece, blockDigests: suspects[block.piece] != nil)]
        }

        /// The verdict on a piece. `blockDigests`: each block's SHA-1 (`PieceHasher.blockDigests`); pass
        /// them whenever the piece fails, and when `verifyPiece` asked for them.
        public mutating func pieceChecked(_ piece: Int, matches: Bool, blockDigests: [[UInt8]]? = nil) -> [Action] {
            guard matches else {
                var actions: [Action] = []
                let contributors = picker.pieceFailedVerification(piece)
                if let blockDigests, blockDigests.count == configuration.layout.blockCount(ofPiece: piece) {
                    for (block, peer) in contributors.sorted(by: { $0.key < $1.key }) {
                        suspects[piece, default: []].append(Suspect(block: block, peer: peer, digest: blockDigests[block]))
                    }
                } else if suspects[piece] == nil {
                    suspects[piece] = []  // still ask for digests next time
                }
                let involved = Set(contributors.values)
                for peer in involved.sorted() {
                    strikes[peer, default: 0] += 1
                    if involved.count == 1 || strikes[peer]! >= configuration.strikesBeforeBan {
                        actions += disconnect(peer, .banned)
                    }
                }
                return actions + requestEverywhere()
            }
            var actions: [Action] = []
            if let recorded = suspects.removeValue(forKey: piece), let blockDigests {
                var banned = Set<PeerHandle>()
                for suspect in recorded where suspect.block < blockDigests.count {
                    if suspect.digest != blockDigests[suspect.block] {
                        guard banned.insert(suspect.peer).inserted else { continue }
                        // Reported even when the peer is gone, so the engine can refuse its address.
                        actions += peers[suspect.peer] == nil ? [.disconnect(suspect.peer, .banned)] : disconnect(suspect.peer, .banned)
                    } else if let count = strikes[suspect.peer], count > 0 {
                        strikes[suspect.peer] = count - 1
                    }
                }
            }
            picker.pieceVerified(piece)
            actions.append(.pieceCompleted(piece))
            for peer in peers.keys.sorted() {
                guard let announced = withPeer(peer, { $0.ourPieceCompleted(piece) }) else { continue }
                actions += perform(announced, for: peer)
            }
            return actions + checkFinished()
        }

        public mutating func blockRead(_ block: BlockRequest, for peer: PeerHandle, data: ByteBuffer) -> [Action] {
            guard let actions = withPeer(peer, { $0.sendBlock(block, data: data) }) else { return [] }
            return perform(actions, for: peer)
        }

        /// The periodic rechoke (every 10 s); `rates` as for `Choker.rechoke`.
        public mutating func rechoke(at now: ContinuousClock.Instant, rates: [PeerHandle: Int]) -> [Action] {
            chokeDecisions(choker.rechoke(at: now, rates: rates))
        }

        /// Requests to one peer timed out: give its blocks to others.
        public mutating func requestsTimedOut(_ blocks: [BlockRequest], peer: PeerHandle) -> [Action] {
            var actions: [Action] = []
            for block in blocks {
                picker.requestFailed(block, peer: peer)
                if let cancelled = withPeer(peer, { $0.cancel(block) }) { actions += perform(cancelled, for: peer) }
            }
            return actions + requestEverywhere(except: peer)
        }

        // MARK: Internals

        /// Runs `body` on the stored peer machine in place, so its request sets are not copied on every
        /// message; nil when the peer is gone.
        private mutating func withPeer(
            _ peer: PeerHandle,
            _ body: (inout PeerConnection.StateMachine) -> [PeerConnection.Action]
        ) -> [PeerConnection.Action]? {
            guard peers[peer] != nil else { return nil }
            return body(&peers[peer]!)
        }

        private mutating func perform(_ actions: [PeerConnection.Action], for peer: PeerHandle) -> [Action] {
            var result: [Action] = []
            for action in actions {
                switch action {
                case .send(let message):
                    result.append(.send(peer, message))
                case .close(let error):
                    result += disconnect(peer, .protocolViolation(error))
                case .peerPiecesAnnounced(let pieces):
                    picker.peerAdded(pieces)
                    if have.isComplete, pieces.isComplete { result += disconnect(peer, .bothSeeding); continue }
                    result += setInterested(picker.wantsAnything(from: pieces), peer: peer)
                case .peerHasPiece(let piece):
                    picker.peerHas(piece)
                    if let pieces = peers[peer]?.peerPieces, pieces.isComplete {
                        picker.peerBecameSeed(pieces)  // counted as a seed from now on, so its departure balances
                        if have.isComplete { result += disconnect(peer, .bothSeeding); continue }
                    }
                    if picker.isWanted(piece) { result += setInterested(true, peer: peer) + request(from: peer) }
                case .peerInterestChanged(let interested):
                    result += chokeDecisions(interested ? choker.peerInterested(peer) : choker.peerNotInterested(peer))
                case .readyToRequest:
                    result += request(from: peer)
                case .requestsVoided(let blocks):
                    for block in blocks { picker.requestFailed(block, peer: peer) }
                case .requestRejected(let block):
                    picker.requestFailed(block, peer: peer)
                case .blockReceived(let block, let data, _):
                    switch picker.blockReceived(block, from: peer) {
                    case .unwanted:
                        break
                    case .accepted(let others, _):
                        result.append(.writeBlock(block, data))
                        for other in others {
                            guard let cancelled = withPeer(other, { $0.cancel(block) }) else { continue }
                            result += perform(cancelled, for: other)
                        }
                    }
                    result += request(from: peer)
                case .uploadRequested(let block):
                    result.append(.readBlock(peer, block))
                case .uploadCancelled:
                    break  // a late read is dropped by `sendBlock`
                case .extensionHandshakeReceived(let handshake):
                    if let reqq = handshake.requestQueueLength { pipelineDepth[peer] = min(configuration.requestPipeline, reqq) }
                    result.append(.extensionHandshake(peer, handshake))
                case .extensionMessage(let name, let payload):
                    result.append(.extensionMessage(peer, name: name, payload: payload))
                case .dhtPort(let port):
                    result.append(.dhtPort(peer, port))
                case .allowedFast, .suggested:
                    break  // the picker's order is used as is; allowed-fast pieces are honoured by `request`
                }
            }
            return result
        }

        private mutating func disconnect(_ peer: PeerHandle, _ reason: DisconnectReason) -> [Action] {
            guard peers[peer] != nil else { return [] }
            return [.disconnect(peer, reason)] + peerDisconnected(peer)
        }

        private mutating func setInterested(_ interested: Bool, peer: PeerHandle) -> [Action] {
            guard let actions = withPeer(peer, { $0.setInterested(interested) }) else { return [] }
            return perform(actions, for: peer)
        }

        /// Tops up the peer's pipeline with blocks from the picker.
        private mutating func request(from peer: PeerHandle) -> [Action] {
            guard let connection = peers[peer], connection.amInterested, let pieces = connection.peerPieces else { return [] }
            guard !connection.peerChoking || !connection.allowedFastPieces.isEmpty else { return [] }
            let room = (pipelineDepth[peer] ?? configuration.requestPipeline) - connection.outstanding.count
            guard room > 0 else { return [] }
            var available = pieces
            if connection.peerChoking {
                available = Bitfield(count: pieces.count)
                for piece in connection.allowedFastPieces where pieces[piece] { available[piece] = true }
            }
            let blocks = picker.pickBlocks(for: peer, peerPieces: available, count: room)
            if blocks.isEmpty, connection.outstanding.isEmpty, !picker.wantsAnything(from: pieces) {
                return setInterested(false, peer: peer)
            }
            guard let actions = withPeer(peer, { $0.request(blocks) }) else { return [] }
            return perform(actions, for: peer)
        }

        private mutating func requestEverywhere(except excluded: PeerHandle? = nil) -> [Action] {
            var actions: [Action] = []
            for peer in peers.keys.sorted() where peer != excluded { actions += request(from: peer) }
            return actions
        }

        private mutating func refreshInterest() -> [Action] {
            var actions: [Action] = []
            for peer in peers.keys.sorted() {
                guard let pieces = peers[peer]?.peerPieces else { continue }
                actions += setInterested(picker.wantsAnything(from: pieces), peer: peer) + request(from: peer)
            }
            return actions
        }

        private mutating func chokeDecisions(_ decisions: [Choker.Decision]) -> [Action] {
            var actions: [Action] = []
            for decision in decisions {
                switch decision {
                case .unchoke(let peer):
                    guard let result = withPeer(peer, { $0.unchoke() }) else { continue }
                    actions += perform(result, for: peer)
                case .choke(let peer):
                    guard let result = withPeer(peer, { $0.choke() }) else { continue }
                    actions += perform(result, for: peer)
                }
            }
            return actions
        }

        private mutating func checkFinished() -> [Action] {
            guard picker.isFinished, !finishedReported else { return [] }
            finishedReported = true
            var actions: [Action] = [.downloadFinished]
            for peer in peers.keys.sorted() {
                guard let connection = peers[peer] else { continue }
                if connection.peerPieces?.isComplete == true, have.isComplete {
                    actions += disconnect(peer, .bothSeeding)
                } else {
                    actions += setInterested(false, peer: peer)
                }
            }
            return actions
        }
    }
}
