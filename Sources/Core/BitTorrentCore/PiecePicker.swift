/// How much a user wants a file (and so the pieces that hold it).
public enum PiecePriority: UInt8, Sendable, Hashable, Comparable {
    case skip = 0, low, normal, high

    public static func < (lhs: PiecePriority, rhs: PiecePriority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Decides which blocks to request from which peer, and keeps the books on every block in flight.
///
/// Order: blocks of pieces already started (so pieces finish and can be verified and shared), then new
/// pieces by priority and, within a priority, rarest first (or lowest index first in sequential mode).
/// Endgame: once no block of a wanted piece is left unrequested, a block already requested from one
/// peer may be requested from one more, never more than two (a stuck last block otherwise stalls a
/// download at 99.9 %; unbounded duplicates waste bandwidth).
///
/// Pure bookkeeping: the engine reports events (bitfields, haves, blocks, verdicts, disconnects) and
/// sends what the picker returns.
public struct PiecePicker: Sendable {
    public enum Mode: Sendable, Hashable {
        case rarestFirst
        /// Lowest index first, for playing a file while it downloads.
        case sequential
    }

    /// What happened to a block that arrived.
    public enum BlockOutcome: Sendable, Hashable {
        /// New data: write it. Cancel the same request at `cancelFrom` (endgame duplicates);
        /// when `pieceComplete`, every block of the piece is in: hash it, then report the verdict.
        case accepted(cancelFrom: [PeerHandle], pieceComplete: Bool)
        /// Already have it, or it belongs to no piece we are fetching: drop it.
        case unwanted
    }

    public static let maxRequestersPerBlock = 2

    public let layout: TorrentLayout
    public var mode: Mode
    /// Pieces hashed and written.
    public private(set) var have: Bitfield
    public private(set) var priorities: [PiecePriority]
    /// Peers that have each piece, not counting peers that have everything.
    private var availability: [Int32]
    private var seedCount = 0
    private var partial: [Int: PartialPiece] = [:]
    /// The keys of `partial` as bits, so the scan for a new piece tests bits instead of hashing.
    private var started: Bitfield
    private var requestsByPeer: [PeerHandle: Set<BlockRequest>] = [:]
    private let salt: UInt64

    /// - Parameter salt: varies the order of equally rare pieces between clients (pass a random value).
    public init(layout: TorrentLayout, have: Bitfield? = nil, mode: Mode = .rarestFirst, salt: UInt64 = 0) {
        self.layout = layout
        self.mode = mode
        self.have = have ?? Bitfield(count: layout.pieceCount)
        precondition(self.have.count == layout.pieceCount, "bitfield size does not match the layout")
        self.priorities = Array(repeating: .normal, count: layout.pieceCount)
        self.availability = Array(repeating: 0, count: layout.pieceCount)
        self.started = Bitfield(count: layout.pieceCount)
        self.salt = salt
    }

    // MARK: Priorities

    /// Each piece takes the highest priority of the files it touches; empty files touch nothing.
    /// Give BEP 47 padding files `.skip`, so a piece is not fetched for the sake of padding.
    public mutating func setFilePriorities(_ filePriorities: [PiecePriority]) {
        precondition(filePriorities.count == layout.fileLengths.count, "one priority per file")
        var result = Array(repeating: PiecePriority.skip, count: layout.pieceCount)
        for (file, priority) in filePriorities.enumerated() where priority != .skip {
            for piece in layout.pieces(ofFile: file) { result[piece] = max(result[piece], priority) }
        }
        priorities = result
    }

    public mutating func setPriority(_ priority: PiecePriority, ofPiece piece: Int) {
        priorities[piece] = priority
    }

    /// Every wanted piece is verified.
    public var isFinished: Bool {
        (0..<layout.pieceCount).allSatisfy { have[$0] || priorities[$0] == .skip }
    }

    public func isWanted(_ piece: Int) -> Bool { !have[piece] && priorities[piece] != .skip }

    /// Bytes of the pieces a user wants (priority above skip), and how many of them are not verified yet.
    public var wantedBytes: (total: Int, left: Int) {
        var total = 0
        var left = 0
        for piece in 0..<layout.pieceCount where priorities[piece] != .skip {
            let length = layout.length(ofPiece: piece)
            total += length
            if !have[piece] { left += length }
        }
        return (total, left)
    }

    /// Whether a peer has anything we want (so we should tell it we are interested).
    public func wantsAnything(from peerPieces: Bitfield) -> Bool {
        peerPieces.setIndices.contains { isWanted($0) }
    }

    // MARK: Availability

    public mutating func peerAdded(_ pieces: Bitfield) {
        if pieces.isComplete { seedCount += 1; return }
        for piece in pieces.setIndices { availability[piece] += 1 }
    }

    public mutating func peerRemoved(_ pieces: Bitfield) {
        if pieces.isComplete { seedCount -= 1; return }
        for piece in pieces.setIndices { availability[piece] -= 1 }
    }

    /// A `have` from a peer whose bitfield did not yet hold the piece.
    public mutating func peerHas(_ piece: Int) { availability[piece] += 1 }

    /// A peer's bitfield became complete through `have` messages (each already reported with
    /// `peerHas`): count it as a seed from now on, so `peerRemoved` with its full bitfield balances.
    public mutating func peerBecameSeed(_ pieces: Bitfield) {
        for piece in pieces.setIndices { availability[piece] -= 1 }
        seedCount += 1
    }

    public func availability(ofPiece piece: Int) -> Int { Int(availability[piece]) + seedCount }

    // MARK: Picking

    /// Up to `count` blocks to request from `peer`, which has `peerPieces`; they are recorded as requested.
    public mutating func pickBlocks(for peer: PeerHandle, peerPieces: Bitfield, count: Int) -> [BlockRequest] {
        var picked: [BlockRequest] = []
        guard count > 0 else { return picked }

        // 1. Open blocks of pieces already under way.
        for piece in orderedPartialPieces() where peerPieces[piece] {
            takeOpenBlocks(of: piece, for: peer, count: count, into: &picked)
            if picked.count == count { return picked }
        }
        // 2. New pieces, best first.
        while picked.count < count, let piece = bestUnstartedPiece(in: peerPieces) {
            partial[piece] = PartialPiece(blockCount: layout.blockCount(ofPiece: piece))
            started[piece] = true
            takeOpenBlocks(of: piece, for: peer, count: count, into: &picked)
        }
        // 3. Endgame: nothing is left unrequested anywhere, so double up on blocks in flight.
        if picked.count < count, isEndgame {
            for piece in orderedPartialPieces() where peerPieces[piece] {
                takeEndgameBlocks(of: piece, for: peer, count: count, into: &picked)
                if picked.count == count { break }
            }
        }
        return picked
    }

    /// True when every block of every wanted, unverified piece is requested or received.
    public var isEndgame: Bool {
        // A wanted piece not started yet still has every block open.
        let haveBytes = have.bytes, startedBytes = started.bytes
        for byteIndex in haveBytes.indices {
            let unstarted = ~haveBytes[byteIndex] & ~startedBytes[byteIndex]
            guard unstarted != 0 else { continue }
            for bit in 0..<8 where unstarted & (0x80 >> UInt8(bit)) != 0 {
                let piece = byteIndex * 8 + bit
                if piece < layout.pieceCount, priorities[piece] != .skip { return false }
            }
        }
        for (piece, state) in partial where state.openCount > 0 && priorities[piece] != .skip { return false }
        return true
    }

    /// Requests in flight to one peer.
    public func requests(of peer: PeerHandle) -> Set<BlockRequest> { requestsByPeer[peer] ?? [] }

    // MARK: Events

    public mutating func blockReceived(_ block: BlockRequest, from peer: PeerHandle) -> BlockOutcome {
        requestsByPeer[peer]?.remove(block)
        guard block.piece >= 0, block.piece < layout.pieceCount, !have[block.piece], partial[block.piece] != nil,
            block.offset % BitTorrentCore.blockLength == 0,
            layout.isValid(block), block == layout.block(block.blockIndex, ofPiece: block.piece)
        else { return .unwanted }
        // Mutated in place: copying the piece out of the dictionary would copy its slots on every block.
        guard let (others, complete) = partial[block.piece]!.receive(block.blockIndex, from: peer) else { return .unwanted }
        for other in others { requestsByPeer[other]?.remove(block) }
        return .accepted(cancelFrom: others, pieceComplete: complete)
    }

    /// The peer will not send this block (reject, request timed out, request cancelled by us).
    public mutating func requestFailed(_ block: BlockRequest, peer: PeerHandle) {
        guard requestsByPeer[peer]?.remove(block) != nil, partial[block.piece] != nil else { return }
        partial[block.piece]!.removeRequester(peer, fromBlock: block.blockIndex)
    }

    /// The peer choked us without the fast extension, or went away: all its requests are void.
    /// Returns them, so the engine can forget its own timers for them.
    @discardableResult
    public mutating func peerDropped(_ peer: PeerHandle) -> Set<BlockRequest> {
        let blocks = requestsByPeer.removeValue(forKey: peer) ?? []
        for block in blocks {
            partial[block.piece]?.removeRequester(peer, fromBlock: block.blockIndex)
        }
        return blocks
    }

    /// The piece hashed correctly and is on disk.
    public mutating func pieceVerified(_ piece: Int) {
        partial[piece] = nil
        started[piece] = false
        have[piece] = true
    }

    /// The piece failed its hash: it is fetched again. Returns the peers that sent its blocks, for
    /// smart-ban attribution (the engine can compare with the blocks of a later good copy).
    public mutating func pieceFailedVerification(_ piece: Int) -> [Int: PeerHandle] {
        guard let state = partial.removeValue(forKey: piece) else { return [:] }
        started[piece] = false
        var contributors: [Int: PeerHandle] = [:]
        for (index, slot) in state.slots.enumerated() {
            if let peer = slot.receivedFrom { contributors[index] = peer }
            for requester in slot.requesters { requestsByPeer[requester]?.remove(layout.block(index, ofPiece: piece)) }
        }
        return contributors
    }

    /// Who sent each received block of a piece in progress.
    public func contributors(ofPiece piece: Int) -> [Int: PeerHandle] {
        var result: [Int: PeerHandle] = [:]
        for (index, slot) in (partial[piece]?.slots ?? []).enumerated() {
            if let peer = slot.receivedFrom { result[index] = peer }
        }
        return result
    }

    // MARK: Internals

    private struct BlockSlot: Sendable {
        var first: PeerHandle?
        var second: PeerHandle?
        var receivedFrom: PeerHandle?

        var requesters: [PeerHandle] { [first, second].compactMap { $0 } }
        var requesterCount: Int { (first == nil ? 0 : 1) + (second == nil ? 0 : 1) }
    }

    private struct PartialPiece: Sendable {
        var slots: [BlockSlot]
        var receivedCount = 0
        /// Blocks neither requested nor received.
        var openCount: Int

        init(blockCount: Int) {
            slots = Array(repeating: BlockSlot(), count: blockCount)
            openCount = blockCount
        }

        /// Records a block as received; nil when it already was. Returns the other requesters to cancel.
        mutating func receive(_ index: Int, from peer: PeerHandle) -> (others: [PeerHandle], complete: Bool)? {
            guard slots[index].receivedFrom == nil else { return nil }
            // Data that was not (or no longer) asked of this peer is still good data: keep it.
            let others = slots[index].requesters.filter { $0 != peer }
            if slots[index].requesterCount == 0 { openCount -= 1 }
            slots[index] = BlockSlot(receivedFrom: peer)
            receivedCount += 1
            return (others, receivedCount == slots.count)
        }

        mutating func removeRequester(_ peer: PeerHandle, fromBlock index: Int) {
            guard slots[index].receivedFrom == nil else { return }
            if slots[index].first == peer {
                slots[index].first = slots[index].second
                slots[index].second = nil
            } else if slots[index].second == peer {
                slots[index].second = nil
            } else {
                return
            }
            if slots[index].first == nil { openCount += 1 }
        }
    }

    private func orderedPartialPieces() -> [Int] {
        let priorities = self.priorities  // not `self`: the closure would retain the whole picker
        return partial.keys.filter { priorities[$0] != .skip }.sorted { lhs, rhs in
            if priorities[lhs] != priorities[rhs] { return priorities[lhs] > priorities[rhs] }
            return lhs < rhs
        }
    }

    private mutating func takeOpenBlocks(of piece: Int, for peer: PeerHandle, count: Int, into picked: inout [BlockRequest]) {
        guard let openCount = partial[piece]?.openCount, openCount > 0 else { return }
        let slotCount = partial[piece]!.slots.count
        for index in 0..<slotCount where picked.count < count {
            guard partial[piece]!.slots[index].receivedFrom == nil, partial[piece]!.slots[index].first == nil else { continue }
            partial[piece]!.slots[index].first = peer
            partial[piece]!.openCount -= 1
            record(layout.block(index, ofPiece: piece), for: peer, into: &picked)
        }
    }

    private mutating func takeEndgameBlocks(of piece: Int, for peer: PeerHandle, count: Int, into picked: inout [BlockRequest]) {
        guard let slotCount = partial[piece]?.slots.count else { return }
        for index in 0..<slotCount where picked.count < count {
            let slot = partial[piece]!.slots[index]
            guard slot.receivedFrom == nil, slot.requesterCount == 1, slot.first != peer else { continue }
            partial[piece]!.slots[index].second = peer
            record(layout.block(index, ofPiece: piece), for: peer, into: &picked)
        }
    }

    private mutating func record(_ block: BlockRequest, for peer: PeerHandle, into picked: inout [BlockRequest]) {
        requestsByPeer[peer, default: []].insert(block)
        picked.append(block)
    }

    /// One linear pass: the wanted, unstarted piece the peer has with the best (priority, order) key.
    /// Eight pieces are ruled out per byte test when the peer lacks them or they are had or started.
    private func bestUnstartedPiece(in peerPieces: Bitfield) -> Int? {
        var best: Int?
        var bestKey: (PiecePriority, UInt64, UInt64) = (.skip, 0, 0)
        let peerBytes = peerPieces.bytes, haveBytes = have.bytes, startedBytes = started.bytes
        for byteIndex in peerBytes.indices {
            let candidates = peerBytes[byteIndex] & ~haveBytes[byteIndex] & ~startedBytes[byteIndex]
            guard candidates != 0 else { continue }
            for bit in 0..<8 where candidates & (0x80 >> UInt8(bit)) != 0 {
                let piece = byteIndex * 8 + bit
                let priority = priorities[piece]
                guard priority != .skip else { continue }
                let order: UInt64 =
                    switch mode {
                    case .sequential: UInt64(piece)
                    case .rarestFirst: UInt64(Int(availability[piece]) + seedCount)
                    }
                let tieBreak = mode == .sequential ? 0 : Self.mix(UInt64(piece) ^ salt)
                if best == nil || priority > bestKey.0 || (priority == bestKey.0 && (order, tieBreak) < (bestKey.1, bestKey.2)) {
                    best = piece
                    bestKey = (priority, order, tieBreak)
                }
            }
        }
        return best
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 31)
    }
}
