import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraStorage

/// The series (Sonarr) and movies (Radarr) roles: one engine with two faces, each speaking its
/// original's API v3. So far: status, health, tags and root folders; the catalog, profiles and
/// search come with issue 6 and its part 2.
public struct LibraryManagerRole: KinoraRole {
    public enum Flavor: Sendable {
        case series, movies

        var role: Role { self == .series ? .series : .movies }

        /// The data root's folders this face files into by default.
        var defaultLibraries: [DataLayout.MediaFolder] { self == .series ? [.tv, .anime] : [.movies] }
    }

    public let flavor: Flavor
    let environment: RoleEnvironment
    let store: LibraryStore

    public var role: Role { flavor.role }

    public static let series = definition(.series)
    public static let movies = definition(.movies)

    static func definition(_ flavor: Flavor) -> RoleDefinition {
        RoleDefinition(role: flavor.role, migrations: LibraryStore.registerMigrations) { environment in
            guard let database = environment.database else { throw LibraryManagerError.noDatabase(flavor.role) }
            let store = LibraryStore(database: database)
            try store.seedRootFolders(flavor.defaultLibraries.map { environment.layout.path(of: $0) })
            return LibraryManagerRole(flavor: flavor, environment: environment, store: store)
        }
    }

    /// Sonarr and Radarr protect everything under /api; `/ping` and pages stay open.
    public func requiresAPIKey(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api")
    }

    public var servesStatusPage: Bool { false }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        let api = router.group("api/v3")
        api.get("system/status") { _, _ in
            try Response.json(ServarrSystemStatus(environment: environment, migrationVersion: environment.migrationCount))
        }
        api.get("health") { _, _ in try Response.json(environment.servarrHealth) }
        addTagRoutes(to: api)
        addRootFolderRoutes(to: api)
        addWebRoutes(to: router)
    }
}

enum LibraryManagerError: Error, CustomStringConvertible {
    case noDatabase(Role)
    var description: String { "the \(self.role.rawValue) role needs its database" }
    var role: Role { switch self { case .noDatabase(let role): role } }
}
