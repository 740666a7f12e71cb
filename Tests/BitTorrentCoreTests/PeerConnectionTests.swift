import BitTorrentCore
import NIOCore
import Testing

@Suite struct PeerConnectionTests {
    typealias Action = PeerConnection.Action
    let hash = InfoHash(hex: Fixtures.singleFileHash)!
    /// 10 pieces of 32 KiB (two blocks each).
    let layout = TorrentLayout(pieceLength: 32768, fileLengths: [327_680])!
    let ours = ExtensionHandshake(extensions: ["ut_metadata": 3, "ut_pex": 4])

    func machine(fast: Bool = true, extensions: Bool = true, ourPieces: [Int] = [], layoutKnown: Bool = true) -> PeerConnection.StateMachine {
        var have = Bitfield(count: 10)
        for piece in ourPieces { have[piece] = true }
        let configuration = PeerConnection.Configuration(
            infoHash: hash,
            layout: layoutKnown ? layout : nil,
            reserved: ReservedBits(extensionProtocol: true, fastExtension: true, dht: false),
            extensionHandshake: ours,
            maxQueuedUploads: 2
        )
        var machine = PeerConnection.StateMachine(configuration: configuration, ourPieces: layoutKnown ? have : nil)
        let theirs = PeerHandshake(
            reserved: ReservedBits(extensionProtocol: extensions, fastExtension: fast, dht: true),
            infoHash: hash,
            peerID: Array(repeating: 1, count: 20)
        )
        _ = machine.handshakeReceived(theirs)
        return machine
    }

    func handshake(fast: Bool, extensions: Bool, hash: InfoHash? = nil) -> PeerHandshake {
        PeerHandshake(reserved: ReservedBits(extensionProtocol: extensions, fastExtension: fast, dht: false), infoHash: hash ?? self.hash, peerID: Array(repeating: 2, count: 20))
    }

