import ArgumentParser
import Foundation
import KinoraApp
import KinoraCore
import KinoraSystem

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy every role's database and kinora.yaml into a new directory, safely while Kinora runs.",
        discussion: "To restore: stop Kinora, copy the .sqlite files of the backup into the config directory, start it."
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .long, help: "The directory to create. Default: <config>/backups/kinora-<UTC time>")
    var to: String?

    func run() async throws {
        do {
            let configuration = try options.load().configuration
            let result = try Backup.run(
                configuration: configuration, into: to.map { ConfigurationLoader().absolute($0) },
                now: Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970))
            print("backed up \(result.databases.map(\.rawValue).joined(separator: ", ")) to \(result.directory)")
        } catch {
            throw Self.failing(error)
        }
    }
}
