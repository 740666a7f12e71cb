import Crypto
import NIOCore

/// SHA-1 over a torrent's byte stream, cut into pieces: feed the files' bytes in order, in chunks of
/// any size, and collect the concatenated 20-byte piece hashes (for `torrent create` or a full recheck).
public struct PieceHasher: Sendable {
    public let pieceLength: Int
    /// Hashes of the pieces completed so far.
    public private(set) var hashes: [UInt8] = []
    private var hasher = Insecure.SHA1()
    private var filled = 0

    public init(pieceLength: Int) {
        precondition(pieceLength > 0, "piece length must be positive")
        self.pieceLength = pieceLength
    }

    public mutating func update(_ bytes: some Collection<UInt8>) {
        var remaining = bytes[...]
        while !remaining.isEmpty {
            let take = min(pieceLength - filled, remaining.count)
            let end = remaining.index(remaining.startIndex, offsetBy: take)
            hasher.update(data: Array(remaining[..<end]))
            remaining = remaining[end...]
            filled += take
            if filled == pieceLength { finishPiece() }
        }
    }

    /// Hashes straight from the buffer's storage, without a copy (the recheck path).
    public mutating func update(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let take = min(pieceLength - filled, raw.count - offset)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + take)]))
                offset += take
                filled += take
                if filled == pieceLength { finishPiece() }
            }
        }
    }

    /// Hashes of every piece, the shorter last one included.
    public mutating func finalize() -> [UInt8] {
        if filled > 0 { finishPiece() }
        return hashes
    }

    private mutating func finishPiece() {
        hashes.append(contentsOf: hasher.finalize())
        hasher = Insecure.SHA1()
        filled = 0
    }

    /// SHA-1 of each 16 KiB block of a piece, for smart-ban attribution (`TorrentSession`).
    public static func blockDigests(of piece: ByteBuffer) -> [[UInt8]] {
        var hasher = PieceHasher(pieceLength: BitTorrentCore.blockLength)
        hasher.update(piece)
        let all = hasher.finalize()
        return stride(from: 0, to: all.count, by: 20).map { Array(all[$0..<($0 + 20)]) }
    }

    /// Whether one piece's bytes match its expected hash.
    public static func matches(_ data: ByteBuffer, expected: some Collection<UInt8>) -> Bool {
        var hasher = Insecure.SHA1()
        data.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        return Array(hasher.finalize()).elementsEqual(expected)
    }
}

extension TorrentMetainfo {
    /// Whether a whole piece's bytes hash to what the torrent says.
    public func verify(piece: Int, data: ByteBuffer) -> Bool {
        data.readableBytes == layout.length(ofPiece: piece) && PieceHasher.matches(data, expected: pieceHash(piece))
    }
}
