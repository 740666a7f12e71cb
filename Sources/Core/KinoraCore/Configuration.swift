/// The effective configuration of one `kinora` process, after the file, the environment and the
/// flags were merged and every value checked. Paths are as given; the platform layer makes them
/// absolute.
public struct KinoraConfiguration: Sendable, Equatable {
    /// The media root: downloads/, tv/, anime/, movies/, audiobooks/, podcasts/.
    public var dataDirectory: String
    /// Databases, keys, caches and logs. Must be a local disk.
    public var configDirectory: String
    public var bindAddress: String
    public var domain: String
    public var roles: [Role]
    public var ports: [Role: Int]
    public var hostLabels: [Role: String]
    public var apiKeys: [Role: APIKey]
    public var logLevel: LogLevel
    public var allowNetworkConfig: Bool
    /// Role settings by key name (`torrents.peer-port`), as given: see `ConfigurationKey.roleSettings`.
    public var roleSettings: [String: String] = [:]

    public init(
        dataDirectory: String = Self.defaultDataDirectory,
        configDirectory: String? = nil,
        bindAddress: String = "0.0.0.0",
        domain: String = "homelab.local",
        roles: [Role] = Role.allCases,
        ports: [Role: Int] = [:],
        hostLabels: [Role: String] = [:],
        apiKeys: [Role: APIKey] = [:],
        logLevel: LogLevel = .info,
        allowNetworkConfig: Bool = false
    ) {
        self.dataDirectory = dataDirectory
        self.configDirectory = configDirectory ?? Self.defaultConfigDirectory(forData: dataDirectory)
        self.bindAddress = bindAddress
        self.domain = domain
        self.roles = roles
        self.ports = ports
        self.hostLabels = hostLabels
        self.apiKeys = apiKeys
        self.logLevel = logLevel
        self.allowNetworkConfig = allowNetworkConfig
    }

    public static let defaultDataDirectory = "./kinora-data"

    public static func defaultConfigDirectory(forData data: String) -> String {
        data.hasSuffix("/") ? data + "config" : data + "/config"
    }

    public func port(of role: Role) -> Int { ports[role] ?? role.defaultPort }

    /// The full host name the gateway answers for this role (`sonarr.homelab.local`).
    public func hostName(of role: Role) -> String? {
        guard let label = hostLabels[role] ?? role.defaultHostLabel else { return nil }
        return "\(label).\(domain)"
    }

    public var layout: DataLayout { DataLayout(dataDirectory: dataDirectory, configDirectory: configDirectory) }
}
