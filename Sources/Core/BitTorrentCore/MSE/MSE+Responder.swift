extension MSE {
    /// The side that accepts (B). Each `receive(_:)` consumes what the initiator sent: Yb and PadB go out
    /// once Ya is in; then it finds HASH('req1', S), identifies the torrent among `infoHashes`, checks VC,
    /// picks one method of `crypto_provide` by `policy`, reads PadC and IA, and answers with
    /// ENCRYPT(VC, crypto_select, len(PadD), PadD) followed by `established` and IA as payload.
    public struct Responder: Sendable {
        enum State: Sendable {
            case awaitingPublicKey
            /// Scanning for HASH('req1', S) at most `maxPadding` bytes after Ya.
            case awaitingReq1(secret: [UInt8], req1: [UInt8])
            case awaitingInfoHash(secret: [UInt8])
            case awaitingProvide
            case awaitingPadC(length: Int, selected: CryptoMethods)
            case awaitingInitialPayload(length: Int, selected: CryptoMethods)
            case established
            case failed
        }

        public let policy: EncryptionPolicy
        private let infoHashes: [InfoHash]
        private let keyPair: KeyPair
        private let padB: [UInt8]
        private let padD: [UInt8]
        private var state: State = .awaitingPublicKey
        private var input = HandshakeInput()
        private var encryptor: RC4?
        private var decryptor: RC4?
        /// The torrent the initiator named, once identified.
        public private(set) var infoHash: InfoHash?
        /// What the initiator offered, once read.
        public private(set) var provided: CryptoMethods?

        /// - Parameters:
        ///   - infoHashes: the torrents we serve (SKEY candidates).
        ///   - padB, padD: at most 512 bytes each.
        public init(infoHashes: [InfoHash], policy: EncryptionPolicy, keyPair: KeyPair, padB: [UInt8] = [], padD: [UInt8] = []) {
            precondition(padB.count <= MSE.maxPadding && padD.count <= MSE.maxPadding, "padding is at most 512 bytes")
            self.infoHashes = infoHashes
            self.policy = policy
            self.keyPair = keyPair
            self.padB = padB
            self.padD = padD
        }

        /// A fresh key pair and random PadB (0…512 bytes); PadD empty.
        public init(infoHashes: [InfoHash], policy: EncryptionPolicy, using generator: inout some RandomNumberGenerator) {
            self.init(
                infoHashes: infoHashes,
                policy: policy,
                keyPair: KeyPair(using: &generator),
                padB: MSE.randomPadding(using: &generator)
            )
        }

        public var isEstablished: Bool {
            if case .established = state { return true }
            return false
        }

        public mutating func receive(_ bytes: some Collection<UInt8>) -> [Action] {
            switch state {
            case .established, .failed: return []
            default: break
            }
            input.append(bytes)
            var actions: [Action] = []
            while true {
                switch state {
                case .established, .failed:
                    return actions
                case .awaitingPublicKey:
                    guard let publicKey = input.take(MSE.keyLength) else { return actions }
                    guard let secret = keyPair.sharedSecret(with: publicKey) else { return actions + fail(.invalidPublicKey) }
                    actions.append(.send(keyPair.publicKey + padB))
                    state = .awaitingReq1(secret: secret, req1: MSE.hash(MSE.req1Tag, secret))
                case .awaitingReq1(let secret, let req1):
                    guard let offset = input.firstOffset(of: req1, within: MSE.maxPadding) else {
                        if input.count >= MSE.maxPadding + req1.count { return actions + fail(.synchronisationFailed) }
                        return actions
                    }
                    input.skip(offset + req1.count)
                    state = .awaitingInfoHash(secret: secret)
                case .awaitingInfoHash(let secret):
                    guard let obfuscated = input.take(20) else { return actions }
                    guard let infoHash = MSE.identify(obfuscated, secret: secret, among: infoHashes) else {
                        return actions + fail(.unknownInfoHash)
                    }
                    self.infoHash = infoHash
                    let keys = SessionKeys(secret: secret, infoHash: infoHash)
                    decryptor = MSE.cipher(key: keys.keyA)
                    encryptor = MSE.cipher(key: keys.keyB)
                    state = .awaitingProvide
                case .awaitingProvide:
                    guard let header = input.take(14) else { return actions }
                    let plain = decryptor!.processed(header)
                    guard plain[0..<8].allSatisfy({ $0 == 0 }) else { return actions + fail(.invalidVerificationConstant) }
                    let provided = CryptoMethods(rawValue: UInt32(bigEndianBytes: plain[8..<12]))
                    self.provided = provided
                    let padLength = Int(UInt16(bigEndianBytes: plain[12..<14]))
                    guard padLength <= MSE.maxPadding else { return actions + fail(.paddingTooLong(padLength)) }
                    guard let selected = policy.select(from: provided) else { return actions + fail(.noCommonMethod(provided: provided)) }
                    state = .awaitingPadC(length: padLength, selected: selected)
                case .awaitingPadC(let length, let selected):
                    guard let padAndLength = input.take(length + 2) else { return actions }
                    let plain = decryptor!.processed(padAndLength)
                    let payloadLength = Int(UInt16(bigEndianBytes: plain[length..<(length + 2)]))
                    state = .awaitingInitialPayload(length: payloadLength, selected: selected)
                case .awaitingInitialPayload(let length, let selected):
                    guard let payload = input.take(length) else { return actions }
                    let initialPayload = decryptor!.processed(payload)
                    return actions + establish(selected, initialPayload: initialPayload)
                }
            }
        }

        /// Step 4, the switch, then IA and whatever followed it as payload.
        private mutating func establish(_ selected: CryptoMethods, initialPayload: [UInt8]) -> [Action] {
            state = .established
            var reply = MSE.verificationConstant
            reply += selected.rawValue.bigEndianBytes
            reply += UInt16(padD.count).bigEndianBytes
            reply += padD
            encryptor!.process(&reply)
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
            let payload = initialPayload + rest
            var actions: [Action] = [.send(reply), .established(stream)]
            if !payload.isEmpty { actions.append(.deliver(payload)) }
            return actions
        }

        private mutating func fail(_ failure: Failure) -> [Action] {
            state = .failed
            input = HandshakeInput()
            return [.fail(failure)]
        }
    }
}
