import BitTorrentCore
import NIOCore
import Testing

@Suite struct PEXMessageTests {
    @Test func bytesBothWays() throws {
        let message = PEXMessage(
            added: [
                .init(address: PeerAddress(host: "10.0.0.1", port: 6881), flags: [.seed, .reachable]),
                .init(address: PeerAddress(host: "2001:db8:0:0:0:0:0:1", port: 80), flags: [.supportsUTP]),
            ],
            dropped: [PeerAddress(host: "192.168.1.2", port: 1)]
        )
        var expected = ascii("d5:added6:") + [10, 0, 0, 1, 0x1A, 0xE1] + ascii("7:added.f1:") + [0x12]
        expected += ascii("6:added618:") + [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 11) + [1, 0, 80]
        expected += ascii("8:added6.f1:") + [0x04] + ascii("7:dropped6:") + [192, 168, 1, 2, 0, 1] + ascii("8:dropped60:e")
        #expect(Array(message.encoded().readableBytesView) == expected)
        #expect(try PEXMessage(decoding: buffer(expected)) == message)
    }

    @Test func listsAreBoundedAndNamesLeftOut() throws {
        let many = (0..<60).flatMap { [10, 0, 0, UInt8($0), 0, 1] as [UInt8] }
        let decoded = try PEXMessage(decoding: buffer(ascii("d5:added360:") + many + ascii("e")))
        #expect(decoded.added.count == 50)
        #expect(decoded.added.allSatisfy { $0.flags.isEmpty })
        let named = PEXMessage(added: [.init(address: PeerAddress(host: "peer.example", port: 1))])
        #expect(Array(named.encoded().readableBytesView) == ascii("d5:added0:7:added.f0:7:dropped0:e"))
        #expect(throws: ExtensionMessageError.notADictionary) { try PEXMessage(decoding: buffer(ascii("le"))) }
    }

    @Test(arguments: [
        ("1.2.3.4", [UInt8]?([1, 2, 3, 4, 0, 9])),
        ("256.1.1.1", nil),
        ("1.2.3", nil),
        ("peer.example", nil),
        ("0:0:0:0:0:0:0:1", [UInt8](repeating: 0, count: 15) + [1, 0, 9]),
        ("::1", nil),
    ])
    func compactBytes(host: String, expected: [UInt8]?) {
        #expect(PeerAddress(host: host, port: 9).compactBytes == expected)
    }
}
