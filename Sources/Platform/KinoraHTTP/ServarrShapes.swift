import KinoraStorage
import KinoraCore

/// `GET /api/v{3,1}/system/status` as Sonarr, Radarr and Prowlarr answer it (they share the
/// Servarr code base). pyarr, Prowlarr's app sync and Jellyseerr read `appName` and `version`.
public struct ServarrSystemStatus: Codable, Sendable, Equatable {
    public var appName: String
    public var instanceName: String
    public var version: String
    public var buildTime: String
    public var isDebug: Bool
    public var isProduction: Bool
    public var isAdmin: Bool
    public var isUserInteractive: Bool
    public var startupPath: String
    public var appData: String
    public var osName: String
    public var osVersion: String
    public var isNetCore: Bool
    public var isLinux: Bool
    public var isOsx: Bool
    public var isWindows: Bool
    public var isDocker: Bool
    public var mode: String
    public var branch: String
    public var databaseType: String
    public var databaseVersion: String
    public var authentication: String
    public var migrationVersion: Int
    public var urlBase: String
    public var runtimeVersion: String
    public var runtimeName: String
    public var startTime: String
    public var packageVersion: String
    public var packageAuthor: String
    public var packageUpdateMechanism: String

    public init(environment: RoleEnvironment, migrationVersion: Int) {
        let facts = environment.facts
        appName = environment.role.replaces
        instanceName = environment.role.replaces
        version = KinoraVersion.compatibleVersion(of: environment.role)
        buildTime = facts.startTime.iso8601(fractionDigits: 0)
        isDebug = Self.isDebugBuild
        isProduction = !Self.isDebugBuild
        isAdmin = false
        isUserInteractive = false
        startupPath = facts.startupDirectory
        appData = environment.configuration.configDirectory
        osName = facts.osName
        osVersion = facts.osVersion
        isNetCore = false
        isLinux = true
        isOsx = false
        isWindows = false
        isDocker = facts.isContainer
        mode = "console"
        branch = "main"
        databaseType = "sqLite"
        databaseVersion = facts.sqliteVersion
        authentication = "none"
        self.migrationVersion = migrationVersion
        urlBase = ""
        runtimeVersion = facts.runtimeVersion
        runtimeName = facts.runtimeName
        startTime = facts.startTime.iso8601(fractionDigits: 7)
        packageVersion = "kinora \(KinoraVersion.kinora)"
        packageAuthor = "Kinora"
        packageUpdateMechanism = facts.isContainer ? "docker" : "external"
    }

    static var isDebugBuild: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }
}

/// One entry of `GET /api/v3/health` (Sonarr, Radarr) and `/api/v1/health` (Prowlarr).
public struct ServarrHealthResource: Codable, Sendable, Equatable {
    public var source: String
    public var type: String
    public var message: String
    public var wikiUrl: String

    public init(_ check: HealthCheck) {
        source = check.source
        type = check.kind.rawValue
        message = check.message
        wikiUrl = ""
    }
}

extension RoleEnvironment {
    /// How many migrations the role's database has applied; Servarr reports its schema version.
    public var migrationCount: Int {
        (try? database?.appliedMigrations().count) ?? 0
    }

    public var servarrHealth: [ServarrHealthResource] { startup.checks.map(ServarrHealthResource.init) }
}
