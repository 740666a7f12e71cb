import BitTorrentCore
import Testing

/// 20 bytes from a hex string padded with zeros on the right.
func nodeID(_ hexPrefix: String) -> DHT.NodeID {
    DHT.NodeID(hex: hexPrefix + String(repeating: "0", count: 40 - hexPrefix.count))!
}

@Suite struct DHTNodeIDTests {
    @Test func bytesAndHexRoundTrip() throws {
        let bytes: [UInt8] = (0..<20).map { UInt8($0 * 13 &+ 7) }
        let id = try #require(DHT.NodeID(bytes: bytes))
        #expect(id.bytes == bytes)
        #expect(DHT.NodeID(hex: id.hex) == id)
        #expect(DHT.NodeID(bytes: bytes.dropLast()) == nil)
        #expect(DHT.NodeID(bytes: bytes + [0]) == nil)
        let infoHash = try #require(InfoHash(bytes: bytes))
        #expect(DHT.NodeID(infoHash).bytes == infoHash.bytes)
    }

    @Test(arguments: [
        ("00", "00", 160),
        ("80", "00", 0),
        ("40", "00", 1),
        ("00000001", "00", 31),
        ("0000000000000001", "00", 63),
        ("00000000000000008", "00", 64),
        ("0000000000000000000000000000000000000001", "00", 159),
        ("ff", "fe", 7),
        ("abcdef", "abcdee", 23),
    ])
    func commonPrefixLength(a: String, b: String, expected: Int) {
        let x = DHT.NodeID(hex: String((a + String(repeating: "0", count: 40)).prefix(40)))!
        let y = nodeID(b)
        #expect(x.commonPrefixLength(with: y) == expected)
        #expect(y.commonPrefixLength(with: x) == expected)
    }

    @Test(arguments: [
        // target, a, b: a is strictly closer to target than b
        ("00", "01", "02"),
        ("00", "7f", "80"),
        ("ff", "f0", "0f"),
        ("8000000000000000000000000000000000000000", "8000000000000000000000000000000000000001", "c0"),
        ("0000000000000000000000000000000000000003", "0000000000000000000000000000000000000002", "0000000000000000000000000000000000000004"),
    ])
    func xorDistanceOrders(target: String, a: String, b: String) {
        let t = nodeID(target), x = nodeID(a), y = nodeID(b)
        #expect(t.distance(to: x) < t.distance(to: y))
        #expect(t.distance(to: x) == x.distance(to: t))
        #expect(t.distance(to: t) == .zero)
        #expect(x.distance(to: y).distance(to: y) == x)  // XOR is its own inverse
    }

    @Test func bitsCountFromTheMostSignificant() {
        let id = nodeID("8000000000000000800000000000000080000001")
        #expect(id.bit(0))
        #expect(!id.bit(1))
        #expect(id.bit(64))
        #expect(id.bit(128))
        #expect(id.bit(159))
        #expect(!id.bit(158))
    }

    @Test(arguments: [0, 1, 7, 63, 64, 65, 127, 128, 150, 159])
    func randomizedKeepsThePrefixAndFlipsTheNextBit(prefix: Int) {
        var random = SplitMix64(seed: UInt64(prefix) + 1)
        let own = DHT.NodeID.random(using: &random)
        for _ in 0..<50 {
            let kept = own.randomized(keepingPrefix: prefix, using: &random)
            #expect(own.commonPrefixLength(with: kept) >= prefix)
            let inBucket = own.randomized(keepingPrefix: prefix, flippingNextBit: true, using: &random)
            #expect(own.commonPrefixLength(with: inBucket) == prefix)
        }
        #expect(own.randomized(keepingPrefix: 160, using: &random) == own)
    }
}
