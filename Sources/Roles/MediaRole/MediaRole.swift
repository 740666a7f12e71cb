import Foundation
import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraStorage
import MediaCore
import MediaTools
import ServiceLifecycle

/// The media role (Jellyfin). Users, tokens, libraries and playback come with its issue; the
/// foundation gives it a stable server id and its public system info.
public struct MediaRole: KinoraRole {
    let environment: RoleEnvironment
    let serverID: String
    let store: MediaStore
    let toolchain: MediaToolchain
    let scanner: LibraryScanner
    let transcodes: TranscodeManager
    let images: ImageCache
    let events: MediaEvents
    /// The GPUs ffmpeg could encode with here, found at start.
    let hardwareDevices: [HardwareAcceleration]

    public var role: Role { .media }

    public static let definition = RoleDefinition(role: .media, migrations: { MediaStore.registerMigrations(&$0); MediaStore.registerLaterMigrations(&$0); MediaStore.registerLibraryMigrations(&$0); MediaStore.registerAccessMigrations(&$0) }) { environment in
        guard let database = environment.database else { throw MediaRoleError.noDatabase }
        let store = MediaStore(database: database)
        let toolchain = MediaToolchain.locate()
        let configDirectory = environment.configuration.configDirectory
        let events = MediaEvents()
        let transcodeLimit = (try? database.setting(MediaRole.maximumTranscodesSetting)).flatMap(Int.init)
        return MediaRole(
            environment: environment, serverID: try database.persistentToken(named: RoleDatabase.serverIDSetting).value,
            store: store, toolchain: toolchain,
            scanner: LibraryScanner(
                store: store, prober: toolchain.ffprobe.map { MediaProber(ffprobe: $0) }, events: events, logger: environment.logger),
            transcodes: TranscodeManager(
                ffmpeg: toolchain.ffmpeg, root: configDirectory + "/media-transcodes",
                maximumJobs: transcodeLimit ?? max(2, ProcessInfo.processInfo.activeProcessorCount), logger: environment.logger),
            images: ImageCache(root: configDirectory + "/media-images", ffmpeg: toolchain.ffmpeg, logger: environment.logger),
            events: events,
            hardwareDevices: HardwareDevices.detect())
    }

    public var services: [any Service] { [MediaLibraryService(role: self)] }

    public var webSocket: (any WebSocketEndpoint)? { MediaSocket(role: self) }

    public func requiresAPIKey(_ request: Request) -> Bool { false }

    /// ASP.NET routing ignores case, and Jellyfin's clients rely on it (`system/info/public`).
    public var routerOptions: RouterOptions { [.caseInsensitive, .autoGenerateHeadEndpoints] }

    /// `/` goes to the web client, as on Jellyfin.
    public var servesStatusPage: Bool { false }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        router.get("System/Info/Public") { request, _ in
            try Response.json(await publicSystemInfo(requestHost: request.requestedHost), encoder: .jellyfin)
        }
        router.get("System/Ping") { _, _ in try Response.json("Jellyfin Server") }
        router.post("System/Ping") { _, _ in try Response.json("Jellyfin Server") }
        addUserRoutes(to: router)
        addBrowseRoutes(to: router)
        addLibraryRoutes(to: router)
        addPlaystateRoutes(to: router)
        addStreamRoutes(to: router)
        addPlaybackRoutes(to: router)
        addEncodingRoutes(to: router)
        addImageRoutes(to: router)
        addSocketRoutes(to: router)
        addWebRoutes(to: router)
        // ASP.NET health checks: 200 "Healthy" or "Degraded", 503 "Unhealthy".
        router.get("health") { _, _ in
            switch HealthReport(role: .media, checks: environment.startup.checks).status {
            case .ok, .notice: toolchain.missingWarning == nil ? Response.text("Healthy") : Response.text("Degraded")
            case .warning: Response.text("Degraded")
            case .error: Response.text("Unhealthy", status: .serviceUnavailable)
            }
        }
    }

    func publicSystemInfo(requestHost: String?) async -> PublicSystemInfo {
        PublicSystemInfo(
            LocalAddress: "http://\(requestHost ?? "\(environment.facts.hostName):\(environment.port)")",
            ServerName: environment.facts.hostName,
            Version: KinoraVersion.compatibleVersion(of: .media),
            ProductName: "Jellyfin Server",
            OperatingSystem: "",
            Id: serverID,
            StartupWizardCompleted: await isWizardCompleted()
        )
    }
}

enum MediaRoleError: Error, CustomStringConvertible {
    case noDatabase
    var description: String { "the media role needs its database to keep its server id" }
}

/// Jellyfin's `PublicSystemInfo`, PascalCase as Jellyfin writes it.
struct PublicSystemInfo: Encodable {
    let LocalAddress: String
    let ServerName: String
    let Version: String
    let ProductName: String
    let OperatingSystem: String
    let Id: String
    /// True once the first-run wizard was completed (`POST /Startup/Complete`).
    let StartupWizardCompleted: Bool
}

extension JSONEncoder {
    /// Jellyfin omits nulls and keeps property names as declared (PascalCase).
    static var jellyfin: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}
