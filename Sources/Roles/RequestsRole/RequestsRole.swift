import Hummingbird
import KinoraCore
import KinoraHTTP

/// The requests role (Jellyseerr): its API v1.
public struct RequestsRole: KinoraRole {
    let environment: RoleEnvironment

    public var role: Role { .requests }

    public static let definition = RoleDefinition(role: .requests) { RequestsRole(environment: $0) }

    /// Jellyseerr's status and public settings are open; the rest of /api/v1 needs a key (or,
    /// with the requests issue, a session).
    public func requiresAPIKey(_ request: Request) -> Bool {
        let path = request.uri.path
        guard path.hasPrefix("/api/v1") else { return false }
        return !Self.publicPaths.contains(path)
    }

    static let publicPaths: Set<String> = ["/api/v1/status", "/api/v1/status/appdata", "/api/v1/settings/public"]

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        router.get("api/v1/status") { _, _ in
            try Response.json(
                JellyseerrStatus(
                    version: KinoraVersion.compatibleVersion(of: .requests),
                    commitTag: "kinora-\(KinoraVersion.kinora)",
                    updateAvailable: false,
                    commitsBehind: 0,
                    restartRequired: false
                ))
        }
        router.get("api/v1/status/appdata") { _, _ in
            try Response.json(
                JellyseerrAppData(
                    appData: true, appDataPath: environment.configuration.configDirectory,
                    appDataPermissions: environment.startup.configFilesystem.isNetwork == false))
        }
    }
}

struct JellyseerrStatus: Encodable {
    let version: String
    let commitTag: String
    let updateAvailable: Bool
    let commitsBehind: Int
    let restartRequired: Bool
}

struct JellyseerrAppData: Encodable {
    let appData: Bool
    let appDataPath: String
    let appDataPermissions: Bool
}
