import Hummingbird
import KinoraCore
import KinoraWeb
import NIOCore

/// Builds a role's router: metrics, the API key where the role wants one, the routes every role
/// shares, then the role's own.
public enum RoleRouter {
    public static func build(_ role: any KinoraRole, environment: RoleEnvironment) -> Router<KinoraRequestContext> {
        let router = Router(context: KinoraRequestContext.self, options: role.routerOptions)
        router.add(middleware: RequestMetricsMiddleware(role: environment.role, registry: environment.metrics))
        if let key = environment.apiKey {
            router.add(middleware: APIKeyMiddleware(key: key, isProtected: { role.requiresAPIKey($0) }))
        }
        addCommonRoutes(to: router, role: role, environment: environment)
        role.addRoutes(to: router)
        return router
    }

    static func addCommonRoutes(to router: Router<KinoraRequestContext>, role: any KinoraRole, environment: RoleEnvironment) {
        router.get("/ping") { _, _ in try role.pingResponse() }
        router.get("/kinora/health") { _, _ in try Response.json(HealthReport(role: environment.role, checks: environment.startup.checks)) }
        router.get("/kinora/assets/{name}") { _, context in
            guard let name = context.parameters.get("name"), let asset = environment.web.asset(named: name) else {
                throw HTTPError(.notFound)
            }
            return Response(
                status: .ok,
                headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes))
            )
        }
        if role.servesStatusPage {
            router.get("/") { request, _ in statusPage(for: request, environment: environment) }
        }
    }

    static func statusPage(for request: Request, environment: RoleEnvironment) -> Response {
        let role = environment.role
        let configuration = environment.configuration
        let context: [String: Any] = [
            "roleTitle": role.title,
            "replaces": role.replaces,
            "version": KinoraVersion.kinora,
            "compatibleVersion": KinoraVersion.compatibleVersion(of: role),
            "startTime": environment.facts.startTime.iso8601(fractionDigits: 0),
            "listenAddress": "\(configuration.bindAddress):\(environment.port)",
            "dataDirectory": configuration.dataDirectory,
            "databasePath": role.hasDatabase ? configuration.layout.databasePath(of: role) : "none",
            "osName": environment.facts.osName,
            "runtimeVersion": environment.facts.runtimeVersion,
            "checks": environment.startup.checks.map { ["kind": $0.kind.rawValue, "source": $0.source, "message": $0.message] },
        ]
        let navigation = Navigation(configuration: configuration, requestHost: request.requestedHost)
        let html = environment.web.render(
            page: "status", title: role.title, navigation: navigation.links(current: role),
            homeURL: navigation.homeURL, context: context)
        return .html(html)
    }
}

/// The result of the self-tests, as `/kinora/health` reports it.
public struct HealthReport: Codable, Sendable, Equatable {
    public let role: Role
    /// The worst finding: ok, notice, warning or error.
    public let status: HealthCheck.Kind
    public let checks: [HealthCheck]

    public init(role: Role, checks: [HealthCheck]) {
        self.role = role
        self.checks = checks
        let order: [HealthCheck.Kind] = [.ok, .notice, .warning, .error]
        self.status = checks.map(\.kind).max { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! } ?? .ok
    }
}
