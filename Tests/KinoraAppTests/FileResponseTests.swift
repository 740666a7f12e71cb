import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KinoraHTTP
import NIOCore
import Testing

/// `Response.file` over both of its paths: a real socket (the body goes by `sendfile` through NIO's HTTP/1
/// encoder) and HummingbirdTesting's in-memory router (the body is read in `chunk`-sized pieces).
struct FileResponseTests {
    static let chunk = 256 * 1024
    /// Larger than several chunks (and than a socket's buffers), and not a multiple of the chunk.
    static let size = 9 * chunk + 1234

    enum Transport: String, CaseIterable, Sendable { case socket, inMemory }

    struct RangeCase: Sendable, CustomTestStringConvertible {
        let header: String?
        let expected: ClosedRange<Int>
        var testDescription: String { header ?? "no Range" }
    }

    static let cases: [RangeCase] = [
        .init(header: nil, expected: 0...(size - 1)),
        .init(header: "bytes=0-\(chunk - 1)", expected: 0...(chunk - 1)),
        .init(header: "bytes=\(chunk - 1)-\(chunk)", expected: (chunk - 1)...chunk),
        .init(header: "bytes=\(chunk)-\(2 * chunk - 1)", expected: chunk...(2 * chunk - 1)),
        .init(header: "bytes=\(chunk - 10)-\(3 * chunk + 10)", expected: (chunk - 10)...(3 * chunk + 10)),
        .init(header: "bytes=100-\(size - 1)", expected: 100...(size - 1)),
        .init(header: "bytes=\(size - 1)-\(size - 1)", expected: (size - 1)...(size - 1)),
        .init(header: "bytes=10-\(size + 1000)", expected: 10...(size - 1)),
        .init(header: "bytes=\(5 * chunk + 7)-", expected: (5 * chunk + 7)...(size - 1)),
        .init(header: "bytes=-300", expected: (size - 300)...(size - 1)),
        .init(header: "bytes=-\(chunk + 1)", expected: (size - chunk - 1)...(size - 1)),
        .init(header: "bytes=-\(size + 10)", expected: 0...(size - 1)),
    ]

    /// A file whose bytes differ from one position to the next (a misplaced chunk cannot compare equal).
    static func makeFile(in directory: TestDirectory, size: Int) throws -> (path: String, bytes: [UInt8]) {
        var generator = UInt64(0x9E37_79B9_7F4A_7C15)
        let bytes = (0..<size).map { _ -> UInt8 in
            generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: generator >> 33)
        }
        let path = directory.path + "/file.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    static func application(serving path: String) -> some ApplicationProtocol {
        let router = Router(context: KinoraRequestContext.self, options: .autoGenerateHeadEndpoints)  // as the media role's
        router.get("file") { request, context in
            guard let facts = FileFacts(path: path) else { throw HTTPError(.notFound) }
            return Response.file(
                at: path, facts: facts, headers: [.contentType: "application/octet-stream"], request: request, context: context,
                chunkSize: chunk)
        }
        return Application(router: router)
    }

    static func setup(_ transport: Transport) -> TestingSetup { transport == .socket ? .live : .router }

    @Test(arguments: Transport.allCases, cases)
    func rangeIsServedByteForByte(_ transport: Transport, _ range: RangeCase) async throws {
        let directory = try TestDirectory()
        let file = try Self.makeFile(in: directory, size: Self.size)
        try await Self.application(serving: file.path).test(Self.setup(transport)) { client in
            var headers: HTTPFields = [:]
            if let header = range.header { headers[.range] = header }
            try await client.execute(uri: "/file", method: .get, headers: headers) { response in
                #expect(response.status == (range.header == nil ? .ok : .partialContent))
                #expect(response.headers[.acceptRanges] == "bytes")
                #expect(response.headers[.contentType] == "application/octet-stream")
                #expect(response.headers[.contentLength] == String(range.expected.count))
                if range.header != nil {
                    #expect(response.headers[.contentRange] == "bytes \(range.expected.lowerBound)-\(range.expected.upperBound)/\(Self.size)")
                }
                #expect(Array(buffer: response.body) == Array(file.bytes[range.expected]))
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func unsatisfiableHeadAndEmpty(_ transport: Transport) async throws {
        let directory = try TestDirectory()
        let file = try Self.makeFile(in: directory, size: Self.size)
        try await Self.application(serving: file.path).test(Self.setup(transport)) { client in
            for header in ["bytes=\(Self.size)-", "bytes=\(Self.size + 5)-\(Self.size + 9)", "bytes=-0", "lines=1-2", "bytes=9-3"] {
                try await client.execute(uri: "/file", method: .get, headers: [.range: header]) { response in
                    #expect(response.status == .rangeNotSatisfiable, "\(header)")
                    #expect(response.headers[.contentRange] == "bytes */\(Self.size)", "\(header)")
                }
            }
            try await client.execute(uri: "/file", method: .head, headers: [.range: "bytes=10-19"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentLength] == "10")
                #expect(response.headers[.contentRange] == "bytes 10-19/\(Self.size)")
                #expect(response.body.readableBytes == 0)
            }
            // A second request on the same connection after the ranges: the responses stayed framed.
            try await client.execute(uri: "/file", method: .get, headers: [.range: "bytes=0-2"]) { response in
                #expect(Array(buffer: response.body) == Array(file.bytes[0...2]))
            }
        }
        let empty = try TestDirectory()
        let emptyPath = empty.path + "/empty.bin"
        try Data().write(to: URL(fileURLWithPath: emptyPath))
        try await Self.application(serving: emptyPath).test(Self.setup(transport)) { client in
            try await client.execute(uri: "/file", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentLength] == "0")
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func missingOrDirectoryIsNotAFile() throws {
        let directory = try TestDirectory()
        #expect(FileFacts(path: directory.path) == nil)
        #expect(FileFacts(path: directory.path + "/absent") == nil)
        let file = try Self.makeFile(in: directory, size: 10)
        #expect(FileFacts(path: file.path)?.size == 10)
    }
}
