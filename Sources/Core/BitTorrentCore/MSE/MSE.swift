/// Message Stream Encryption / Protocol Encryption (MSE/PE): the obfuscated handshake of Azureus/Vuze that
/// libtorrent, Transmission, aria2 and qBittorrent speak. It hides the BitTorrent banner from traffic
/// shaping; it is not authentication, and its primitives (768-bit Diffie-Hellman, RC4) are weak by design
/// and frozen by interoperability.
///
/// The exchange, A the initiator (dials), B the responder (accepts); SKEY is the torrent's infohash:
/// ```
/// 1 A→B  Ya, PadA                                   Ya = 2^Xa mod P, 96 bytes; PadA 0…512 random bytes
/// 2 B→A  Yb, PadB                                   S = Yb^Xa = Ya^Xb mod P
/// 3 A→B  HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S),
///        ENCRYPT(VC, crypto_provide, len(PadC), PadC, len(IA)), ENCRYPT(IA)
/// 4 B→A  ENCRYPT(VC, crypto_select, len(PadD), PadD), ENCRYPT2(payload)
/// 5 A→B  ENCRYPT2(payload)
/// ```
/// HASH is SHA-1; VC is 8 zero bytes; `crypto_provide`/`crypto_select` are 32-bit masks (0x01 plaintext,
/// 0x02 RC4; B selects exactly one); len() is 2 bytes big-endian; PadC/PadD are at most 512 bytes.
/// ENCRYPT is RC4 keyed with HASH('keyA', S, SKEY) for A's bytes and HASH('keyB', S, SKEY) for B's,
/// the first 1024 keystream bytes discarded; ENCRYPT2 is what B selected: the same RC4 streams going on,
/// or plaintext. IA (A's initial payload) carries A's BitTorrent handshake, saving a round trip.
///
/// Neither side knows the other's padding length, so each resynchronises: B finds HASH('req1', S) within
/// 512 + 20 bytes after Ya, A finds ENCRYPT(VC) within 512 + 8 bytes after Yb. Every length a peer
/// announces is checked against these bounds before anything is buffered, so a hostile peer can make a
/// handshake fail but never make it grow.
///
/// `MSE.Initiator` and `MSE.Responder` are the two sides as value-type state machines: feed them the bytes
/// read from the socket, perform the returned `MSE.Action`s in order. `EncryptionPolicy` is the user's
/// setting (Transmission's tolerated / preferred / required).
public enum MSE {
    /// Bytes of a public key and of the shared secret S (768 bits, big-endian, zero-padded on the left).
    public static let keyLength = 96
    /// The most padding PadA, PadB, PadC or PadD may hold.
    public static let maxPadding = 512
    /// The verification constant: 8 zero bytes.
    public static let verificationConstant = [UInt8](repeating: 0, count: 8)
    /// Keystream bytes thrown away before RC4 is used (the spec's answer to RC4's biased first bytes).
    public static let discardedKeystream = 1024
    /// The largest initial payload len(IA) can announce.
    public static let maxInitialPayload = Int(UInt16.max)

    /// Payload methods, as the 32-bit `crypto_provide` / `crypto_select` masks.
    public struct CryptoMethods: OptionSet, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Only the handshake is obfuscated; the payload flows in the clear (ENCRYPT2 = identity).
        public static let plaintext = CryptoMethods(rawValue: 0x01)
        /// The payload keeps flowing through the two RC4 streams.
        public static let rc4 = CryptoMethods(rawValue: 0x02)

