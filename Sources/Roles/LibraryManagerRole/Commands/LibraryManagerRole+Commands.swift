import Hummingbird
import KinoraHTTP
import ServarrCore

/// `/api/v3/command`: queue a command, list them, read one.
extension LibraryManagerRole {
    struct CommandRequest: Decodable, Sendable {
        var name: String
        var body: [String: ProviderValue]

        init(from decoder: any Decoder) throws {
            body = try [String: ProviderValue](from: decoder)
            guard case .string(let name) = body["name"] else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a command needs a name"))
            }
            self.name = name
            body["name"] = nil
        }
    }

    func addCommandRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.post("command") { request, context in
            let body = try await request.decodeServarrBody(CommandRequest.self, context: context)
            guard let name = commands.canonicalName(body.name) else {
                throw ServarrValidationError([
                    ServarrValidationFailure(
                        propertyName: "Name", errorMessage: "Unknown command '\(body.name)'", attemptedValue: body.name, errorCode: "CommandValidator")
                ])
            }
            return try Response.json(commands.enqueue(name: name, body: body.body), status: .created)
        }
        api.get("command") { _, _ in try Response.json(commands.all()) }
        api.get("command/{id}") { _, context in
            guard let command = commands.command(id: Int(try Self.id(context))) else { throw ServarrNotFound("Command not found") }
            return try Response.json(command)
        }
    }
}
