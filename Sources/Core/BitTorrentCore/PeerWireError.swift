/// Why a peer's bytes end the connection. Every case is a protocol violation or an oversized claim;
/// the engine closes the connection (and may ban the peer), it never waits for the claimed bytes.
public enum PeerWireError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAHandshake
    case messageTooLong(id: UInt8?, length: Int, limit: Int)
    case invalidMessageLength(id: UInt8, length: Int)
    case invalidBitfieldLength(expected: Int, actual: Int)
    case pieceIndexOutOfRange(piece: Int, pieceCount: Int)

    public var description: String {
        switch self {
        case .notAHandshake:
            "the peer did not open with a BitTorrent handshake"
        case .messageTooLong(let id, let length, let limit):
            "the peer announced a \(length)-byte message\(id.map { " (id \($0))" } ?? ""), over the limit of \(limit) bytes"
        case .invalidMessageLength(let id, let length):
            "the peer sent message id \(id) with a length of \(length) bytes, which that message cannot have"
        case .invalidBitfieldLength(let expected, let actual):
            "the peer sent a \(actual)-byte bitfield where \(expected) bytes were expected"
        case .pieceIndexOutOfRange(let piece, let pieceCount):
            "the peer named piece \(piece) but the torrent has \(pieceCount) pieces"
        }
    }
}
