import Hummingbird
import KinoraCore
import KinoraHTTP

/// The series (Sonarr) and movies (Radarr) roles: one engine with two faces, each speaking its
/// original's API v3. This part holds what both share; catalog and search come with their issues.
public struct LibraryManagerRole: KinoraRole {
    public enum Flavor: Sendable {
        case series, movies
        var role: Role { self == .series ? .series : .movies }
    }

    public let flavor: Flavor
    let environment: RoleEnvironment

    public var role: Role { flavor.role }

    public static let series = RoleDefinition(role: .series) { LibraryManagerRole(flavor: .series, environment: $0) }
    public static let movies = RoleDefinition(role: .movies) { LibraryManagerRole(flavor: .movies, environment: $0) }

    init(flavor: Flavor, environment: RoleEnvironment) {
        self.flavor = flavor
        self.environment = environment
    }

    /// Sonarr and Radarr protect everything under /api; `/ping` and pages stay open.
    public func requiresAPIKey(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api")
    }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        let api = router.group("api/v3")
        api.get("system/status") { _, _ in
            try Response.json(ServarrSystemStatus(environment: environment, migrationVersion: environment.migrationCount))
        }
        api.get("health") { _, _ in try Response.json(environment.servarrHealth) }
    }
}
