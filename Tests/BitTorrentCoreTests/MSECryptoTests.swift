import BitTorrentCore
import NIOCore
import Testing

/// RC4 against RFC 6229, Diffie-Hellman against values computed independently (Python's pow over the
/// spec's prime), and the public-key checks.
@Suite struct MSECryptoTests {
    // MARK: RC4

    /// RFC 6229 §2: keystream bytes at a few offsets (0, 16, 240, 1008 and 1024, where MSE starts, and 4096).
    static let rfc6229: [(key: String, offset: Int, keystream: String)] = [
        ("0102030405", 0x0000, "b2396305f03dc027ccc3524a0a1118a8"),
        ("0102030405", 0x0010, "6982944f18fc82d589c403a47a0d0919"),
        ("0102030405", 0x00f0, "28cb1132c96ce286421dcaadb8b69eae"),
        ("0102030405", 0x03f0, "45129048e6a0ed0b56b490338f078da5"),
        ("0102030405", 0x0400, "30abbcc7c20b01609f23ee2d5f6bb7df"),
        ("0102030405", 0x1000, "ff25b58995996707e51fbdf08b34d875"),
        ("0102030405060708090a0b0c0d0e0f10", 0x0000, "9ac7cc9a609d1ef7b2932899cde41b97"),
        ("0102030405060708090a0b0c0d0e0f10", 0x0400, "bdf0324e6083dcc6d3cedd3ca8c53c16"),
        ("0102030405060708090a0b0c0d0e0f10", 0x0c00, "c05d88abd50357f935a63c59ee537623"),
        ("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", 0x0000, "eaa6bd25880bf93d3f5d1e4ca2611d91"),
        ("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", 0x0400, "7fec5bfd9f9b89ce6548309092d7e958"),
        ("833222772a", 0x0000, "80ad97bdc973df8a2e879e92a497efda"),
        ("833222772a", 0x0400, "7828d074119cab5c22b294d7a9bfa0bb"),
    ]

    @Test(arguments: rfc6229)
    func rc4KnownAnswers(vector: (key: String, offset: Int, keystream: String)) {
        var rc4 = MSE.RC4(key: fromHex(vector.key))
        rc4.discard(vector.offset)
        #expect(rc4.processed([UInt8](repeating: 0, count: 16)) == fromHex(vector.keystream))
    }

    @Test("MSE's cipher is RC4 with the first 1024 bytes discarded")
    func msecipherDiscards1024() {
        var mse = MSE.cipher(key: fromHex("0102030405"))
        #expect(mse.processed([UInt8](repeating: 0, count: 16)) == fromHex("30abbcc7c20b01609f23ee2d5f6bb7df"))
    }

    @Test(arguments: [1, 7, 16, 1000, 4096])
    func rc4StreamsInAnyChunking(chunk: Int) {
        let plain = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = MSE.RC4(key: Array("key".utf8))
        let expected = whole.processed(plain)
        var pieces = MSE.RC4(key: Array("key".utf8))
        var out: [UInt8] = []
        for start in stride(from: 0, to: plain.count, by: chunk) {
            out += pieces.processed(plain[start..<min(start + chunk, plain.count)])
        }
        #expect(out == expected)
        var decrypt = MSE.RC4(key: Array("key".utf8))
        #expect(decrypt.processed(out) == plain)
    }

    @Test("RC4 on a ByteBuffer works in place on the readable bytes, and leaves a shared copy alone")
    func rc4OnByteBuffer() {
        var buffer = ByteBuffer(bytes: [9, 9, 1, 2, 3, 4])
        buffer.moveReaderIndex(forwardBy: 2)
        let shared = buffer
        var rc4 = MSE.RC4(key: fromHex("0102030405"))
        rc4.process(&buffer)
        #expect(Array(buffer.readableBytesView) == zip([1, 2, 3, 4], fromHex("b2396305")).map { $0 ^ $1 })
        #expect(Array(shared.readableBytesView) == [1, 2, 3, 4])
    }

