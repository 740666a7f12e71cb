import BitTorrentCore
import Testing

@Suite struct TorrentLayoutTests {
    /// album: a.flac 40000, padding 25536, b.txt 100; 32 KiB pieces.
    let album = TorrentLayout(pieceLength: 32768, fileLengths: [40000, 25536, 100])!

    @Test func piecesAndBlocks() {
        #expect(album.totalLength == 65636)
        #expect(album.pieceCount == 3)
        #expect((0..<3).map(album.length(ofPiece:)) == [32768, 32768, 100])
        #expect(album.blocks(ofPiece: 0) == [
            BlockRequest(piece: 0, offset: 0, length: 16384), BlockRequest(piece: 0, offset: 16384, length: 16384),
        ])
        #expect(album.blocks(ofPiece: 2) == [BlockRequest(piece: 2, offset: 0, length: 100)])
        let odd = TorrentLayout(pieceLength: 40000, fileLengths: [90000])!
        #expect(odd.blocks(ofPiece: 2) == [BlockRequest(piece: 2, offset: 0, length: 10000)])
        #expect(odd.blocks(ofPiece: 0).map(\.length) == [16384, 16384, 7232])
    }

    @Test func filesToPieces() {
        #expect(album.pieces(ofFile: 0) == 0..<2)
        #expect(album.pieces(ofFile: 1) == 1..<2)
        #expect(album.pieces(ofFile: 2) == 2..<3)
    }

    @Test func piecesToFiles() {
        #expect(album.fileSpans(ofPiece: 0) == [FileSpan(file: 0, fileOffset: 0, pieceOffset: 0, length: 32768)])
        #expect(album.fileSpans(ofPiece: 1) == [
            FileSpan(file: 0, fileOffset: 32768, pieceOffset: 0, length: 7232),
            FileSpan(file: 1, fileOffset: 0, pieceOffset: 7232, length: 25536),
        ])
        #expect(album.fileSpans(ofPiece: 2) == [FileSpan(file: 2, fileOffset: 0, pieceOffset: 0, length: 100)])
        #expect(album.fileSpans(ofPiece: 1, offset: 7000, length: 1000) == [
            FileSpan(file: 0, fileOffset: 39768, pieceOffset: 7000, length: 232),
            FileSpan(file: 1, fileOffset: 0, pieceOffset: 7232, length: 768),
        ])
    }

    @Test func emptyFilesAreSkipped() {
        let layout = TorrentLayout(pieceLength: 4, fileLengths: [0, 5, 0, 5])!
        #expect(layout.pieceCount == 3)
        #expect(layout.pieces(ofFile: 0).isEmpty)
        #expect(layout.pieces(ofFile: 2).isEmpty)
        #expect(layout.pieces(ofFile: 3) == 1..<3)
        #expect(layout.fileSpans(ofPiece: 1) == [
            FileSpan(file: 1, fileOffset: 4, pieceOffset: 0, length: 1),
            FileSpan(file: 3, fileOffset: 0, pieceOffset: 1, length: 3),
        ])
        #expect(layout.fileSpans(ofPiece: 2) == [FileSpan(file: 3, fileOffset: 3, pieceOffset: 0, length: 2)])
    }

    @Test func spansCoverEveryByteExactlyOnce() {
        // Property over many shapes: the spans of all pieces tile every file exactly, in order.
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let lengths = (0..<Int(generator.next() % 6 + 1)).map { _ in Int(generator.next() % 3000) }
            guard let layout = TorrentLayout(pieceLength: Int(generator.next() % 700 + 1), fileLengths: lengths) else { continue }
            var covered = Array(repeating: 0, count: lengths.count)
            for piece in 0..<layout.pieceCount {
                let spans = layout.fileSpans(ofPiece: piece)
                #expect(spans.map(\.length).reduce(0, +) == layout.length(ofPiece: piece))
                for span in spans {
                    #expect(span.fileOffset == covered[span.file])
                    covered[span.file] += span.length
                    #expect(layout.pieces(ofFile: span.file).contains(piece))
                }
            }
            #expect(covered == lengths)
        }
    }

    @Test(arguments: [
        (BlockRequest(piece: 0, offset: 0, length: 16384), true),
        (BlockRequest(piece: 2, offset: 0, length: 100), true),
        (BlockRequest(piece: 2, offset: 0, length: 101), false),
        (BlockRequest(piece: 0, offset: 0, length: 16385), false),
        (BlockRequest(piece: 0, offset: 0, length: 0), false),
        (BlockRequest(piece: 3, offset: 0, length: 1), false),
        (BlockRequest(piece: 1, offset: 32767, length: 1), true),
        (BlockRequest(piece: 1, offset: 32768, length: 1), false),
    ])
    func requestValidity(request: BlockRequest, valid: Bool) {
        #expect(album.isValid(request) == valid)
    }

    @Test func invalidShapesAreRefused() {
        #expect(TorrentLayout(pieceLength: 0, fileLengths: [1]) == nil)
        #expect(TorrentLayout(pieceLength: 1, fileLengths: [-1]) == nil)
        #expect(TorrentLayout(pieceLength: 1, fileLengths: [Int.max, 1]) == nil)
    }
}
