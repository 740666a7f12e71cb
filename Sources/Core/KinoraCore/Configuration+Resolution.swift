/// Where a configuration value came from; later sources win.
public enum ConfigurationSource: Sendable, Hashable, CustomStringConvertible {
    case defaultValue
    case file(path: String)
    case environment
    case flags

    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .file(let path): path
        case .environment: "environment"
        case .flags: "command line"
        }
    }
}

/// One source's settings as text, keyed by configuration key name (`ports.series`).
public struct ConfigurationLayer: Sendable {
    public let source: ConfigurationSource
    public var values: [(key: String, value: String)]

    public init(source: ConfigurationSource, values: [(key: String, value: String)] = []) {
        self.source = source
        self.values = values
    }

    /// Reads `KINORA_*` variables; other variables are not ours and are ignored.
    public static func environment(_ environment: [String: String]) -> (ConfigurationLayer, [ConfigurationError]) {
        var layer = ConfigurationLayer(source: .environment)
        var errors: [ConfigurationError] = []
        for (variable, value) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix("KINORA_") {
            if ConfigurationKey.toolingEnvironmentVariables.contains(variable) { continue }
            if let key = ConfigurationKey.forEnvironmentVariable(variable) {
                layer.values.append((key.name, value))
            } else {
                errors.append(.unknownKey(variable, source: .environment))
            }
        }
        return (layer, errors)
    }
}

/// One line that names the key, where it was set, and what is allowed.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey(String, source: ConfigurationSource)
    case invalidValue(key: String, value: String, allowed: String, source: ConfigurationSource)
    case notAllowedInFile(key: String, source: ConfigurationSource)
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKey(let key, let source):
            "unknown configuration key '\(key)' (\(source)); known keys: \(ConfigurationKey.summary)"
        case .invalidValue(let key, let value, let allowed, let source):
            "invalid value '\(value)' for '\(key)' (\(source)): expected \(allowed)"
        case .notAllowedInFile(let key, let source):
            "'\(key)' cannot be set in \(source): set it with --\(key) or the environment"
        case .unreadableFile(let path, let reason):
            "cannot read configuration file \(path): \(reason)"
        }
    }
}

/// A resolved key for `config show`: its effective value (secrets masked) and where it came from.
public struct ConfigurationEntry: Sendable, Equatable {
    public let key: String
    public let displayValue: String
    public let source: ConfigurationSource

    public init(key: String, displayValue: String, source: ConfigurationSource) {
        self.key = key
        self.displayValue = displayValue
        self.source = source
    }
}

