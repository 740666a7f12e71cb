import ArgumentParser
import KinoraCore
import KinoraSystem
import KinoraApp

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the API key of each keyed role, one `role key` per line (created on first use)."
    )

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        do {
            for (role, key) in try RoleKeys.list(configuration: options.load().configuration) {
                print("\(role.rawValue) \(key.value)")
            }
        } catch {
            throw Self.failing(error)
        }
    }
}
