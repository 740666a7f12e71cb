extension MSE {
    /// The side that dials (A). `start()` gives Ya and PadA; each `receive(_:)` consumes what the peer sent
    /// and returns what to do: step 3 once Yb is in, then `established` (and any payload that followed)
    /// once the responder's ENCRYPT(VC, crypto_select, len(PadD), PadD) is found and checked.
    ///
    /// Nothing is written after IA until the responder has selected a method; the connection holds
    /// later writes until `established`.
    public struct Initiator: Sendable {
        enum State: Sendable {
            case idle
            case awaitingPublicKey
            /// Scanning for ENCRYPT(VC) at most `maxPadding` bytes into what follows Yb.
            case awaitingVerification(encryptedVC: [UInt8])
            case awaitingSelection
            case awaitingPadD(length: Int, selected: CryptoMethods)
            case established
            case failed
        }

        public let infoHash: InfoHash
        /// What step 3 offers.
        public let provide: CryptoMethods
        private let keyPair: KeyPair
        private let padA: [UInt8]
        private let padC: [UInt8]
        private let initialPayload: [UInt8]
        private var state: State = .idle
        private var input = HandshakeInput()
        private var encryptor: RC4?
        private var decryptor: RC4?

        /// - Parameters:
        ///   - provide: the methods offered (not empty).
        ///   - initialPayload: IA, sent encrypted inside step 3: our BitTorrent handshake (at most 65535 bytes).
        ///   - padA, padC: at most 512 bytes each.
        public init(
            infoHash: InfoHash,
            provide: CryptoMethods,
            initialPayload: [UInt8],
            keyPair: KeyPair,
            padA: [UInt8] = [],
            padC: [UInt8] = []
        ) {
            precondition(!provide.intersection([.plaintext, .rc4]).isEmpty, "offer plaintext, RC4 or both")
            precondition(padA.count <= MSE.maxPadding && padC.count <= MSE.maxPadding, "padding is at most 512 bytes")
            precondition(initialPayload.count <= MSE.maxInitialPayload, "IA is at most 65535 bytes")
            self.infoHash = infoHash
            self.provide = provide
            self.initialPayload = initialPayload
            self.keyPair = keyPair
            self.padA = padA
            self.padC = padC
        }

        /// A fresh key pair and random PadA (0…512 bytes); PadC empty.
        public init(infoHash: InfoHash, provide: CryptoMethods, initialPayload: [UInt8], using generator: inout some RandomNumberGenerator) {
            self.init(
                infoHash: infoHash,
                provide: provide,
                initialPayload: initialPayload,
                keyPair: KeyPair(using: &generator),
                padA: MSE.randomPadding(using: &generator)
            )
        }

        public var isEstablished: Bool {
            if case .established = state { return true }
            return false
        }

        /// Step 1: Ya and PadA.
        public mutating func start() -> [Action] {
            guard case .idle = state else { return [] }
            state = .awaitingPublicKey
            return [.send(keyPair.publicKey + padA)]
        }

        public mutating func receive(_ bytes: some Collection<UInt8>) -> [Action] {
            switch state {
            case .idle: return fail(.unexpectedData)
            case .established, .failed: return []
            default: break
            }
            input.append(bytes)
            var actions: [Action] = []
            while true {
                switch state {
                case .idle, .established, .failed:
                    return actions
                case .awaitingPublicKey:
                    guard let publicKey = input.take(MSE.keyLength) else { return actions }
                    guard let secret = keyPair.sharedSecret(with: publicKey) else { return actions + fail(.invalidPublicKey) }
                    actions.append(.send(stepThree(secret: secret)))
                case .awaitingVerification(let encryptedVC):
                    guard let offset = input.firstOffset(of: encryptedVC, within: MSE.maxPadding) else {
                        if input.count >= MSE.maxPadding + encryptedVC.count { return actions + fail(.verificationFailed) }
                        return actions
                    }
                    input.skip(offset + encryptedVC.count)
                    state = .awaitingSelection
                case .awaitingSelection:
                    guard let header = input.take(6) else { return actions }
                    let plain = decryptor!.processed(header)
                    let selected = CryptoMethods(rawValue: UInt32(bigEndianBytes: plain[0..<4]))
                    let padLength = Int(UInt16(bigEndianBytes: plain[4..<6]))
                    guard selected == .plaintext || selected == .rc4, provide.contains(selected) else {
                        return actions + fail(.invalidSelection(selected: selected, provided: provide))
                    }
                    guard padLength <= MSE.maxPadding else { return actions + fail(.paddingTooLong(padLength)) }
                    state = .awaitingPadD(length: padLength, selected: selected)
                case .awaitingPadD(let length, let selected):
                    guard let padD = input.take(length) else { return actions }
                    _ = decryptor!.processed(padD)
                    return actions + establish(selected)
                }
            }
        }

        /// Step 3, and the ciphers: ours (keyA) has encrypted it, the peer's (keyB) is ready to find VC.
        private mutating func stepThree(secret: [UInt8]) -> [UInt8] {
            let keys = SessionKeys(secret: secret, infoHash: infoHash)
            var encryptor = MSE.cipher(key: keys.keyA)
            var decryptor = MSE.cipher(key: keys.keyB)
            let encryptedVC = decryptor.processed(MSE.verificationConstant)
            var clear = MSE.verificationConstant
            clear += provide.rawValue.bigEndianBytes
            clear += UInt16(padC.count).bigEndianBytes
            clear += padC
            clear += UInt16(initialPayload.count).bigEndianBytes
            clear += initialPayload
            encryptor.process(&clear)
            self.encryptor = encryptor
            self.decryptor = decryptor
            state = .awaitingVerification(encryptedVC: encryptedVC)
            return keys.req1 + keys.obfuscatedInfoHash + clear
        }

        private mutating func establish(_ selected: CryptoMethods) -> [Action] {
            state = .established
            var rest = input.takeAll()
            let stream: PayloadStream
            if selected == .rc4 {
                decryptor!.process(&rest)
                stream = .rc4(encryptor: encryptor!, decryptor: decryptor!)
            } else {
                stream = .plaintext
            }
            encryptor = nil
            decryptor = nil
            return rest.isEmpty ? [.established(stream)] : [.established(stream), .deliver(rest)]
        }

        private mutating func fail(_ failure: Failure) -> [Action] {
            state = .failed
            input = HandshakeInput()
            return [.fail(failure)]
        }
    }

    /// Random padding of 0…512 random bytes (PadA, PadB).
    public static func randomPadding(using generator: inout some RandomNumberGenerator) -> [UInt8] {
        let length = Int.random(in: 0...maxPadding, using: &generator)
        return (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// The bytes received and not yet consumed by a handshake.
struct HandshakeInput: Sendable {
    private var bytes: [UInt8] = []
    private var start = 0

    var count: Int { bytes.count - start }

    mutating func append(_ more: some Collection<UInt8>) {
        if start > 0, start >= bytes.count / 2 {
            bytes.removeFirst(start)
            start = 0
        }
        bytes.append(contentsOf: more)
    }

    /// The next `length` bytes, consumed; nil (nothing consumed) until that many are there.
    mutating func take(_ length: Int) -> [UInt8]? {
        guard count >= length else { return nil }
        defer { start += length }
        return Array(bytes[start..<(start + length)])
    }

    mutating func skip(_ length: Int) {
        start += min(length, count)
    }

    mutating func takeAll() -> [UInt8] {
        defer {
            bytes = []
            start = 0
        }
        return Array(bytes[start...])
    }

    /// Where `pattern` first starts, counted from the first unconsumed byte, looking at offsets up to `limit`.
    func firstOffset(of pattern: [UInt8], within limit: Int) -> Int? {
        guard count >= pattern.count else { return nil }
        for offset in 0...min(count - pattern.count, limit) where bytes[(start + offset)..<(start + offset + pattern.count)].elementsEqual(pattern) {
            return offset
        }
        return nil
    }
}
