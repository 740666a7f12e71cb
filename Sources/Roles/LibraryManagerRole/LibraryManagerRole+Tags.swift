import Hummingbird
import KinoraHTTP
import ServarrCore

/// `/api/v3/tag` as Sonarr and Radarr serve it. Jellyseerr creates per-user tags here and
/// Prowlarr reads them for app sync.
extension LibraryManagerRole {
    struct TagResource: Codable, Sendable, Equatable {
        var id: Int64?
        var label: String
    }

    /// `/tag/detail` lists what uses each tag (Prowlarr and Jellyseerr read it).
    struct TagDetailsResource: Encodable {
        let id: Int64
        let label: String
        let delayProfileIds: [Int]
        let importListIds: [Int] = []
        let notificationIds: [Int]
        let restrictionIds: [Int]
        let indexerIds: [Int]
        let downloadClientIds: [Int]
        let autoTagIds: [Int] = []
        let seriesIds: [Int64]?
        let movieIds: [Int64]?
    }

    func addTagRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.get("tag") { _, _ in try Response.json(try await store.tags().map(Self.resource)) }
        api.get("tag/detail") { _, _ in
            var answers: [TagDetailsResource] = []
            for tag in try await store.tags() { answers.append(try await details(tag)) }
            return try Response.json(answers)
        }
        api.get("tag/detail/{id}") { _, context in
            guard let tag = try await store.tag(id: try Self.id(context)) else { throw ServarrNotFound("Tag not found") }
            return try Response.json(try await details(tag))
        }
        api.get("tag/{id}") { _, context in
            guard let tag = try await store.tag(id: try Self.id(context)) else { throw ServarrNotFound("Tag not found") }
            return try Response.json(Self.resource(tag))
        }
        api.post("tag") { request, context in
            let body = try await request.decodeServarrBody(TagResource.self, context: context)
            let tag = try await store.addTag(label: try Self.validatedLabel(body.label))
            return try Response.json(Self.resource(tag), status: .created)
        }
        // The id may come in the path or, as pyarr sends it, only in the body (Sonarr's `{id?}` routes).
        let update: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            let body = try await request.decodeServarrBody(TagResource.self, context: context)
            let label = try Self.validatedLabel(body.label)
            let id = try context.parameters.get("id").map { _ in try Self.id(context) } ?? body.id ?? 0
            guard let tag = try await store.updateTag(id: id, label: label) else { throw ServarrNotFound("Tag not found") }
            return try Response.json(Self.resource(tag), status: .accepted)
        }
        api.put("tag/{id}", use: update)
        api.put("tag", use: update)
        api.delete("tag/{id}") { _, context in
            guard try await store.deleteTag(id: try Self.id(context)) else { throw ServarrNotFound("Tag not found") }
            return Response(status: .ok)
        }
    }

    func details(_ tag: Tag) async throws -> TagDetailsResource {
        let id = Int(tag.id ?? 0)
        func users(_ kind: DocumentKind) async throws -> [Int] {
            try await store.documents(kind, as: ProviderResource.self).filter { $0.tags.contains(id) }.compactMap(\.id)
        }
        let delay = try await store.documents(.delayProfile, as: DelayProfile.self).filter { $0.tags.contains(id) }.compactMap(\.id)
        let release = try await store.documents(.releaseProfile, as: ReleaseProfile.self).filter { $0.tags.contains(id) }.compactMap(\.id)
        return TagDetailsResource(
            id: tag.id ?? 0, label: tag.label, delayProfileIds: delay, notificationIds: try await users(.notification),
            restrictionIds: release, indexerIds: try await users(.indexer), downloadClientIds: try await users(.downloadClient),
            seriesIds: flavor == .series ? try await store.allSeries().filter { $0.tags.contains(id) }.compactMap(\.id) : nil,
            movieIds: flavor == .movies ? try await store.allMovies().filter { $0.tags.contains(id) }.compactMap(\.id) : nil)
    }

    static func resource(_ tag: Tag) -> TagResource { TagResource(id: tag.id, label: tag.label) }

    /// Sonarr v4 and Radarr store labels in lower case and allow letters, digits and hyphens.
    static func validatedLabel(_ label: String) throws -> String {
        let lowered = label.lowercased()
        guard !lowered.isEmpty, lowered.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else {
            throw ServarrValidationError([
                ServarrValidationFailure(
                    propertyName: "Label", errorMessage: "Allowed characters a-z, 0-9 and -", attemptedValue: label,
                    errorCode: "RegularExpressionValidator")
            ])
        }
        return lowered
    }

    static func id(_ context: KinoraRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw ServarrNotFound("Not found") }
        return id
    }
}
