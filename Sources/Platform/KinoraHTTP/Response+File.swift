#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import NIOPosix

/// What a response about a file needs to know before sending it, from one `stat(2)`.
public struct FileFacts: Sendable, Equatable {
    public let size: Int
    /// Modification time, seconds since 1970.
    public let modified: Double

    /// The regular file at `path` (symbolic links followed); nil when it is missing or not a regular file.
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    init?(_ status: stat) {
        guard status.st_mode & S_IFMT == S_IFREG else { return nil }
        size = Int(status.st_size)
        #if canImport(Darwin)
        modified = Double(status.st_mtimespec.tv_sec) + Double(status.st_mtimespec.tv_nsec) / 1e9
        #else
        modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
        #endif
    }
}

extension FileFacts {
    /// A strong validator for the file as it is now, from its modification time (microseconds) and size in hex, as
    /// nginx forms its own: it changes when the file is replaced or written, and costs no hashing per request.
    public var entityTag: String {
        "\"" + String(Int64(modified * 1_000_000), radix: 16) + "-" + String(size, radix: 16) + "\""
    }
}

/// A file body could not be sent as its head promised.
public enum FileBodyError: Error, CustomStringConvertible {
    case shrunk(path: String, size: Int, needed: Int)

    public var description: String {
        switch self {
        case .shrunk(let path, let size, let needed): "\(path) is now \(size) bytes, fewer than the \(needed) promised"
        }
    }
}

extension Response {
    /// A file with `Accept-Ranges`: one byte range (206 with `Content-Range`), the whole (200), or 416 for a
    /// range past the end; no body for HEAD. `headers` (type, tags, disposition) are kept.
    public static func file(
        at path: String, facts: FileFacts, headers: HTTPFields, request: Request, context: KinoraRequestContext,
        chunkSize: Int = ResponseBody.fileChunkSize
    ) -> Response {
        var headers = headers
        headers[.acceptRanges] = "bytes"
        let status: HTTPResponse.Status
        let range: ClosedRange<Int>
        if let rangeHeader = request.headers[.range] {
            guard let asked = byteRange(rangeHeader, size: facts.size) else {
                headers[.contentRange] = "bytes */\(facts.size)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            headers[.contentRange] = "bytes \(asked.lowerBound)-\(asked.upperBound)/\(facts.size)"
            (status, range) = (.partialContent, asked)
        } else if facts.size > 0 {
            (status, range) = (.ok, 0...(facts.size - 1))
        } else {
            headers[.contentLength] = "0"
            return Response(status: .ok, headers: headers)
        }
        headers[.contentLength] = String(range.count)
        if request.method == .head { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: .file(at: path, range: range, context: context, chunkSize: chunkSize))
    }

    /// The one range of `bytes=a-b`, `bytes=a-` or `bytes=-n` within a file of `size` bytes; nil when
    /// unsatisfiable. Several ranges are answered with the first, as most servers of video do. Read byte by byte,
    /// without Foundation's case folding and trimming: this runs for every range request of a player.
    public static func byteRange(_ header: String, size: Int) -> ClosedRange<Int>? {
        let unit = "bytes=".utf8
        guard size > 0, header.utf8.count > unit.count,
            zip(header.utf8, unit).allSatisfy({ $0.asciiLowercased == $1 })
        else { return nil }
        var first = header.utf8.dropFirst(unit.count).prefix { $0 != UInt8(ascii: ",") }
        while let byte = first.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { first = first.dropFirst() }
        while let byte = first.last, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { first = first.dropLast() }
        let parts = Substring(first).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let suffix = Int(parts[1]), suffix > 0 else { return nil }
            return max(size - suffix, 0)...(size - 1)
        }
        guard let start = Int(parts[0]), start >= 0, start < size else { return nil }
        if parts[1].isEmpty { return start...(size - 1) }
        guard let end = Int(parts[1]), end >= start else { return nil }
        return start...min(end, size - 1)
    }
}

extension ResponseBody {
    /// The default piece size when a file body cannot go by `sendfile`: large enough that the thread-pool hop
    /// is small beside the copy, small enough that a hundred readers stay within tens of MiB.
    public static let fileChunkSize = 512 * 1024

    /// Bytes `range` of the file at `path`, without holding them in memory: on a plain HTTP/1 connection the
    /// kernel copies them from the page cache to the socket (`sendfile` through a NIO `FileRegion`); elsewhere
    /// (in-memory test channels) they are read in `chunkSize` pieces, each written — and waited for, so memory
    /// stays bounded — before the next is read. The file is opened (and closed) only when the body is written,
    /// so a response that is never sent leaks nothing.
    public static func file(
        at path: String, range: ClosedRange<Int>, context: KinoraRequestContext, chunkSize: Int = fileChunkSize
    ) -> ResponseBody {
        let channel = context.channel
        return ResponseBody(contentLength: range.count) { writer in
            let fileIO = NonBlockingFileIO(threadPool: .singleton)
            try await fileIO.withFileHandle(_deprecatedPath: path, mode: .read) { handle in
                // The head promised `range`: a file cut short since the stat must fail the response, not hang it.
                let size = try handle.withUnsafeFileDescriptor { descriptor in
                    var status = stat()
                    guard fstat(descriptor, &status) == 0 else { return 0 }
                    return Int(status.st_size)
                }
                guard size > range.upperBound else { throw FileBodyError.shrunk(path: path, size: size, needed: range.upperBound + 1) }
                let region = FileRegion(fileHandle: handle, readerIndex: range.lowerBound, endIndex: range.upperBound + 1)
                if try await sendThroughKernel(region, on: channel) { return }
                var offset = range.lowerBound
                while offset <= range.upperBound {
                    let count = min(chunkSize, range.upperBound + 1 - offset)
                    let chunk = try await fileIO.read(
                        fileHandle: handle, fromOffset: Int64(offset), byteCount: count, allocator: channel.allocator)
                    guard chunk.readableBytes > 0 else { throw FileBodyError.shrunk(path: path, size: offset, needed: range.upperBound + 1) }
                    offset += chunk.readableBytes
                    try await writer.write(chunk)
                }
            }
            try await writer.finish(nil)
        }
    }

    /// Writes `region` as the body part of the response in progress, below Hummingbird's typed HTTP parts: into
    /// NIO's HTTP/1 encoder, which passes a `FileRegion` to the socket as it is (`sendfile`). Returns false,
    /// having written nothing, when the channel has no such encoder (tests' in-memory channels, HTTP/2).
    ///
    /// Hummingbird writes the head through its async writer before calling the body closure, and that writer
    /// hands each part to the event loop before `write` returns; this write is queued on the same event loop
    /// after it, and the end of the response is written only once this write has completed, so the parts
    /// stay in order. Completion of the write is the back-pressure: the region has then gone to the socket.
    static func sendThroughKernel(_ region: FileRegion, on channel: any Channel) async throws -> Bool {
        try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<Bool> in
            guard let codec = try? channel.pipeline.syncOperations.context(handlerType: HTTP1ToHTTPServerCodec.self) else {
                return channel.eventLoop.makeSucceededFuture(false)
            }
            return codec.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.fileRegion(region)))).map { true }
        }.get()
    }
}
