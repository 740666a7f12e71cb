import Foundation
import HTTPTypes
import Hummingbird
import KinoraHTTP
import MediaCore

/// Direct play: the file as it is, with byte ranges (players seek by asking for ranges) and HEAD.
extension MediaRole {
    func addStreamRoutes(to router: Router<KinoraRequestContext>) {
        // `stream`, `stream.mkv`, `master.m3u8`, `main.m3u8`: one route, told apart by the last component.
        router.get("Videos/{id}/{source}") { request, context in
            let file = context.parameters.get("source")?.lowercased() ?? ""
            if file == "stream" || file.hasPrefix("stream.") { return try await stream(request, context, download: false) }
            if file == "master.m3u8" { return try await hlsMaster(request, context) }
            if file == "main.m3u8" { return try await hlsPlaylist(request, context) }
            throw JellyfinError.notFound("Not found")
        }
        router.get("Items/{id}/Download") { request, context in try await stream(request, context, download: true) }
    }

    func stream(_ request: Request, _ context: KinoraRequestContext, download: Bool) async throws -> Response {
        let item = try await visibleItem(try itemID(context), to: try await authenticated(request))
        guard let path = item.path, !item.type.isFolder else {
            throw JellyfinError.notFound("Item not found")
        }
        return try await serveFile(path, contentType: Self.contentType(container: item.container, path: path), request: request, context: context,
                                   downloadName: download ? (path as NSString).lastPathComponent : nil)
    }

    /// A file with `Accept-Ranges`, one byte range (206) or the whole (200), and 416 for a range past the end.
    func serveFile(_ path: String, contentType: String, request: Request, context: KinoraRequestContext, downloadName: String? = nil) async throws -> Response {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = (attributes[.size] as? NSNumber)?.intValue
        else { throw JellyfinError.notFound("The file of this item is missing") }
        var headers: HTTPFields = [.contentType: contentType, .acceptRanges: "bytes"]
        if let modified = attributes[.modificationDate] as? Date {
            headers[.eTag] = "\"" + Self.tag(path, size, modified.timeIntervalSince1970) + "\""
        }
        if let downloadName {
            let escaped = downloadName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
            headers[.contentDisposition] = "attachment; filename*=UTF-8''\(escaped)"
        }
        let fileIO = FileIO()
        if let rangeHeader = request.headers[.range] {
            guard let range = Self.byteRange(rangeHeader, size: size) else {
                headers[.contentRange] = "bytes */\(size)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = String(range.count)
            if request.method == .head { return Response(status: .partialContent, headers: headers) }
            let body = try await fileIO.loadFile(path: path, range: range, context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        }
        headers[.contentLength] = String(size)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        let body = try await fileIO.loadFile(path: path, context: context)
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The one range of `bytes=a-b`, `bytes=a-` or `bytes=-n` within a file of `size` bytes; nil when
    /// unsatisfiable. Several ranges are answered with the first, as most servers of video do.
    static func byteRange(_ header: String, size: Int) -> ClosedRange<Int>? {
        guard size > 0, header.lowercased().hasPrefix("bytes=") else { return nil }
        let first = header.dropFirst(6).split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let parts = first.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
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

    static func contentType(container: String?, path: String) -> String {
        switch (container ?? (path as NSString).pathExtension).lowercased() {
        case "mp4", "m4v", "mov": "video/mp4"
        case "mkv": "video/x-matroska"
        case "webm": "video/webm"
        case "avi": "video/x-msvideo"
        case "ts", "m2ts", "mpegts": "video/mp2t"
        case "wmv": "video/x-ms-wmv"
        case "mpg", "mpeg": "video/mpeg"
        default: "application/octet-stream"
        }
    }
}
