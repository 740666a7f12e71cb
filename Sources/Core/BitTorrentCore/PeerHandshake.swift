import NIOCore

/// The 68-byte greeting both sides send first (BEP 3): pstrlen 19, "BitTorrent protocol", 8 reserved
/// bytes, the infohash and the peer id.
public struct PeerHandshake: Sendable, Hashable {
    public static let protocolName: [UInt8] = Array("BitTorrent protocol".utf8)
    public static let length = 68

    public var reserved: ReservedBits
    public var infoHash: InfoHash
    /// 20 bytes.
    public var peerID: [UInt8]

    public init(reserved: ReservedBits, infoHash: InfoHash, peerID: [UInt8]) {
        precondition(peerID.count == 20, "a peer id is 20 bytes")
        self.reserved = reserved
        self.infoHash = infoHash
        self.peerID = peerID
    }

    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(Self.protocolName.count))
        buffer.writeBytes(Self.protocolName)
        buffer.writeBytes(reserved.bytes)
        buffer.writeBytes(infoHash.bytes)
        buffer.writeBytes(peerID)
    }

    /// Reads a handshake once all 68 bytes are there (nil until then, nothing consumed). Fails as soon as
    /// the bytes seen so far cannot start a plaintext handshake, e.g. an encrypted (MSE) one.
    public static func decode(from buffer: inout ByteBuffer) throws(PeerWireError) -> PeerHandshake? {
        let available = min(buffer.readableBytes, 1 + protocolName.count)
        if available > 0 {
            let prefix = buffer.getBytes(at: buffer.readerIndex, length: available)!
            guard prefix[0] == UInt8(protocolName.count) else { throw .notAHandshake }
            guard prefix.dropFirst().elementsEqual(protocolName.prefix(available - 1)) else { throw .notAHandshake }
        }
        guard buffer.readableBytes >= length else { return nil }
        buffer.moveReaderIndex(forwardBy: 1 + protocolName.count)
        let reserved = ReservedBits(bytes: buffer.readBytes(length: 8)!)
        let infoHash = InfoHash(bytes: buffer.readBytes(length: 20)!)!
        let peerID = buffer.readBytes(length: 20)!
        return PeerHandshake(reserved: reserved, infoHash: infoHash, peerID: peerID)
    }
}

/// The 8 reserved handshake bytes: each extension a peer supports is one bit.
public struct ReservedBits: Sendable, Hashable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8] = Array(repeating: 0, count: 8)) {
        precondition(bytes.count == 8, "reserved bits are 8 bytes")
        self.bytes = bytes
    }

    /// BEP 10: 20th bit from the right.
    public var supportsExtensionProtocol: Bool {
        get { bytes[5] & 0x10 != 0 }
        set { set(byte: 5, mask: 0x10, newValue) }
    }

    /// BEP 6: third bit from the right.
    public var supportsFastExtension: Bool {
        get { bytes[7] & 0x04 != 0 }
        set { set(byte: 7, mask: 0x04, newValue) }
    }

    /// BEP 5: last bit.
    public var supportsDHT: Bool {
        get { bytes[7] & 0x01 != 0 }
        set { set(byte: 7, mask: 0x01, newValue) }
    }

    public init(extensionProtocol: Bool, fastExtension: Bool, dht: Bool) {
        self.init()
        supportsExtensionProtocol = extensionProtocol
        supportsFastExtension = fastExtension
        supportsDHT = dht
    }

    private mutating func set(byte: Int, mask: UInt8, _ on: Bool) {
        if on { bytes[byte] |= mask } else { bytes[byte] &= ~mask }
    }
}
