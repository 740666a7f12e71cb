import BitTorrentCore
import Testing

@Suite struct BitfieldTests {
    @Test func bitOrderIsHighBitFirst() throws {
        var field = Bitfield(count: 10)
        field[0] = true
        field[9] = true
        #expect(field.bytes == [0x80, 0x40])
        #expect(field.setCount == 2)
        #expect(field.setIndices == [0, 9])
        field[0] = true
        #expect(field.setCount == 2)
        field[0] = false
        #expect(field.setCount == 1)
        #expect(!field[0])
    }

    @Test func allSetLeavesSpareBitsClear() {
        let field = Bitfield(count: 10, allSet: true)
        #expect(field.bytes == [0xFF, 0xC0])
        #expect(field.isComplete)
        #expect(Bitfield(count: 16, allSet: true).bytes == [0xFF, 0xFF])
        #expect(Bitfield(count: 0).isComplete)
    }

    @Test(arguments: [
        ([UInt8]([0xFF, 0xC0]), 10, Optional<BitfieldError>.none),
        ([0xFF, 0xE0], 10, .spareBitsSet),
        ([0xFF, 0xC1], 10, .spareBitsSet),
        ([0xFF], 10, .wrongLength(expected: 2, actual: 1)),
        ([0xFF, 0x00, 0x00], 10, .wrongLength(expected: 2, actual: 3)),
        ([0xFF], 8, nil),
        ([], 0, nil),
    ])
    func validatingAPeersBitfield(bytes: [UInt8], count: Int, expected: BitfieldError?) throws {
        if let expected {
            #expect(throws: expected) { try Bitfield(validating: bytes, count: count) }
        } else {
            let field = try Bitfield(validating: bytes, count: count)
            #expect(field.bytes == bytes)
            #expect(field.setCount == bytes.reduce(0) { $0 + $1.nonzeroBitCount })
        }
    }
}
