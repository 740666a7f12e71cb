import BitTorrentCore
import Testing

@Suite struct MagnetLinkTests {
    @Test func fullLink() throws {
        let link = try MagnetLink(
            parsing: "magnet:?xt=urn:btih:" + Fixtures.singleFileHash.uppercased()
                + "&dn=Some+Show%20S01E01&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce&tr=udp://t.example:1337"
                + "&x.pe=127.0.0.1:51413&x.pe=%5B%3A%3A1%5D:6881&xl=40000&ws=http://ignored"
        )
        #expect(link.infoHash.hex == Fixtures.singleFileHash)
        #expect(link.displayName == "Some Show S01E01")
        #expect(link.trackers == ["http://127.0.0.1:6969/announce", "udp://t.example:1337"])
        #expect(link.peers == [PeerAddress(host: "127.0.0.1", port: 51413), PeerAddress(host: "::1", port: 6881)])
        #expect(link.exactLength == 40000)
        // The canonical form parses back to the same link.
        #expect(try MagnetLink(parsing: link.uri) == link)
    }

    @Test func base32InfohashEqualsHex() throws {
        let link = try MagnetLink(parsing: "magnet:?xt=urn:btih:" + Fixtures.singleFileHashBase32)
        #expect(link.infoHash.hex == Fixtures.singleFileHash)
        #expect(link.trackers.isEmpty)
        #expect(link.displayName == nil)
        let lower = try MagnetLink(parsing: "MAGNET:?xt=urn:btih:" + Fixtures.singleFileHashBase32.lowercased())
        #expect(lower.infoHash == link.infoHash)
    }

    @Test func hybridLinkUsesTheV1Hash() throws {
        let link = try MagnetLink(parsing: "magnet:?xt=urn:btmh:1220" + String(repeating: "ab", count: 32) + "&xt=urn:btih:" + Fixtures.singleFileHash)
        #expect(link.infoHash.hex == Fixtures.singleFileHash)
    }

    @Test(arguments: [
        ("http://example.com/?xt=urn:btih:" + String(repeating: "a", count: 40), MagnetLinkError.notAMagnetLink),
        ("magnet:?dn=x", .missingInfoHash),
        ("magnet:?xt=urn:btih:abc", .invalidInfoHash("abc")),
        ("magnet:?xt=urn:btih:" + String(repeating: "g", count: 40), .invalidInfoHash(String(repeating: "g", count: 40))),
        ("magnet:?xt=urn:btih:" + String(repeating: "1", count: 32), .invalidInfoHash(String(repeating: "1", count: 32))),
        ("magnet:?xt=urn:btmh:1220" + String(repeating: "ab", count: 32), .v2Only),
        ("magnet:?xt=urn:btih:" + String(repeating: "a", count: 40) + "&xt=urn:btih:" + String(repeating: "b", count: 40), .conflictingInfoHashes),
        ("magnet:?xt=urn:btih:" + String(repeating: "a", count: 40) + "&dn=%zz", .invalidPercentEncoding(parameter: "dn")),
        ("magnet:?xt=urn:btih:" + String(repeating: "a", count: 40) + "&dn=%C3", .invalidPercentEncoding(parameter: "dn")),
        ("magnet:?xt=urn:btih:" + String(repeating: "a", count: 40) + "&tr=%4", .invalidPercentEncoding(parameter: "tr")),
        ("magnet:?xt=urn:btih:" + String(repeating: "a", count: 40) + "&x.pe=1.2.3.4", .invalidPeerAddress("1.2.3.4")),
        ("magnet:?xt=urn:btih:" + String(repeating: "a", count: 40) + "&x.pe=1.2.3.4:0", .invalidPeerAddress("1.2.3.4:0")),
        ("magnet:?xt=urn:btih:" + String(repeating: "a", count: 40) + "&x.pe=::1:80", .invalidPeerAddress("::1:80")),
        ("magnet:?xt=urn:btih:" + String(repeating: "a", count: 40) + "&x.pe=h:70000", .invalidPeerAddress("h:70000")),
    ])
    func refused(text: String, expected: MagnetLinkError) {
        #expect(throws: expected) { try MagnetLink(parsing: text) }
    }
}
