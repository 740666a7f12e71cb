/// How a torrent's bytes are cut: one byte space split into pieces (for hashing and the wire) and into
/// files (for the disk). This answers "which files does piece N touch" and "which pieces hold file F".
public struct TorrentLayout: Sendable, Hashable {
    public let pieceLength: Int
    public let totalLength: Int
    /// Length of each file in torrent order, padding files included.
    public let fileLengths: [Int]
    /// Offset of each file in the torrent's byte space.
    public let fileOffsets: [Int]

    /// Nil when a length is negative, the piece length is not positive, or the total overflows.
    public init?(pieceLength: Int, fileLengths: [Int]) {
        guard pieceLength > 0 else { return nil }
        var offsets: [Int] = []
        offsets.reserveCapacity(fileLengths.count)
        var total = 0
        for length in fileLengths {
            guard length >= 0 else { return nil }
            offsets.append(total)
            let (sum, overflow) = total.addingReportingOverflow(length)
            guard !overflow else { return nil }
            total = sum
        }
        self.pieceLength = pieceLength
        self.totalLength = total
        self.fileLengths = fileLengths
        self.fileOffsets = offsets
    }

    public var pieceCount: Int { totalLength == 0 ? 0 : (totalLength - 1) / pieceLength + 1 }

    /// Every piece is `pieceLength` long except the last, which holds the remainder.
    public func length(ofPiece piece: Int) -> Int {
        precondition(piece >= 0 && piece < pieceCount, "piece \(piece) out of range")
        return min(pieceLength, totalLength - piece * pieceLength)
    }

    public func blockCount(ofPiece piece: Int) -> Int {
        (length(ofPiece: piece) + BitTorrentCore.blockLength - 1) / BitTorrentCore.blockLength
    }

    /// The `index`-th 16 KiB block of a piece; the last block of the last piece may be shorter.
    public func block(_ index: Int, ofPiece piece: Int) -> BlockRequest {
        let pieceLength = length(ofPiece: piece)
        let offset = index * BitTorrentCore.blockLength
        precondition(offset < pieceLength, "block \(index) out of range in piece \(piece)")
        return BlockRequest(piece: piece, offset: offset, length: min(BitTorrentCore.blockLength, pieceLength - offset))
    }

    public func blocks(ofPiece piece: Int) -> [BlockRequest] {
        (0..<blockCount(ofPiece: piece)).map { block($0, ofPiece: piece) }
    }

    /// True when a peer's request names bytes that exist and is no longer than a block; anything else
    /// is a protocol violation the engine should answer by closing (or rejecting, with the fast extension).
    public func isValid(_ request: BlockRequest) -> Bool {
        guard request.piece >= 0, request.piece < pieceCount else { return false }
        guard request.length > 0, request.length <= BitTorrentCore.blockLength, request.offset >= 0 else { return false }
        return request.offset <= length(ofPiece: request.piece) - request.length
    }

    /// The pieces that hold any byte of a file; empty for a zero-length file.
    public func pieces(ofFile file: Int) -> Range<Int> {
        let length = fileLengths[file]
        guard length > 0 else { return 0..<0 }
        let start = fileOffsets[file]
        return (start / pieceLength)..<((start + length - 1) / pieceLength + 1)
    }

    /// The part of each file a piece covers, in order; zero-length files are skipped.
    public func fileSpans(ofPiece piece: Int) -> [FileSpan] {
        fileSpans(ofPiece: piece, offset: 0, length: length(ofPiece: piece))
    }

    /// The file spans of a byte range within a piece (a block being written or read).
    public func fileSpans(ofPiece piece: Int, offset: Int, length: Int) -> [FileSpan] {
        precondition(offset >= 0 && length >= 0 && offset + length <= self.length(ofPiece: piece), "range outside piece \(piece)")
        var spans: [FileSpan] = []
        var position = piece * pieceLength + offset
        let end = position + length
        var file = fileIndex(containing: position)
        while position < end, file < fileLengths.count {
            let fileEnd = fileOffsets[file] + fileLengths[file]
            if fileEnd > position {
                let spanLength = min(end, fileEnd) - position
                spans.append(
                    FileSpan(
                        file: file,
                        fileOffset: position - fileOffsets[file],
                        pieceOffset: position - piece * pieceLength,
                        length: spanLength
                    )
                )
                position += spanLength
            }
            file += 1
        }
        return spans
    }

    /// The first non-empty file whose bytes include `position` (binary search over the offsets).
    func fileIndex(containing position: Int) -> Int {
        var low = 0
        var high = fileOffsets.count
        while low < high {
            let middle = (low + high) / 2
            if fileOffsets[middle] + fileLengths[middle] <= position { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A run of bytes shared by one piece and one file.
public struct FileSpan: Sendable, Hashable {
    public var file: Int
    public var fileOffset: Int
    public var pieceOffset: Int
    public var length: Int

    public init(file: Int, fileOffset: Int, pieceOffset: Int, length: Int) {
        self.file = file
        self.fileOffset = fileOffset
        self.pieceOffset = pieceOffset
        self.length = length
    }
}
