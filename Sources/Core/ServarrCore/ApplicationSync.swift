import Foundation

/// How far the indexers role (Prowlarr) manages an application's indexers.
public enum ApplicationSyncLevel: String, Sendable, Codable, CaseIterable {
    /// Nothing is pushed.
    case disabled
    /// Indexers are added and removed; edits made in the application are left alone.
    case addOnly
    /// As `addOnly`, and the synced fields are rewritten whenever they differ.
    case fullSync
}

/// An indexer as the indexers role syncs it: what the application's copy is built from.
public struct SyncedIndexer: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var protocolName: String
    public var enabled: Bool
    public var priority: Int
    /// The category ids its capabilities list (parents and subcategories).
    public var categories: [Int]

    public init(id: Int, name: String, protocolName: String = "torrent", enabled: Bool = true, priority: Int = 25, categories: [Int]) {
        self.id = id
        self.name = name
        self.protocolName = protocolName
        self.enabled = enabled
        self.priority = priority
        self.categories = categories
    }
}

/// One application (a series or movies manager) as its settings say.
public struct SyncedApplication: Sendable, Equatable {
    public var app: ServarrApp
    public var syncLevel: ApplicationSyncLevel
    /// The indexers role's address as the application reaches it (the synced `baseUrl` starts with it).
    public var prowlarrUrl: String
    /// The indexers role's API key, which the application sends to the Torznab feeds.
    public var prowlarrApiKey: String
    public var syncCategories: [Int]
    public var animeSyncCategories: [Int]
    public var animeStandardFormatSearch: Bool

    public init(
        app: ServarrApp, syncLevel: ApplicationSyncLevel = .fullSync, prowlarrUrl: String, prowlarrApiKey: String,
        syncCategories: [Int]? = nil, animeSyncCategories: [Int]? = nil, animeStandardFormatSearch: Bool = false
    ) {
        self.app = app
        self.syncLevel = syncLevel
        self.prowlarrUrl = prowlarrUrl
        self.prowlarrApiKey = prowlarrApiKey
        self.syncCategories = syncCategories ?? ProwlarrSchemas.defaultSyncCategories(for: app)
        self.animeSyncCategories = animeSyncCategories ?? ProwlarrSchemas.defaultAnimeSyncCategories(for: app)
        self.animeStandardFormatSearch = animeStandardFormatSearch
    }

    /// Reads an application resource of the indexers role's API (`Sonarr` or `Radarr`).
    public init?(resource: ProviderResource, prowlarrApiKey: String) {
        guard let app = ServarrApp(rawValue: resource.implementation.lowercased()) else { return nil }
        self.init(
            app: app, syncLevel: resource.extraString("syncLevel").flatMap(ApplicationSyncLevel.init(rawValue:)) ?? .fullSync,
            prowlarrUrl: resource.string("prowlarrUrl") ?? "", prowlarrApiKey: prowlarrApiKey,
            syncCategories: resource.ints("syncCategories"), animeSyncCategories: resource.ints("animeSyncCategories"),
            animeStandardFormatSearch: resource.bool("syncAnimeStandardFormatSearch") ?? false)
    }

    /// Where the application finds the indexer's feed: `{prowlarrUrl}/{id}/`, with `apiPath` `/api`.
    public func feedURL(of indexerId: Int) -> String {
        var base = prowlarrUrl
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(indexerId)/"
    }

    /// The indexer id a remote copy points at, when its `baseUrl` is one of this role's feeds.
    public func ownedIndexerId(of remote: ProviderResource) -> Int? {
        guard var url = remote.string("baseUrl") else { return nil }
        var base = prowlarrUrl
        while base.hasSuffix("/") { base.removeLast() }
        guard url.lowercased().hasPrefix(base.lowercased() + "/") else { return nil }
        url.removeFirst(base.count + 1)
        // `{id}`, `{id}/`, `{id}/api` or `{id}/api/` — as Prowlarr recognises its own.
        let parts = url.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...3).contains(first.count), first.allSatisfy(\.isASCII), let id = Int(first) else { return nil }
        let rest = parts.dropFirst().filter { !$0.isEmpty }
        guard rest.isEmpty || rest == ["api"] else { return nil }
        return id
    }
}

/// What to do to one application so that its indexers match the role's.
public enum ApplicationSyncAction: Sendable, Equatable {
    /// POST the resource (retried with `forceSave` when the application's test refuses it), then
    /// remember the id it got.
    case add(indexerId: Int, resource: ProviderResource)
    /// PUT (with `forceSave`) the application's copy, its synced fields rewritten.
    case update(indexerId: Int, remoteId: Int, resource: ProviderResource)
    /// DELETE the application's copy, and forget it.
    case remove(indexerId: Int?, remoteId: Int)
    /// Remember that an application's indexer is ours (found by its feed URL, not remembered yet).
    case claim(indexerId: Int, remoteId: Int)
    /// Forget a copy the application no longer has (it is added again).
    case forget(indexerId: Int)
}

