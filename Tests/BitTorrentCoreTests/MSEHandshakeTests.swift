import BitTorrentCore
import Testing

/// The MSE initiator and responder state machines against each other (every policy pair, any chunking,
/// padding at its bounds), against bytes computed independently, and against hostile input.
@Suite struct MSEHandshakeTests {
    static let infoHash = InfoHash(hex: "d8e8fca2dc0f896fd7cb4cb0031ba249b4e5a5b4")!
    static let otherHash = InfoHash(hex: "0123456789abcdef0123456789abcdef01234567")!
    static let btHandshake: [UInt8] = [19] + Array("BitTorrent protocol".utf8) + [UInt8](repeating: 0, count: 8)
        + infoHash.bytes + Array("-KN0001-abcdefghijkl".utf8)

    /// Two state machines and the bytes in flight between them.
    struct Wire {
        var initiator: MSE.Initiator
        var responder: MSE.Responder
        var toResponder: [UInt8] = []
        var toInitiator: [UInt8] = []
        var initiatorStream: MSE.PayloadStream?
        var responderStream: MSE.PayloadStream?
        var initiatorDelivered: [UInt8] = []
        var responderDelivered: [UInt8] = []
        var initiatorFailure: MSE.Failure?
        var responderFailure: MSE.Failure?

        init(initiator: MSE.Initiator, responder: MSE.Responder) {
            self.initiator = initiator
            self.responder = responder
            apply(self.initiator.start(), initiatorSide: true)
        }

        mutating func apply(_ actions: [MSE.Action], initiatorSide: Bool) {
            for action in actions {
                switch action {
                case .send(let bytes):
                    if initiatorSide { toResponder += bytes } else { toInitiator += bytes }
                case .established(let stream):
                    if initiatorSide { initiatorStream = stream } else { responderStream = stream }
                case .deliver(let bytes):
                    if initiatorSide { initiatorDelivered += bytes } else { responderDelivered += bytes }
                case .fail(let failure):
                    if initiatorSide { initiatorFailure = failure } else { responderFailure = failure }
                }
            }
        }

        /// Moves bytes both ways, `chunk` at a time, until nothing is in flight.
        mutating func run(chunk: Int) {
            var rounds = 0
            while !toResponder.isEmpty || !toInitiator.isEmpty {
                rounds += 1
                precondition(rounds < 1_000_000, "no progress")
                if !toResponder.isEmpty {
                    let piece = Array(toResponder.prefix(chunk))
                    toResponder.removeFirst(piece.count)
                    apply(responder.receive(piece), initiatorSide: false)
                }
                if !toInitiator.isEmpty {
                    let piece = Array(toInitiator.prefix(chunk))
                    toInitiator.removeFirst(piece.count)
                    apply(initiator.receive(piece), initiatorSide: true)
                }
            }
        }
    }

    static func wire(
        provide: MSE.CryptoMethods,
        policy: EncryptionPolicy,
        seed: UInt64,
        initialPayload: [UInt8] = btHandshake,
        served: [InfoHash] = [otherHash, infoHash]
    ) -> Wire {
        var generator = SplitMix64(seed: seed)
        return Wire(
            initiator: MSE.Initiator(infoHash: infoHash, provide: provide, initialPayload: initialPayload, using: &generator),
            responder: MSE.Responder(infoHashes: served, policy: policy, using: &generator)
        )
    }

    /// Sends `data` through an established pair of streams and returns what the other side reads.
    static func transfer(_ data: [UInt8], from sender: inout MSE.PayloadStream, to receiver: inout MSE.PayloadStream) -> [UInt8] {
        var bytes = data
        if case .rc4(var encryptor, let decryptorOfSender) = sender {
            encryptor.process(&bytes)
            sender = .rc4(encryptor: encryptor, decryptor: decryptorOfSender)
        }
        if case .rc4(let encryptorOfReceiver, var decryptor) = receiver {
            decryptor.process(&bytes)
            receiver = .rc4(encryptor: encryptorOfReceiver, decryptor: decryptor)
        }
        return bytes
    }

