import Foundation
import Hummingbird
import KinoraHTTP
import Logging
import MediaCore
import MediaTools

/// `Items/{id}/Images/{type}[/{index}]`: an item's artwork, scaled to what the client asks for.
/// Anonymous, as on Jellyfin: `<img>` tags cannot send a token, and artwork is not the media.
extension MediaRole {
    func addImageRoutes(to router: Router<KinoraRequestContext>) {
        router.get("Items/{id}/Images/{type}") { request, context in try await itemImage(request, context) }
        router.get("Items/{id}/Images/{type}/{index}") { request, context in try await itemImage(request, context) }
    }

    func itemImage(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        guard let name = context.parameters.get("type"), let type = ImageType(jellyfinName: name) else {
            throw JellyfinError.notFound("Image type not found")
        }
        // Only one image of each type is kept; index 0 is it, as Jellyfin numbers backdrops.
        if let index = context.parameters.get("index"), index != "0" { throw JellyfinError.notFound("Image not found") }
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        let asked: ImageRequest
        do { asked = try ImageRequest.parse(query) } catch { throw JellyfinError.badRequest(error.description) }
        guard let item = try await store.item(id: try itemID(context)) else { throw JellyfinError.notFound("Item not found") }
        guard let source = try await imageSource(of: item, type) else { throw JellyfinError.notFound("Image not found") }
        let image: (path: String, format: ImageFormat?)
        do {
            image = try await images.image(source: source.path, sourceKey: source.key, request: asked)
        } catch {
            environment.logger.warning("could not render an image", metadata: ["item": "\(item.id)", "error": "\(error)"])
            throw JellyfinError.notFound("Image not found")
        }
        var response = try await serveFile(
            image.path, contentType: image.format?.mimeType ?? Self.imageContentType(of: image.path), request: request, context: context)
        // A tagged URL names one version of the image: clients may keep it.
        response.headers[.cacheControl] = request.queryValue(named: "tag") == nil ? "public, max-age=3600" : "public, max-age=31536000, immutable"
        return response
    }

    /// The file behind an item's image and a key naming its version (for the cache): a sidecar image,
    /// or for a video without a Primary image, a frame grabbed a tenth of the way in.
    func imageSource(of item: MediaItem, _ type: ImageType) async throws -> (path: String, key: String)? {
        if let path = item.images[type.rawValue] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            return (path, Self.tag(item.id, type.rawValue, path, size, modified))
        }
        guard type == .primary, let tag = frameTag(of: item), let video = item.path else { return nil }
        let seconds = Double(item.runtimeTicks ?? 0) / 10_000_000 / 10
        guard let frame = try await images.frame(of: video, at: seconds, key: tag) else { return nil }
        return (frame, tag)
    }

    /// The tag of a grabbed frame, for videos that can give one.
    func frameTag(of item: MediaItem) -> String? {
        guard [.movie, .episode, .video].contains(item.type), item.images[ImageType.primary.rawValue] == nil,
            let path = item.path, item.probeError == nil, toolchain.ffmpeg != nil,
            item.media?.streams.contains(where: { $0.type == .video }) ?? false
        else { return nil }
        return Self.tag("frame", item.id, path, item.modifiedAt ?? 0)
    }

    /// For a source ffmpeg could not size (GIF, BMP, Kodi's `.tbn` JPEGs): by its extension.
    static func imageContentType(of path: String) -> String {
        let fileExtension = (path as NSString).pathExtension.lowercased()
        if let format = ImageFormat(name: fileExtension == "tbn" ? "jpg" : fileExtension) { return format.mimeType }
        return ["gif": "image/gif", "bmp": "image/bmp"][fileExtension] ?? "application/octet-stream"
    }
}
