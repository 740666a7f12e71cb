import Foundation
import Hummingbird
import KinoraHTTP
import MetadataProviders
import NIOCore

/// Cached artwork at `/MediaCover/{id}/{type}.jpg` (what `images[].url` says) and under
/// `/api/v3/mediacover/…`. Open like Sonarr's, since `<img>` tags cannot send the API key.
extension LibraryManagerRole {
    func addMediaCoverRoutes(to router: Router<KinoraRequestContext>, api: RouterGroup<KinoraRequestContext>) {
        let handler: @Sendable (Request, KinoraRequestContext) async throws -> Response = { _, context in
            guard let idText = context.parameters.get("id"), let id = Int64(idText), id > 0,
                let file = context.parameters.get("file")
            else { throw ServarrNotFound("Not found") }
            // `poster.jpg`, `poster-250.jpg` (Sonarr's sized variants) → the cover type.
            let stem = String(file.split(separator: ".").first ?? "")
            let coverType = String(stem.split(separator: "-").first ?? "")
            guard ["poster", "fanart", "banner", "clearlogo", "screenshot", "headshot"].contains(coverType) else {
                throw ServarrNotFound("Not found")
            }
            let owner = "\(flavor == .series ? "series" : "movie")-\(id)"
            guard let path = await artwork.path(owner: owner, coverType: coverType),
                let data = FileManager.default.contents(atPath: path)
            else { throw ServarrNotFound("Not found") }
            let type = path.hasSuffix(".png") ? "image/png" : path.hasSuffix(".webp") ? "image/webp" : "image/jpeg"
            return Response(
                status: .ok, headers: [.contentType: type, .cacheControl: "max-age=86400"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("MediaCover/{id}/{file}", use: handler)
        api.get("mediacover/{id}/{file}", use: handler)
    }
}
