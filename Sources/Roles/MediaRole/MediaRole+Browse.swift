import Foundation
import Hummingbird
import KinoraHTTP
import MediaCore

/// Browsing: views, items, home rows and TV navigation, at Jellyfin's current paths and the legacy
/// `Users/{userId}/…` ones that older clients (jellyfin-apiclient-python among them) still call.
extension MediaRole {
    func addBrowseRoutes(to router: Router<KinoraRequestContext>) {
        router.get("UserViews") { request, _ in try await views(request) }
        router.get("Users/{userId}/Views") { request, _ in try await views(request) }
        router.get("Library/MediaFolders") { request, _ in try await views(request) }
        router.get("Items") { request, _ in try await itemList(request) }
        router.get("Users/{userId}/Items") { request, _ in try await itemList(request) }
        router.get("Items/{id}") { request, context in try await singleItem(request, context) }
        router.get("Users/{userId}/Items/{id}") { request, context in try await singleItem(request, context) }
        router.get("Items/Latest") { request, _ in try await latest(request) }
        router.get("Users/{userId}/Items/Latest") { request, _ in try await latest(request) }
        router.get("UserItems/Resume") { request, _ in try await resume(request) }
        router.get("Users/{userId}/Items/Resume") { request, _ in try await resume(request) }
        router.get("Shows/NextUp") { request, _ in try await nextUp(request) }
        router.get("Shows/{id}/Seasons") { request, context in try await seasons(request, context) }
        router.get("Shows/{id}/Episodes") { request, context in try await episodes(request, context) }
    }

    /// The caller and the user whose state to show: the signed-in user, or `userId` for an API key.
    func viewer(_ request: Request) async throws -> (caller: Caller, userId: String?) {
        let caller = try await authenticated(request)
        let asked = request.queryValue(named: "userId").flatMap(JellyfinIdentifier.init)?.hex
        return (caller, caller.user?.id ?? asked)
    }

    /// An item the caller may see, or 404 (a library the user has no access to is as good as absent).
    func visibleItem(_ id: String, to caller: Caller) async throws -> MediaItem {
        guard let item = try await store.item(id: id), caller.canSee(libraryId: item.libraryId) else {
            throw JellyfinError.notFound("Item not found")
        }
        return item
    }

    func views(_ request: Request) async throws -> Response {
        let (caller, _) = try await viewer(request)
        var folders: [BaseItemDto] = []
        for library in try await store.libraries() where caller.canSee(libraryId: library.id) {
            folders.append(dto(for: library, childCount: nil))
        }
        return try jellyfinJSON(QueryResult(Items: folders, TotalRecordCount: folders.count, StartIndex: 0))
    }

    func itemList(_ request: Request) async throws -> Response {
        let (caller, userId) = try await viewer(request)
        let query = itemQuery(request, userId: userId, caller: caller)
        // Without a parent and not recursive, Jellyfin lists the user's root: the libraries.
        if query.parentId == nil, !query.recursive, query.ids.isEmpty, query.searchTerm == nil {
            return try await views(request)
        }
        let page = try await store.items(matching: query, parentKind: try await parentKind(of: query.parentId))
        let items = try await dtos(for: page.items, userId: userId, options: dtoOptions(request))
        return try jellyfinJSON(QueryResult(Items: items, TotalRecordCount: page.total, StartIndex: query.startIndex))
    }

    func singleItem(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        let (caller, userId) = try await viewer(request)
        let id = try itemID(context)
        if let library = try await store.library(id: id), caller.canSee(libraryId: library.id) {
            return try jellyfinJSON(dto(for: library, childCount: nil))
        }
        let item = try await visibleItem(id, to: caller)
        let dto = try await dtos(for: [item], userId: userId, options: DtoOptions(everything: true))
        return try jellyfinJSON(dto[0])
    }

