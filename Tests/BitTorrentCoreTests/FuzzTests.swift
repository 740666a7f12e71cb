import BitTorrentCore
import Foundation
import NIOCore
import Testing

/// Deterministic fuzzing of the decoders that read hostile bytes. Every outcome must be a value or a
/// typed error (the signatures guarantee the type; a crash or trap fails the run), and every accepted
/// input must re-encode to exactly the bytes consumed, which catches lenient or lossy decoding.
/// `KINORA_FUZZ_ITERATIONS` overrides the count (bench/fuzz-bittorrent runs 1,000,000 in release).
@Suite struct FuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["KINORA_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 50_000

    static let bencodeSeeds: [[UInt8]] = [
        Fixtures.singleFile,
        Fixtures.multiFileInfo,
        ascii("d8:msg_typei1e5:piecei0e10:total_sizei34256ee"),
        ascii("d1:md11:ut_metadatai1e6:ut_pexi2ee13:metadata_sizei31235e1:pi6881e1:v6:Kinoraee"),
        ascii("li-42ei0e4:spaml1:ad1:bleee"),
        ascii("i9223372036854775807e"),
    ]

    @Test func bencodeDecoder() {
        var random = SplitMix64(seed: 0xB17_70AA)
        let limits = BencodeLimits(maxInputSize: 1 << 16, maxDepth: 32, maxStringLength: 1 << 12, maxElementCount: 4096)
        var accepted = 0
        var refused = 0
        for _ in 0..<Self.iterations {
            let input = Self.mutant(of: Self.bencodeSeeds, alphabet: ascii("ilde0123456789:-x"), using: &random)
            do {
                let document = try BencodeDecoder.decodeDocument(input, limits: limits)
                accepted += 1
                #expect(document.value.encoded() == input)
                for (_, range) in document.topLevelValueRanges {
                    #expect((try? BencodeDecoder.decode(Array(input[range]), limits: limits)) != nil)
                }
            } catch {
                refused += 1
                _ = error.description  // every error can describe itself
            }
        }
        // A fuzzer that only ever hits one branch tests nothing: both outcomes must occur.
        #expect(accepted > Self.iterations / 100)
        #expect(refused > Self.iterations / 100)
    }

    @Test func metainfoParser() {
        var random = SplitMix64(seed: 0x70AA_E27)
        let seeds = [Fixtures.singleFile, Fixtures.torrent(info: try! BencodeDecoder.decode(Fixtures.multiFileInfo))]
        var accepted = 0
        for _ in 0..<(Self.iterations / 5) {
            let input = Self.mutant(of: seeds, alphabet: ascii("ilde0123456789:-./p"), using: &random, maxEdits: 3)
            guard let torrent = try? TorrentMetainfo(bytes: input) else { continue }
            accepted += 1
            #expect(torrent.pieceHashes.count == torrent.pieceCount * 20)
            for file in torrent.userFiles {
                #expect((try? TorrentPath(components: file.path.components)) != nil)
                #expect(!file.path.components.contains(".."))
            }
        }
        #expect(accepted > 0)
    }

    @Test func peerWireDecoder() {
        var random = SplitMix64(seed: 0x9EE2_3172)
        var decoded = 0
        var refused = 0
        for _ in 0..<Self.iterations {
            let stream = Self.wireStream(using: &random)
            let decoder = PeerMessageDecoder(pieceCount: random.next() % 2 == 0 ? nil : Int(random.next() % 100 + 1))
            var input = ByteBuffer()
            var position = 0
            streamLoop: while position < stream.count {
                let chunk = min(stream.count - position, Int(random.next() % 40) + 1)
                input.writeBytes(stream[position..<(position + chunk)])
                position += chunk
                while true {
                    let before = input
                    do {
                        guard let message = try decoder.next(from: &input) else {
                            #expect(input.readerIndex == before.readerIndex)  // nothing consumed while waiting
                            break
                        }
                        decoded += 1
                        var reencoded = ByteBuffer()
                        message.encode(into: &reencoded)
                        let consumed = before.getSlice(at: before.readerIndex, length: input.readerIndex - before.readerIndex)!
                        #expect(reencoded == consumed)
                    } catch {
                        refused += 1
                        _ = error.description
                        break streamLoop
                    }
                }
            }
            var handshakeInput = ByteBuffer(bytes: stream.prefix(68))
            _ = try? PeerHandshake.decode(from: &handshakeInput)
        }
        #expect(decoded > Self.iterations / 10)
        #expect(refused > Self.iterations / 100)
    }

    @Test func magnetParser() {
        var random = SplitMix64(seed: 0x3A6_E7)
        let seeds = [
            ascii("magnet:?xt=urn:btih:\(Fixtures.singleFileHash)&dn=A+B%20C&tr=http%3A%2F%2Fh%3A1%2Fa&x.pe=[::1]:5&xl=9"),
            ascii("magnet:?xt=urn:btih:\(Fixtures.singleFileHashBase32)&x.pe=127.0.0.1:1"),
        ]
        var accepted = 0
        for _ in 0..<(Self.iterations / 5) {
            let input = Self.mutant(of: seeds, alphabet: ascii("%&=:[]0aF+"), using: &random, maxEdits: 3)
            if let link = try? MagnetLink(parsing: String(decoding: input, as: UTF8.self)) {
                accepted += 1
                #expect((try? MagnetLink(parsing: link.uri)) == link)
            }
        }
        #expect(accepted > 0)
    }

    @Test func extensionMessages() {
        var random = SplitMix64(seed: 0xE47_10)
        let seeds = [
            MetadataMessage.data(piece: 1, totalSize: 16390, data: ByteBuffer(bytes: [1, 2, 3, 4, 5, 6])).encoded(),
            MetadataMessage.request(piece: 3).encoded(),
            ExtensionHandshake(extensions: ["ut_metadata": 1, "ut_pex": 2], listenPort: 6881, client: "x", metadataSize: 9).encoded(),
            PEXMessage(added: [.init(address: PeerAddress(host: "1.2.3.4", port: 5), flags: .seed)], dropped: [PeerAddress(host: "0:0:0:0:0:0:0:1", port: 7)]).encoded(),
        ].map { Array($0.readableBytesView) }
        var accepted = 0
        for _ in 0..<(Self.iterations / 5) {
            let input = ByteBuffer(bytes: Self.mutant(of: seeds, alphabet: ascii("ilde0123456789:-"), using: &random, maxEdits: 3))
            if let message = try? MetadataMessage(decoding: input) {
                // Unknown keys are ignored (BEP 10), so compare meaning, not bytes.
                accepted += 1
                #expect((try? MetadataMessage(decoding: message.encoded())) == message)
                if case .data(_, _, let data) = message {
                    #expect(Array(data.readableBytesView) == Array(input.readableBytesView.suffix(data.readableBytes)))
                }
            }
            if let pex = try? PEXMessage(decoding: input) {
                #expect((try? PEXMessage(decoding: pex.encoded())) == pex)
            }
            if let handshake = try? ExtensionHandshake(decoding: input) {
                accepted += 1
                #expect((try? ExtensionHandshake(decoding: handshake.encoded())) == handshake)
            }
        }
        #expect(accepted > 0)
    }

    /// Random message sequences against the per-peer state machine: no trap, and its books stay sane.
    @Test func peerConnectionStateMachine() {
        var random = SplitMix64(seed: 0x5EE_D5)
        let layout = TorrentLayout(pieceLength: 32768, fileLengths: [300_000])!
        let hash = InfoHash(hex: Fixtures.singleFileHash)!
        for _ in 0..<(Self.iterations / 100) {
            var ours = Bitfield(count: layout.pieceCount)
            for piece in 0..<layout.pieceCount where random.next() % 2 == 0 { ours[piece] = true }
            let known = random.next() % 4 != 0
            let configuration = PeerConnection.Configuration(
                infoHash: hash,
                layout: known ? layout : nil,
                extensionHandshake: ExtensionHandshake(extensions: ["ut_metadata": 1]),
                maxQueuedUploads: 8
            )
            var machine = PeerConnection.StateMachine(configuration: configuration, ourPieces: known ? ours : nil)
            let reserved = ReservedBits(extensionProtocol: random.next() % 2 == 0, fastExtension: random.next() % 2 == 0, dht: false)
            _ = machine.handshakeReceived(PeerHandshake(reserved: reserved, infoHash: hash, peerID: Array(repeating: 0, count: 20)))
            for _ in 0..<40 {
                let piece = Int(random.next() % 12)
                let block = BlockRequest(piece: piece, offset: Int(random.next() % 3) * 16384, length: random.next() % 8 == 0 ? 100 : 16384)
                var actions: [PeerConnection.Action] = []
                switch random.next() % 16 {
                case 0: actions = machine.received(.bitfield((0..<Int(random.next() % 3)).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
                case 1: actions = machine.received(.have(piece: piece))
                case 2: actions = machine.received(random.next() % 2 == 0 ? .choke : .unchoke)
                case 3: actions = machine.received(random.next() % 2 == 0 ? .interested : .notInterested)
                case 4: actions = machine.received(.request(block))
                case 5: actions = machine.received(.cancel(block))
                case 6: actions = machine.received(.piece(piece: piece, offset: block.offset, block: ByteBuffer(repeating: 0, count: block.length)))
                case 7: actions = machine.received(.reject(block))
                case 8: actions = machine.received([.haveAll, .haveNone, .allowedFast(piece: piece), .suggest(piece: piece)][Int(random.next() % 4)])
                case 9: actions = machine.received(.extended(id: UInt8(random.next() % 3), payload: ByteBuffer(bytes: ascii("d1:md11:ut_metadatai2eee"))))
                case 10: actions = machine.request([block])
                case 11: actions = machine.cancel(block)
                case 12: actions = random.next() % 2 == 0 ? machine.choke() : machine.unchoke()
                case 13: actions = machine.sendBlock(block, data: ByteBuffer(repeating: 0, count: block.length))
                case 14 where !known: actions = machine.metadataKnown(layout, ourPieces: ours)
                default: actions = machine.setInterested(random.next() % 2 == 0)
                }
                if machine.isClosed, case .close? = actions.last { break }
                #expect(machine.queuedUploads.count <= 8)
                if let peerPieces = machine.peerPieces { #expect(peerPieces.count == layout.pieceCount) }
                if machine.isClosed { #expect(actions.isEmpty || actions.allSatisfy { if case .send = $0 { false } else { true } }) }
            }
        }
    }

    // MARK: Input generators

    /// One of: a seed with a few random edits, a splice of two seeds, or random bytes from a bencode-ish alphabet.
    static func mutant(of seeds: [[UInt8]], alphabet: [UInt8], using random: inout SplitMix64, maxEdits: UInt64 = 4) -> [UInt8] {
        var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
        switch random.next() % 8 {
        case 0:
            return (0..<Int(random.next() % 64)).map { _ in
                random.next() % 4 == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next() % UInt64(alphabet.count))]
            }
        case 1:
            let other = seeds[Int(random.next() % UInt64(seeds.count))]
            let cut = Int(random.next() % UInt64(bytes.count + 1))
            let otherCut = Int(random.next() % UInt64(other.count + 1))
            return Array(bytes[..<cut] + other[otherCut...])
        default:
            for _ in 0...(random.next() % maxEdits) {
                let position = Int(random.next() % UInt64(bytes.count + 1))
                let byte = random.next() % 2 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : UInt8(truncatingIfNeeded: random.next())
                switch random.next() % 5 {
                case 0 where position < bytes.count: bytes[position] = byte
                case 1: bytes.insert(byte, at: position)
                case 2 where position < bytes.count: bytes.remove(at: position)
                case 3 where position < bytes.count:
                    let end = min(bytes.count, position + Int(random.next() % 16))
                    bytes.insert(contentsOf: bytes[position..<end], at: position)
                default:
                    bytes = Array(bytes.prefix(position))
                }
            }
            return bytes
        }
    }

    /// A run of valid frames with occasional corruption, or pure noise.
    static func wireStream(using random: inout SplitMix64) -> [UInt8] {
        if random.next() % 10 == 0 {
            return (0..<Int(random.next() % 80)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        }
        var out = ByteBuffer()
        for _ in 0..<(random.next() % 6 + 1) {
            let piece = Int(random.next() % 120)
            let block = BlockRequest(piece: piece, offset: Int(random.next() % 4) * 16384, length: 16384)
            let message: PeerMessage =
                switch random.next() % 12 {
                case 0: .keepAlive
                case 1: .choke
                case 2: .unchoke
                case 3: .have(piece: piece)
                case 4: .bitfield((0..<Int(random.next() % 16)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
                case 5: .request(block)
                case 6: .piece(piece: piece, offset: 0, block: ByteBuffer(repeating: 1, count: Int(random.next() % 64)))
                case 7: .cancel(block)
                case 8: .port(UInt16(truncatingIfNeeded: random.next()))
                case 9: .allowedFast(piece: piece)
                case 10: .extended(id: UInt8(random.next() % 3), payload: ByteBuffer(bytes: ascii("d1:md6:ut_pexi1eee")))
                default: .haveNone
                }
            message.encode(into: &out)
        }
        var bytes = Array(out.readableBytesView)
        if random.next() % 3 == 0, !bytes.isEmpty {
            for _ in 0...(random.next() % 3) {
                bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            }
        }
        return bytes
    }
}
