import Hummingbird
import KinoraCore
import KinoraStorage
import ServiceLifecycle

/// What every role module provides to the composition root. A role never imports another role:
/// it reaches one only through that role's public wire API.
public protocol KinoraRole: Sendable {
    var role: Role { get }

    /// Adds the original's API and the role's pages. Common routes (`/ping`, `/kinora/health`,
    /// the shell's assets) are added by `RoleRouter` first.
    func addRoutes(to router: Router<KinoraRequestContext>)

    /// Whether a request needs the API key. Only consulted for roles that have one.
    func requiresAPIKey(_ request: Request) -> Bool

    /// `GET /ping` in the original's shape.
    func pingResponse() throws -> Response

    /// Router behaviour the original has: Jellyfin matches paths ignoring case.
    var routerOptions: RouterOptions { get }

    /// Whether `GET /` shows the shell's status page (until the role has pages of its own).
    var servesStatusPage: Bool { get }

    /// Long-running work of the role (schedulers, engines), run beside its server.
    var services: [any Service] { get }

    /// The role's WebSocket endpoint, if its original has one (Jellyfin's `/socket`).
    var webSocket: (any WebSocketEndpoint)? { get }
}

extension KinoraRole {
    /// Sonarr, Radarr, Prowlarr and Bazarr answer `{"status":"OK"}`.
    public func pingResponse() throws -> Response { try .json(["status": "OK"]) }
    public var servesStatusPage: Bool { true }
    public var routerOptions: RouterOptions { [.autoGenerateHeadEndpoints] }
    public var services: [any Service] { [] }
    public var webSocket: (any WebSocketEndpoint)? { nil }
}

/// How App learns of a role: its database migrations, and how to make it once its database is open.
public struct RoleDefinition: Sendable {
    public let role: Role
    public let migrations: RoleDatabase.Migrations
    public let make: @Sendable (RoleEnvironment) async throws -> any KinoraRole

    public init(
        role: Role,
        migrations: @escaping RoleDatabase.Migrations = { _ in },
        make: @escaping @Sendable (RoleEnvironment) async throws -> any KinoraRole
    ) {
        self.role = role
        self.migrations = migrations
        self.make = make
    }
}
