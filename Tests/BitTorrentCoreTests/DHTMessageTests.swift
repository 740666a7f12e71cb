import BitTorrentCore
import Testing

@Suite struct DHTMessageTests {
    static let a = ascii("abcdefghij0123456789")
    static let m = ascii("mnopqrstuvwxyz123456")

    /// The examples of BEP 5, decoded to what they mean and encoded back to the same bytes.
    @Test(arguments: [
        ("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
         DHT.Message.Body.query(DHT.Query(sender: DHT.NodeID(bytes: a)!, method: .ping))),
        ("d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re",
         .response(DHT.Response(sender: DHT.NodeID(bytes: m)!))),
        ("d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe",
         .query(DHT.Query(sender: DHT.NodeID(bytes: a)!, method: .findNode(target: DHT.NodeID(bytes: m)!)))),
        ("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe",
         .query(DHT.Query(sender: DHT.NodeID(bytes: a)!, method: .getPeers(infoHash: InfoHash(bytes: m)!)))),
        ("d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re",
         .response(DHT.Response(
            sender: DHT.NodeID(bytes: a)!,
            values: [PeerAddress(compact: ascii("axje.u"))!, PeerAddress(compact: ascii("idhtnm"))!],
            token: ascii("aoeusnth")
         ))),
        ("d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
         .query(DHT.Query(
            sender: DHT.NodeID(bytes: a)!,
            method: .announcePeer(infoHash: InfoHash(bytes: m)!, port: 6881, token: ascii("aoeusnth"), impliedPort: true)
         ))),
        ("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee",
         .error(DHT.ErrorReply(code: 201, message: "A Generic Error Ocurred"))),
    ])
    func bep5Examples(text: String, body: DHT.Message.Body) throws {
        let message = try DHT.Message(decoding: ascii(text))
        #expect(message.transactionID == ascii("aa"))
        #expect(message.body == body)
        #expect(message.encoded() == ascii(text))
    }

    @Test func aFindNodeReplyCarriesCompactNodeInfos() throws {
        let nodes = [
            DHT.NodeInfo(id: nodeID("01"), address: PeerAddress(host: "127.0.0.1", port: 6881)),
            DHT.NodeInfo(id: nodeID("ff"), address: PeerAddress(host: "10.1.2.3", port: 65535)),
        ]
        let reply = DHT.Message(transactionID: [0, 7], body: .response(DHT.Response(sender: nodeID("aa"), nodes: nodes)), clientVersion: ascii("KN01"),
                                observedAddress: PeerAddress(host: "192.168.0.9", port: 1234))
        let decoded = try DHT.Message(decoding: reply.encoded())
        #expect(decoded == reply)
        #expect(nodes.map { $0.compactBytes?.count } == [26, 26])
        #expect(DHT.NodeInfo.compactList(DHT.NodeInfo.compactString(nodes)) == nodes)
        #expect(DHT.NodeInfo.compactList([UInt8](repeating: 1, count: 27)) == nil)
        // Port 0 entries are skipped, the rest kept.
        let zeroPort = nodeID("02").bytes + [127, 0, 0, 1, 0, 0]
        #expect(DHT.NodeInfo.compactList(zeroPort + nodes[0].compactBytes!) == [nodes[0]])
        // An IPv6 node has no 26-byte form and is left out of a `nodes` string.
        #expect(DHT.NodeInfo(id: nodeID("03"), address: PeerAddress(host: "::1", port: 1)).compactBytes == nil)
    }

    @Test func unknownKeysAreIgnoredAndReadOnlyIsRead() throws {
        // libtorrent adds `ip` and `p`; BEP 32 `want`; BEP 43 `ro`.
        let text = "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz1234564:wantl2:n4ee1:q9:find_node2:roi1e1:t2:zz1:v4:LT\u{02}\u{08}1:y1:qe"
        let message = try DHT.Message(decoding: ascii(text))
        guard case .query(let query) = message.body else { Issue.record("not a query"); return }
        #expect(query.readOnly)
        #expect(query.method == .findNode(target: DHT.NodeID(bytes: Self.m)!))
        #expect(message.clientVersion == [76, 84, 2, 8])
    }

    enum Expected: Sendable, CustomStringConvertible {
        case bencode, notADictionary, noTransaction, malformed
        case reply(Int)

        var description: String {
            switch self {
            case .bencode: "bencode"
            case .notADictionary: "notADictionary"
            case .noTransaction: "noTransaction"
            case .malformed: "malformed"
            case .reply(let code): "reply \(code)"
            }
        }
    }

