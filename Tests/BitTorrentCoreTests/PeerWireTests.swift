import BitTorrentCore
import NIOCore
import Testing

@Suite struct PeerWireTests {
    let infoHash = InfoHash(hex: Fixtures.singleFileHash)!
    let peerID = ascii("-KN0001-abcdefghijkl")

    @Test func handshakeBytes() throws {
        let handshake = PeerHandshake(reserved: ReservedBits(extensionProtocol: true, fastExtension: true, dht: true), infoHash: infoHash, peerID: peerID)
        var out = ByteBuffer()
        handshake.encode(into: &out)
        let expected: [UInt8] = [19] + ascii("BitTorrent protocol") + [0, 0, 0, 0, 0, 0x10, 0, 0x05] + infoHash.bytes + peerID
        #expect(Array(out.readableBytesView) == expected)

        // Incremental: nothing until all 68 bytes, then exactly 68 consumed.
        var input = ByteBuffer()
        for byte in expected.dropLast() {
            input.writeInteger(byte)
            #expect(try PeerHandshake.decode(from: &input) == nil)
        }
        input.writeBytes([expected.last!, 0xAA])
        #expect(try PeerHandshake.decode(from: &input) == handshake)
        #expect(input.readableBytes == 1)
    }

    @Test(arguments: [
        ([UInt8]([0x13, 0x42]), true),  // so far a prefix of the real thing
        ([0x13, 0x41], false),
        ([0x14], false),
        ([0x8F, 0x33, 0x01], false),  // what an MSE handshake looks like: random bytes
    ])
    func handshakePrefixIsCheckedEarly(bytes: [UInt8], plausible: Bool) {
        var input = buffer(bytes)
        if plausible {
            #expect(throws: Never.self) { try PeerHandshake.decode(from: &input) }
        } else {
            #expect(throws: PeerWireError.notAHandshake) { try PeerHandshake.decode(from: &input) }
        }
    }

