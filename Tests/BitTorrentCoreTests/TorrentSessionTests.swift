import BitTorrentCore
import NIOCore
import Testing

/// Whole swarms of `TorrentSession.StateMachine`s talking through the real codec, with a tiny
/// in-memory "engine" per node that performs the actions (disk writes land a round later).
@Suite struct TorrentSessionTests {
    static let data: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 11) }

    static func torrent(pieceLength: Int = 32768) throws -> TorrentMetainfo {
        var hasher = PieceHasher(pieceLength: pieceLength)
        hasher.update(data)
        let builder = TorrentBuilder(
            name: "swarm",
            pieceLength: pieceLength,
            files: [.init(path: ["a.bin"], length: 200_000), .init(path: ["b.bin"], length: 100_000)]
        )
        return try builder.build(pieceHashes: hasher.finalize()).metainfo
    }

    struct Node {
        var session: TorrentSession.StateMachine
        var storage: [UInt8]
        var corruptsUploads = false
        var pendingWrites: [BlockRequest] = []
        var completed: [Int] = []
        var finishedCount = 0
        var disconnects: [PeerHandle: TorrentSession.DisconnectReason] = [:]
    }

    struct Swarm {
        let torrent: TorrentMetainfo
        var nodes: [Node]
        var wires: [Int: [Int: ByteBuffer]] = [:]
        var open: Set<[Int]> = []

        init(torrent: TorrentMetainfo, seeders: Int, corrupting: Int = 0, leechers: Int, pipeline: Int = 8) {
            self.torrent = torrent
            let configuration = TorrentSession.Configuration(
                infoHash: torrent.infoHash,
                layout: torrent.layout,
                extensionHandshake: ExtensionHandshake(extensions: ["ut_metadata": 1]),
                uploadSlots: 3,
                requestPipeline: pipeline
            )
            let count = torrent.pieceCount
            nodes = []
            for index in 0..<(seeders + corrupting + leechers) {
                let seed = index < seeders + corrupting
                var node = Node(
                    session: TorrentSession.StateMachine(configuration: configuration, have: Bitfield(count: count, allSet: seed), salt: UInt64(index)),
                    storage: seed ? TorrentSessionTests.data : Array(repeating: 0, count: TorrentSessionTests.data.count)
                )
                node.corruptsUploads = index >= seeders && index < seeders + corrupting
                nodes.append(node)
            }
        }

        /// Connects every leecher to every other node, as a tracker would introduce them.
        mutating func connectAll(leechersFrom first: Int) throws {
            for a in first..<nodes.count {
                for b in 0..<nodes.count where b != a && !open.contains([min(a, b), max(a, b)]) {
                    open.insert([min(a, b), max(a, b)])
                    let handshake = PeerHandshake(
                        reserved: ReservedBits(extensionProtocol: true, fastExtension: true, dht: false),
                        infoHash: torrent.infoHash,
                        peerID: Array(repeating: UInt8(a), count: 20)
                    )
                    try perform(nodes[a].session.peerConnected(PeerHandle(UInt64(b)), handshake: handshake, at: .now), node: a)
                    try perform(nodes[b].session.peerConnected(PeerHandle(UInt64(a)), handshake: handshake, at: .now), node: b)
                }
            }
        }

        mutating func perform(_ actions: [TorrentSession.Action], node: Int) throws {
            for action in actions {
                switch action {
                case .send(let peer, let message):
                    message.encode(into: &wires[node, default: [:]][Int(peer.rawValue), default: ByteBuffer()])
                case .disconnect(let peer, let reason):
                    nodes[node].disconnects[peer] = reason
                    let other = Int(peer.rawValue)
                    guard open.remove([min(node, other), max(node, other)]) != nil else { continue }
                    wires[node]?[other] = nil
                    wires[other]?[node] = nil
                    try perform(nodes[other].session.peerDisconnected(PeerHandle(UInt64(node))), node: other)
                case .writeBlock(let block, let bytes):
                    let start = block.piece * torrent.pieceLength + block.offset
                    nodes[node].storage.replaceSubrange(start..<(start + block.length), with: bytes.readableBytesView)
                    nodes[node].pendingWrites.append(block)
                case .verifyPiece(let piece, let wantDigests):
                    let start = piece * torrent.pieceLength
                    let bytes = ByteBuffer(bytes: nodes[node].storage[start..<(start + torrent.layout.length(ofPiece: piece))])
                    let matches = torrent.verify(piece: piece, data: bytes)
                    let digests = !matches || wantDigests ? PieceHasher.blockDigests(of: bytes) : nil
                    try perform(nodes[node].session.pieceChecked(piece, matches: matches, blockDigests: digests), node: node)
                case .readBlock(let peer, let block):
                    let start = block.piece * torrent.pieceLength + block.offset
                    var bytes = Array(nodes[node].storage[start..<(start + block.length)])
                    if nodes[node].corruptsUploads { bytes[block.length / 2] ^= 0x55 }
                    try perform(nodes[node].session.blockRead(block, for: peer, data: ByteBuffer(bytes: bytes)), node: node)
                case .pieceCompleted(let piece):
                    nodes[node].completed.append(piece)
                case .downloadFinished:
                    nodes[node].finishedCount += 1
                case .extensionMessage, .extensionHandshake, .dhtPort:
                    break
                }
            }
        }

        /// Delivers bytes and completes disk writes until nothing moves.
        mutating func run(maxRounds: Int = 5000) throws -> Int {
            for round in 1...maxRounds {
                var moved = false
                for node in nodes.indices {
                    let writes = nodes[node].pendingWrites
                    nodes[node].pendingWrites = []
                    for block in writes {
                        moved = true
                        try perform(nodes[node].session.blockWritten(block), node: node)
                    }
                }
                for from in wires.keys.sorted() {
                    for to in (wires[from] ?? [:]).keys.sorted() {
                        guard var buffer = wires[from]?[to], buffer.readableBytes > 0 else { continue }
                        wires[from]?[to] = ByteBuffer()
                        let messages = try PeerMessageDecoder(pieceCount: torrent.pieceCount).decodeAll(from: &buffer)
                        for message in messages {
                            moved = true
                            guard open.contains([min(from, to), max(from, to)]) else { break }
                            try perform(nodes[to].session.received(message, from: PeerHandle(UInt64(from))), node: to)
                        }
                    }
                }
                if !moved { return round }
            }
            return maxRounds
        }
    }

    @Test func oneSeederOneLeecher() throws {
        var swarm = Swarm(torrent: try Self.torrent(), seeders: 1, leechers: 1)
        try swarm.connectAll(leechersFrom: 1)
        _ = try swarm.run()
        let leecher = swarm.nodes[1]
        #expect(leecher.session.isFinished)
        let identical = leecher.storage == Self.data  // outside #expect: a failure would print 300,000 bytes
        #expect(identical)
        #expect(leecher.completed.sorted() == Array(0..<swarm.torrent.pieceCount))
        #expect(leecher.finishedCount == 1)
        // Once both are seeds there is nothing to exchange: the link is closed.
        #expect(leecher.disconnects[PeerHandle(0)] == .bothSeeding)
    }

    @Test func leechersShareWithEachOther() throws {
        var swarm = Swarm(torrent: try Self.torrent(pieceLength: 16384), seeders: 1, leechers: 3)
        try swarm.connectAll(leechersFrom: 1)
        _ = try swarm.run()
        for leecher in swarm.nodes.dropFirst() {
            #expect(leecher.session.isFinished)
            let identical = leecher.storage == Self.data
            #expect(identical)
            #expect(Set(leecher.completed).count == leecher.completed.count)  // no piece completed twice
        }
    }

    @Test func corruptingPeerIsBannedAndTheDownloadCompletes() throws {
        // Nodes 0 and 1 are honest seeds, node 2 corrupts every block it serves, node 3 downloads.
        var swarm = Swarm(torrent: try Self.torrent(), seeders: 2, corrupting: 1, leechers: 1)
        try swarm.connectAll(leechersFrom: 3)
        _ = try swarm.run()
        let leecher = swarm.nodes[3]
        #expect(leecher.session.isFinished)
        let identical = leecher.storage == Self.data
        #expect(identical)
        #expect(leecher.disconnects[PeerHandle(2)] == .banned)
        #expect(leecher.disconnects[PeerHandle(0)] != .banned)
        #expect(leecher.disconnects[PeerHandle(1)] != .banned)
        #expect(leecher.session.strikes[PeerHandle(0), default: 0] == 0)
        #expect(leecher.session.strikes[PeerHandle(1), default: 0] == 0)
    }

    @Test func magnetPhaseConnectionIsAdoptedOnceMetadataArrives() throws {
        let torrent = try Self.torrent()
        let reserved = ReservedBits(extensionProtocol: true, fastExtension: true, dht: false)
        var early = PeerConnection.StateMachine(
            configuration: PeerConnection.Configuration(infoHash: torrent.infoHash, layout: nil, reserved: reserved),
            ourPieces: nil
        )
        let peer = PeerHandle(9)
        _ = early.handshakeReceived(PeerHandshake(reserved: reserved, infoHash: torrent.infoHash, peerID: Array(repeating: 1, count: 20)))
        _ = early.received(.haveAll)
        _ = early.received(.unchoke)
        _ = early.received(.interested)
        let configuration = TorrentSession.Configuration(infoHash: torrent.infoHash, layout: torrent.layout, requestPipeline: 3)
        var session = TorrentSession.StateMachine(configuration: configuration, have: Bitfield(count: torrent.pieceCount))
        let actions = session.adopt(peer, connection: early, at: .now)
        let sent = actions.compactMap { action -> PeerMessage? in
            if case .send(peer, let message) = action { return message }
            return nil
        }
        #expect(sent.first == .interested)
        #expect(sent.filter { if case .request = $0 { true } else { false } }.count == 3)
        #expect(sent.contains(.unchoke))  // it is interested and an upload slot is free
        #expect(session.picker.availability(ofPiece: 0) == 1)
    }

    @Test func skippedFilesAreNotFetched() throws {
        let torrent = try Self.torrent()
        var swarm = Swarm(torrent: torrent, seeders: 1, leechers: 1)
        // Leave out b.bin (bytes 200,000..<300,000): pieces 7, 8, 9 hold only b.bin; piece 6 is shared.
        try swarm.perform(swarm.nodes[1].session.setFilePriorities([.normal, .skip]), node: 1)
        try swarm.connectAll(leechersFrom: 1)
        _ = try swarm.run()
        let leecher = swarm.nodes[1]
        #expect(leecher.session.isFinished)
        #expect(leecher.completed.sorted() == Array(0...6))
        #expect(leecher.finishedCount == 1)
        let identical = leecher.storage[0..<200_000] == Self.data[0..<200_000]
        #expect(identical)
        #expect(leecher.disconnects.isEmpty)  // not a seed: the link stays
    }
}
