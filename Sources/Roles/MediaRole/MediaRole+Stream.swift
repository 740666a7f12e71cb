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
        let caller = try await authenticated(request)
        // The cached stream source, not the item: a range request should touch no database (see `MediaStoreCaches`).
        guard let source = try await store.streamSource(id: try itemID(context)), caller.canSee(libraryId: source.libraryId),
            let path = source.path
        else { throw JellyfinError.notFound("Item not found") }
        return try await serveFile(path, contentType: Self.contentType(container: source.container, path: path), request: request, context: context,
                                   downloadName: download ? (path as NSString).lastPathComponent : nil)
    }

    /// A file with byte ranges (`Response.file`), tagged by size and modification time. The body goes from
    /// the page cache to the socket without passing through memory.
    func serveFile(_ path: String, contentType: String, request: Request, context: KinoraRequestContext, downloadName: String? = nil) async throws -> Response {
        guard let facts = FileFacts(path: path) else { throw JellyfinError.notFound("The file of this item is missing") }
        var headers: HTTPFields = [.contentType: contentType]
        headers[.eTag] = facts.entityTag
        if let downloadName {
            let escaped = downloadName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
            headers[.contentDisposition] = "attachment; filename*=UTF-8''\(escaped)"
        }
        return .file(at: path, facts: facts, headers: headers, request: request, context: context)
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
