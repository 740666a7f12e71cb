import Foundation
import Hummingbird
import KinoraHTTP
import ServarrCore

/// Indexers, download clients and connections (notifications): the provider resources Prowlarr's
/// app sync pushes (`indexer/schema`, POST/PUT with `forceSave`, DELETE, `indexer/test`) and the
/// settings pages edit.
extension LibraryManagerRole {
    func addProviderRoutes(to api: RouterGroup<KinoraRequestContext>) {
        addProviderRoutes(to: api, path: "indexer", kind: .indexer, provider: .indexer, templates: IndexerSchemas.templates(for: app))
        addProviderRoutes(
            to: api, path: "downloadclient", kind: .downloadClient, provider: .downloadClient, templates: DownloadClientSchemas.templates(for: app))
        addProviderRoutes(
            to: api, path: "notification", kind: .notification, provider: .notification, templates: NotificationSchemas.templates(for: app))
    }

    func addProviderRoutes(
        to api: RouterGroup<KinoraRequestContext>, path: String, kind: DocumentKind, provider: ProviderKind, templates: [ProviderResource]
    ) {
        let noun = kind == .indexer ? "Indexer" : kind == .downloadClient ? "Download client" : "Notification"
        @Sendable func template(for resource: ProviderResource) throws -> ProviderResource {
            guard let template = templates.first(where: { $0.implementation.caseInsensitiveCompare(resource.implementation) == .orderedSame }) else {
                throw ServarrValidationError([
                    ServarrValidationFailure(
                        propertyName: "Implementation",
                        errorMessage: "Unknown implementation '\(resource.implementation)': use one of " + templates.map(\.implementation).joined(separator: ", "),
                        attemptedValue: resource.implementation, errorCode: "ImplementationValidator")
                ])
            }
            return template
        }
        @Sendable func validated(_ resource: ProviderResource) throws -> ProviderResource {
            switch resource.validated(against: try template(for: resource), kind: provider) {
            case .success(let value): return value
            case .failure(let failure): throw Self.validationError(failure.issues)
            }
        }
        @Sendable func forceSave(_ request: Request) -> Bool {
            request.queryValue(named: "forceSave").map { $0.lowercased() == "true" } ?? false
        }

        api.get(RouterPath("\(path)/schema")) { _, _ in try Response.json(templates) }
        api.get(RouterPath(path)) { _, _ in try Response.json(try await store.documents(kind, as: ProviderResource.self).map { $0.masked() }) }
        api.get(RouterPath("\(path)/{id}")) { _, context in
            guard let stored = try await store.document(kind, id: Int(try Self.id(context)), as: ProviderResource.self) else {
                throw ServarrNotFound("\(noun) not found")
            }
            return try Response.json(stored.masked())
        }
        api.post(RouterPath(path)) { request, context in
            let body = try await request.decodeServarrBody(ProviderResource.self, context: context)
            var resource = try validated(body)
            // Sonarr tests a provider before saving unless told to save anyway (Prowlarr retries with forceSave).
            if !forceSave(request) { try await ProviderTester.test(resource, kind: provider) }
            resource.id = nil
            let stored = try await store.insertDocument(kind, resource)
            return try Response.json(stored.masked(), status: .created)
        }
        let update: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            let body = try await request.decodeServarrBody(ProviderResource.self, context: context)
            let id = try context.parameters.get("id").map { _ in Int(try Self.id(context)) } ?? body.id ?? 0
            guard let stored = try await store.document(kind, id: id, as: ProviderResource.self) else { throw ServarrNotFound("\(noun) not found") }
            let resource = try validated(body.merging(secretsFrom: stored))
            if !forceSave(request) { try await ProviderTester.test(resource, kind: provider) }
            _ = try await store.updateDocument(kind, id: id, resource)
            var answer = resource
            answer.id = id
            return try Response.json(answer.masked(), status: .accepted)
        }
        api.put(RouterPath("\(path)/{id}"), use: update)
        api.put(RouterPath(path), use: update)
        api.delete(RouterPath("\(path)/{id}")) { _, context in
            guard try await store.deleteDocument(kind, id: Int(try Self.id(context))) else { throw ServarrNotFound("\(noun) not found") }
            return Response(status: .ok)
        }
        api.post(RouterPath("\(path)/test")) { request, context in
            let body = try await request.decodeServarrBody(ProviderResource.self, context: context)
            var resource = body
            if let id = body.id, let stored = try await store.document(kind, id: id, as: ProviderResource.self) {
                resource = body.merging(secretsFrom: stored)
            }
            try await ProviderTester.test(try validated(resource), kind: provider)
            return try Response.json([String: String]())
        }
        api.post(RouterPath("\(path)/testall")) { _, _ in
            var results: [ProviderTestResult] = []
            for stored in try await store.documents(kind, as: ProviderResource.self) {
                do {
                    try await ProviderTester.test(stored, kind: provider)
                    results.append(ProviderTestResult(id: stored.id ?? 0, isValid: true, validationFailures: []))
                } catch let error as ServarrValidationError {
                    results.append(ProviderTestResult(id: stored.id ?? 0, isValid: false, validationFailures: error.failures))
                }
            }
            return try Response.json(results)
        }
    }
}

struct ProviderTestResult: Codable, Sendable {
    var id: Int
    var isValid: Bool
    var validationFailures: [ServarrValidationFailure]
}
