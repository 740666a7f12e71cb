import ArgumentParser
import KinoraCore
import KinoraSystem

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the configuration.",
        subcommands: [Show.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration (kinora.yaml < KINORA_* environment < flags), secrets masked."
        )

        @OptionGroup var options: ConfigurationOptions

        func run() async throws {
            do {
                let entries = try options.load().entries
                let width = entries.map { $0.key.count + $0.displayValue.count }.max() ?? 0
                for entry in entries {
                    let text = "\(entry.key): \(entry.displayValue)"
                    let padding = String(repeating: " ", count: max(1, width + 3 - text.count))
                    print("\(text)\(padding)# \(entry.source)")
                }
            } catch {
                throw Self.failing(error)
            }
        }
    }
}
