import Foundation
import KinoraCore

/// Builds the effective configuration: `kinora.yaml` in the config directory < `KINORA_*`
/// environment < command-line flags. The config directory itself comes from the flags or the
/// environment (it locates the file), defaulting to `<data>/config`.
public struct ConfigurationLoader: Sendable {
    public var environment: [String: String]
    public var workingDirectory: String

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    public struct Loaded: Sendable {
        public let configuration: KinoraConfiguration
        public let entries: [ConfigurationEntry]
    }

    public func load(flags: ConfigurationLayer) throws(ConfigurationError) -> Loaded {
        let (environmentLayer, environmentErrors) = ConfigurationLayer.environment(environment)
        if let first = environmentErrors.first { throw first }

        // First pass without the file, to find where the file is.
        let located = try ConfigurationResolver.resolve([environmentLayer, flags]).configuration
        let configDirectory = absolute(located.configDirectory)
        let fileLayer = try ConfigurationFile.layer(at: DataLayout(dataDirectory: "", configDirectory: configDirectory).configurationFile)

        var (configuration, entries) = try ConfigurationResolver.resolve([fileLayer, environmentLayer, flags])
        configuration.dataDirectory = absolute(configuration.dataDirectory)
        configuration.configDirectory = absolute(
            located.configDirectory == KinoraConfiguration.defaultConfigDirectory(forData: located.dataDirectory)
                // The file may move the data root; the default config directory follows it.
                && fileLayer.values.contains { $0.key == ConfigurationKey.data.name }
                ? KinoraConfiguration.defaultConfigDirectory(forData: configuration.dataDirectory)
                : configDirectory
        )
        entries = entries.map { entry in
            switch entry.key {
            case ConfigurationKey.data.name:
                ConfigurationEntry(key: entry.key, displayValue: configuration.dataDirectory, source: entry.source)
            case ConfigurationKey.config.name:
                ConfigurationEntry(key: entry.key, displayValue: configuration.configDirectory, source: entry.source)
            default: entry
            }
        }
        return Loaded(configuration: configuration, entries: entries)
    }

    /// Makes a path absolute against the working directory and drops `.` components.
    public func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