    /// Hostile and broken datagrams: each is a thrown error, and a broken query says how to answer it.
    @Test(arguments: [
        ("", Expected.bencode),
        ("d1:t2:aa", .bencode),
        ("i1e", .notADictionary),
        ("de", .noTransaction),
        ("d1:t0:1:y1:qe", .noTransaction),
        ("d1:t17:aaaaaaaaaaaaaaaaa1:y1:qe", .noTransaction),
        ("d1:t2:aa1:y1:xe", .malformed),
        ("d1:t2:aa1:y1:qe", .reply(203)),
        ("d1:q4:ping1:t2:aa1:y1:qe", .reply(203)),
        ("d1:ad2:id19:abcdefghij012345678e1:q4:ping1:t2:aa1:y1:qe", .reply(203)),
        ("d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:aa1:y1:qe", .reply(204)),
        ("d1:ad2:id20:abcdefghij0123456789e1:q9:find_node1:t2:aa1:y1:qe", .reply(203)),
        ("d1:ad2:id20:abcdefghij01234567899:info_hash3:abce1:q9:get_peers1:t2:aa1:y1:qe", .reply(203)),
        ("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti6881ee1:q13:announce_peer1:t2:aa1:y1:qe", .reply(203)),
        ("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti0e5:token1:xe1:q13:announce_peer1:t2:aa1:y1:qe", .reply(203)),
        ("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti70000e5:token1:xe1:q13:announce_peer1:t2:aa1:y1:qe", .reply(203)),
        ("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti-1e5:token1:xe1:q13:announce_peer1:t2:aa1:y1:qe", .reply(203)),
        ("d1:rde1:t2:aa1:y1:re", .malformed),
        ("d1:r2:xx1:t2:aa1:y1:re", .malformed),
        ("d1:rd2:id20:abcdefghij01234567895:nodes25:abcdefghij0123456789abcdee1:t2:aa1:y1:re", .malformed),
        ("d1:rd2:id20:abcdefghij01234567895:nodesi1ee1:t2:aa1:y1:re", .malformed),
        ("d1:rd2:id20:abcdefghij01234567896:values6:axje.ue1:t2:aa1:y1:re", .malformed),
        ("d1:rd2:id20:abcdefghij01234567896:valuesli1eee1:t2:aa1:y1:re", .malformed),
        ("d1:e3:abc1:t2:aa1:y1:ee", .malformed),
        ("d1:el3:abce1:t2:aa1:y1:ee", .malformed),
        ("d1:ad1:ad1:ad1:ad1:ad1:ad1:ad1:ad1:ai1eeeeeeeeee1:t2:aa1:y1:qe", .bencode),
        ("d1:t2:aa1:t2:bb1:y1:qe", .bencode),
    ])
    func hostileInputIsAThrownError(text: String, expected: Expected) {
        do {
            let message = try DHT.Message(decoding: ascii(text))
            Issue.record("accepted \(text) as \(message)")
        } catch {
            _ = error.description
            switch (error, expected) {
            case (.bencode, .bencode), (.notADictionary, .notADictionary), (.missingTransactionID, .noTransaction), (.malformed, .malformed):
                break
            case (.badQuery(let transaction, let reply), .reply(let code)):
                #expect(transaction == ascii("aa"))
                #expect(reply.code == code)
            default:
                Issue.record("\(text): expected \(expected), got \(error)")
            }
        }
    }

    @Test func oddValuesAreSkippedAndTheirCountIsBounded() throws {
        let many = String(repeating: "6:axje.u", count: 600)
        let text = "d1:rd2:id20:abcdefghij01234567896:valuesl3:abc\(many)18:abcdefghijklmnop\u{01}\u{02}ee1:t2:aa1:y1:re"
        let message = try DHT.Message(decoding: ascii(text))
        guard case .response(let response) = message.body else { Issue.record("not a response"); return }
        #expect(response.values.count == DHT.Message.maxValues - 1)  // the 3-byte entry used one slot, and was skipped
    }

    /// Mutations of valid messages never trap: every outcome is a message or a typed error.
    @Test func fuzzedMessagesNeverCrash() {
        var random = SplitMix64(seed: 0xD47)
        let seeds = [
            "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
            "d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re",
            "d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe",
            "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee",
        ].map(ascii)
        var accepted = 0
        var refused = 0
        for _ in 0..<(FuzzTests.iterations / 5) {
            let input = FuzzTests.mutant(of: seeds, alphabet: ascii("ilde0123456789:-qrey"), using: &random)
            do {
                let message = try DHT.Message(decoding: input)
                accepted += 1
                #expect((try? DHT.Message(decoding: message.encoded())) == message)
            } catch {
                refused += 1
            }
        }
        #expect(accepted > 0 && refused > 0)
    }
}
