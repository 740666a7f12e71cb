import Foundation
import KinoraCore
import KinoraStorage
import KinoraWeb
import Logging
import Prometheus

/// Everything a role is given by the composition root. Roles see values and protocols only;
/// the live types behind them are chosen by App.
public struct RoleEnvironment: Sendable {
    public let role: Role
    public let configuration: KinoraConfiguration
    /// nil for the gateway, which keeps no state.
    public let database: RoleDatabase?
    /// The key *arr clients must send; nil for roles that authenticate otherwise.
    public let apiKey: APIKey?
    public let startup: StartupReport
    public let facts: StatusFacts
    public let web: WebShell
    public let metrics: PrometheusCollectorRegistry
    public let logger: Logger

    public init(
        role: Role, configuration: KinoraConfiguration, database: RoleDatabase?, apiKey: APIKey?,
        startup: StartupReport, facts: StatusFacts, web: WebShell, metrics: PrometheusCollectorRegistry, logger: Logger
    ) {
        self.role = role
        self.configuration = configuration
        self.database = database
        self.apiKey = apiKey
        self.startup = startup
        self.facts = facts
        self.web = web
        self.metrics = metrics
        self.logger = logger
    }

    public var layout: DataLayout { configuration.layout }
    public var port: Int { configuration.port(of: role) }
}

/// Real values for status endpoints: what runs, where, since when.
public struct StatusFacts: Sendable {
    public let startTime: Timestamp
    public let osName: String
    public let osVersion: String
    public let kernelRelease: String
    public let architecture: String
    public let hostName: String
    public let runtimeName: String
    public let runtimeVersion: String
    public let isContainer: Bool
    public let executablePath: String
    public let sqliteVersion: String

    public init(
        startTime: Timestamp, osName: String, osVersion: String, kernelRelease: String, architecture: String,
        hostName: String, runtimeName: String, runtimeVersion: String, isContainer: Bool, executablePath: String,
        sqliteVersion: String
    ) {
        self.startTime = startTime
        self.osName = osName
        self.osVersion = osVersion
        self.kernelRelease = kernelRelease
        self.architecture = architecture
        self.hostName = hostName
        self.runtimeName = runtimeName
        self.runtimeVersion = runtimeVersion
        self.isContainer = isContainer
        self.executablePath = executablePath
        self.sqliteVersion = sqliteVersion
    }

    public var startupDirectory: String {
        (executablePath as NSString).deletingLastPathComponent
    }
}
