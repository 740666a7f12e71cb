import Hummingbird
import KinoraCore
import KinoraHTTP

/// The torrents role (Transmission). Its RPC, with Basic auth and session ids, comes with the
/// torrents-role issue; until then it serves the shared routes and its status page.
public struct TorrentsRole: KinoraRole {
    let environment: RoleEnvironment

    public var role: Role { .torrents }

    public static let definition = RoleDefinition(role: .torrents, migrations: TorrentResumeStore.registerMigrations) {
        TorrentsRole(environment: $0)
    }

    public func requiresAPIKey(_ request: Request) -> Bool { false }

    public func addRoutes(to router: Router<KinoraRequestContext>) {}
}
