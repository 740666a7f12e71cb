import BitTorrentCore
import BitTorrentEngine
import Foundation
import HTTPTypes
import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraStorage
import KinoraWeb
import Logging
import NIOCore
import ServiceLifecycle

/// The torrents role (Transmission): the daemon, its RPC at `/transmission/rpc` with Transmission's
/// handshake, and its web UI at `/transmission/web/`.
public struct TorrentsRole: KinoraRole {
    let environment: RoleEnvironment
    let daemon: TorrentDaemon
    let rpc: TransmissionRPC
    let access: RPCAccess

    public var role: Role { .torrents }

    public static let definition = RoleDefinition(
        role: .torrents,
        migrations: {
            TorrentResumeStore.registerMigrations(&$0)
            TorrentRegistry.registerMigrations(&$0)
            TorrentRegistry.registerLaterMigrations(&$0)
        }
    ) { environment in
        guard let database = environment.database else { throw TorrentsRoleError.noDatabase }
        return try await TorrentsRole(environment: environment, database: database)
    }

    init(environment: RoleEnvironment, database: RoleDatabase) async throws {
        self.environment = environment
        let configuration = environment.configuration
        let registry = TorrentRegistry(database: database)
        let downloads = environment.layout.path(of: .downloads)
        let settings = SessionSettings(downloads: downloads, saved: try await registry.loadSettings())
        let peerPort = configuration.roleSettings[ConfigurationKey.torrentsPeerPort.name].flatMap(Int.init) ?? settings.int("peer-port")
        var engineConfiguration = TorrentEngine.Configuration(
            bindHost: configuration.bindAddress, listenPort: peerPort, maxPeersPerTorrent: settings.int("peer-limit-per-torrent"))
        engineConfiguration.encryption = EncryptionPolicy(rawValue: settings.string("encryption")) ?? .tolerated
        if settings.bool("dht-enabled") {
            engineConfiguration.dht = TorrentEngine.DHTSettings(
                bootstrapNodes: Self.dhtBootstrap(configuration: configuration), stateStore: RoleDHTStateStore(database: database))
        }
        let engine = TorrentEngine(configuration: engineConfiguration)
        self.daemon = TorrentDaemon(
            engine: engine, registry: registry, resumeStore: TorrentResumeStore(database: database),
            roots: AllowedRoots([configuration.dataDirectory]), settings: settings,
            counters: SessionCounters(saved: try await registry.loadCounters()), logger: environment.logger)
        self.rpc = TransmissionRPC(
            daemon: daemon, sessionIDs: RPCSessionIDs(), configDirectory: configuration.configDirectory,
            version: "\(KinoraVersion.compatibleVersion(of: .torrents)) (kinora \(KinoraVersion.kinora))")
        self.access = Self.access(configuration: configuration)
    }

    /// Basic auth when both user and password are set; the address whitelist when given; host names:
    /// this role's own under the configured domain (the gateway's), any `*.domain`, IPs and localhost.
    static func access(configuration: KinoraConfiguration) -> RPCAccess {
        let settings = configuration.roleSettings
        let username = settings[ConfigurationKey.torrentsRPCUsername.name]
        let password = settings[ConfigurationKey.torrentsRPCPassword.name]
        let whitelist = settings[ConfigurationKey.torrentsRPCWhitelist.name]?
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return RPCAccess(
            addressWhitelist: whitelist?.isEmpty == false ? whitelist : nil,
            username: username != nil && password != nil ? username : nil,
            password: username != nil ? password : nil,
            hostWhitelist: ["*." + configuration.domain, configuration.domain, ProcessInfo.processInfo.hostName])
    }

    /// The routers most clients join the public DHT through, unless `torrents.dht-bootstrap` names others (or none).
    static let publicDHTRouters = ["router.bittorrent.com:6881", "router.utorrent.com:6881", "dht.transmissionbt.com:6881", "dht.libtorrent.org:25401"]

    static func dhtBootstrap(configuration: KinoraConfiguration) -> [PeerAddress] {
        let configured = configuration.roleSettings[ConfigurationKey.torrentsDHTBootstrap.name]
        let names = configured.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? publicDHTRouters
        return names.compactMap(PeerAddress.init)
    }

    public func requiresAPIKey(_ request: Request) -> Bool { false }

    public var servesStatusPage: Bool { false }

