import Hummingbird
import KinoraHTTP
import ServarrCore

/// The routes indexers and applications share, as Prowlarr serves its provider resources: schema, list,
/// one, POST, PUT (id in the path or only in the body), DELETE and test. Keys read `********` on the way
/// out, and a masked key sent back keeps the stored one.
extension IndexersRole {
    /// `prepare` turns a client's resource (its secrets merged with `stored`'s on a PUT) into the one to
    /// store, testing it unless `forceSave`; `test` is the Test button.
    func addResourceRoutes(
        to api: RouterGroup<KinoraRequestContext>, path: String, table: IndexersStore.Table, noun: String,
        templates: [ProviderResource], syncAfterDelete: Bool,
        prepare: @escaping @Sendable (_ body: ProviderResource, _ stored: ProviderResource?, _ forceSave: Bool) async throws -> ProviderResource,
        test: @escaping @Sendable (ProviderResource) async throws -> Void
    ) {
        @Sendable func forceSave(_ request: Request) -> Bool { request.queryValue(named: "forceSave")?.lowercased() == "true" }

        api.get(RouterPath("\(path)/schema")) { _, _ in try Response.json(templates) }
        api.get(RouterPath(path)) { _, _ in try Response.json(try await store.all(table).map { $0.masked() }) }
        api.get(RouterPath("\(path)/{id}")) { _, context in
            guard let stored = try await store.one(table, id: try Self.id(context)) else { throw ServarrNotFound("\(noun) not found") }
            return try Response.json(stored.masked())
        }
        api.post(RouterPath(path)) { request, context in
            let body = try await request.decodeServarrBody(ProviderResource.self, context: context)
            let stored = try await store.insert(table, try await prepare(body, nil, forceSave(request)))
            syncer.requestSync()
            return try Response.json(stored.masked(), status: .created)
        }
        let update: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            let body = try await request.decodeServarrBody(ProviderResource.self, context: context)
            let id = context.parameters.get("id") != nil ? try Self.id(context) : (body.id ?? 0)
            guard let stored = try await store.one(table, id: id) else { throw ServarrNotFound("\(noun) not found") }
            var resource = try await prepare(body, stored, forceSave(request))
            _ = try await store.update(table, id: id, resource)
            resource.id = id
            syncer.requestSync()
            return try Response.json(resource.masked(), status: .accepted)
        }
        api.put(RouterPath("\(path)/{id}"), use: update)
        api.put(RouterPath(path), use: update)
        api.delete(RouterPath("\(path)/{id}")) { _, context in
            guard try await store.delete(table, id: try Self.id(context)) else { throw ServarrNotFound("\(noun) not found") }
            if syncAfterDelete { syncer.requestSync() }
            return Response(status: .ok)
        }
        api.post(RouterPath("\(path)/test")) { request, context in
            let body = try await request.decodeServarrBody(ProviderResource.self, context: context)
            let stored = try await body.id.asyncMap { try await store.one(table, id: $0) } ?? nil
            try await test(try Self.validated(stored.map { body.merging(secretsFrom: $0) } ?? body, against: templates))
            return try Response.json([String: String]())
        }
    }
}