    @Test(arguments: [
        ([UInt8](repeating: 0, count: 8), false, false, false),
        ([0, 0, 0, 0, 0, 0x10, 0, 0], true, false, false),
        ([0, 0, 0, 0, 0, 0, 0, 0x04], false, true, false),
        ([0, 0, 0, 0, 0, 0, 0, 0x01], false, false, true),
        ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0xFF, 0xFA], false, false, false),
    ])
    func reservedBits(bytes: [UInt8], extensionProtocol: Bool, fast: Bool, dht: Bool) {
        let bits = ReservedBits(bytes: bytes)
        #expect(bits.supportsExtensionProtocol == extensionProtocol)
        #expect(bits.supportsFastExtension == fast)
        #expect(bits.supportsDHT == dht)
    }

    static let vectors: [(PeerMessage, [UInt8])] = [
        (.keepAlive, [0, 0, 0, 0]),
        (.choke, [0, 0, 0, 1, 0]),
        (.unchoke, [0, 0, 0, 1, 1]),
        (.interested, [0, 0, 0, 1, 2]),
        (.notInterested, [0, 0, 0, 1, 3]),
        (.have(piece: 0x0102_0304), [0, 0, 0, 5, 4, 1, 2, 3, 4]),
        (.bitfield([0xFF, 0x80]), [0, 0, 0, 3, 5, 0xFF, 0x80]),
        (.request(BlockRequest(piece: 1, offset: 16384, length: 16384)), [0, 0, 0, 13, 6, 0, 0, 0, 1, 0, 0, 0x40, 0, 0, 0, 0x40, 0]),
        (.piece(piece: 2, offset: 0, block: buffer([9, 8, 7])), [0, 0, 0, 12, 7, 0, 0, 0, 2, 0, 0, 0, 0, 9, 8, 7]),
        (.cancel(BlockRequest(piece: 1, offset: 0, length: 10)), [0, 0, 0, 13, 8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 10]),
        (.port(6881), [0, 0, 0, 3, 9, 0x1A, 0xE1]),
        (.suggest(piece: 7), [0, 0, 0, 5, 0x0D, 0, 0, 0, 7]),
        (.haveAll, [0, 0, 0, 1, 0x0E]),
        (.haveNone, [0, 0, 0, 1, 0x0F]),
        (.reject(BlockRequest(piece: 0, offset: 0, length: 1)), [0, 0, 0, 13, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        (.allowedFast(piece: 3), [0, 0, 0, 5, 0x11, 0, 0, 0, 3]),
        (.extended(id: 0, payload: buffer(ascii("de"))), [0, 0, 0, 4, 20, 0] + ascii("de")),
        (.unknown(id: 99, payload: buffer([1])), [0, 0, 0, 2, 99, 1]),
    ]

    @Test(arguments: vectors)
    func messageBytesBothWays(message: PeerMessage, bytes: [UInt8]) throws {
        var out = ByteBuffer()
        message.encode(into: &out)
        #expect(Array(out.readableBytesView) == bytes)

        let decoder = PeerMessageDecoder()
        var input = ByteBuffer()
        for byte in bytes.dropLast() {
            input.writeInteger(byte)
            #expect(try decoder.next(from: &input) == nil)
        }
        input.writeInteger(bytes.last!)
        #expect(try decoder.next(from: &input) == message)
        #expect(input.readableBytes == 0)
    }

    @Test func severalMessagesInOneRead() throws {
        var input = ByteBuffer()
        for (message, _) in Self.vectors { message.encode(into: &input) }
        input.writeBytes([0, 0, 0])  // start of the next frame
        let messages = try PeerMessageDecoder().decodeAll(from: &input)
        #expect(messages == Self.vectors.map(\.0))
        #expect(input.readableBytes == 3)
    }

    @Test(arguments: [
        // An oversized piece frame is refused from its first five bytes, before any block byte arrives.
        ([UInt8]([0, 0, 0x40, 0x0A, 7]), PeerWireError.messageTooLong(id: 7, length: 16394, limit: 16393)),
        ([0xFF, 0xFF, 0xFF, 0xFF], .messageTooLong(id: nil, length: 0xFFFF_FFFF, limit: 1 << 18 | 1)),
        ([0, 0, 0, 2, 0], .invalidMessageLength(id: 0, length: 2)),
        ([0, 0, 0, 4, 4], .invalidMessageLength(id: 4, length: 4)),
        ([0, 0, 0, 12, 6], .invalidMessageLength(id: 6, length: 12)),
        ([0, 0, 0, 8, 7], .invalidMessageLength(id: 7, length: 8)),
        ([0, 0, 0, 1, 20], .invalidMessageLength(id: 20, length: 1)),
        ([0, 4, 0, 2, 20], .messageTooLong(id: nil, length: 0x40002, limit: 0x40001)),
        ([0, 0, 0x40, 2, 99], .messageTooLong(id: 99, length: 0x4002, limit: 0x4001)),
        ([0, 2, 0, 2, 5], .messageTooLong(id: 5, length: 0x20002, limit: 0x20001)),
    ])
    func violationsFailFast(bytes: [UInt8], expected: PeerWireError) {
        var input = buffer(bytes)
        #expect(throws: expected) { try PeerMessageDecoder().next(from: &input) }
    }

    @Test func knownPieceCountBoundsBitfieldsAndIndices() {
        let decoder = PeerMessageDecoder(pieceCount: 10)
        var ok = buffer([0, 0, 0, 3, 5, 0xFF, 0xC0])
        #expect((try? decoder.next(from: &ok)) == .bitfield([0xFF, 0xC0]))
        var short = buffer([0, 0, 0, 2, 5])
        #expect(throws: PeerWireError.invalidBitfieldLength(expected: 2, actual: 1)) { try decoder.next(from: &short) }
        var long = buffer([0, 0, 0, 4, 5])
        #expect(throws: PeerWireError.invalidBitfieldLength(expected: 2, actual: 3)) { try decoder.next(from: &long) }
        var have = buffer([0, 0, 0, 5, 4, 0, 0, 0, 10])
        #expect(throws: PeerWireError.pieceIndexOutOfRange(piece: 10, pieceCount: 10)) { try decoder.next(from: &have) }
        var request = buffer([0, 0, 0, 13, 6, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x40, 0])
        #expect(throws: PeerWireError.pieceIndexOutOfRange(piece: 256, pieceCount: 10)) { try decoder.next(from: &request) }
    }

    @Test func pieceBlockIsAZeroCopySlice() throws {
        var input = ByteBuffer()
        PeerMessage.piece(piece: 1, offset: 16384, block: ByteBuffer(repeating: 0xAB, count: 16384)).encode(into: &input)
        #expect(input.readableBytes == 16384 + 13)
        guard case .piece(1, 16384, let block)? = try PeerMessageDecoder().next(from: &input) else { Issue.record(); return }
        #expect(block.readableBytes == 16384)
        #expect(block.readableBytesView.allSatisfy { $0 == 0xAB })
    }
}
