import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraSystem
import KinoraWeb
import NIOCore
import Prometheus

/// The gateway: one port (8080) for every role, chosen by the Host header, as Traefik does in
/// the reference setup — but in-process, handing the request to the role's router with no
/// proxy hop. Hosts that are no role's get the gateway's own pages and `/metrics`.
public struct GatewayRole: KinoraRole {
    let environment: RoleEnvironment

    public var role: Role { .gateway }

    let processMetrics: ProcessMetrics

    public init(environment: RoleEnvironment) {
        self.environment = environment
        self.processMetrics = ProcessMetrics(registry: environment.metrics, startTime: environment.facts.startTime)
    }

    public func requiresAPIKey(_ request: Request) -> Bool { false }

    public var servesStatusPage: Bool { false }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        router.get("metrics") { _, _ in
            processMetrics.update()
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: environment.metrics.emitToBuffer()))
            )
        }
        router.get("/") { request, _ in index(for: request) }
    }

    func index(for request: Request) -> Response {
        let configuration = environment.configuration
        let navigation = Navigation(configuration: configuration, requestHost: request.requestedHost)
        let roles: [[String: Any]] = Role.allCases.filter { $0 != .gateway }.map { role in
            [
                "title": role.title,
                "replaces": role.replaces,
                "host": configuration.hostName(of: role) ?? "",
                "port": configuration.port(of: role),
                "url": navigation.url(of: role),
                "state": configuration.roles.contains(role) ? "running here" : "not in this process",
            ]
        }
        let html = environment.web.render(
            page: "index", title: "Kinora", navigation: navigation.links(current: .gateway),
            homeURL: "/", context: ["roles": roles])
        return .html(html)
    }
}

/// Picks the router for a request by its Host header.
public struct HostDispatchResponder: HTTPResponder {
    public typealias Context = KinoraRequestContext

    let routes: [String: RouterResponder<KinoraRequestContext>]
    let gateway: RouterResponder<KinoraRequestContext>
    /// Host names of roles that exist but run in another process: a clear 502, not the gateway's 404.
    let elsewhere: [String: Role]

    /// - Parameters:
    ///   - routes: each in-process role's host name (`sonarr.homelab.local`) and router.
    ///   - elsewhere: host names of roles not running in this process.
    public init(routes: [String: RouterResponder<KinoraRequestContext>], elsewhere: [String: Role], gateway: RouterResponder<KinoraRequestContext>) {
        self.routes = routes
        self.elsewhere = elsewhere
        self.gateway = gateway
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let host = Self.hostName(of: request.requestedHost)
        if let responder = routes[host] {
            return try await responder.respond(to: request, context: context)
        }
        if let role = elsewhere[host] {
            return try .json(
                ["error": "The \(role.rawValue) role (\(role.replaces)) does not run in this process: start it here with --role \(role.rawValue), or point \(host) at the process that runs it."],
                status: .badGateway
            )
        }
        return try await gateway.respond(to: request, context: context)
    }

    /// Lower-cased host without port or trailing dot.
    public static func hostName(of authority: String?) -> String {
        guard var host = authority?.lowercased() else { return "" }
        if host.hasPrefix("[") {
            host = String(host.prefix { $0 != "]" }.dropFirst())
        } else if let colon = host.firstIndex(of: ":") {
            host = String(host[..<colon])
        }
        return host.hasSuffix(".") ? String(host.dropLast()) : host
    }
}

/// The standard Prometheus process metrics (`process_*`), read when `/metrics` is scraped, and
/// `kinora_info` with the version.
struct ProcessMetrics: Sendable {
    let residentMemory: Gauge
    let openFileDescriptors: Gauge
    let cpuSeconds: Gauge

    init(registry: PrometheusCollectorRegistry, startTime: Timestamp) {
        residentMemory = registry.makeGauge(name: "process_resident_memory_bytes", help: "Resident memory size in bytes.")
        openFileDescriptors = registry.makeGauge(name: "process_open_fds", help: "Number of open file descriptors.")
        cpuSeconds = registry.makeGauge(name: "process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.")
        registry.makeGauge(name: "process_start_time_seconds", help: "Start time of the process since the Unix epoch in seconds.")
            .set(startTime.secondsSinceEpoch)
        registry.makeGauge(name: "kinora_info", labels: [("version", KinoraVersion.kinora)], help: "Kinora's version.").set(Int64(1))
    }

    func update() {
        if let bytes = HostFacts.residentMemoryBytes() { residentMemory.set(Int64(bytes)) }
        if let count = HostFacts.openFileDescriptorCount() { openFileDescriptors.set(Int64(count)) }
        cpuSeconds.set(HostFacts.cpuSeconds())
    }
}