    // MARK: Round trips

    static let pairs: [(MSE.CryptoMethods, EncryptionPolicy, MSE.CryptoMethods)] = [
        ([.plaintext, .rc4], .tolerated, .plaintext),
        ([.plaintext, .rc4], .preferred, .rc4),
        ([.plaintext, .rc4], .required, .rc4),
        (.rc4, .tolerated, .rc4),
        (.rc4, .preferred, .rc4),
        (.rc4, .required, .rc4),
        (.plaintext, .tolerated, .plaintext),
        (.plaintext, .preferred, .plaintext),
    ]

    @Test("initiator ↔ responder: the policy's method, IA delivered, payload both ways", arguments: pairs, [1, 5, 97, 4096])
    func roundTrip(pair: (MSE.CryptoMethods, EncryptionPolicy, MSE.CryptoMethods), chunk: Int) throws {
        let (provide, policy, expected) = pair
        for seed in UInt64(0)..<4 {
            var wire = Self.wire(provide: provide, policy: policy, seed: seed &* 7919 &+ UInt64(chunk))
            wire.run(chunk: chunk)
            #expect(wire.initiatorFailure == nil && wire.responderFailure == nil)
            var initiatorStream = try #require(wire.initiatorStream)
            var responderStream = try #require(wire.responderStream)
            #expect(initiatorStream.method == expected)
            #expect(responderStream.method == expected)
            #expect(wire.responderDelivered == Self.btHandshake)
            #expect(wire.initiatorDelivered.isEmpty)
            #expect(wire.responder.infoHash == Self.infoHash)
            #expect(wire.responder.provided == provide)
            #expect(wire.initiator.isEstablished && wire.responder.isEstablished)

            let reply = Array("the responder's handshake and bitfield".utf8)
            #expect(Self.transfer(reply, from: &responderStream, to: &initiatorStream) == reply)
            let request = Array(repeating: UInt8(0x42), count: 3000)
            #expect(Self.transfer(request, from: &initiatorStream, to: &responderStream) == request)
            if expected == .rc4 {
                var probe = request
                if case .rc4(var encryptor, _) = initiatorStream { encryptor.process(&probe) }
                #expect(probe != request, "RC4 must change the bytes on the wire")
            }
        }
    }

    @Test("no common method: the responder fails and says what was offered")
    func noCommonMethod() {
        var wire = Self.wire(provide: .plaintext, policy: .required, seed: 1)
        wire.run(chunk: 64)
        #expect(wire.responderFailure == .noCommonMethod(provided: .plaintext))
        #expect(wire.responderStream == nil)
        #expect(wire.initiatorStream == nil)
    }

    @Test("IA of any size up to 65535 bytes", arguments: [0, 1, 68, 1000, 65535])
    func initialPayloadSizes(size: Int) throws {
        let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
        var wire = Self.wire(provide: [.plaintext, .rc4], policy: .preferred, seed: UInt64(size), initialPayload: payload)
        wire.run(chunk: 1500)
        #expect(wire.responderFailure == nil)
        _ = try #require(wire.responderStream)
        #expect(wire.responderDelivered == payload)
    }

    @Test("payload that follows the responder's step 4 in the same read is delivered decrypted")
    func payloadInTheSameRead() throws {
        var generator = SplitMix64(seed: 99)
        var initiator = MSE.Initiator(infoHash: Self.infoHash, provide: [.plaintext, .rc4], initialPayload: Self.btHandshake, using: &generator)
        var responder = MSE.Responder(infoHashes: [Self.infoHash], policy: .preferred, using: &generator)
        let ya = Self.sent(initiator.start())
        let yb = Self.sent(responder.receive(ya))
        let step3 = Self.sent(initiator.receive(yb))
        let actions = responder.receive(step3)
        guard case .send(let step4) = actions.first, case .established(.rc4(var encryptor, _)) = actions[1] else {
            Issue.record("unexpected \(actions)")
            return
        }
        let bitfield: [UInt8] = [0, 0, 0, 3, 5, 0xFF, 0x80]
        let wireBytes = step4 + encryptor.processed(bitfield)
        let result = initiator.receive(wireBytes)
        #expect(result.count == 2)
        guard case .established(.rc4) = result.first else {
            Issue.record("not established: \(result)")
            return
        }
        #expect(result.last == .deliver(bitfield))
    }

