import BitTorrentCore
import NIOCore
import Testing

@Suite struct ExtensionProtocolTests {
    @Test func handshakeEncodesCanonically() throws {
        let handshake = ExtensionHandshake(
            extensions: ["ut_metadata": 3, "ut_pex": 1],
            listenPort: 6881,
            client: "Kinora 0.1",
            requestQueueLength: 500,
            metadataSize: 100
        )
        let expected = ascii("d1:md11:ut_metadatai3e6:ut_pexi1ee13:metadata_sizei100e1:pi6881e4:reqqi500e1:v10:Kinora 0.1e")
        #expect(Array(handshake.encoded().readableBytesView) == expected)
        #expect(try ExtensionHandshake(decoding: buffer(expected)) == handshake)
        #expect(handshake.messageID(for: "ut_metadata") == 3)
    }

    @Test func handshakeDropsImplausibleOptionalValues() throws {
        let payload = ascii("d1:md11:ut_metadatai0e6:ut_pexi300e3:xyzi2ee1:pi0e4:reqqi-1e6:yourip3:abce")
        let handshake = try ExtensionHandshake(decoding: buffer(payload))
        #expect(handshake.extensions == ["ut_metadata": 0, "xyz": 2])
        #expect(handshake.messageID(for: "ut_metadata") == nil)  // 0 means disabled
        #expect(handshake.listenPort == nil)
        #expect(handshake.requestQueueLength == nil)
        #expect(handshake.yourIP == nil)
        #expect(throws: ExtensionMessageError.notADictionary) { try ExtensionHandshake(decoding: buffer(ascii("le"))) }
    }

    @Test(arguments: [
        (MetadataMessage.request(piece: 2), ascii("d8:msg_typei0e5:piecei2ee")),
        (.reject(piece: 0), ascii("d8:msg_typei2e5:piecei0ee")),
        (.data(piece: 0, totalSize: 3, data: buffer([7, 8, 9])), ascii("d8:msg_typei1e5:piecei0e10:total_sizei3ee") + [7, 8, 9]),
        (.data(piece: 1, totalSize: 16385, data: buffer([1])), ascii("d8:msg_typei1e5:piecei1e10:total_sizei16385ee") + [1]),
    ])
    func metadataMessages(message: MetadataMessage, bytes: [UInt8]) throws {
        #expect(Array(message.encoded().readableBytesView) == bytes)
        #expect(try MetadataMessage(decoding: buffer(bytes)) == message)
    }

    @Test(arguments: [
        (ascii("d8:msg_typei1e5:piecei0e10:total_sizei3ee") + [7, 8], ExtensionMessageError.wrongPieceLength(piece: 0, expected: 3, actual: 2)),
        (ascii("d8:msg_typei1e5:piecei1e10:total_sizei3ee") + [7], .invalidMetadataPiece(piece: 1)),
        (ascii("d8:msg_typei1e5:piecei0e10:total_sizei16777217ee"), .metadataTooLarge(size: 16_777_217, limit: 16 << 20)),
        (ascii("d8:msg_typei1e5:piecei0ee"), .missingField("total_size")),
        (ascii("d8:msg_typei7e5:piecei0ee"), .unknownMessageType(7)),
        (ascii("d8:msg_typei0e5:piecei-1ee"), .invalidMetadataPiece(piece: -1)),
        (ascii("d5:piecei0ee"), .missingField("msg_type")),
        (ascii("i1e"), .notADictionary),
        (ascii("d8:msg_typei0e5:piecei0ee") + [0], .trailingBytes),
        (ascii("d8:msg_typei0e"), .bencode(.unexpectedEnd(offset: 14))),
    ])
    func badMetadataMessages(bytes: [UInt8], expected: ExtensionMessageError) {
        #expect(throws: expected) { try MetadataMessage(decoding: buffer(bytes)) }
    }

