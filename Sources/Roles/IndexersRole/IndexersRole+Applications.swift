import Foundation
import Hummingbird
import KinoraCore
import KinoraHTTP
import ServarrCore

/// `/api/v1/applications`: the series and movies managers the indexers are synced into, and the
/// "Sync App Indexers" command.
extension IndexersRole {
    func addApplicationRoutes(to api: RouterGroup<KinoraRequestContext>) {
        let templates = ProwlarrSchemas.applicationTemplates
        @Sendable func test(_ resource: ProviderResource) async throws {
            let client = ApplicationClient(resource: resource)
            do {
                _ = try await client.status()
                let schema = try await client.indexerSchema()
                guard schema.contains(where: { $0.implementation == "Torznab" || $0.implementation == "Newznab" }) else {
                    throw ApplicationClient.Failure(description: "\(client.name) offers no Torznab or Newznab indexer to sync into")
                }
            } catch let failure as ApplicationClient.Failure {
                throw Self.failure(failure.description.contains("API key") ? "ApiKey" : "BaseUrl", failure.description)
            }
        }
        // Deleting an application leaves it the indexers already synced into it, as with Prowlarr.
        addResourceRoutes(
            to: api, path: "applications", table: .application, noun: "Application", templates: templates, syncAfterDelete: false,
            prepare: { body, stored, forceSave in
                let resource = try Self.validated(stored.map { body.merging(secretsFrom: $0) } ?? body, against: templates)
                if !forceSave { try await test(resource) }
                return resource
            },
            test: test)
        api.post("command") { request, context in
            let body = try await request.decodeServarrBody([String: ProviderValue].self, context: context)
            let name = body["name"]?.string ?? ""
            guard name.caseInsensitiveCompare("ApplicationIndexerSync") == .orderedSame else {
                throw Self.validationError([ServarrValidationIssue(propertyName: "Name", errorMessage: "Unknown command '\(name)': the indexers role runs ApplicationIndexerSync")])
            }
            let started = Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970).iso8601(fractionDigits: 0)
            let failures = await syncer.syncAll()
            let ended = Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970).iso8601(fractionDigits: 0)
            let command: [String: ProviderValue] = [
                "id": 1, "name": "ApplicationIndexerSync", "commandName": "Application Indexer Sync", "trigger": "manual",
                "status": failures.isEmpty ? "completed" : "failed", "result": failures.isEmpty ? "successful" : "unsuccessful",
                "message": .string(failures.isEmpty ? "Completed" : failures.values.sorted().joined(separator: "; ")),
                "body": .object(["sendUpdatesToClient": true, "name": "ApplicationIndexerSync"]),
                "queued": .string(started), "started": .string(started), "ended": .string(ended),
            ]
            return try Response.json(command, status: .created)
        }
    }
}
