import BitTorrentCore
import NIOCore
import Testing

@Suite struct TrackerTests {
    let announce = TrackerAnnounce(
        infoHash: InfoHash(hex: Fixtures.singleFileHash)!,
        peerID: ascii("-KN0001-abcdefghijkl"),
        port: 51413,
        uploaded: 1,
        downloaded: 2,
        left: 40000,
        event: .started,
        numWant: 80,
        key: 0xBEEF
    )

    @Test func httpAnnounceURL() {
        // Percent-encoding of the infohash computed independently with python3 urllib.parse.quote(safe='').
        let query = "info_hash=%8F%D8%9C%BEx%24r%05%A0%9B%F4%3Fy%A6%12%19z%D0%5D%22&peer_id=-KN0001-abcdefghijkl"
            + "&port=51413&uploaded=1&downloaded=2&left=40000&compact=1&event=started&numwant=80&key=beef"
        #expect(announce.url(announceURL: "http://127.0.0.1:6969/announce") == "http://127.0.0.1:6969/announce?" + query)
        #expect(announce.url(announceURL: "http://t/announce?passkey=abc") == "http://t/announce?passkey=abc&" + query)
    }

    @Test func httpCompactReply() throws {
        let body = ascii("d8:completei5e10:incompletei3e8:intervali1800e12:min intervali60e5:peers12:")
            + [127, 0, 0, 1, 0x1A, 0xE1, 10, 0, 0, 2, 0xC8, 0xD5]
            + ascii("6:peers618:") + [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1, 0, 80] + ascii("e")
        let reply = try TrackerResponse(httpBody: body)
        #expect(reply.interval == 1800)
        #expect(reply.minInterval == 60)
        #expect(reply.seeders == 5)
        #expect(reply.leechers == 3)
        #expect(reply.peers == [
            PeerAddress(host: "127.0.0.1", port: 6881), PeerAddress(host: "10.0.0.2", port: 51413),
            PeerAddress(host: "2001:db8:0:0:0:0:0:1", port: 80),
        ])
        #expect(reply.peers[2].description == "[2001:db8:0:0:0:0:0:1]:80")
    }

    @Test func httpDictionaryPeersAndFailures() throws {
        let body = ascii("d8:intervali900e5:peersld2:ip9:127.0.0.17:peer id20:-XX0001-aaaaaaaaaaaa4:porti6881eed2:ip1:x4:porti0eeee")
        #expect(try TrackerResponse(httpBody: body).peers == [PeerAddress(host: "127.0.0.1", port: 6881)])
        #expect(throws: TrackerError.failure("unregistered torrent")) {
            try TrackerResponse(httpBody: ascii("d14:failure reason20:unregistered torrente"))
        }
        #expect(throws: TrackerError.malformedResponse("no valid 'interval'")) { try TrackerResponse(httpBody: ascii("d5:peers0:e")) }
        #expect(throws: TrackerError.bencode(.unexpectedEnd(offset: 1))) { try TrackerResponse(httpBody: ascii("d")) }
        // A ragged compact list keeps its whole entries.
        let ragged = ascii("d8:intervali1e5:peers8:") + [1, 2, 3, 4, 0, 9, 7, 7] + ascii("e")
        #expect(try TrackerResponse(httpBody: ragged).peers == [PeerAddress(host: "1.2.3.4", port: 9)])
    }

    @Test func udpConnect() throws {
        // Bytes computed independently: python3 struct.pack('>QII', 0x41727101980, 0, 0x01020304).
        let request = UDPTrackerMessage.connectRequest(transactionID: 0x0102_0304)
        #expect(Array(request.readableBytesView) == [0, 0, 0x04, 0x17, 0x27, 0x10, 0x19, 0x80, 0, 0, 0, 0, 1, 2, 3, 4])
        let reply = buffer([0, 0, 0, 0, 1, 2, 3, 4, 9, 8, 7, 6, 5, 4, 3, 2])
        #expect(try UDPTrackerMessage.connectionID(fromReply: reply, transactionID: 0x0102_0304) == 0x0908_0706_0504_0302)
        #expect(throws: TrackerError.transactionMismatch) { try UDPTrackerMessage.connectionID(fromReply: reply, transactionID: 1) }
        #expect(throws: TrackerError.malformedResponse("connect reply is too short")) {
            try UDPTrackerMessage.connectionID(fromReply: buffer([0, 0, 0, 0, 1, 2, 3, 4, 9]), transactionID: 0x0102_0304)
        }
        #expect(throws: TrackerError.failure("go away")) {
            try UDPTrackerMessage.connectionID(fromReply: buffer([0, 0, 0, 3, 1, 2, 3, 4] + ascii("go away")), transactionID: 0x0102_0304)
        }
    }

    @Test func udpAnnounce() throws {
        let request = UDPTrackerMessage.announceRequest(announce, connectionID: 0x1122_3344_5566_7788, transactionID: 7)
        var expected: [UInt8] = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0, 0, 0, 1, 0, 0, 0, 7]
        expected += announce.infoHash.bytes + announce.peerID
        expected += [0, 0, 0, 0, 0, 0, 0, 2] + [0, 0, 0, 0, 0, 0, 0x9C, 0x40] + [0, 0, 0, 0, 0, 0, 0, 1]
        expected += [0, 0, 0, 2] + [0, 0, 0, 0] + [0, 0, 0xBE, 0xEF] + [0, 0, 0, 80] + [0xC8, 0xD5]
        #expect(Array(request.readableBytesView) == expected)
        #expect(request.readableBytes == 98)

        let reply = buffer([0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0x07, 0x08, 0, 0, 0, 2, 0, 0, 0, 9, 127, 0, 0, 1, 0x1A, 0xE1])
        let response = try UDPTrackerMessage.announceResponse(fromReply: reply, transactionID: 7, ipv6: false)
        #expect(response == TrackerResponse(interval: 1800, seeders: 9, leechers: 2, peers: [PeerAddress(host: "127.0.0.1", port: 6881)]))
        #expect(throws: TrackerError.unexpectedAction(0)) {
            try UDPTrackerMessage.announceResponse(fromReply: buffer([0, 0, 0, 0, 0, 0, 0, 7]), transactionID: 7, ipv6: false)
        }
    }
}