    /// An info dictionary of 1000 pieces: a little over 20 KB, so two metadata pieces.
    static let largeInfo = BencodeValue.dict([
        "length": .integer(16384 * 1000),
        "name": .text("big.bin"),
        "piece length": .integer(16384),
        "pieces": .string((0..<20_000).map { UInt8(truncatingIfNeeded: $0 * 7) }),
    ]).encoded()

    @Test func assemblerFetchesFromSeveralPeersAndVerifies() throws {
        let a = PeerHandle(1), b = PeerHandle(2), c = PeerHandle(3)
        let hash = InfoHash.sha1(of: Self.largeInfo)
        var assembler = MetadataAssembler(infoHash: hash, trackers: ["udp://t:1"])
        #expect(try assembler.sizeAnnounced(Self.largeInfo.count))
        #expect(!(try assembler.sizeAnnounced(Self.largeInfo.count + 1)))
        #expect(assembler.pieceCount == 2)
        #expect(assembler.nextRequest(for: a) == .request(piece: 0))
        #expect(assembler.nextRequest(for: b) == .request(piece: 1))
        #expect(assembler.nextRequest(for: c) == nil)

        let first = buffer(Array(Self.largeInfo.prefix(16384)))
        let second = buffer(Array(Self.largeInfo.dropFirst(16384)))
        let total = Self.largeInfo.count
        guard case .incomplete = try assembler.received(.data(piece: 1, totalSize: total, data: second), from: b) else { Issue.record(); return }
        guard case .complete(let torrent) = try assembler.received(.data(piece: 0, totalSize: total, data: first), from: a) else {
            Issue.record(); return
        }
        #expect(torrent.name == "big.bin")
        #expect(torrent.pieceCount == 1000)
        #expect(torrent.infoHash == hash)
        #expect(torrent.trackers == ["udp://t:1"])
    }

    @Test func assemblerDiscardsMetadataThatHashesWrong() throws {
        let a = PeerHandle(1), b = PeerHandle(2)
        var assembler = MetadataAssembler(infoHash: InfoHash.sha1(of: Self.largeInfo))
        _ = try assembler.sizeAnnounced(Self.largeInfo.count)
        var corrupt = Array(Self.largeInfo.dropFirst(16384))
        corrupt[100] ^= 0xFF
        let total = Self.largeInfo.count
        _ = assembler.nextRequest(for: a)
        _ = assembler.nextRequest(for: b)
        _ = try assembler.received(.data(piece: 0, totalSize: total, data: buffer(Array(Self.largeInfo.prefix(16384)))), from: a)
        guard case .failed(.infoHashMismatch, let senders) = try assembler.received(.data(piece: 1, totalSize: total, data: buffer(corrupt)), from: b) else {
            Issue.record(); return
        }
        #expect(senders == [a, b])
        #expect(assembler.nextRequest(for: a) == .request(piece: 0))  // starts over
        #expect(throws: ExtensionMessageError.totalSizeMismatch(expected: total, actual: 5)) {
            try assembler.received(.data(piece: 0, totalSize: 5, data: buffer([1, 2, 3, 4, 5])), from: a)
        }
        #expect(throws: ExtensionMessageError.metadataTooLarge(size: 1 << 30, limit: 16 << 20)) {
            var other = MetadataAssembler(infoHash: InfoHash.sha1(of: [1]))
            _ = try other.sizeAnnounced(1 << 30)
        }
    }

    @Test func rejectedPieceGoesToAnotherPeer() throws {
        let a = PeerHandle(1), b = PeerHandle(2)
        var assembler = MetadataAssembler(infoHash: InfoHash.sha1(of: Fixtures.singleFileInfo))
        _ = try assembler.sizeAnnounced(Fixtures.singleFileInfo.count)
        #expect(assembler.nextRequest(for: a) == .request(piece: 0))
        #expect(assembler.nextRequest(for: b) == nil)
        _ = try assembler.received(.reject(piece: 0), from: a)
        #expect(assembler.nextRequest(for: b) == .request(piece: 0))
        assembler.peerDropped(b)
        #expect(assembler.nextRequest(for: a) == .request(piece: 0))
    }
}