    // MARK: Known answers

    /// Step 3 and step 4 for fixed keys, no padding, IA = a BitTorrent handshake, computed independently
    /// (Python: hashlib SHA-1, pow over P, a plain RC4).
    @Test("step 3 and step 4 bytes match an independent computation")
    func knownAnswerHandshake() {
        let a = MSE.KeyPair(privateKey: fromHex("0102030405060708090a0b0c0d0e0f1011121314"))
        let b = MSE.KeyPair(privateKey: fromHex("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4"))
        var initiator = MSE.Initiator(infoHash: Self.infoHash, provide: [.plaintext, .rc4], initialPayload: Self.btHandshake, keyPair: a)
        var responder = MSE.Responder(infoHashes: [Self.infoHash], policy: .required, keyPair: b)
        #expect(Self.sent(initiator.start()) == a.publicKey)
        #expect(Self.sent(responder.receive(a.publicKey)) == b.publicKey)
        let step3 = Self.sent(initiator.receive(b.publicKey))
        #expect(step3 == fromHex(
            "90896606dafbb8f455a81bebcc266214333441a1b663efb5424c480442594429780f520a0db4824c54bd79d8758e8a3d"
                + "1fd4fa4817d086893090a1384730cbff8e30bb2436ca1cbff62e209bc37159bbcb3b481547889ba750e88ac07ca44b05"
                + "b1fd64c599af8db28ce0662d4b70dc32d2613886e0b1024143cb0fe5"
        ))
        let reply = responder.receive(step3)
        #expect(reply.first == .send(fromHex("f4cdebc521d4f7052103acc721f9")))
        #expect(reply.last == .deliver(Self.btHandshake))
    }

    // MARK: Padding bounds and resynchronisation

    @Test("PadA and PadB of 0, 1, 511 and 512 bytes resynchronise", arguments: [0, 1, 511, 512])
    func paddingBounds(length: Int) throws {
        var generator = SplitMix64(seed: UInt64(length))
        let pad = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var wire = Wire(
            initiator: MSE.Initiator(infoHash: Self.infoHash, provide: .rc4, initialPayload: Self.btHandshake, keyPair: MSE.KeyPair(using: &generator), padA: pad, padC: pad),
            responder: MSE.Responder(infoHashes: [Self.infoHash], policy: .tolerated, keyPair: MSE.KeyPair(using: &generator), padB: pad, padD: pad)
        )
        wire.run(chunk: 33)
        _ = try #require(wire.initiatorStream)
        _ = try #require(wire.responderStream)
        #expect(wire.responderDelivered == Self.btHandshake)
    }

    @Test("513 bytes of PadA: the responder gives up once req1 cannot be within bounds")
    func padATooLong() {
        var generator = SplitMix64(seed: 5)
        let a = MSE.KeyPair(using: &generator)
        var responder = MSE.Responder(infoHashes: [Self.infoHash], policy: .tolerated, using: &generator)
        let yb = Self.sent(responder.receive(a.publicKey))
        let secret = a.sharedSecret(with: yb.prefix(96))!
        let keys = MSE.SessionKeys(secret: secret, infoHash: Self.infoHash)
        let actions = responder.receive([UInt8](repeating: 0xAB, count: 513) + keys.req1 + keys.obfuscatedInfoHash)
        #expect(actions == [.fail(.synchronisationFailed)])
    }

    @Test("garbage after Ya fails as soon as 532 bytes hold no req1, and nothing more is taken")
    func responderGarbage() {
        var generator = SplitMix64(seed: 6)
        var responder = MSE.Responder(infoHashes: [Self.infoHash], policy: .tolerated, using: &generator)
        let a = MSE.KeyPair(using: &generator)
        _ = responder.receive(a.publicKey)
        #expect(responder.receive([UInt8](repeating: 1, count: 531)).isEmpty)
        #expect(responder.receive([1]) == [.fail(.synchronisationFailed)])
        #expect(responder.receive([UInt8](repeating: 1, count: 1 << 20)).isEmpty)
    }

    @Test("garbage after Yb fails the initiator once 520 bytes hold no ENCRYPT(VC)")
    func initiatorGarbage() {
        var generator = SplitMix64(seed: 7)
        var initiator = MSE.Initiator(infoHash: Self.infoHash, provide: .rc4, initialPayload: [], using: &generator)
        _ = initiator.start()
        let b = MSE.KeyPair(using: &generator)
        let actions = initiator.receive(b.publicKey + [UInt8](repeating: 0, count: 519))
        #expect(actions.count == 1)
        #expect(initiator.receive([0]) == [.fail(.verificationFailed)])
    }

    // MARK: Hostile steps

    /// A responder that got Ya from `a`, and the secret both share.
    static func responderAfterYa(policy: EncryptionPolicy = .tolerated, served: [InfoHash] = [infoHash]) -> (MSE.Responder, [UInt8]) {
        var generator = SplitMix64(seed: 11)
        let a = MSE.KeyPair(using: &generator)
        var responder = MSE.Responder(infoHashes: served, policy: policy, using: &generator)
        let yb = sent(responder.receive(a.publicKey))
        return (responder, a.sharedSecret(with: yb.prefix(96))!)
    }

    /// Step 3 written by hand.
    static func stepThree(secret: [UInt8], infoHash: InfoHash = infoHash, vc: [UInt8] = MSE.verificationConstant, provide: UInt32 = 3, padCLength: Int = 0, initialPayload: [UInt8] = []) -> [UInt8] {
        let keys = MSE.SessionKeys(secret: secret, infoHash: infoHash)
        var encryptor = MSE.cipher(key: keys.keyA)
        var clear = vc + be(provide) + be16(padCLength) + [UInt8](repeating: 0, count: min(padCLength, 600))
        clear += be16(initialPayload.count) + initialPayload
        return keys.req1 + keys.obfuscatedInfoHash + encryptor.processed(clear)
    }

    @Test(arguments: [
        (1, MSE.Failure.invalidVerificationConstant),
        (2, .paddingTooLong(513)),
        (3, .noCommonMethod(provided: MSE.CryptoMethods(rawValue: 0x0C))),
        (4, .unknownInfoHash),
    ])
    func hostileStepThree(variant: Int, failure: MSE.Failure) {
        var (responder, secret) = Self.responderAfterYa()
        let bytes: [UInt8] = switch variant {
        case 1: Self.stepThree(secret: secret, vc: [0, 0, 0, 0, 0, 0, 0, 1])
        case 2: Self.stepThree(secret: secret, padCLength: 513)
        case 3: Self.stepThree(secret: secret, provide: 0x0C)
        default: Self.stepThree(secret: secret, infoHash: Self.otherHash)
        }
        #expect(responder.receive(bytes) == [.fail(failure)])
        #expect(responder.receive([1, 2, 3]).isEmpty)
    }

    @Test("an invalid Ya or Yb fails at once", arguments: [[UInt8](repeating: 0, count: 96), [UInt8](repeating: 0, count: 95) + [1], MSE.prime])
    func invalidPublicKey(key: [UInt8]) {
        var generator = SplitMix64(seed: 3)
        var responder = MSE.Responder(infoHashes: [Self.infoHash], policy: .tolerated, using: &generator)
        #expect(responder.receive(key + [1, 2, 3]) == [.fail(.invalidPublicKey)])
        var initiator = MSE.Initiator(infoHash: Self.infoHash, provide: .rc4, initialPayload: [], using: &generator)
        _ = initiator.start()
        #expect(initiator.receive(key) == [.fail(.invalidPublicKey)])
    }

    /// The initiator after step 3, and the responder's key B stream to write step 4 with.
    static func initiatorAfterStepThree(provide: MSE.CryptoMethods) -> (MSE.Initiator, MSE.RC4) {
        var generator = SplitMix64(seed: 21)
        var initiator = MSE.Initiator(infoHash: infoHash, provide: provide, initialPayload: btHandshake, using: &generator)
        let ya = sent(initiator.start())
        let b = MSE.KeyPair(using: &generator)
        _ = initiator.receive(b.publicKey)
        let secret = b.sharedSecret(with: ya.prefix(96))!
        return (initiator, MSE.cipher(key: MSE.SessionKeys(secret: secret, infoHash: infoHash).keyB))
    }

    @Test(arguments: [
        (MSE.CryptoMethods([.plaintext, .rc4]), UInt32(3), 0, MSE.Failure.invalidSelection(selected: [.plaintext, .rc4], provided: [.plaintext, .rc4])),
        (.plaintext, 2, 0, .invalidSelection(selected: .rc4, provided: .plaintext)),
        (.rc4, 0, 0, .invalidSelection(selected: [], provided: .rc4)),
        (.rc4, 2, 600, .paddingTooLong(600)),
    ])
    func hostileStepFour(provide: MSE.CryptoMethods, select: UInt32, padD: Int, failure: MSE.Failure) {
        var (initiator, keyB) = Self.initiatorAfterStepThree(provide: provide)
        let step4 = keyB.processed(MSE.verificationConstant + be(select) + be16(padD))
        #expect(initiator.receive(step4) == [.fail(failure)])
    }

    @Test("bytes before start, or after a failure, do nothing but fail")
    func outOfOrder() {
        var generator = SplitMix64(seed: 1)
        var initiator = MSE.Initiator(infoHash: Self.infoHash, provide: .rc4, initialPayload: [], using: &generator)
        #expect(initiator.receive([1, 2, 3]) == [.fail(.unexpectedData)])
        #expect(initiator.receive([1, 2, 3]).isEmpty)
    }

    @Test("random input never crashes either side and always ends within the bounds", arguments: 0..<64)
    func fuzz(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var responder = MSE.Responder(infoHashes: [Self.infoHash], policy: .tolerated, using: &generator)
        var initiator = MSE.Initiator(infoHash: Self.infoHash, provide: [.plaintext, .rc4], initialPayload: Self.btHandshake, using: &generator)
        _ = initiator.start()
        var fedResponder = 0
        var fedInitiator = 0
        var responderDone = false
        var initiatorDone = false
        while fedResponder < 4096 || fedInitiator < 4096 {
            let length = Int.random(in: 1...300, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if !responderDone {
                let actions = responder.receive(bytes)
                if actions.contains(where: { if case .fail = $0 { true } else { false } }) { responderDone = true }
            }
            if !initiatorDone {
                let actions = initiator.receive(bytes)
                if actions.contains(where: { if case .fail = $0 { true } else { false } }) { initiatorDone = true }
            }
            fedResponder += length
            fedInitiator += length
        }
        // Random bytes cannot hold the right req1 or VC: both must have failed by the bounds.
        #expect(responderDone && initiatorDone)
        #expect(!responder.isEstablished && !initiator.isEstablished)
    }

    static func sent(_ actions: [MSE.Action]) -> [UInt8] {
        actions.reduce(into: []) { bytes, action in
            if case .send(let more) = action { bytes += more }
        }
    }
}

private func be(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
}

private func be16(_ value: Int) -> [UInt8] {
    [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
}
