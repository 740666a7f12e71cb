import Foundation
import Hummingbird
import KinoraHTTP
import MediaCore

/// `PlaybackInfo`: how a client gets an item — the file itself when it can play it, else HLS from the
/// transcoder — and the HLS playlists and segments.
extension MediaRole {
    func addPlaybackRoutes(to router: Router<KinoraRequestContext>) {
        router.post("Items/{id}/PlaybackInfo") { request, context in try await playbackInfo(request, context) }
        router.get("Items/{id}/PlaybackInfo") { request, context in try await playbackInfo(request, context) }
    }

    func playbackInfo(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        _ = try authenticated(request)
        guard let item = try await store.item(id: try itemID(context)), !item.type.isFolder else { throw JellyfinError.notFound("Item not found") }
        let source = mediaSource(for: item)
        return try jellyfinJSON(PlaybackInfoResponse(MediaSources: [source], PlaySessionId: Self.tag(UUID().uuidString)))
    }

    func hlsMaster(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        throw JellyfinError.notFound("Not found")
    }

    func hlsPlaylist(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        throw JellyfinError.notFound("Not found")
    }

    struct PlaybackInfoResponse: Encodable {
        let MediaSources: [MediaSourceInfo]
        let PlaySessionId: String
    }
}