    public var services: [any Service] { [TorrentDaemonService(daemon: daemon, logger: environment.logger)] }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .options] {
            router.on("/transmission/rpc", method: method) { request, context in try await handleRPC(request, context: context) }
        }
        router.get("/") { _, _ in Response.redirect(to: "/transmission/web/") }
        router.get("/transmission/web/") { request, _ in webPage(for: request) }
    }

    // MARK: RPC

    func handleRPC(_ request: Request, context: KinoraRequestContext) async throws -> Response {
        let sessionID = rpc.sessionIDs.current()
        switch access.check(
            address: context.remoteAddress?.ipAddress, authorization: request.headers[.authorization], host: request.requestedHost
        ) {
        case .allowed: break
        case .forbiddenAddress:
            return Self.page(.forbidden, "Unauthorized IP Address.", detail: "Either disable the IP address whitelist or add your address to it (torrents.rpc-whitelist).")
        case .unauthorized:
            var response = Self.page(.unauthorized, "Unauthorized User", detail: "")
            response.headers[.wwwAuthenticate] = "Basic realm=\"Transmission\""
            return response
        case .misdirectedHost(let host):
            return Self.page(.misdirectedRequest, "Transmission received your request, but the hostname was unrecognized.",
                             detail: "To fix this, use an IP address or a name under the configured domain instead of \(host).")
        }
        if request.method == .options { return Response(status: .ok, headers: [.allow: "GET, POST, OPTIONS"]) }
        guard rpc.sessionIDs.isValid(request.headers[.transmissionSessionID]) else {
            var response = Self.page(
                .conflict, "Your request had an invalid session-id header.",
                detail: "To fix this, follow these steps: read the X-Transmission-Session-Id header from this response and add it to your request.")
            response.headers[.transmissionSessionID] = sessionID
            return response
        }
        guard request.method == .post else {
            var response = Self.page(.methodNotAllowed, "Method Not Allowed", detail: "")
            response.headers[.allow] = "POST"
            return response
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: 10_000_000)
        } catch {
            return Self.page(.contentTooLarge, "Request body too large", detail: "Requests are limited to 10 MB.")
        }
        let answer = await rpc.respond(to: Array(body.readableBytesView))
        var response = try Response.json(answer, encoder: .transmission)
        response.headers[.transmissionSessionID] = sessionID
        return response
    }

    /// Transmission's small HTML error pages.
    static func page(_ status: HTTPResponse.Status, _ title: String, detail: String) -> Response {
        .html("<h1>\(status.code): \(status.reasonPhrase)</h1><p>\(title)</p><p>\(detail)</p>", status: status)
    }

    // MARK: Web UI

    func webPage(for request: Request) -> Response {
        let navigation = Navigation(configuration: environment.configuration, requestHost: request.requestedHost)
        let html = environment.web.render(
            page: "torrents", title: "Torrents", navigation: navigation.links(current: .torrents),
            homeURL: navigation.homeURL, context: ["rpcURL": "/transmission/rpc"])
        return .html(html)
    }
}

/// Runs the daemon beside the HTTP server: restores torrents, ticks once a second, follows the engine's
/// events, watches the watch folder, saves state every minute and on shutdown.
struct TorrentDaemonService: Service {
    let daemon: TorrentDaemon
    let logger: Logger

    func run() async throws {
        do {
            let port = try await daemon.engine.start()
            logger.info("listening for peers", metadata: ["port": "\(port)"])
        } catch {
            logger.error("could not listen for peers; downloads will only use outgoing connections", metadata: ["error": "\(error)"])
        }
        try await daemon.restore()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in daemon.engine.events { await daemon.handle(event) }
            }
            group.addTask {
                var seconds = 0
                while !Task.isCancelled {
                    do { try await Task.sleep(for: .seconds(1)) } catch { return }
                    seconds += 1
                    await daemon.tick()
                    if seconds % 5 == 0 { await daemon.scanWatchDirectory() }
                    if seconds % 60 == 0 { await daemon.persistAll() }
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await daemon.shutdown()
    }
}

enum TorrentsRoleError: Error, CustomStringConvertible {
    case noDatabase
    var description: String { "the torrents role needs its database to keep its torrents" }
}

extension HTTPField.Name {
    static let transmissionSessionID = Self("X-Transmission-Session-Id")!
}

extension JSONEncoder {
    /// Transmission writes `/` unescaped; key order does not matter to its clients.
    static var transmission: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}