public enum ApplicationSync {
    /// The actions that bring an application's indexers in line with the role's. `known` maps our
    /// indexer ids to the application's; `template` is the application's own schema entry (Torznab
    /// or Newznab), so fields the application knows and Prowlarr does not keep their defaults.
    public static func plan(
        indexers: [SyncedIndexer], application: SyncedApplication, remote: [ProviderResource], known: [Int: Int],
        template: (String) -> ProviderResource?
    ) -> [ApplicationSyncAction] {
        guard application.syncLevel != .disabled else { return [] }
        var actions: [ApplicationSyncAction] = []
        let remoteById = Dictionary(remote.compactMap { item in item.id.map { ($0, item) } }, uniquingKeysWith: { first, _ in first })
        var mapping: [Int: Int] = [:]
        for (indexerId, remoteId) in known.sorted(by: { $0.key < $1.key }) {
            if remoteById[remoteId] != nil { mapping[indexerId] = remoteId } else { actions.append(.forget(indexerId: indexerId)) }
        }
        let mappedRemotes = Set(mapping.values)
        for item in remote.sorted(by: { ($0.id ?? 0) < ($1.id ?? 0) }) {
            guard let remoteId = item.id, !mappedRemotes.contains(remoteId), let owner = application.ownedIndexerId(of: item) else { continue }
            if mapping[owner] == nil, indexers.contains(where: { $0.id == owner }) {
                mapping[owner] = remoteId
                actions.append(.claim(indexerId: owner, remoteId: remoteId))
            } else {
                // Ours by its URL, but for an indexer we no longer have (or a second copy): removed.
                actions.append(.remove(indexerId: nil, remoteId: remoteId))
            }
        }
        let local = Dictionary(indexers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (indexerId, remoteId) in mapping.sorted(by: { $0.key < $1.key }) where local[indexerId].map(wanted(application)) != true {
            actions.append(.remove(indexerId: indexerId, remoteId: remoteId))
        }
        for indexer in indexers.sorted(by: { $0.id < $1.id }) where wanted(application)(indexer) {
            if let remoteId = mapping[indexer.id] {
                guard application.syncLevel == .fullSync, let current = remoteById[remoteId] else { continue }
                let desired = synced(indexer, into: current, application: application)
                if !sameSyncedFields(desired, current) {
                    actions.append(.update(indexerId: indexer.id, remoteId: remoteId, resource: desired))
                }
            } else if let base = template(implementation(for: indexer)) {
                var resource = synced(indexer, into: base, application: application)
                resource.id = nil
                actions.append(.add(indexerId: indexer.id, resource: resource))
            }
        }
        return actions
    }

    /// Enabled, and at least one of its categories is one the application syncs.
    static func wanted(_ application: SyncedApplication) -> (SyncedIndexer) -> Bool {
        { indexer in indexer.enabled && !categories(of: indexer, for: application).all.isEmpty }
    }

    static func categories(of indexer: SyncedIndexer, for application: SyncedApplication) -> (standard: [Int], anime: [Int], all: [Int]) {
        let own = Set(indexer.categories)
        let standard = application.syncCategories.filter(own.contains)
        let anime = application.animeSyncCategories.filter(own.contains)
        return (standard, anime, standard + anime)
    }

    static func implementation(for indexer: SyncedIndexer) -> String {
        indexer.protocolName == "usenet" ? "Newznab" : "Torznab"
    }

    /// The fields Prowlarr owns, set on `base` (a template or the application's current copy).
    static func synced(_ indexer: SyncedIndexer, into base: ProviderResource, application: SyncedApplication) -> ProviderResource {
        var resource = base
        let (standard, anime, _) = categories(of: indexer, for: application)
        resource.name = "\(indexer.name) (Prowlarr)"
        resource.setField("baseUrl", to: .string(application.feedURL(of: indexer.id)))
        resource.setField("apiPath", to: "/api")
        resource.setField("apiKey", to: .string(application.prowlarrApiKey))
        resource.setField("categories", to: .ints(standard))
        if application.app == .sonarr {
            resource.setField("animeCategories", to: .ints(anime))
            resource.setField("animeStandardFormatSearch", to: .bool(application.animeStandardFormatSearch))
        }
        resource.extra["enableRss"] = true
        resource.extra["enableAutomaticSearch"] = true
        resource.extra["enableInteractiveSearch"] = true
        resource.extra["priority"] = .int(indexer.priority)
        return resource
    }

    /// Compared before a full sync rewrites a copy. The API key is left out: applications answer it
    /// masked, and a copy pointing at our feed with another key fails its own tests visibly.
    static func sameSyncedFields(_ desired: ProviderResource, _ current: ProviderResource) -> Bool {
        let fields = ["baseUrl", "apiPath", "categories", "animeCategories", "animeStandardFormatSearch"]
        let extras = ["enableRss", "enableAutomaticSearch", "enableInteractiveSearch", "priority"]
        return desired.name == current.name
            && fields.allSatisfy { desired.field(named: $0) == current.field(named: $0) }
            && extras.allSatisfy { desired.extra[$0] == current.extra[$0] }
    }
}
