import BitTorrentCore
import Testing

@Suite struct BencodeTests {
    @Test(arguments: [
        ("i0e", BencodeValue.integer(0)),
        ("i42e", .integer(42)),
        ("i-7e", .integer(-7)),
        ("i9223372036854775807e", .integer(.max)),
        ("i-9223372036854775808e", .integer(.min)),
        ("0:", .string([])),
        ("4:spam", .text("spam")),
        ("le", .list([])),
        ("li1e3:abce", .list([.integer(1), .text("abc")])),
        ("de", .dictionary([:])),
        ("d3:cow3:moo4:spam4:eggse", .dict(["cow": .text("moo"), "spam": .text("eggs")])),
        ("d1:ad1:bli1eeee", .dict(["a": .dict(["b": .list([.integer(1)])])])),
    ])
    func decodesAndReencodesCanonicalInput(text: String, expected: BencodeValue) throws {
        let value = try BencodeDecoder.decode(ascii(text))
        #expect(value == expected)
        #expect(value.encoded() == ascii(text))
    }

    @Test(arguments: [
        ("i03e", BencodeError.nonCanonicalInteger(offset: 0)),
        ("i-0e", .nonCanonicalInteger(offset: 0)),
        ("ie", .nonCanonicalInteger(offset: 0)),
        ("i-e", .nonCanonicalInteger(offset: 0)),
        ("i1x", .unexpectedByte(UInt8(ascii: "x"), offset: 2)),
        ("i9223372036854775808e", .integerOverflow(offset: 0)),
        ("i-9223372036854775809e", .integerOverflow(offset: 0)),
        ("i99999999999999999999999e", .integerOverflow(offset: 0)),
        ("03:abc", .nonCanonicalLength(offset: 0)),
        ("5:abc", .lengthExceedsInput(offset: 0)),
        ("3abc", .unexpectedByte(UInt8(ascii: "a"), offset: 1)),
        ("d1:b0:1:a0:e", .unsortedKeys(offset: 6)),
        ("d1:a0:1:a0:e", .duplicateKey(offset: 6)),
        ("di1e0:e", .unexpectedByte(UInt8(ascii: "i"), offset: 1)),
        ("l", .unexpectedEnd(offset: 1)),
        ("d1:a", .unexpectedEnd(offset: 4)),
        ("i1ei2e", .trailingBytes(offset: 3)),
        ("", .unexpectedEnd(offset: 0)),
        ("x", .unexpectedByte(UInt8(ascii: "x"), offset: 0)),
    ])
    func refusesMalformedInput(text: String, expected: BencodeError) {
        #expect(throws: expected) { try BencodeDecoder.decode(ascii(text)) }
    }

    @Test func nestingBombFailsAtTheDepthLimit() {
        let bomb = Array(repeating: UInt8(ascii: "l"), count: 1_000_000)
        #expect(throws: BencodeError.nestingTooDeep(offset: 64, limit: 64)) { try BencodeDecoder.decode(bomb) }
        let fine = Array(repeating: UInt8(ascii: "l"), count: 64) + Array(repeating: UInt8(ascii: "e"), count: 64)
        #expect((try? BencodeDecoder.decode(fine)) != nil)
    }

    @Test func hugeLengthPrefixFailsWithoutAllocating() {
        // A 2 GB claim in a few bytes: refused on the digits, long before the claimed bytes would be read.
        #expect(throws: BencodeError.stringTooLong(offset: 0, limit: 64 << 20)) { try BencodeDecoder.decode(ascii("2147483648:x")) }
        let limits = BencodeLimits(maxInputSize: 100, maxStringLength: 10)
        #expect(throws: BencodeError.stringTooLong(offset: 0, limit: 10)) { try BencodeDecoder.decode(ascii("11:abcdefghijk"), limits: limits) }
        #expect(throws: BencodeError.lengthExceedsInput(offset: 0)) { try BencodeDecoder.decode(ascii("9999999:x")) }
        #expect(throws: BencodeError.stringTooLong(offset: 0, limit: 64 << 20)) {
            try BencodeDecoder.decode(ascii("99999999999999999999999999999:x"))
        }
    }

    @Test func inputAndElementLimits() {
        let limits = BencodeLimits(maxInputSize: 8, maxElementCount: 3)
        #expect(throws: BencodeError.inputTooLarge(size: 9, limit: 8)) { try BencodeDecoder.decode(ascii("li1ei2ee0"), limits: limits) }
        #expect(throws: BencodeError.tooManyElements(offset: 7, limit: 3)) { try BencodeDecoder.decode(ascii("li1ei2ei3ee"), limits: BencodeLimits(maxElementCount: 3)) }
        #expect((try? BencodeDecoder.decode(ascii("li1ei2ee"), limits: limits)) == .list([.integer(1), .integer(2)]))
    }

    @Test func keysCompareAsRawBytesNotText() throws {
        // 0x7A ("z") sorts before 0xC3 (first byte of "é"): byte order, as BEP 3 says.
        let input: [UInt8] = ascii("d1:zi1e2:") + [0xC3, 0xA9] + ascii("i2ee")
        let value = try BencodeDecoder.decode(input)
        #expect(value.encoded() == input)
        #expect(value["é"] == .integer(2))
    }

    @Test func rawRangeOfTheInfoDictionaryIsExactlyItsBytes() throws {
        let document = try BencodeDecoder.decodeDocument(Fixtures.singleFile)
        let range = try #require(document.range(ofTopLevelKey: "info"))
        #expect(Array(Fixtures.singleFile[range]) == Fixtures.singleFileInfo)
        #expect(document.range(ofTopLevelKey: "announce").map { Array(Fixtures.singleFile[$0]) } == ascii("30:http://127.0.0.1:6969/announce"))
    }

    @Test func prefixDecodeReportsWhereTheValueEnds() throws {
        // A ut_metadata data message: a dictionary followed by raw metadata bytes.
        let message = ascii("d8:msg_typei1e5:piecei0ee") + [0xDE, 0xAD]
        let document = try BencodeDecoder.decodePrefix(message)
        #expect(document.consumedCount == message.count - 2)
        #expect(document.value["msg_type"] == .integer(1))
    }

    @Test func encoderSortsKeys() {
        let value = BencodeValue.dictionary([ascii("b"): .integer(2), ascii("a"): .integer(1), ascii("ab"): .list([])])
        #expect(value.encoded() == ascii("d1:ai1e2:able1:bi2ee"))
    }
}
