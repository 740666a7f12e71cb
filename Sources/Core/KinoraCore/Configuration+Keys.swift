/// Every configuration key Kinora knows, with its environment variable, what it accepts, and
/// whether it is a secret. One table so that the file, the environment, the flags, validation
/// and `config show` cannot disagree.
public struct ConfigurationKey: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case path
        case address
        case domain
        case roleList
        case port
        case hostLabel
        case apiKey
        case logLevel
        case boolean
        /// Free text on one line (user names, comma-separated lists).
        case text
        /// Free text that `config show` masks (passwords).
        case secret
    }

    public let name: String
    public let kind: Kind
    /// Where a key may be set: `config` cannot come from the file it locates.
    public let allowedInFile: Bool

    /// `ports.series` → `KINORA_PORTS_SERIES`, `log-level` → `KINORA_LOG_LEVEL`.
    public var environmentVariable: String {
        "KINORA_" + String(name.uppercased().map { $0 == "." || $0 == "-" ? "_" : $0 })
    }

    public var isSecret: Bool { kind == .apiKey || kind == .secret }

    /// What the key accepts, in words, for error messages.
    public var allowedValues: String {
        switch kind {
        case .path: "a directory path"
        case .address: "an IP address or host name to listen on, such as 0.0.0.0 or 127.0.0.1"
        case .domain: "a DNS domain such as homelab.local or home.arpa"
        case .roleList: "a comma-separated list of roles: " + Role.allCases.map(\.rawValue).joined(separator: ", ")
        case .port: "a TCP port from 0 to 65535 (0 picks a free one)"
        case .hostLabel: "a host name label of letters, digits and hyphens, such as sonarr"
        case .apiKey: "32 hexadecimal characters"
        case .logLevel: "one of " + LogLevel.allCases.map(\.rawValue).joined(separator: ", ")
        case .boolean: "true or false"
        case .text, .secret: "text on one line"
        }
    }

    public static let data = ConfigurationKey(name: "data", kind: .path, allowedInFile: true)
    public static let config = ConfigurationKey(name: "config", kind: .path, allowedInFile: false)
    public static let bind = ConfigurationKey(name: "bind", kind: .address, allowedInFile: true)
    public static let domain = ConfigurationKey(name: "domain", kind: .domain, allowedInFile: true)
    public static let roles = ConfigurationKey(name: "roles", kind: .roleList, allowedInFile: true)
    public static let logLevel = ConfigurationKey(name: "log-level", kind: .logLevel, allowedInFile: true)
    public static let allowNetworkConfig = ConfigurationKey(
        name: "allow-network-config", kind: .boolean, allowedInFile: true)

    public static func port(_ role: Role) -> ConfigurationKey {
        ConfigurationKey(name: "ports.\(role.rawValue)", kind: .port, allowedInFile: true)
    }

    public static func hostLabel(_ role: Role) -> ConfigurationKey {
        ConfigurationKey(name: "hosts.\(role.rawValue)", kind: .hostLabel, allowedInFile: true)
    }

    public static func apiKey(_ role: Role) -> ConfigurationKey {
        ConfigurationKey(name: "api-keys.\(role.rawValue)", kind: .apiKey, allowedInFile: true)
    }

    /// Settings of one role that must be known before it starts (Transmission keeps them in settings.json).
    public static let torrentsPeerPort = ConfigurationKey(name: "torrents.peer-port", kind: .port, allowedInFile: true)
    public static let torrentsRPCUsername = ConfigurationKey(name: "torrents.rpc-username", kind: .text, allowedInFile: true)
    public static let torrentsRPCPassword = ConfigurationKey(name: "torrents.rpc-password", kind: .secret, allowedInFile: true)
    /// Client addresses allowed to call the RPC, comma-separated, `*` wildcards (empty: any address).
    public static let torrentsRPCWhitelist = ConfigurationKey(name: "torrents.rpc-whitelist", kind: .text, allowedInFile: true)

    /// DHT nodes to join through, `host:port` comma-separated (empty: none, e.g. on a network without internet).
    public static let torrentsDHTBootstrap = ConfigurationKey(name: "torrents.dht-bootstrap", kind: .text, allowedInFile: true)

    /// Where the series and movies roles look series and movies up: a TMDb API key (v3 key or v4
    /// read token) and/or a local catalog file (JSON, see docs/roles/series.md).
    public static let metadataTMDbAPIKey = ConfigurationKey(name: "metadata.tmdb-api-key", kind: .secret, allowedInFile: true)
    public static let metadataCatalog = ConfigurationKey(name: "metadata.catalog", kind: .path, allowedInFile: true)

    public static let roleSettings: [ConfigurationKey] = [
        .torrentsPeerPort, .torrentsRPCUsername, .torrentsRPCPassword, .torrentsRPCWhitelist, .torrentsDHTBootstrap,
        .metadataTMDbAPIKey, .metadataCatalog,
    ]

    /// All keys, in the order `config show` prints them.
    public static let all: [ConfigurationKey] =
        [.data, .config, .bind, .domain, .roles, .logLevel, .allowNetworkConfig]
        + Role.allCases.map(port)
        + Role.allCases.filter { $0.defaultHostLabel != nil }.map(hostLabel)
        + Role.allCases.filter(\.usesAPIKey).map(apiKey)
        + roleSettings

    private static let byName: [String: ConfigurationKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    private static let byEnvironmentVariable: [String: ConfigurationKey] =
        Dictionary(uniqueKeysWithValues: all.map { ($0.environmentVariable, $0) })

    /// The keys as a person reads them, per-role keys once with `<role>`: for error messages.
    public static let summary: String = {
        var names: [String] = []
        for key in all {
            let parts = key.name.split(separator: ".", maxSplits: 1)
            let shown = parts.count == 2 ? "\(parts[0]).<role>" : key.name
            if !names.contains(shown) { names.append(shown) }
        }
        return names.joined(separator: ", ")
    }()

    public static func named(_ name: String) -> ConfigurationKey? { byName[name] }
    public static func forEnvironmentVariable(_ variable: String) -> ConfigurationKey? { byEnvironmentVariable[variable] }

    /// `KINORA_*` variables that belong to tooling around Kinora, not to the server.
    public static let toolingEnvironmentVariables: Set<String> = ["KINORA_CONFORMANCE", "KINORA_BIN"]
}
