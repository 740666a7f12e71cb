import ArgumentParser
import Foundation
import KinoraApp
import KinoraCore
import KinoraSystem
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the roles: all nine in one process by default, or those named with --role."
    )

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let began = ContinuousClock.now
        do {
            let configuration = try options.load().configuration
            let level = Logger.Level(rawValue: configuration.logLevel.rawValue) ?? .info
            LoggingSystem.bootstrap { LogfmtLogHandler(label: $0, level: level) }
            var logger = Logger(label: "kinora")
            logger.logLevel = level

            let server = try await KinoraServer.prepare(configuration: configuration, logger: logger) { ports in
                let elapsed = ContinuousClock.now - began
                let listing = ports.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
                let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
                // Written straight to the descriptor: scripts wait for this line, so it must not sit in a buffer.
                FileHandle.standardOutput.write(
                    Data("kinora ready: \(ports.count) listeners on \(configuration.bindAddress) in \(milliseconds) ms (\(listing))\n".utf8))
            }
            logger.info("starting", metadata: ["roles": "\(configuration.roles.map(\.rawValue).joined(separator: ","))", "data": "\(configuration.dataDirectory)"])
            try await server.run()
            logger.info("stopped")
        } catch {
            throw Self.failing(error)
        }
    }
}
