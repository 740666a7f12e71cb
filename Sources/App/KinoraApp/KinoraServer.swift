import Foundation
import GatewayRole
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import KinoraCore
import KinoraHTTP
import KinoraStorage
import KinoraSystem
import KinoraWeb
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The composition root: configuration → checked data layout → one database per role → role
/// routers → one HTTP listener per role and the gateway, all in one `ServiceGroup`.
public struct KinoraServer: Sendable {
    public let configuration: KinoraConfiguration
    public let startup: StartupReport
    /// The routers of the running roles, by role, for in-process tests.
    public let responders: [Role: RouterResponder<KinoraRequestContext>]
    public let environments: [Role: RoleEnvironment]
    /// The gateway's host dispatcher, when the gateway runs.
    public let gateway: HostDispatchResponder?
    let services: [any Service]
    let listeners: [any Service]
    let logger: Logger

    /// Everything that can fail before a port is opened fails here: a port in use, a config
    /// directory on NFS, a database that cannot be opened.
    public static func prepare(
        configuration: KinoraConfiguration,
        inspector: any FilesystemInspecting = LiveFilesystemInspector(),
        logger: Logger = Logger(label: "kinora"),
        checkPorts: Bool = true,
        onReady: @escaping @Sendable ([Role: Int]) -> Void = { _ in }
    ) async throws -> KinoraServer {
        let roles = configuration.roles
        guard !roles.isEmpty else { throw StartupError.noRoles }
        if checkPorts {
            for role in roles {
                let port = configuration.port(of: role)
                if let failure = PortProbe.check(address: configuration.bindAddress, port: port) {
                    throw StartupError.cannotListen(role: role, address: configuration.bindAddress, port: port, reason: failure.reason)
                }
            }
        }

        let directories = DataDirectories(layout: configuration.layout, inspector: inspector)
        let startup = try directories.prepare(allowNetworkConfig: configuration.allowNetworkConfig)
        for check in startup.checks {
            logger.warning("\(check.message)", metadata: ["check": "\(check.source)"])
        }

        let web = try await WebShell.load()
        let metrics = PrometheusCollectorRegistry()
        let host = HostFacts.current()
        let startTime = Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970)
        var sqliteVersion = ""

        var environments: [Role: RoleEnvironment] = [:]
        var responders: [Role: RouterResponder<KinoraRequestContext>] = [:]
        var services: [any Service] = []
        var webSockets: [Role: any WebSocketEndpoint] = [:]
        for role in roles where role != .gateway {
            guard let definition = RoleCatalog.definitions[role] else { continue }
            let database = try RoleCatalog.openDatabase(of: role, layout: configuration.layout)
            if sqliteVersion.isEmpty { sqliteVersion = (try? database.sqliteVersion()) ?? "" }
            let environment = RoleEnvironment(
                role: role, configuration: configuration, database: database,
                apiKey: try apiKey(of: role, database: database, configuration: configuration),
                startup: startup, facts: facts(host, startTime, sqliteVersion), web: web, metrics: metrics,
                logger: logger.labelled(role.rawValue)
            )
            let module = try await definition.make(environment)
            environments[role] = environment
            responders[role] = RoleRouter.build(module, environment: environment).buildResponder()
            services += module.services
            webSockets[role] = module.webSocket
        }

        var gatewayResponder: HostDispatchResponder?
        if roles.contains(.gateway) {
            let environment = RoleEnvironment(
                role: .gateway, configuration: configuration, database: nil, apiKey: nil, startup: startup,
                facts: facts(host, startTime, sqliteVersion), web: web, metrics: metrics, logger: logger.labelled("gateway"))
            let gateway = RoleRouter.build(GatewayRole(environment: environment), environment: environment).buildResponder()
            environments[.gateway] = environment
            gatewayResponder = gatewayDispatch(configuration: configuration, responders: responders, gateway: gateway)
        }

        let readiness = ReadinessTracker(expected: Set(roles), onReady: onReady)
        var listeners: [any Service] = []
        // The gateway upgrades a request for a role's host name with that role's endpoint.
        var webSocketsByHost: [String: any WebSocketEndpoint] = [:]
        for (role, endpoint) in webSockets {
            if let host = configuration.hostName(of: role) { webSocketsByHost[host] = endpoint }
        }
        let hostWebSockets = webSocketsByHost
        /// One HTTP server for a role, reporting to `readiness` when it listens.
        func listener(for role: Role, responder: some HTTPResponder<KinoraRequestContext>) -> any Service {
            let port = configuration.port(of: role)
            let endpoint = webSockets[role]
            let server: HTTPServerBuilder =
                if let endpoint {
                    .http1WebSocketUpgrade { request, _, _ in await endpoint.upgradeDecision(request) }
                } else if role == .gateway, !hostWebSockets.isEmpty {
                    .http1WebSocketUpgrade { request, _, _ in
                        guard let endpoint = hostWebSockets[HostDispatchResponder.hostName(of: request.authority)] else { return .dontUpgrade }
                        return await endpoint.upgradeDecision(request)
                    }
                } else {
                    .http1()
                }
            return RoleListener(
                role: role, address: configuration.bindAddress, port: port,
                application: Application(
                    responder: responder, server: server,
                    configuration: ApplicationConfiguration(address: .hostname(configuration.bindAddress, port: port), serverName: nil),
                    onServerRunning: { await readiness.listening(role, on: $0) },
                    logger: logger.labelled("\(role.rawValue).http")))
        }
        for role in roles {
            if role == .gateway, let dispatch = gatewayResponder {
                listeners.append(listener(for: role, responder: dispatch))
            } else if let responder = responders[role] {
                listeners.append(listener(for: role, responder: responder))
            }
        }

        return KinoraServer(
            configuration: configuration, startup: startup, responders: responders, environments: environments,
            gateway: gatewayResponder, services: services, listeners: listeners, logger: logger)
    }

    /// Runs until SIGTERM or SIGINT, then shuts every listener down gracefully.
    public func run() async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: (listeners + services).map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ))
        try await group.run()
    }

    static func gatewayDispatch(
        configuration: KinoraConfiguration, responders: [Role: RouterResponder<KinoraRequestContext>],
        gateway: RouterResponder<KinoraRequestContext>
    ) -> HostDispatchResponder {
        var routes: [String: RouterResponder<KinoraRequestContext>] = [:]
        var elsewhere: [String: Role] = [:]
        for role in Role.allCases where role != .gateway {
            guard let host = configuration.hostName(of: role) else { continue }
            if let responder = responders[role] { routes[host] = responder } else { elsewhere[host] = role }
        }
        return HostDispatchResponder(routes: routes, elsewhere: elsewhere, gateway: gateway)
    }

    /// The configured key wins (so a container can pin it); otherwise the one generated on first run.
    static func apiKey(of role: Role, database: RoleDatabase, configuration: KinoraConfiguration) throws -> APIKey? {
        guard role.usesAPIKey else { return nil }
        return try configuration.apiKeys[role] ?? database.persistentToken(named: RoleDatabase.apiKeySetting)
    }

    static func facts(_ host: HostFacts, _ startTime: Timestamp, _ sqliteVersion: String) -> StatusFacts {
        StatusFacts(
            startTime: startTime, osName: host.osName, osVersion: host.osVersion, kernelRelease: host.kernelRelease,
            architecture: host.architecture, hostName: host.hostName, runtimeName: host.runtimeName,
            runtimeVersion: host.runtimeVersion, isContainer: host.isContainer, executablePath: host.executablePath,
            sqliteVersion: sqliteVersion)
    }
}

extension Logger {
    func labelled(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}
