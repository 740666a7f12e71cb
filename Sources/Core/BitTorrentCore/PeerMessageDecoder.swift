import NIOCore

/// Bounds on what a peer may make us buffer.
public struct PeerWireLimits: Sendable, Hashable {
    /// Largest block in a `piece` message; the frame may be 13 bytes longer.
    public var maxBlockLength: Int
    /// Largest bitfield before the piece count is known (magnet links): 2^20 pieces.
    public var maxBitfieldBytes: Int
    /// Largest BEP 10 message (extension handshake, ut_metadata piece of 16 KiB + header, PEX).
    public var maxExtendedLength: Int
    /// Largest message with an id we do not know.
    public var maxUnknownLength: Int

    public init(maxBlockLength: Int = BitTorrentCore.blockLength, maxBitfieldBytes: Int = 1 << 17, maxExtendedLength: Int = 1 << 18, maxUnknownLength: Int = 1 << 14) {
        self.maxBlockLength = maxBlockLength
        self.maxBitfieldBytes = maxBitfieldBytes
        self.maxExtendedLength = maxExtendedLength
        self.maxUnknownLength = maxUnknownLength
    }
}

/// Splits the byte stream after the handshake into messages. Incremental: `next(from:)` returns nil and
/// consumes nothing until a whole frame is buffered. Bounded: a length prefix over the limit for its id
/// fails as soon as the prefix and id are read, before any of the claimed bytes are awaited.
public struct PeerMessageDecoder: Sendable {
    public var limits: PeerWireLimits
    /// Once known, bitfields must be exactly ⌈count/8⌉ bytes and piece indices below it.
    public var pieceCount: Int?

    public init(pieceCount: Int? = nil, limits: PeerWireLimits = PeerWireLimits()) {
        self.pieceCount = pieceCount
        self.limits = limits
    }

    /// Decodes every whole message in the buffer.
    public func decodeAll(from buffer: inout ByteBuffer) throws(PeerWireError) -> [PeerMessage] {
        var messages: [PeerMessage] = []
        while let message = try next(from: &buffer) { messages.append(message) }
        return messages
    }

    public func next(from buffer: inout ByteBuffer) throws(PeerWireError) -> PeerMessage? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self).map(Int.init) else { return nil }
        if length == 0 {
            buffer.moveReaderIndex(forwardBy: 4)
            return .keepAlive
        }
        // The largest frame any id may have; refuse before even the id arrives.
        let absoluteLimit = max(1 + 8 + limits.maxBlockLength, 1 + bitfieldLimit, 1 + limits.maxExtendedLength, 1 + limits.maxUnknownLength)
        guard length <= absoluteLimit else { throw .messageTooLong(id: nil, length: length, limit: absoluteLimit) }
        guard let rawID = buffer.getInteger(at: buffer.readerIndex + 4, as: UInt8.self) else { return nil }
        try check(length: length, id: rawID)
        guard buffer.readableBytes >= 4 + length else { return nil }

        buffer.moveReaderIndex(forwardBy: 5)
        var payload = buffer.readSlice(length: length - 1)!
        guard let id = ID(rawValue: rawID) else { return .unknown(id: rawID, payload: payload) }
        switch id {
        case .choke: return .choke
        case .unchoke: return .unchoke
        case .interested: return .interested
        case .notInterested: return .notInterested
        case .haveAll: return .haveAll
        case .haveNone: return .haveNone
        case .have: return .have(piece: try readPieceIndex(&payload))
        case .suggest: return .suggest(piece: try readPieceIndex(&payload))
        case .allowedFast: return .allowedFast(piece: try readPieceIndex(&payload))
        case .bitfield: return .bitfield(Array(payload.readableBytesView))
        case .request: return .request(try readBlock(&payload))
        case .cancel: return .cancel(try readBlock(&payload))
        case .reject: return .reject(try readBlock(&payload))
        case .piece:
            let piece = try readPieceIndex(&payload)
            let offset = Int(payload.readInteger(as: UInt32.self)!)
            return .piece(piece: piece, offset: offset, block: payload)
        case .port: return .port(payload.readInteger(as: UInt16.self)!)
        case .extended:
            let extendedID = payload.readInteger(as: UInt8.self)!
            return .extended(id: extendedID, payload: payload)
        }
    }

    private typealias ID = PeerMessage.ID

    private var bitfieldLimit: Int {
        pieceCount.map { ($0 + 7) / 8 } ?? limits.maxBitfieldBytes
    }

    /// Each id has an exact length or an upper bound; anything else is a violation.
    private func check(length: Int, id rawID: UInt8) throws(PeerWireError) {
        guard let id = ID(rawValue: rawID) else {
            guard length <= 1 + limits.maxUnknownLength else {
                throw .messageTooLong(id: rawID, length: length, limit: 1 + limits.maxUnknownLength)
            }
            return
        }
        switch id {
        case .choke, .unchoke, .interested, .notInterested, .haveAll, .haveNone:
            guard length == 1 else { throw .invalidMessageLength(id: rawID, length: length) }
        case .have, .suggest, .allowedFast:
            guard length == 5 else { throw .invalidMessageLength(id: rawID, length: length) }
        case .request, .cancel, .reject:
            guard length == 13 else { throw .invalidMessageLength(id: rawID, length: length) }
        case .port:
            guard length == 3 else { throw .invalidMessageLength(id: rawID, length: length) }
        case .piece:
            guard length >= 9 else { throw .invalidMessageLength(id: rawID, length: length) }
            guard length <= 9 + limits.maxBlockLength else {
                throw .messageTooLong(id: rawID, length: length, limit: 9 + limits.maxBlockLength)
            }
        case .bitfield:
            if let pieceCount {
                let expected = (pieceCount + 7) / 8
                guard length - 1 == expected else { throw .invalidBitfieldLength(expected: expected, actual: length - 1) }
            } else {
                guard length - 1 <= limits.maxBitfieldBytes else {
                    throw .messageTooLong(id: rawID, length: length, limit: 1 + limits.maxBitfieldBytes)
                }
            }
        case .extended:
            guard length >= 2 else { throw .invalidMessageLength(id: rawID, length: length) }
            guard length <= 1 + limits.maxExtendedLength else {
                throw .messageTooLong(id: rawID, length: length, limit: 1 + limits.maxExtendedLength)
            }
        }
    }

    private func readPieceIndex(_ payload: inout ByteBuffer) throws(PeerWireError) -> Int {
        let piece = Int(payload.readInteger(as: UInt32.self)!)
        if let pieceCount, piece >= pieceCount { throw .pieceIndexOutOfRange(piece: piece, pieceCount: pieceCount) }
        return piece
    }

    private func readBlock(_ payload: inout ByteBuffer) throws(PeerWireError) -> BlockRequest {
        let piece = try readPieceIndex(&payload)
        let offset = Int(payload.readInteger(as: UInt32.self)!)
        let length = Int(payload.readInteger(as: UInt32.self)!)
        return BlockRequest(piece: piece, offset: offset, length: length)
    }
}