        public var description: String {
            var names: [String] = []
            if contains(.plaintext) { names.append("plaintext") }
            if contains(.rc4) { names.append("rc4") }
            let unknown = rawValue & ~(Self.plaintext.rawValue | Self.rc4.rawValue)
            if unknown != 0 { names.append("0x" + String(unknown, radix: 16)) }
            return names.isEmpty ? "none" : names.joined(separator: "+")
        }
    }

    /// How the payload flows once the handshake is done. The ciphers are positioned right after every byte
    /// the handshake consumed and produced: keep using them for the rest of the connection.
    public enum PayloadStream: Sendable, Hashable {
        case plaintext
        case rc4(encryptor: RC4, decryptor: RC4)

        public var method: CryptoMethods {
            switch self {
            case .plaintext: .plaintext
            case .rc4: .rc4
            }
        }
    }

    /// What the connection must do, in order.
    public enum Action: Sendable, Hashable {
        /// Write these bytes to the socket exactly as they are (already encrypted where the spec says so).
        case send([UInt8])
        /// The handshake is done: from now on, encrypt what is written and decrypt what is read with this.
        case established(PayloadStream)
        /// Payload for the BitTorrent layer, already decrypted (the responder's IA, and whatever followed
        /// the handshake in the same read).
        case deliver([UInt8])
        /// Close the connection.
        case fail(Failure)
    }

    /// Why a handshake ended. Every case closes the connection.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The peer's Diffie-Hellman value is 0, 1, P - 1 or not below P.
        case invalidPublicKey
        /// The responder found no HASH('req1', S) within 512 + 20 bytes after Ya.
        case synchronisationFailed
        /// The initiator found no ENCRYPT(VC) within 512 + 8 bytes after Yb.
        case verificationFailed
        /// HASH('req2', SKEY) xor HASH('req3', S) names no torrent we serve.
        case unknownInfoHash
        /// The decrypted verification constant is not 8 zero bytes.
        case invalidVerificationConstant
        /// A padding length over 512 bytes.
        case paddingTooLong(Int)
        /// The initiator offered nothing the responder's policy accepts.
        case noCommonMethod(provided: CryptoMethods)
        /// The responder selected something other than exactly one of the methods offered.
        case invalidSelection(selected: CryptoMethods, provided: CryptoMethods)
        /// A plaintext BitTorrent handshake where the policy requires encryption.
        case plaintextRefused
        /// Bytes arrived after the handshake failed or before it started.
        case unexpectedData

        public var description: String {
            switch self {
            case .invalidPublicKey:
                "the peer sent an invalid Diffie-Hellman public key"
            case .synchronisationFailed:
                "the peer's encrypted handshake did not continue within the padding bound (no req1 hash)"
            case .verificationFailed:
                "the peer's encrypted handshake reply did not verify within the padding bound (no VC)"
            case .unknownInfoHash:
                "the peer asked for a torrent we do not serve"
            case .invalidVerificationConstant:
                "the peer's encrypted handshake has a wrong verification constant"
            case .paddingTooLong(let length):
                "the peer announced \(length) bytes of padding, over the limit of \(MSE.maxPadding)"
            case .noCommonMethod(let provided):
                "the peer offers \(provided) encryption, which our encryption setting does not accept"
            case .invalidSelection(let selected, let provided):
                "the peer selected \(selected) encryption where we offered \(provided)"
            case .plaintextRefused:
                "the peer did not encrypt and our encryption setting requires it"
            case .unexpectedData:
                "the peer sent data outside the encrypted handshake"
            }
        }
    }

    /// What the first bytes of an incoming connection are.
    public enum IncomingKind: Sendable, Hashable {
        /// 19 and "BitTorrent protocol": a plaintext BEP 3 handshake.
        case plaintext
        /// Anything else: taken as an MSE handshake (Ya).
        case encrypted
        /// A prefix of the plaintext handshake so far: wait for more bytes (at most 20 are needed).
        case undecided
    }

    /// Tells a plaintext handshake from an encrypted one by the first 20 bytes (fewer when they already differ).
    public static func classify(_ prefix: some Collection<UInt8>) -> IncomingKind {
        let banner = [UInt8(PeerHandshake.protocolName.count)] + PeerHandshake.protocolName
        var matched = 0
        for (byte, expected) in zip(prefix, banner) {
            guard byte == expected else { return .encrypted }
            matched += 1
        }
        return matched == banner.count ? .plaintext : .undecided
    }
}