    /// `Items/Latest`: newest first (a bare array); several new episodes of one series show as the series.
    func latest(_ request: Request) async throws -> Response {
        let (caller, userId) = try await viewer(request)
        var query = itemQuery(request, userId: userId, caller: caller)
        let limit = min(query.limit ?? 20, 100)
        query.recursive = true
        query.sortBy = ["DateCreated"]
        query.descending = true
        query.limit = limit * 10
        if query.includeTypes.isEmpty { query.includeTypes = [.movie, .episode, .video] }
        let page = try await store.items(matching: query, parentKind: try await parentKind(of: query.parentId))
        var chosen: [MediaItem] = []
        var seriesShown = Set<String>()
        let bySeries = Dictionary(grouping: page.items.filter { $0.type == .episode }, by: { $0.seriesId ?? "" })
        for item in page.items where chosen.count < limit {
            guard item.type == .episode, let seriesId = item.seriesId else { chosen.append(item); continue }
            guard seriesShown.insert(seriesId).inserted else { continue }
            if (bySeries[seriesId]?.count ?? 0) > 1, let series = try await store.item(id: seriesId) {
                chosen.append(series)
            } else {
                chosen.append(item)
            }
        }
        return try jellyfinJSON(try await dtos(for: chosen, userId: userId, options: dtoOptions(request)))
    }

    func resume(_ request: Request) async throws -> Response {
        let (caller, userId) = try await viewer(request)
        var query = itemQuery(request, userId: userId, caller: caller)
        query.recursive = true
        query.filters.insert("isresumable")
        query.sortBy = ["DatePlayed"]
        query.descending = true
        if query.includeTypes.isEmpty { query.includeTypes = [.movie, .episode, .video] }
        let page = try await store.items(matching: query, parentKind: try await parentKind(of: query.parentId))
        let items = try await dtos(for: page.items, userId: userId, options: dtoOptions(request))
        return try jellyfinJSON(QueryResult(Items: items, TotalRecordCount: page.total, StartIndex: query.startIndex))
    }

    /// `Shows/NextUp`: per series the user has watched, the first unplayed episode after the last one
    /// played, most recently watched series first.
    func nextUp(_ request: Request) async throws -> Response {
        let (caller, userId) = try await viewer(request)
        guard let userId else { return try jellyfinJSON(QueryResult<BaseItemDto>(Items: [], TotalRecordCount: 0, StartIndex: 0)) }
        let onlySeries = request.queryValue(named: "SeriesId").flatMap(JellyfinIdentifier.init)?.hex
        let limit = min(Int(request.queryValue(named: "Limit") ?? "") ?? 20, 200)
        let next = try await store.nextUp(userId: userId, seriesId: onlySeries, limit: limit).filter { caller.canSee(libraryId: $0.libraryId) }
        let items = try await dtos(for: next, userId: userId, options: dtoOptions(request))
        return try jellyfinJSON(QueryResult(Items: items, TotalRecordCount: items.count, StartIndex: 0))
    }

    func seasons(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        let (caller, userId) = try await viewer(request)
        let seriesId = try await visibleItem(try itemID(context), to: caller).id
        var query = ItemQuery(userId: userId, parentId: seriesId, includeTypes: [.season], sortBy: ["IndexNumber"])
        query.limit = ItemQuery.maximumLimit
        let page = try await store.items(matching: query, parentKind: .series)
        let items = try await dtos(for: page.items, userId: userId, options: dtoOptions(request))
        return try jellyfinJSON(QueryResult(Items: items, TotalRecordCount: page.total, StartIndex: 0))
    }

