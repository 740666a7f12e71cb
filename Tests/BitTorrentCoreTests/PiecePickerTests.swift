import BitTorrentCore
import Testing

@Suite struct PiecePickerTests {
    let a = PeerHandle(1), b = PeerHandle(2), c = PeerHandle(3)

    func bitfield(_ count: Int, _ pieces: [Int]) -> Bitfield {
        var field = Bitfield(count: count)
        for piece in pieces { field[piece] = true }
        return field
    }

    /// `count` one-block pieces.
    func smallPieces(_ count: Int) -> TorrentLayout { TorrentLayout(pieceLength: 16384, fileLengths: [count * 16384])! }

    @Test func rarestPieceFirst() {
        var picker = PiecePicker(layout: smallPieces(4))
        picker.peerAdded(bitfield(4, [0, 1, 2, 3]))
        picker.peerAdded(bitfield(4, [0, 2, 3]))
        picker.peerAdded(bitfield(4, [0, 2]))
        picker.peerAdded(bitfield(4, [0, 3]))
        // availability: 0 → 4, 1 → 1, 2 → 3, 3 → 3
        let all = Bitfield(count: 4, allSet: true)
        #expect(picker.pickBlocks(for: a, peerPieces: all, count: 1).map(\.piece) == [1])
        let middle = picker.pickBlocks(for: a, peerPieces: all, count: 2).map(\.piece)
        #expect(Set(middle) == [2, 3])
        #expect(picker.pickBlocks(for: a, peerPieces: all, count: 5).map(\.piece) == [0])
    }

    @Test func saltOnlyReordersEquallyRarePieces() {
        var orders = Set<[Int]>()
        for salt in 0..<UInt64(16) {
            var picker = PiecePicker(layout: smallPieces(6), salt: salt)
            picker.peerAdded(bitfield(6, [5]))
            let order = picker.pickBlocks(for: a, peerPieces: Bitfield(count: 6, allSet: true), count: 6).map(\.piece)
            #expect(order.last == 5)  // the most common piece always comes last
            orders.insert(order)
        }
        #expect(orders.count > 1)
    }

    @Test func sequentialModeIgnoresRarity() {
        var picker = PiecePicker(layout: smallPieces(4), mode: .sequential)
        picker.peerAdded(bitfield(4, [3]))
        #expect(picker.pickBlocks(for: a, peerPieces: Bitfield(count: 4, allSet: true), count: 4).map(\.piece) == [0, 1, 2, 3])
    }

    @Test func filePrioritiesSkipAndOrder() {
        // Files of 1, 2 and 1 pieces; the middle file is high, the last skipped.
        let layout = TorrentLayout(pieceLength: 16384, fileLengths: [16384, 32768, 16384])!
        var picker = PiecePicker(layout: layout)
        picker.setFilePriorities([.normal, .high, .skip])
        #expect(picker.priorities == [.normal, .high, .high, .skip])
        let picked = picker.pickBlocks(for: a, peerPieces: Bitfield(count: 4, allSet: true), count: 10).map(\.piece)
        #expect(Array(picked.prefix(2)).sorted() == [1, 2])
        #expect(picked.last == 0)
        #expect(!picked.contains(3))
    }

    @Test func aPieceSpanningTwoFilesTakesTheHigherPriority() {
        let layout = TorrentLayout(pieceLength: 16384, fileLengths: [20000, 30000])!
        var picker = PiecePicker(layout: layout)
        picker.setFilePriorities([.skip, .low])
        #expect(picker.priorities == [.skip, .low, .low, .low])
    }

    @Test func startedPiecesAreFinishedBeforeNewOnesAreStarted() {
        // Two pieces of 4 blocks; piece 1 is rarer, but piece 0 is under way.
        var picker = PiecePicker(layout: TorrentLayout(pieceLength: 65536, fileLengths: [131072])!, mode: .sequential)
        let all = Bitfield(count: 2, allSet: true)
        #expect(picker.pickBlocks(for: a, peerPieces: all, count: 1) == [BlockRequest(piece: 0, offset: 0, length: 16384)])
        picker.mode = .rarestFirst
        picker.peerAdded(bitfield(2, [0]))
        #expect(picker.pickBlocks(for: b, peerPieces: all, count: 4).map { [$0.piece, $0.offset] } == [[0, 16384], [0, 32768], [0, 49152], [1, 0]])
    }