    // MARK: Diffie-Hellman

    @Test func primeIsTheSpecs() {
        #expect(MSE.prime.count == 96)
        #expect(MSE.prime.prefix(8) == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(MSE.prime.suffix(4) == [0x00, 0x09, 0x05, 0x63])
    }

    /// 2^x mod P, computed with Python's `pow(2, x, P)`.
    static let publicKeys: [(privateKey: String, publicKey: String)] = [
        ("01", String(repeating: "0", count: 190) + "02"),
        ("02", String(repeating: "0", count: 190) + "04"),
        (
            "0102030405060708090a0b0c0d0e0f1011121314",
            "96e112dab29e8c5272accb9b17b26887ce54a144a4e3b697c7d159b7a817e556b0918db2b4c658e02a87f7e5fb14b18a"
                + "553e084cbf3dad2d30f16596ccb982d406258c61b30c5c1dae2ddc60bdbd48d79896312aad63238c39e1a633821eb693"
        ),
        (
            "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4",
            "6f72c10f7c5cb043a9f36fa7089d06b8e6dfac4e4a1aa6b0132d7ab064b33c595079f97e083b5d2dd56908c635c06cfd"
                + "18da020eaf0da28bb27f7a2feb2cdd93260c139a59bf00aa7fffb754d3ffd63f2c4e911b84b8dc080e0e198f2cb9f510"
        ),
        (
            "ffffffffffffffffffffffffffffffffffffffff",
            "fe9aac142f64ad4d5bca7e30bea17d62c709de9e4c5694e2b27e8c6ed82510bb57952fcce38f6a5084b9699ec34b033e"
                + "d1a0dbd51d70274bff40ae493f0ce2cdbd3cbd6055c9677a7eb70d29f4d8ecfbc2625316a7ae1a0d3d6605f0406bad79"
        ),
    ]

    @Test(arguments: publicKeys)
    func publicKeyKnownAnswers(vector: (privateKey: String, publicKey: String)) {
        #expect(MSE.KeyPair(privateKey: fromHex(vector.privateKey)).publicKey == fromHex(vector.publicKey))
    }

