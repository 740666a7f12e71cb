import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraStorage

/// The subtitles role (Bazarr).
public struct SubtitlesRole: KinoraRole {
    let environment: RoleEnvironment

    public var role: Role { .subtitles }

    public static let definition = RoleDefinition(role: .subtitles) { SubtitlesRole(environment: $0) }

    /// Bazarr checks `X-API-KEY` or `apikey` on everything under /api.
    public func requiresAPIKey(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api")
    }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        router.get("api/system/status") { _, _ in try Response.json(BazarrEnvelope(data: BazarrStatus(environment: environment))) }
        router.get("api/system/health") { _, _ in
            try Response.json(BazarrEnvelope(data: environment.startup.checks.map { BazarrHealthIssue(object: $0.source, issue: $0.message) }))
        }
    }
}

/// Bazarr wraps its API answers in `{"data": …}`.
struct BazarrEnvelope<Payload: Encodable>: Encodable {
    let data: Payload
}

/// `GET /api/system/status` in Bazarr's field names.
struct BazarrStatus: Encodable {
    let bazarr_version: String
    let package_version: String
    let sonarr_version: String
    let radarr_version: String
    let operating_system: String
    let python_version: String
    let database_engine: String
    let database_migration: String
    let bazarr_directory: String
    let bazarr_config_directory: String
    let start_time: Double
    let timezone: String

    init(environment: RoleEnvironment) {
        let facts = environment.facts
        bazarr_version = KinoraVersion.compatibleVersion(of: .subtitles)
        package_version = "kinora \(KinoraVersion.kinora)"
        sonarr_version = ""
        radarr_version = ""
        operating_system = "Linux-\(facts.kernelRelease)-\(facts.architecture) (\(facts.osName))"
        python_version = "swift \(facts.runtimeVersion)"
        database_engine = "SQLite \(facts.sqliteVersion)"
        database_migration = (try? environment.database?.appliedMigrations().last) ?? nil ?? ""
        bazarr_directory = facts.startupDirectory
        bazarr_config_directory = environment.configuration.configDirectory
        start_time = facts.startTime.secondsSinceEpoch
        timezone = "UTC"
    }
}

struct BazarrHealthIssue: Encodable {
    let object: String
    let issue: String
}