    @Test func openingMessagesFollowWhatBothSidesSpeak() {
        let configuration = PeerConnection.Configuration(infoHash: hash, layout: layout, extensionHandshake: ours)
        var empty = PeerConnection.StateMachine(configuration: configuration, ourPieces: Bitfield(count: 10))
        #expect(empty.handshakeReceived(handshake(fast: true, extensions: true)) == [
            .send(.haveNone), .send(.extended(id: 0, payload: ours.encoded())),
        ])
        var seed = PeerConnection.StateMachine(configuration: configuration, ourPieces: Bitfield(count: 10, allSet: true))
        #expect(seed.handshakeReceived(handshake(fast: true, extensions: false)) == [.send(.haveAll)])
        var some = Bitfield(count: 10)
        some[1] = true
        var partial = PeerConnection.StateMachine(configuration: configuration, ourPieces: some)
        #expect(partial.handshakeReceived(handshake(fast: false, extensions: false)) == [.send(.bitfield([0x40, 0]))])
        var plainEmpty = PeerConnection.StateMachine(configuration: configuration, ourPieces: Bitfield(count: 10))
        #expect(plainEmpty.handshakeReceived(handshake(fast: false, extensions: false)) == [])
        var wrong = PeerConnection.StateMachine(configuration: configuration, ourPieces: Bitfield(count: 10))
        #expect(wrong.handshakeReceived(handshake(fast: true, extensions: true, hash: InfoHash(hex: Fixtures.multiFileHash)!)) == [.close(.wrongInfoHash)])
    }

    @Test func piecesAnnouncementMustComeFirstAndBeValid() {
        var good = machine()
        #expect(good.received(.keepAlive) == [])
        let announced = good.received(.bitfield([0x80, 0x40]))
        var expected = Bitfield(count: 10)
        expected[0] = true
        expected[9] = true
        #expect(announced == [.peerPiecesAnnounced(expected)])
        #expect(good.received(.have(piece: 3)) == [.peerHasPiece(3)])
        #expect(good.received(.have(piece: 3)) == [])
        #expect(good.peerPieces?.setIndices == [0, 3, 9])
        // A late bitfield (aria2 sends one) adds pieces as `have`s and takes none away.
        #expect(good.received(.bitfield([0x20, 0])) == [.peerHasPiece(2)])
        #expect(good.received(.bitfield([0, 0])) == [])
        #expect(good.peerPieces?.setIndices == [0, 2, 3, 9])
        #expect(good.received(.bitfield([0, 0x20])) == [.close(.invalidBitfield(.spareBitsSet))])
        #expect(good.isClosed)
        #expect(good.received(.unchoke) == [])

        var afterExtensionHandshake = machine()
        _ = afterExtensionHandshake.received(.extended(id: 0, payload: ours.encoded()))
        _ = afterExtensionHandshake.received(.port(6881))
        #expect(afterExtensionHandshake.received(.haveAll) == [.peerPiecesAnnounced(Bitfield(count: 10, allSet: true))])

        var spare = machine()
        #expect(spare.received(.bitfield([0, 0x20])) == [.close(.invalidBitfield(.spareBitsSet))])
        var late = machine()
        _ = late.received(.interested)
        #expect(late.received(.haveAll) == (0..<10).map { .peerHasPiece($0) })
        #expect(late.received(.haveNone) == [])
        var plain = machine(fast: false)
        #expect(plain.received(.haveAll) == [.close(.fastExtensionNotNegotiated(.haveAll))])
        var outOfRange = machine()
        #expect(outOfRange.received(.have(piece: 10)) == [.close(.pieceIndexOutOfRange(10))])
    }

    @Test func requestsFollowChokingWithoutFastExtension() {
        var peer = machine(fast: false)
        let block = BlockRequest(piece: 0, offset: 0, length: 16384)
        let other = BlockRequest(piece: 0, offset: 16384, length: 16384)
        #expect(peer.request([block]) == [.requestsVoided([block])])
        #expect(peer.setInterested(true) == [.send(.interested)])
        #expect(peer.setInterested(true) == [])
        #expect(peer.received(.unchoke) == [.readyToRequest])
        #expect(peer.request([block, other, block]) == [.send(.request(block)), .send(.request(other))])
        #expect(peer.received(.piece(piece: 0, offset: 0, block: ByteBuffer(repeating: 1, count: 16384))) == [
            .blockReceived(block, data: ByteBuffer(repeating: 1, count: 16384), wasRequested: true),
        ])
        #expect(peer.received(.choke) == [.requestsVoided([other])])
        #expect(peer.outstanding.isEmpty)
        #expect(peer.received(.reject(other)) == [.close(.fastExtensionNotNegotiated(.reject))])
    }

    @Test func fastExtensionKeepsRequestsAcrossChokes() {
        var peer = machine()
        let block = BlockRequest(piece: 2, offset: 0, length: 16384)
        #expect(peer.received(.allowedFast(piece: 2)) == [.allowedFast(2)])
        #expect(peer.request([block]) == [.send(.request(block))])  // allowed while choked
        _ = peer.received(.unchoke)
        #expect(peer.received(.choke) == [])
        #expect(peer.outstanding == [block])
        #expect(peer.received(.reject(block)) == [.requestRejected(block)])
        #expect(peer.received(.reject(block)) == [])
        #expect(peer.cancel(block) == [])
        _ = peer.received(.unchoke)
        _ = peer.request([block])
        #expect(peer.cancel(block) == [.send(.cancel(block))])
        // A block that arrives after our cancel is still reported, as unrequested.
        let late = peer.received(.piece(piece: 2, offset: 0, block: ByteBuffer(repeating: 0, count: 16384)))
        #expect(late == [.blockReceived(block, data: ByteBuffer(repeating: 0, count: 16384), wasRequested: false)])
        #expect(peer.received(.piece(piece: 9, offset: 32768, block: ByteBuffer(repeating: 0, count: 1))) == [
            .close(.invalidBlock(BlockRequest(piece: 9, offset: 32768, length: 1))),
        ])
    }

    @Test func servingUploads() {
        var peer = machine(ourPieces: [0, 1])
        let block = BlockRequest(piece: 0, offset: 0, length: 16384)
        // Choked peer asking: rejected (fast extension).
        #expect(peer.received(.request(block)) == [.send(.reject(block))])
        #expect(peer.unchoke() == [.send(.unchoke)])
        #expect(peer.received(.request(block)) == [.uploadRequested(block)])
        #expect(peer.received(.cancel(block)) == [.uploadCancelled(block)])
        #expect(peer.sendBlock(block, data: ByteBuffer(repeating: 5, count: 16384)) == [])  // cancelled: not sent
        _ = peer.received(.request(block))
        #expect(peer.sendBlock(block, data: ByteBuffer(repeating: 5, count: 16384)) == [
            .send(.piece(piece: 0, offset: 0, block: ByteBuffer(repeating: 5, count: 16384))),
        ])
        // Queue bound (2 in this configuration): the third is rejected.
        let blocks = [BlockRequest(piece: 1, offset: 0, length: 16384), BlockRequest(piece: 1, offset: 16384, length: 16384), block]
        #expect(blocks.flatMap { peer.received(.request($0)) } == [
            .uploadRequested(blocks[0]), .uploadRequested(blocks[1]), .send(.reject(block)),
        ])
        #expect(peer.choke() == [
            .send(.choke), .uploadCancelled(blocks[0]), .send(.reject(blocks[0])), .uploadCancelled(blocks[1]), .send(.reject(blocks[1])),
        ])
        #expect(peer.received(.request(BlockRequest(piece: 5, offset: 0, length: 16384))) == [
            .send(.reject(BlockRequest(piece: 5, offset: 0, length: 16384))),
        ])
        #expect(peer.received(.request(BlockRequest(piece: 0, offset: 0, length: 16385))) == [
            .close(.invalidRequest(BlockRequest(piece: 0, offset: 0, length: 16385))),
        ])
    }

    @Test func plainPeerAskingForAPieceWeLackIsClosed() {
        var peer = machine(fast: false, ourPieces: [0])
        _ = peer.unchoke()
        #expect(peer.received(.request(BlockRequest(piece: 1, offset: 0, length: 16384))) == [.close(.requestForMissingPiece(1))])
    }

    @Test func extensionMessagesUseEachSidesIds() throws {
        var peer = machine()
        let theirs = ExtensionHandshake(extensions: ["ut_metadata": 7], metadataSize: 500)
        #expect(peer.received(.extended(id: 0, payload: theirs.encoded())) == [.extensionHandshakeReceived(theirs)])
        // They send under our ids, we send under theirs.
        #expect(peer.received(.extended(id: 3, payload: buffer([1]))) == [.extensionMessage(name: "ut_metadata", payload: buffer([1]))])
        #expect(peer.received(.extended(id: 9, payload: buffer([1]))) == [])
        #expect(peer.extensionMessage("ut_metadata", payload: buffer([2])) == .extended(id: 7, payload: buffer([2])))
        #expect(peer.extensionMessage("ut_pex", payload: buffer([2])) == nil)
        #expect(peer.received(.extended(id: 0, payload: buffer(ascii("i1e")))) == [.close(.invalidExtensionHandshake(.notADictionary))])

        var plain = machine(extensions: false)
        #expect(plain.received(.extended(id: 0, payload: theirs.encoded())) == [.close(.extensionProtocolNotNegotiated)])
    }

    @Test func magnetPeerAnnouncementWaitsForMetadata() {
        var peer = machine(layoutKnown: false)
        #expect(peer.received(.bitfield([0xFF, 0xC0])) == [])
        #expect(peer.received(.have(piece: 99)) == [])  // cannot be checked yet
        #expect(peer.received(.request(BlockRequest(piece: 0, offset: 0, length: 16384))) == [
            .send(.reject(BlockRequest(piece: 0, offset: 0, length: 16384))),
        ])
        let actions = peer.metadataKnown(layout, ourPieces: Bitfield(count: 10))
        #expect(actions == [.peerPiecesAnnounced(Bitfield(count: 10, allSet: true))])

        // haves before the metadata are kept; out-of-range ones are dropped once the count is known.
        var haves = machine(fast: false, layoutKnown: false)
        #expect(haves.received(.have(piece: 2)) == [])
        #expect(haves.received(.have(piece: 50)) == [])
        var expected = Bitfield(count: 10)
        expected[2] = true
        #expect(haves.metadataKnown(layout, ourPieces: Bitfield(count: 10)) == [.peerPiecesAnnounced(expected)])
        var bitfieldThenHave = machine(layoutKnown: false)
        _ = bitfieldThenHave.received(.bitfield([0x80, 0]))
        _ = bitfieldThenHave.received(.have(piece: 1))
        expected = Bitfield(count: 10)
        expected[0] = true
        expected[1] = true
        #expect(bitfieldThenHave.metadataKnown(layout, ourPieces: Bitfield(count: 10)) == [.peerPiecesAnnounced(expected)])

        var liar = machine(layoutKnown: false)
        _ = liar.received(.bitfield([0xFF]))
        #expect(liar.metadataKnown(layout, ourPieces: Bitfield(count: 10)) == [.close(.invalidBitfield(.wrongLength(expected: 2, actual: 1)))])
    }

    @Test func completedPiecesAreAnnounced() {
        var peer = machine()
        #expect(peer.ourPieceCompleted(4) == [.send(.have(piece: 4))])
        #expect(peer.ourPieces?[4] == true)
    }
}
