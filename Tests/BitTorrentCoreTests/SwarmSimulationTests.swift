import BitTorrentCore
import NIOCore
import Testing

/// The protocol pieces wired together the way the engine will wire them, with bytes going through the
/// real codec but no sockets: a seeder and a leecher, each a `PeerConnection.StateMachine` driven by a
/// few lines of "engine" code, the leecher with a `PiecePicker` and the seeder with a `Choker`.
@Suite struct SwarmSimulationTests {
    let data: [UInt8] = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
    let leecherID = PeerHandle(1)

    func makeTorrent() throws -> TorrentMetainfo {
        var hasher = PieceHasher(pieceLength: 32768)
        hasher.update(data)
        let builder = TorrentBuilder(name: "sim", pieceLength: 32768, files: [.init(path: ["a.bin"], length: 100_000), .init(path: ["b.bin"], length: 50_000)])
        return try builder.build(pieceHashes: hasher.finalize()).metainfo
    }

    /// Runs the exchange; `corrupt` decides whether the seeder damages a block it serves.
    func run(corrupt: (BlockRequest, Int) -> Bool) throws -> (received: [UInt8], failures: [[Int: PeerHandle]], rounds: Int) {
        let torrent = try makeTorrent()
        let layout = torrent.layout
        let extensions = ExtensionHandshake(extensions: ["ut_metadata": 1], metadataSize: torrent.infoBytes.count)
        let configuration = PeerConnection.Configuration(infoHash: torrent.infoHash, layout: layout, extensionHandshake: extensions)
        var seeder = PeerConnection.StateMachine(configuration: configuration, ourPieces: Bitfield(count: layout.pieceCount, allSet: true))
        var leecher = PeerConnection.StateMachine(configuration: configuration, ourPieces: Bitfield(count: layout.pieceCount))
        var picker = PiecePicker(layout: layout)
        var choker = Choker(uploadSlots: 2)
        choker.peerConnected(leecherID, at: .now)

        var toLeecher = ByteBuffer()
        var toSeeder = ByteBuffer()
        var storage = Array(repeating: UInt8(0), count: data.count)
        var failures: [[Int: PeerHandle]] = []
        var served: [BlockRequest: Int] = [:]
        let decoder = PeerMessageDecoder(pieceCount: layout.pieceCount)

        func handshake(_ into: inout ByteBuffer) {
            PeerHandshake(reserved: configuration.reserved, infoHash: torrent.infoHash, peerID: Array(repeating: 7, count: 20)).encode(into: &into)
        }
        handshake(&toLeecher)
        handshake(&toSeeder)

        func performSeeder(_ actions: [PeerConnection.Action]) {
            for action in actions {
                switch action {
                case .send(let message): message.encode(into: &toLeecher)
                case .peerInterestChanged(let interested):
                    for decision in interested ? choker.peerInterested(leecherID) : choker.peerNotInterested(leecherID) {
                        performSeeder(decision == .unchoke(leecherID) ? seeder.unchoke() : seeder.choke())
                    }
                case .uploadRequested(let block):
                    let start = block.piece * layout.pieceLength + block.offset
                    var bytes = Array(data[start..<(start + block.length)])
                    served[block, default: 0] += 1
                    if corrupt(block, served[block]!) { bytes[0] ^= 0xFF }
                    performSeeder(seeder.sendBlock(block, data: ByteBuffer(bytes: bytes)))
                default: break
                }
            }
        }

        func requestMore() {
            let wanted = picker.pickBlocks(for: leecherID, peerPieces: leecher.peerPieces!, count: 4)
            performLeecher(leecher.request(wanted))
        }

        func performLeecher(_ actions: [PeerConnection.Action]) {
            for action in actions {
                switch action {
                case .send(let message): message.encode(into: &toSeeder)
                case .peerPiecesAnnounced(let pieces):
                    picker.peerAdded(pieces)
                    performLeecher(leecher.setInterested(picker.wantsAnything(from: pieces)))
                case .readyToRequest: requestMore()
                case .requestsVoided(let blocks): for block in blocks { picker.requestFailed(block, peer: leecherID) }
                case .blockReceived(let block, let bytes, _):
                    guard case .accepted(_, let complete) = picker.blockReceived(block, from: leecherID) else { continue }
                    let start = block.piece * layout.pieceLength + block.offset
                    storage.replaceSubrange(start..<(start + block.length), with: bytes.readableBytesView)
                    if complete {
                        let pieceStart = block.piece * layout.pieceLength
                        let piece = ByteBuffer(bytes: storage[pieceStart..<(pieceStart + layout.length(ofPiece: block.piece))])
                        if torrent.verify(piece: block.piece, data: piece) {
                            picker.pieceVerified(block.piece)
                            performLeecher(leecher.ourPieceCompleted(block.piece))
                        } else {
                            failures.append(picker.pieceFailedVerification(block.piece))
                        }
                    }
                    if picker.isFinished { performLeecher(leecher.setInterested(false)) } else { requestMore() }
                default: break
                }
            }
        }

        var rounds = 0
        var handshakesDone = false
        while rounds < 1000 {
            rounds += 1
            if !handshakesDone {
                let theirs = try #require(try PeerHandshake.decode(from: &toLeecher))
                let mine = try #require(try PeerHandshake.decode(from: &toSeeder))
                performLeecher(leecher.handshakeReceived(theirs))
                performSeeder(seeder.handshakeReceived(mine))
                handshakesDone = true
            }
            let forLeecher = try decoder.decodeAll(from: &toLeecher)
            let forSeeder = try decoder.decodeAll(from: &toSeeder)
            if forLeecher.isEmpty, forSeeder.isEmpty { break }
            for message in forLeecher { performLeecher(leecher.received(message)) }
            for message in forSeeder { performSeeder(seeder.received(message)) }
        }
        #expect(picker.isFinished)
        #expect(!seeder.isClosed && !leecher.isClosed)
        #expect(seeder.peerPieces?.isComplete == true)  // the leecher announced every piece with `have`
        return (storage, failures, rounds)
    }

    @Test func leecherGetsEveryByte() throws {
        let result = try run { _, _ in false }
        let identical = result.received == data  // not inside #expect: a failure would print 150,000 bytes
        #expect(identical)
        #expect(result.failures.isEmpty)
    }

    @Test func corruptBlockIsAttributedAndRefetched() throws {
        // The first copy of piece 2's second block is damaged.
        let result = try run { block, copy in block.piece == 2 && block.offset == 16384 && copy == 1 }
        let identical = result.received == data
        #expect(identical)
        #expect(result.failures == [[0: leecherID, 1: leecherID]])
    }
}
