import ArgumentParser
import Foundation
import KinoraApp
import KinoraCore
import KinoraSystem

/// The flags every command that reads the configuration shares. Flags are the top layer over
/// the environment and `kinora.yaml`, and are validated by the same rules.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: "The media root (downloads/, tv/, movies/…). Default: ./kinora-data")
    var data: String?

    @Option(name: .long, help: "The directory of the databases and kinora.yaml; a local disk. Default: <data>/config")
    var config: String?

    @Option(name: .long, help: "The address to listen on. Default: 0.0.0.0")
    var bind: String?

    @Option(name: .long, help: "The domain of the gateway's host names. Default: homelab.local")
    var domain: String?

    @Option(name: .customLong("role"), help: "A role to run (repeatable). Default: all nine.")
    var roles: [String] = []

    @Option(name: .customLong("port"), help: "ROLE=PORT: listen on another port for a role (repeatable).")
    var ports: [String] = []

    @Option(name: .customLong("host"), help: "ROLE=NAME: the first label of a role's host name, such as series=tv (repeatable).")
    var hosts: [String] = []

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical. Default: info")
    var logLevel: String?

    @Flag(name: .long, help: "Open databases even when the config directory is on a network filesystem.")
    var allowNetworkConfig = false

    var layer: ConfigurationLayer {
        var layer = ConfigurationLayer(source: .flags)
        func add(_ key: ConfigurationKey, _ value: String?) {
            if let value { layer.values.append((key.name, value)) }
        }
        add(.data, data)
        add(.config, config)
        add(.bind, bind)
        add(.domain, domain)
        add(.roles, roles.isEmpty ? nil : roles.joined(separator: ","))
        add(.logLevel, logLevel)
        if allowNetworkConfig { add(.allowNetworkConfig, "true") }
        for (section, assignments) in [("ports", ports), ("hosts", hosts)] {
            for assignment in assignments {
                let parts = assignment.split(separator: "=", maxSplits: 1)
                layer.values.append(("\(section).\(parts.first ?? "")", parts.count == 2 ? String(parts[1]) : ""))
            }
        }
        return layer
    }

    /// The effective configuration, or exit with one line naming the key at fault.
    func load() throws -> ConfigurationLoader.Loaded {
        do {
            return try ConfigurationLoader().load(flags: layer)
        } catch {
            throw CommandFailure(message: "configuration error: \(error)")
        }
    }
}

/// An error the user can act on: printed as one line, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension AsyncParsableCommand {
    /// Prints a failure as `error: …` on standard error and exits 1, without usage text.
    static func failing(_ error: any Error) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        return ExitCode.failure
    }
}
