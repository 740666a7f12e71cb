import ArgumentParser
import Foundation
import KinoraApp
import KinoraCore
import KinoraSystem
import MediaRole

struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "Manage the media role (Jellyfin).",
        subcommands: [AddUser.self]
    )

    struct AddUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adduser",
            abstract: "Create a media user. The password is read from standard input, never from the command line."
        )

        @OptionGroup var options: ConfigurationOptions

        @Argument(help: "The user name.")
        var name: String

        @Flag(help: "Make the user an administrator.")
        var admin = false

        func run() async throws {
            do {
                let configuration = try options.load().configuration
                // One line of standard input: `echo secret | kinora media adduser alice`, or typed at the prompt.
                if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data("password for \(name): ".utf8)) }
                let password = readLine(strippingNewline: true) ?? ""
                let user = try await MediaUsers.add(configuration: configuration, name: name, password: password, isAdministrator: admin)
                print("created \(user.isAdministrator ? "administrator" : "user") \(user.name) (\(user.id))")
            } catch {
                throw Self.failing(error)
            }
        }
    }
}
