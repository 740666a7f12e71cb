import NIOCore

/// A message after the handshake (BEP 3, BEP 6 fast extension, BEP 10 extension protocol).
public enum PeerMessage: Sendable, Hashable {
    case keepAlive
    case choke
    case unchoke
    case interested
    case notInterested
    case have(piece: Int)
    /// Raw bytes; turn them into a `Bitfield` with `Bitfield(validating:count:)` once the piece count is known.
    case bitfield([UInt8])
    case request(BlockRequest)
    /// The block is a slice of the receive buffer: no copy until it is written to disk.
    case piece(piece: Int, offset: Int, block: ByteBuffer)
    case cancel(BlockRequest)
    /// BEP 5: the peer's DHT port.
    case port(UInt16)
    case suggest(piece: Int)
    case haveAll
    case haveNone
    case reject(BlockRequest)
    case allowedFast(piece: Int)
    /// BEP 10: id 0 is the extension handshake, others are ids the receiver assigned in its handshake.
    case extended(id: UInt8, payload: ByteBuffer)
    /// An id this codec does not know; BEP 3 peers ignore such messages.
    case unknown(id: UInt8, payload: ByteBuffer)

    /// Message ids on the wire.
    public enum ID: UInt8, Sendable {
        case choke = 0, unchoke = 1, interested = 2, notInterested = 3, have = 4, bitfield = 5, request = 6
        case piece = 7, cancel = 8, port = 9
        case suggest = 0x0D, haveAll = 0x0E, haveNone = 0x0F, reject = 0x10, allowedFast = 0x11
        case extended = 20
    }
}

extension PeerMessage {
    public func encode(into buffer: inout ByteBuffer) {
        switch self {
        case .keepAlive: buffer.writeInteger(UInt32(0))
        case .choke: Self.writeHeader(.choke, payloadLength: 0, into: &buffer)
        case .unchoke: Self.writeHeader(.unchoke, payloadLength: 0, into: &buffer)
        case .interested: Self.writeHeader(.interested, payloadLength: 0, into: &buffer)
        case .notInterested: Self.writeHeader(.notInterested, payloadLength: 0, into: &buffer)
        case .haveAll: Self.writeHeader(.haveAll, payloadLength: 0, into: &buffer)
        case .haveNone: Self.writeHeader(.haveNone, payloadLength: 0, into: &buffer)
        case .have(let piece): Self.writePieceIndexMessage(.have, piece, into: &buffer)
        case .suggest(let piece): Self.writePieceIndexMessage(.suggest, piece, into: &buffer)
        case .allowedFast(let piece): Self.writePieceIndexMessage(.allowedFast, piece, into: &buffer)
        case .bitfield(let bytes):
            Self.writeHeader(.bitfield, payloadLength: bytes.count, into: &buffer)
            buffer.writeBytes(bytes)
        case .request(let block): Self.writeBlockMessage(.request, block, into: &buffer)
        case .cancel(let block): Self.writeBlockMessage(.cancel, block, into: &buffer)
        case .reject(let block): Self.writeBlockMessage(.reject, block, into: &buffer)
        case .piece(let piece, let offset, let block):
            Self.writePieceHeader(piece: piece, offset: offset, blockLength: block.readableBytes, into: &buffer)
            buffer.writeImmutableBuffer(block)
        case .port(let port):
            Self.writeHeader(.port, payloadLength: 2, into: &buffer)
            buffer.writeInteger(port)
        case .extended(let id, let payload):
            Self.writeHeader(.extended, payloadLength: 1 + payload.readableBytes, into: &buffer)
            buffer.writeInteger(id)
            buffer.writeImmutableBuffer(payload)
        case .unknown(let id, let payload):
            buffer.writeInteger(UInt32(1 + payload.readableBytes))
            buffer.writeInteger(id)
            buffer.writeImmutableBuffer(payload)
        }
    }

    /// The 13-byte head of a `piece` message, for an engine that sends the block bytes separately
    /// (e.g. straight from a file region).
    public static func writePieceHeader(piece: Int, offset: Int, blockLength: Int, into buffer: inout ByteBuffer) {
        writeHeader(.piece, payloadLength: 8 + blockLength, into: &buffer)
        buffer.writeInteger(UInt32(piece))
        buffer.writeInteger(UInt32(offset))
    }

    private static func writeHeader(_ id: ID, payloadLength: Int, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt32(1 + payloadLength))
        buffer.writeInteger(id.rawValue)
    }

    private static func writePieceIndexMessage(_ id: ID, _ piece: Int, into buffer: inout ByteBuffer) {
        writeHeader(id, payloadLength: 4, into: &buffer)
        buffer.writeInteger(UInt32(piece))
    }

    private static func writeBlockMessage(_ id: ID, _ block: BlockRequest, into buffer: inout ByteBuffer) {
        writeHeader(id, payloadLength: 12, into: &buffer)
        buffer.writeInteger(UInt32(block.piece))
        buffer.writeInteger(UInt32(block.offset))
        buffer.writeInteger(UInt32(block.length))
    }
}
