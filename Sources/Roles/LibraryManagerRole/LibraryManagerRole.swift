import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraStorage
import MetadataProviders
import ServarrCore
import ServiceLifecycle

/// The series (Sonarr) and movies (Radarr) roles: one engine with two faces, each speaking its
/// original's API v3 — catalog, profiles, custom formats, indexers and download clients for
/// Prowlarr's app sync, commands, library import. Search, grabbing and importing downloads are
/// part 2 of issue 6.
public struct LibraryManagerRole: KinoraRole {
    public enum Flavor: Sendable {
        case series, movies

        var role: Role { self == .series ? .series : .movies }
        var app: ServarrApp { self == .series ? .sonarr : .radarr }

        /// The data root's folders this face files into by default.
        var defaultLibraries: [DataLayout.MediaFolder] { self == .series ? [.tv, .anime] : [.movies] }
    }

    public let flavor: Flavor
    let environment: RoleEnvironment
    let store: LibraryStore
    let metadata: any MetadataProvider
    /// Why lookups cannot work, when no metadata source is configured.
    let metadataProblem: String?
    let artwork: ArtworkStore
    let commands: CommandCenter
    let responses: ResponseCache
    let findings = ScanFindings()
    let seriesFragments = EncodedFragments()
    let seriesStatistics = StatisticsCache()

    public var role: Role { flavor.role }
    var app: ServarrApp { flavor.app }

    public static let series = definition(.series)
    public static let movies = definition(.movies)

    static func definition(_ flavor: Flavor) -> RoleDefinition {
        RoleDefinition(role: flavor.role, migrations: LibraryStore.registerMigrations) { environment in
            guard let database = environment.database else { throw LibraryManagerError.noDatabase(flavor.role) }
            let store = LibraryStore(database: database)
            try store.seedRootFolders(flavor.defaultLibraries.map { environment.layout.path(of: $0) })
            try store.seedDefaults(for: flavor.app)
            let roots = flavor.defaultLibraries.map { environment.layout.path(of: $0) }
            let (provider, problem) = try MetadataSources.make(configuration: environment.configuration, libraryRoots: roots)
            let artwork = ArtworkStore(directory: environment.configuration.configDirectory + "/\(flavor.role.rawValue)-covers")
            return LibraryManagerRole(
                flavor: flavor, environment: environment, store: store, metadata: provider, metadataProblem: problem,
                artwork: artwork, commands: CommandCenter(app: flavor.app), responses: ResponseCache())
        }
    }

    /// Sonarr and Radarr protect everything under /api; `/ping` and pages stay open.
    public func requiresAPIKey(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api")
    }

    public var servesStatusPage: Bool { false }

    public var services: [any Service] { [CatalogService(role: self)] }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        let api = router.group("api/v3")
        api.get("system/status") { _, _ in
            try Response.json(ServarrSystemStatus(environment: environment, migrationVersion: environment.migrationCount))
        }
        api.get("health") { _, _ in try Response.json(environment.servarrHealth + healthIssues()) }
        addTagRoutes(to: api)
        addRootFolderRoutes(to: api)
        addProfileRoutes(to: api)
        addProviderRoutes(to: api)
        addCommandRoutes(to: api)
        addWantedRoutes(to: api)
        addMediaCoverRoutes(to: router, api: api)
        switch flavor {
        case .series:
            addSeriesRoutes(to: api)
            addEpisodeRoutes(to: api)
        case .movies:
            addMovieRoutes(to: api)
        }
        addLibraryImportRoutes(to: api)
        addWebRoutes(to: router)
    }
}

enum LibraryManagerError: Error, CustomStringConvertible {
    case noDatabase(Role)
    var description: String { "the \(self.role.rawValue) role needs its database" }
    var role: Role { switch self { case .noDatabase(let role): role } }
}

extension LibraryManagerRole {
    /// The role's own findings beside the start-up self-tests.
    func healthIssues() -> [ServarrHealthResource] {
        guard let metadataProblem else { return [] }
        return [ServarrHealthResource(HealthCheck(source: "MetadataSourceCheck", kind: .warning, message: metadataProblem))]
    }
}