    @Test("both sides derive the same S (the value Python's pow gives)")
    func sharedSecret() {
        let a = MSE.KeyPair(privateKey: fromHex("0102030405060708090a0b0c0d0e0f1011121314"))
        let b = MSE.KeyPair(privateKey: fromHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4"))
        let expected = fromHex(
            "647917bf1d8fa2dd2287ca80f6f3c81d3b2b46731e2cd43a15c49e6c912c1dd3daf8a43b3b12057c27bb91ebdf21d771"
                + "d001ea17e04705a62d6732246dbd9cf7e0f79cb490e75962697d487eec5ca71bfa112a3323445eb2e25a7f472854e83d"
        )
        #expect(a.sharedSecret(with: b.publicKey) == expected)
        #expect(b.sharedSecret(with: a.publicKey) == expected)
    }

    @Test("random key pairs agree", arguments: 0..<8)
    func randomKeyPairsAgree(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let a = MSE.KeyPair(using: &generator)
        let b = MSE.KeyPair(using: &generator)
        #expect(a.privateKey.count == 20)
        #expect(a.publicKey.count == 96)
        let secret = a.sharedSecret(with: b.publicKey)
        #expect(secret != nil)
        #expect(secret == b.sharedSecret(with: a.publicKey))
    }

    static var pMinus1: [UInt8] {
        var bytes = MSE.prime
        bytes[95] -= 1
        return bytes
    }

    static var pPlus1: [UInt8] {
        var bytes = MSE.prime
        bytes[95] += 1
        return bytes
    }

    @Test("trivial or out-of-range public keys are refused", arguments: [
        [UInt8](repeating: 0, count: 96),
        [UInt8](repeating: 0, count: 95) + [1],
        pMinus1,
        MSE.prime,
        pPlus1,
        [UInt8](repeating: 0xFF, count: 96),
        [UInt8](repeating: 7, count: 95),
        [UInt8](repeating: 7, count: 97),
    ])
    func invalidPublicKeys(key: [UInt8]) {
        let pair = MSE.KeyPair(privateKey: fromHex("0102030405060708090a0b0c0d0e0f1011121314"))
        #expect(pair.sharedSecret(with: key) == nil)
    }

    @Test("the smallest and largest valid public keys are accepted")
    func boundaryPublicKeys() {
        let pair = MSE.KeyPair(privateKey: fromHex("0102030405060708090a0b0c0d0e0f1011121314"))
        var pMinus2 = MSE.prime
        pMinus2[95] -= 2
        #expect(pair.sharedSecret(with: [UInt8](repeating: 0, count: 95) + [2]) != nil)
        #expect(pair.sharedSecret(with: pMinus2) != nil)
    }

    // MARK: Policy

    static let selections: [(EncryptionPolicy, MSE.CryptoMethods, MSE.CryptoMethods?)] = [
        (.tolerated, [.plaintext, .rc4], .plaintext),
        (.tolerated, .rc4, .rc4),
        (.tolerated, .plaintext, .plaintext),
        (.preferred, [.plaintext, .rc4], .rc4),
        (.preferred, .plaintext, .plaintext),
        (.required, [.plaintext, .rc4], .rc4),
        (.required, .plaintext, nil),
        (.tolerated, MSE.CryptoMethods(rawValue: 0x04), nil),
        (.preferred, [], nil),
    ]

    @Test(arguments: selections)
    func selection(policy: EncryptionPolicy, provided: MSE.CryptoMethods, selected: MSE.CryptoMethods?) {
        #expect(policy.select(from: provided) == selected)
    }

    @Test func outgoingOrder() {
        #expect(EncryptionPolicy.tolerated.firstHandshake == .plaintext)
        #expect(EncryptionPolicy.tolerated.retry(after: .plaintext) == .encrypted)
        #expect(EncryptionPolicy.tolerated.retry(after: .encrypted) == nil)
        #expect(EncryptionPolicy.preferred.firstHandshake == .encrypted)
        #expect(EncryptionPolicy.preferred.retry(after: .encrypted) == .plaintext)
        #expect(EncryptionPolicy.preferred.retry(after: .plaintext) == nil)
        #expect(EncryptionPolicy.required.firstHandshake == .encrypted)
        #expect(EncryptionPolicy.required.retry(after: .encrypted) == nil)
        #expect(EncryptionPolicy.required.provide == .rc4)
        #expect(EncryptionPolicy.tolerated.provide == [.plaintext, .rc4])
        #expect(!EncryptionPolicy.required.acceptsPlaintextHandshake)
        #expect(EncryptionPolicy(rawValue: "preferred") == .preferred)
    }

    static let prefixes: [([UInt8], MSE.IncomingKind)] = [
        ([], .undecided),
        ([19], .undecided),
        ([19] + Array("BitTorrent protoco".utf8), .undecided),
        ([19] + Array("BitTorrent protocol".utf8), .plaintext),
        ([19] + Array("BitTorrent protocol".utf8) + [0, 0, 0], .plaintext),
        ([19, 0x42, 0x69, 0x75], .encrypted),
        ([0x8F, 0x33], .encrypted),
        ([18] + Array("BitTorrent protocol".utf8), .encrypted),
    ]

    @Test(arguments: prefixes)
    func classifyIncoming(prefix: [UInt8], kind: MSE.IncomingKind) {
        #expect(MSE.classify(prefix) == kind)
    }
}

func fromHex(_ string: String) -> [UInt8] {
    let digits = Array(string.utf8)
    func value(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: digit - UInt8(ascii: "A") + 10
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}