public enum ConfigurationResolver {
    /// Merges layers in order (later wins), validates every value, and returns the configuration
    /// and the entries to show. Throws the first error, which names the key and what is allowed.
    public static func resolve(
        _ layers: [ConfigurationLayer]
    ) throws(ConfigurationError) -> (configuration: KinoraConfiguration, entries: [ConfigurationEntry]) {
        var merged: [String: (value: String, source: ConfigurationSource)] = [:]
        for layer in layers {
            for (name, value) in layer.values {
                guard let key = ConfigurationKey.named(name) else { throw .unknownKey(name, source: layer.source) }
                if case .file = layer.source, !key.allowedInFile {
                    throw .notAllowedInFile(key: name, source: layer.source)
                }
                try validate(value, for: key, source: layer.source)
                merged[name] = (value.trimmed, layer.source)
            }
        }
        func text(_ key: ConfigurationKey) -> String? { merged[key.name]?.value }

        var configuration = KinoraConfiguration(
            dataDirectory: text(.data) ?? KinoraConfiguration.defaultDataDirectory,
            configDirectory: text(.config)
        )
        if let bind = text(.bind) { configuration.bindAddress = bind }
        if let domain = text(.domain) { configuration.domain = domain.lowercased() }
        if let roles = text(.roles) { configuration.roles = parseRoles(roles) ?? Role.allCases }
        if let level = text(.logLevel) { configuration.logLevel = LogLevel(rawValue: level.lowercased()) ?? .info }
        if let allow = text(.allowNetworkConfig) { configuration.allowNetworkConfig = parseBoolean(allow) ?? false }
        for role in Role.allCases {
            if let port = text(.port(role)) { configuration.ports[role] = Int(port) }
            if role.defaultHostLabel != nil, let label = text(.hostLabel(role)) {
                configuration.hostLabels[role] = label.lowercased()
            }
            if role.usesAPIKey, let key = text(.apiKey(role)) { configuration.apiKeys[role] = APIKey(key) }
        }
        for key in ConfigurationKey.roleSettings {
            if let value = text(key) { configuration.roleSettings[key.name] = value }
        }

        let effective: [String: String] = [
            ConfigurationKey.data.name: configuration.dataDirectory,
            ConfigurationKey.config.name: configuration.configDirectory,
            ConfigurationKey.bind.name: configuration.bindAddress,
            ConfigurationKey.domain.name: configuration.domain,
            ConfigurationKey.roles.name: configuration.roles.map(\.rawValue).joined(separator: ","),
            ConfigurationKey.logLevel.name: configuration.logLevel.rawValue,
            ConfigurationKey.allowNetworkConfig.name: String(configuration.allowNetworkConfig),
        ]
        let entries = ConfigurationKey.all.compactMap { key -> ConfigurationEntry? in
            let source = merged[key.name]?.source ?? .defaultValue
            let value: String?
            switch key.kind {
            case _ where ConfigurationKey.roleSettings.contains(key): value = configuration.roleSettings[key.name]
            case .port: value = Role(rawValue: String(key.name.dropFirst("ports.".count))).map { String(configuration.port(of: $0)) }
            case .hostLabel:
                value = Role(rawValue: String(key.name.dropFirst("hosts.".count))).flatMap { configuration.hostLabels[$0] ?? $0.defaultHostLabel }
            case .apiKey: value = merged[key.name]?.value.lowercased()
            default: value = effective[key.name]
            }
            guard let value else { return nil }
            return ConfigurationEntry(key: key.name, displayValue: key.isSecret ? Secret.mask(value) : value, source: source)
        }
        return (configuration, entries)
    }

    static func validate(_ raw: String, for key: ConfigurationKey, source: ConfigurationSource) throws(ConfigurationError) {
        let value = raw.trimmed
        let valid: Bool
        switch key.kind {
        case .path: valid = !value.isEmpty && !value.utf8.contains(0)
        case .address: valid = isHostOrAddress(value)
        case .domain: valid = value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isHostLabel)
        case .roleList: valid = parseRoles(value) != nil
        case .port: valid = Int(value).map { (0...65535).contains($0) } ?? false
        case .hostLabel: valid = isHostLabel(Substring(value))
        case .apiKey: valid = APIKey.isWellFormed(value)
        case .logLevel: valid = LogLevel(rawValue: value.lowercased()) != nil
        case .boolean: valid = parseBoolean(value) != nil
        case .text, .secret: valid = !value.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        guard valid else {
            throw .invalidValue(key: key.name, value: key.isSecret ? Secret.mask(value) : value, allowed: key.allowedValues, source: source)
        }
    }

    /// Roles in canonical order without duplicates; nil if any name is unknown or none is given.
    public static func parseRoles(_ text: String) -> [Role]? {
        let names = text.split(separator: ",").map { $0.trimmed.lowercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else { return nil }
        var roles = Set<Role>()
        for name in names {
            guard let role = Role(rawValue: name) else { return nil }
            roles.insert(role)
        }
        return roles.sorted()
    }

    static func parseBoolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "1": true
        case "false", "no", "off", "0": false
        default: nil
        }
    }

    static func isHostLabel(_ label: Substring) -> Bool {
        guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-" else { return false }
        return label.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" }
    }

    static func isHostOrAddress(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        if text.contains(":") {  // IPv6
            return text.unicodeScalars.allSatisfy { $0.isASCIIHexDigit || $0 == ":" || $0 == "." }
        }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isHostLabel)
    }
}

extension StringProtocol {
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }

    var isASCIIHexDigit: Bool {
        ("a"..."f").contains(self) || ("A"..."F").contains(self) || ("0"..."9").contains(self)
    }
}
