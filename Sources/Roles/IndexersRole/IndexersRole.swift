import Hummingbird
import KinoraCore
import KinoraHTTP

/// The indexers role (Prowlarr): its API v1 and, with its issue, Torznab per indexer.
public struct IndexersRole: KinoraRole {
    let environment: RoleEnvironment

    public var role: Role { .indexers }

    public static let definition = RoleDefinition(role: .indexers) { IndexersRole(environment: $0) }

    /// Prowlarr protects /api; Torznab feeds (`/{id}/api`) take the key as a query parameter.
    public func requiresAPIKey(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api")
    }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        let api = router.group("api/v1")
        api.get("system/status") { _, _ in
            try Response.json(ServarrSystemStatus(environment: environment, migrationVersion: environment.migrationCount))
        }
        api.get("health") { _, _ in try Response.json(environment.servarrHealth) }
    }
}