    func episodes(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        let (caller, userId) = try await viewer(request)
        let seriesId = try await visibleItem(try itemID(context), to: caller).id
        var query = ItemQuery(userId: userId, includeTypes: [.episode], sortBy: ["ParentIndexNumber", "IndexNumber"])
        if let season = request.queryValue(named: "SeasonId").flatMap(JellyfinIdentifier.init)?.hex {
            query.parentId = season
        } else {
            query.parentId = seriesId
            query.recursive = true
        }
        var page = try await store.items(matching: query, parentKind: query.recursive ? .series : .season)
        if let number = request.queryValue(named: "Season").flatMap(Int.init) {
            page.items = page.items.filter { $0.parentIndexNumber == number }
        }
        if let start = request.queryValue(named: "StartItemId").flatMap(JellyfinIdentifier.init)?.hex,
            let index = page.items.firstIndex(where: { $0.id == start }) {
            page.items = Array(page.items[index...])
        }
        let startIndex = max(Int(request.queryValue(named: "StartIndex") ?? "") ?? 0, 0)
        let limit = Int(request.queryValue(named: "Limit") ?? "") ?? page.items.count
        let total = page.items.count
        let slice = Array(page.items.dropFirst(startIndex).prefix(max(limit, 0)))
        let items = try await dtos(for: slice, userId: userId, options: dtoOptions(request))
        return try jellyfinJSON(QueryResult(Items: items, TotalRecordCount: total, StartIndex: startIndex))
    }

    // MARK: Reading the request

    func itemQuery(_ request: Request, userId: String?, caller: Caller) -> ItemQuery {
        func flag(_ name: String) -> Bool? { request.queryValue(named: name).map { $0.lowercased() == "true" } }
        func kinds(_ name: String) -> [MediaItem.Kind] {
            request.queryList(named: name).compactMap { name in MediaItem.Kind.allCases.first { $0.rawValue.lowercased() == name.lowercased() } }
        }
        var query = ItemQuery(userId: userId)
        query.libraryIds = caller.libraryIds
        query.parentId = request.queryValue(named: "ParentId").flatMap(JellyfinIdentifier.init)?.hex
        query.recursive = flag("Recursive") ?? false
        query.includeTypes = kinds("IncludeItemTypes")
        // Asking only for types Kinora does not have (MusicAlbum, BoxSet…) must find nothing, not everything.
        if query.includeTypes.isEmpty, !request.queryList(named: "IncludeItemTypes").isEmpty { query.ids = ["none"] }
        query.excludeTypes = kinds("ExcludeItemTypes")
        query.ids += request.queryList(named: "Ids").compactMap { JellyfinIdentifier($0)?.hex }
        query.searchTerm = request.queryValue(named: "SearchTerm")
        query.nameStartsWith = request.queryValue(named: "NameStartsWith")
        query.filters = Set(request.queryList(named: "Filters").map { $0.lowercased() })
        query.isPlayed = flag("IsPlayed")
        query.isFavorite = flag("IsFavorite")
        query.years = request.queryList(named: "Years").compactMap { Int($0) }
        query.sortBy = request.queryList(named: "SortBy")
        query.descending = request.queryList(named: "SortOrder").first?.lowercased() == "descending"
        query.startIndex = max(Int(request.queryValue(named: "StartIndex") ?? "") ?? 0, 0)
        query.limit = request.queryValue(named: "Limit").flatMap(Int.init).map { max($0, 0) }
        if request.queryList(named: "MediaTypes").contains(where: { $0.lowercased() != "video" }),
            !request.queryList(named: "MediaTypes").contains(where: { $0.lowercased() == "video" }) {
            query.ids = ["none"]  // audio, photos and books live in other roles
        }
        return query
    }

    func dtoOptions(_ request: Request) -> DtoOptions {
        DtoOptions(fields: Set(request.queryList(named: "Fields").map { $0.lowercased() }))
    }

    func parentKind(of id: String?) async throws -> MediaStore.ParentKind? {
        guard let id else { return nil }
        if try await store.library(id: id) != nil { return .library }
        switch try await store.item(id: id)?.type {
        case .series: return .series
        case .season: return .season
        default: return nil
        }
    }

    func itemID(_ context: KinoraRequestContext) throws -> String {
        guard let id = context.parameters.get("id").flatMap(JellyfinIdentifier.init)?.hex else {
            throw JellyfinError.notFound("Item not found")
        }
        return id
    }

    func jellyfinJSON(_ value: some Encodable) throws -> Response {
        try Response.json(value, encoder: .jellyfin)
    }
}
