import Crypto

extension MSE {
    /// HASH(parts…): SHA-1 of the concatenation.
    static func hash(_ parts: [UInt8]...) -> [UInt8] {
        var hasher = Insecure.SHA1()
        for part in parts { hasher.update(data: part) }
        return Array(hasher.finalize())
    }

    static let req1Tag = Array("req1".utf8)
    static let req2Tag = Array("req2".utf8)
    static let req3Tag = Array("req3".utf8)
    static let keyATag = Array("keyA".utf8)
    static let keyBTag = Array("keyB".utf8)

    /// What both sides derive from S and SKEY.
    public struct SessionKeys: Sendable, Hashable {
        /// HASH('req1', S): marks where the initiator's step 3 starts.
        public let req1: [UInt8]
        /// HASH('req2', SKEY) xor HASH('req3', S): names the torrent without showing its infohash.
        public let obfuscatedInfoHash: [UInt8]
        /// HASH('keyA', S, SKEY): keys what the initiator sends.
        public let keyA: [UInt8]
        /// HASH('keyB', S, SKEY): keys what the responder sends.
        public let keyB: [UInt8]

        public init(secret: [UInt8], infoHash: InfoHash) {
            precondition(secret.count == MSE.keyLength, "S is 96 bytes")
            req1 = MSE.hash(MSE.req1Tag, secret)
            obfuscatedInfoHash = MSE.obfuscate(infoHash, secret: secret)
            keyA = MSE.hash(MSE.keyATag, secret, infoHash.bytes)
            keyB = MSE.hash(MSE.keyBTag, secret, infoHash.bytes)
        }
    }

    /// HASH('req2', SKEY) xor HASH('req3', S).
    static func obfuscate(_ infoHash: InfoHash, secret: [UInt8]) -> [UInt8] {
        let req2 = hash(req2Tag, infoHash.bytes)
        let req3 = hash(req3Tag, secret)
        return zip(req2, req3).map { $0 ^ $1 }
    }

    /// The torrent among `candidates` whose HASH('req2', SKEY) xor HASH('req3', S) is `obfuscated`.
    static func identify(_ obfuscated: [UInt8], secret: [UInt8], among candidates: [InfoHash]) -> InfoHash? {
        let req3 = hash(req3Tag, secret)
        let req2 = zip(obfuscated, req3).map { $0 ^ $1 }
        return candidates.first { hash(req2Tag, $0.bytes) == req2 }
    }
}

extension FixedWidthInteger {
    /// Big-endian bytes.
    var bigEndianBytes: [UInt8] {
        (0..<(Self.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }

    /// From exactly `Self.bitWidth / 8` big-endian bytes.
    init(bigEndianBytes bytes: some Collection<UInt8>) {
        precondition(bytes.count == Self.bitWidth / 8)
        self = bytes.reduce(0) { $0 << 8 | Self($1) }
    }
}
