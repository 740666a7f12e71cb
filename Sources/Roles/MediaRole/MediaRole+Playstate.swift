import Foundation
import Hummingbird
import KinoraCore
import KinoraHTTP
import MediaCore

/// Playback reports and a user's state of items: resume positions by Jellyfin's rules, played marks
/// and favourites, at the current paths and the legacy `Users/{userId}/…` ones.
extension MediaRole {
    func addPlaystateRoutes(to router: Router<KinoraRequestContext>) {
        router.post("Sessions/Playing") { request, context in try await report(request, context, stage: .start) }
        router.post("Sessions/Playing/Progress") { request, context in try await report(request, context, stage: .progress) }
        router.post("Sessions/Playing/Stopped") { request, context in try await report(request, context, stage: .stop) }
        router.post("Sessions/Playing/Ping") { request, _ in
            _ = try await authenticated(request)
            if let session = request.queryValue(named: "PlaySessionId") { await transcodes.keepAlive(playSession: session) }
            return Response(status: .noContent)
        }
        router.post("Sessions/Capabilities") { request, _ in _ = try await authenticated(request); return Response(status: .noContent) }
        router.post("Sessions/Capabilities/Full") { request, _ in _ = try await authenticated(request); return Response(status: .noContent) }

        router.post("UserPlayedItems/{id}") { request, context in try await setPlayed(request, context, true) }
        router.delete("UserPlayedItems/{id}") { request, context in try await setPlayed(request, context, false) }
        router.post("Users/{userId}/PlayedItems/{id}") { request, context in try await setPlayed(request, context, true) }
        router.delete("Users/{userId}/PlayedItems/{id}") { request, context in try await setPlayed(request, context, false) }
        router.post("UserFavoriteItems/{id}") { request, context in try await setFavorite(request, context, true) }
        router.delete("UserFavoriteItems/{id}") { request, context in try await setFavorite(request, context, false) }
        router.post("Users/{userId}/FavoriteItems/{id}") { request, context in try await setFavorite(request, context, true) }
        router.delete("Users/{userId}/FavoriteItems/{id}") { request, context in try await setFavorite(request, context, false) }
        router.get("UserItems/{id}/UserData") { request, context in
            let (userId, item) = try await userAndItem(request, context)
            let data = try await store.userData(userId: userId, itemIds: [item.id])[item.id]
            return try jellyfinJSON(userDataDto(data, item: item, counts: nil))
        }
    }

    enum ReportStage { case start, progress, stop }

    /// `PlaybackStartInfo` / `PlaybackProgressInfo` / `PlaybackStopInfo`: the position is kept as the
    /// user goes; at the stop Jellyfin's rules decide between resuming there, starting over and played.
    func report(_ request: Request, _ context: KinoraRequestContext, stage: ReportStage) async throws -> Response {
        let caller = try await authenticated(request)
        let body = try await Self.body(of: request, context: context)
        if stage == .stop, let session = body.string("PlaySessionId") { await transcodes.stop(playSession: session) }
        guard let userId = caller.user?.id,
            let itemId = body.string("ItemId").flatMap(JellyfinIdentifier.init)?.hex,
            let item = try await store.item(id: itemId)
        else { return Response(status: .noContent) }
        let position = body.int64("PositionTicks")
        let now = Self.now().millisecondsSinceEpoch
        switch stage {
        case .start:
            try await store.updateUserData(userId: userId, itemId: itemId) { $0.lastPlayedAt = now }
        case .progress:
            guard let position else { break }
            try await store.updateUserData(userId: userId, itemId: itemId) { data in
                data.playbackPositionTicks = max(position, 0)
                data.lastPlayedAt = now
            }
        case .stop:
            guard let position else { break }
            let outcome = PlaybackProgress.outcome(positionTicks: position, runtimeTicks: item.runtimeTicks)
            try await store.updateUserData(userId: userId, itemId: itemId) { data in
                data.lastPlayedAt = now
                switch outcome {
                case .resumable(let ticks): data.playbackPositionTicks = ticks
                case .reset: data.playbackPositionTicks = 0
                case .played:
                    data.playbackPositionTicks = 0
                    data.played = true
                    data.playCount += 1
                }
            }
            await events.publish(.userDataChanged(userId: userId, itemIds: [itemId]))
        }
        return Response(status: .noContent)
    }

    func setPlayed(_ request: Request, _ context: KinoraRequestContext, _ played: Bool) async throws -> Response {
        let (userId, item) = try await userAndItem(request, context)
        let now = Self.now().millisecondsSinceEpoch
        // Marking a series or season marks its episodes, as in Jellyfin.
        var targets = [item]
        if item.type.isFolder {
            var query = ItemQuery(userId: userId, parentId: item.id, recursive: true, includeTypes: [.episode])
            query.limit = ItemQuery.maximumLimit
            targets = try await store.items(matching: query, parentKind: item.type == .series ? .series : .season).items
        }
        for target in targets {
            try await store.updateUserData(userId: userId, itemId: target.id) { data in
                data.played = played
                data.playbackPositionTicks = 0
                if played { data.playCount = max(data.playCount, 1); data.lastPlayedAt = now }
            }
        }
        await events.publish(.userDataChanged(userId: userId, itemIds: targets.map(\.id)))
        let data = try await store.userData(userId: userId, itemIds: [item.id])[item.id]
        let counts = item.type.isFolder ? try await store.folderCounts(userId: userId, folderIds: [item.id])[item.id] : nil
        return try jellyfinJSON(userDataDto(data, item: item, counts: counts))
    }

    func setFavorite(_ request: Request, _ context: KinoraRequestContext, _ favorite: Bool) async throws -> Response {
        let (userId, item) = try await userAndItem(request, context)
        let data = try await store.updateUserData(userId: userId, itemId: item.id) { $0.isFavorite = favorite }
        await events.publish(.userDataChanged(userId: userId, itemIds: [item.id]))
        return try jellyfinJSON(userDataDto(data, item: item, counts: nil))
    }

    func userAndItem(_ request: Request, _ context: KinoraRequestContext) async throws -> (String, MediaItem) {
        let (caller, userId) = try await viewer(request)
        let pathUser = context.parameters.get("userId").flatMap(JellyfinIdentifier.init)?.hex
        guard let userId = userId ?? pathUser else { throw JellyfinError.badRequest("A user is required (sign in, or pass userId)") }
        let item = try await visibleItem(try itemID(context), to: caller)
        return (userId, item)
    }
}

extension CaseInsensitiveJSON {
    /// A number property (ASP.NET also reads numbers written as strings).
    func int64(_ name: String) -> Int64? {
        switch values[name.lowercased()] {
        case let number as NSNumber: number.int64Value
        case let text as String: Int64(text)
        default: nil
        }
    }

    func int(_ name: String) -> Int? { int64(name).map { Int(clamping: $0) } }

    func bool(_ name: String) -> Bool? {
        switch values[name.lowercased()] {
        case let number as NSNumber: number.boolValue
        case let text as String: text.lowercased() == "true"
        default: nil
        }
    }
}
