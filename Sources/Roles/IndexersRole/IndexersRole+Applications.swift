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
        @Sendable func validated(_ resource: ProviderResource) throws -> ProviderResource { try Self.validated(resource, against: templates) }
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
        @Sendable func forceSave(_ request: Request) -> Bool { request.queryValue(named: "forceSave")?.lowercased() == "true" }

        api.get("applications/schema") { _, _ in try Response.json(templates) }
        api.get("applications") { _, _ in try Response.json(try await store.all(.application).map { $0.masked() }) }
        api.get("applications/{id}") { _, context in
            guard let stored = try await store.one(.application, id: try Self.id(context)) else { throw ServarrNotFound("Application not found") }
            return try Response.json(stored.masked())
        }
        api.post("applications") { request, context in
            let resource = try validated(try await request.decodeServarrBody(ProviderResource.self, context: context))
            if !forceSave(request) { try await test(resource) }
            let stored = try await store.insert(.application, resource)
            syncer.requestSync()
            return try Response.json(stored.masked(), status: .created)
        }
        let update: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            let body = try await request.decodeServarrBody(ProviderResource.self, context: context)
            let id = context.parameters.get("id") != nil ? try Self.id(context) : (body.id ?? 0)
            guard let stored = try await store.one(.application, id: id) else { throw ServarrNotFound("Application not found") }
            var resource = try validated(body.merging(secretsFrom: stored))
            if !forceSave(request) { try await test(resource) }
            _ = try await store.update(.application, id: id, resource)
            resource.id = id
            syncer.requestSync()
            return try Response.json(resource.masked(), status: .accepted)
        }
        api.put("applications/{id}", use: update)
        api.put("applications", use: update)
        api.delete("applications/{id}") { _, context in
            // The application keeps the indexers already synced into it, as with Prowlarr.
            guard try await store.delete(.application, id: try Self.id(context)) else { throw ServarrNotFound("Application not found") }
            return Response(status: .ok)
        }
        api.post("applications/test") { request, context in
            let body = try await request.decodeServarrBody(ProviderResource.self, context: context)
            let stored = try await body.id.asyncMap { try await store.one(.application, id: $0) } ?? nil
            try await test(try validated(stored.map { body.merging(secretsFrom: $0) } ?? body))
            return try Response.json([String: String]())
        }
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