    @Test func lastPieceAndBlockAreShorter() {
        var picker = PiecePicker(layout: TorrentLayout(pieceLength: 32768, fileLengths: [32768 + 20000])!)
        let picked = picker.pickBlocks(for: a, peerPieces: Bitfield(count: 2, allSet: true), count: 10)
        #expect(Set(picked) == [
            BlockRequest(piece: 0, offset: 0, length: 16384), BlockRequest(piece: 0, offset: 16384, length: 16384),
            BlockRequest(piece: 1, offset: 0, length: 16384), BlockRequest(piece: 1, offset: 16384, length: 3616),
        ])
    }

    @Test func endgameAllowsExactlyTwoRequestersPerBlock() {
        var picker = PiecePicker(layout: TorrentLayout(pieceLength: 32768, fileLengths: [32768])!)
        let all = Bitfield(count: 1, allSet: true)
        let blocks = picker.pickBlocks(for: a, peerPieces: all, count: 5)
        #expect(blocks.count == 2)
        #expect(picker.isEndgame)
        #expect(picker.pickBlocks(for: a, peerPieces: all, count: 5).isEmpty)  // never twice to the same peer
        #expect(picker.pickBlocks(for: b, peerPieces: all, count: 5) == blocks)
        #expect(picker.pickBlocks(for: c, peerPieces: all, count: 5).isEmpty)  // a third requester: no

        #expect(picker.blockReceived(blocks[0], from: a) == .accepted(cancelFrom: [b], pieceComplete: false))
        #expect(picker.requests(of: b) == [blocks[1]])
        #expect(picker.blockReceived(blocks[0], from: b) == .unwanted)
        #expect(picker.blockReceived(blocks[1], from: b) == .accepted(cancelFrom: [a], pieceComplete: true))
        #expect(picker.requests(of: a).isEmpty)
    }

    @Test func skippedPiecesDoNotHoldOffTheEndgame() {
        var picker = PiecePicker(layout: smallPieces(3))
        picker.setPriority(.skip, ofPiece: 2)
        #expect(!picker.isEndgame)
        _ = picker.pickBlocks(for: a, peerPieces: bitfield(3, [0]), count: 1)
        #expect(!picker.isEndgame)  // piece 1 is wanted and not started
        _ = picker.pickBlocks(for: a, peerPieces: bitfield(3, [1]), count: 1)
        #expect(picker.isEndgame)
        picker.setPriority(.normal, ofPiece: 2)
        #expect(!picker.isEndgame)
    }

    @Test func noDuplicatesWhileAnyBlockIsStillOpen() {
        var picker = PiecePicker(layout: smallPieces(2))
        #expect(picker.pickBlocks(for: a, peerPieces: bitfield(2, [0]), count: 1).map(\.piece) == [0])
        #expect(!picker.isEndgame)
        // b has only piece 0, which a is fetching; piece 1 is still open, so b gets nothing.
        #expect(picker.pickBlocks(for: b, peerPieces: bitfield(2, [0]), count: 1).isEmpty)
    }

    @Test func droppedAndRejectedRequestsGoBackToThePool() {
        var picker = PiecePicker(layout: smallPieces(2))
        let all = Bitfield(count: 2, allSet: true)
        let first = picker.pickBlocks(for: a, peerPieces: all, count: 2)
        #expect(picker.peerDropped(a) == Set(first))
        #expect(Set(picker.pickBlocks(for: b, peerPieces: all, count: 2)) == Set(first))
        picker.requestFailed(first[0], peer: b)
        // One block, so that endgame duplicates (c may double up on b's block) stay out of this test.
        #expect(picker.pickBlocks(for: c, peerPieces: all, count: 1) == [first[0]])
        picker.requestFailed(first[0], peer: a)  // not a's request: no effect
        #expect(picker.requests(of: c) == [first[0]])
    }

    @Test func unrequestedDataIsStillKept() {
        var picker = PiecePicker(layout: TorrentLayout(pieceLength: 32768, fileLengths: [32768])!)
        let all = Bitfield(count: 1, allSet: true)
        let first = picker.pickBlocks(for: a, peerPieces: all, count: 1)[0]
        let second = BlockRequest(piece: 0, offset: 16384, length: 16384)
        #expect(picker.blockReceived(second, from: b) == .accepted(cancelFrom: [], pieceComplete: false))
        #expect(picker.pickBlocks(for: c, peerPieces: all, count: 1) == [first])  // endgame now: only the first remains
        #expect(picker.blockReceived(BlockRequest(piece: 0, offset: 100, length: 16384), from: a) == .unwanted)
        #expect(picker.blockReceived(BlockRequest(piece: 0, offset: 16384, length: 100), from: a) == .unwanted)
        #expect(picker.blockReceived(BlockRequest(piece: 5, offset: 0, length: 16384), from: a) == .unwanted)
    }

    @Test func hashFailureNamesContributorsAndRefetches() {
        var picker = PiecePicker(layout: TorrentLayout(pieceLength: 32768, fileLengths: [32768])!)
        let all = Bitfield(count: 1, allSet: true)
        let blocks = picker.pickBlocks(for: a, peerPieces: all, count: 1) + picker.pickBlocks(for: b, peerPieces: all, count: 1)
        _ = picker.blockReceived(blocks[0], from: a)
        #expect(picker.blockReceived(blocks[1], from: b) == .accepted(cancelFrom: [], pieceComplete: true))
        #expect(picker.contributors(ofPiece: 0) == [0: a, 1: b])
        #expect(picker.pieceFailedVerification(0) == [0: a, 1: b])
        #expect(picker.pickBlocks(for: c, peerPieces: all, count: 2) == blocks)
        for block in blocks { _ = picker.blockReceived(block, from: c) }
        #expect(!picker.isFinished)
        picker.pieceVerified(0)
        #expect(picker.isFinished)
        #expect(picker.have.isComplete)
        #expect(picker.pickBlocks(for: a, peerPieces: all, count: 2).isEmpty)
    }

    @Test func availabilityCountsSeedsOnce() {
        var picker = PiecePicker(layout: smallPieces(3))
        picker.peerAdded(Bitfield(count: 3, allSet: true))
        picker.peerAdded(bitfield(3, [1]))
        #expect((0..<3).map(picker.availability(ofPiece:)) == [1, 2, 1])
        var growing = bitfield(3, [0, 1])
        picker.peerAdded(growing)
        growing[2] = true
        picker.peerHas(2)
        picker.peerBecameSeed(growing)
        #expect((0..<3).map(picker.availability(ofPiece:)) == [2, 3, 2])
        picker.peerRemoved(growing)
        picker.peerRemoved(bitfield(3, [1]))
        #expect((0..<3).map(picker.availability(ofPiece:)) == [1, 1, 1])
        #expect(picker.wantsAnything(from: bitfield(3, [2])))
        #expect(!picker.wantsAnything(from: bitfield(3, [])))
    }
}
