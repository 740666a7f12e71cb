import Hummingbird
import KinoraHTTP
import Testing

/// `Response.byteRange`: the `Range` header forms players send, read without Foundation.
struct ByteRangeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let header: String
        let expected: ClosedRange<Int>?
        var testDescription: String { header }
    }

    static let size = 1000

    static let cases: [Case] = [
        .init(header: "bytes=0-99", expected: 0...99),
        .init(header: "Bytes=0-99", expected: 0...99),
        .init(header: "BYTES=10-", expected: 10...999),
        .init(header: "bytes=-100", expected: 900...999),
        .init(header: "bytes=-5000", expected: 0...999),
        .init(header: "bytes=990-5000", expected: 990...999),
        .init(header: "bytes= 5-9 ", expected: 5...9),
        .init(header: "bytes=\t5-9, 20-30", expected: 5...9),
        .init(header: "bytes=999-999", expected: 999...999),
        .init(header: "bytes=1000-", expected: nil),
        .init(header: "bytes=9-5", expected: nil),
        .init(header: "bytes=-0", expected: nil),
        .init(header: "bytes=-", expected: nil),
        .init(header: "bytes=", expected: nil),
        .init(header: "bytes=abc-def", expected: nil),
        .init(header: "bytes=5", expected: nil),
        .init(header: "items=0-9", expected: nil),
        .init(header: "byte", expected: nil),
        .init(header: "bytés=0-9", expected: nil),
    ]

    @Test(arguments: cases) func range(_ example: Case) {
        #expect(Response.byteRange(example.header, size: Self.size) == example.expected)
    }

    @Test func nothingIsSatisfiableInAnEmptyFile() {
        #expect(Response.byteRange("bytes=0-", size: 0) == nil)
    }
}
