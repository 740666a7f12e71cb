import NIOCore

/// A BEP 9 `ut_metadata` message: the info dictionary travels in 16 KiB pieces.
public enum MetadataMessage: Sendable, Hashable {
    case request(piece: Int)
    /// `totalSize` is the whole info dictionary's size; `data` is this piece's bytes.
    case data(piece: Int, totalSize: Int, data: ByteBuffer)
    case reject(piece: Int)

    public static let pieceLength = 16384
    /// Largest info dictionary accepted from peers (a torrent of ~800k pieces); keeps a magnet's memory bounded.
    public static let maxMetadataSize = 16 << 20

    public func encoded() -> ByteBuffer {
        var buffer = ByteBuffer()
        switch self {
        case .request(let piece):
            BencodeValue.dict(["msg_type": .integer(0), "piece": .integer(Int64(piece))]).encode(into: &buffer)
        case .data(let piece, let totalSize, let data):
            BencodeValue.dict(["msg_type": .integer(1), "piece": .integer(Int64(piece)), "total_size": .integer(Int64(totalSize))])
                .encode(into: &buffer)
            buffer.writeImmutableBuffer(data)
        case .reject(let piece):
            BencodeValue.dict(["msg_type": .integer(2), "piece": .integer(Int64(piece))]).encode(into: &buffer)
        }
        return buffer
    }

    /// Decodes a payload (after the extended message id). A `data` piece must be exactly as long as its
    /// place in a metadata of `total_size` bytes requires; `total_size` must be within the bound.
    public init(decoding payload: ByteBuffer) throws(ExtensionMessageError) {
        let bytes = Array(payload.readableBytesView)
        let document: BencodeDocument
        do { document = try BencodeDecoder.decodePrefix(bytes, limits: .message) } catch { throw .bencode(error) }
        guard case .dictionary = document.value else { throw .notADictionary }
        guard let type = document.value["msg_type"]?.integerValue else { throw .missingField("msg_type") }
        guard let rawPiece = document.value["piece"]?.integerValue else { throw .missingField("piece") }
        guard rawPiece >= 0, rawPiece < Int64(Self.maxMetadataSize / Self.pieceLength) else { throw .invalidMetadataPiece(piece: Int(clamping: rawPiece)) }
        let piece = Int(rawPiece)
        // Only `data` carries bytes after its dictionary.
        guard type == 1 || document.consumedCount == bytes.count else { throw .trailingBytes }
        switch type {
        case 0: self = .request(piece: piece)
        case 2: self = .reject(piece: piece)
        case 1:
            guard let rawTotal = document.value["total_size"]?.integerValue else { throw .missingField("total_size") }
            guard rawTotal > 0, rawTotal <= Int64(Self.maxMetadataSize) else {
                throw .metadataTooLarge(size: Int(clamping: rawTotal), limit: Self.maxMetadataSize)
            }
            let totalSize = Int(rawTotal)
            let pieceCount = (totalSize + Self.pieceLength - 1) / Self.pieceLength
            guard piece < pieceCount else { throw .invalidMetadataPiece(piece: piece) }
            let expected = min(Self.pieceLength, totalSize - piece * Self.pieceLength)
            let actual = bytes.count - document.consumedCount
            guard actual == expected else { throw .wrongPieceLength(piece: piece, expected: expected, actual: actual) }
            self = .data(piece: piece, totalSize: totalSize, data: payload.getSlice(at: payload.readerIndex + document.consumedCount, length: actual)!)
        default:
            throw .unknownMessageType(type)
        }
    }
}
