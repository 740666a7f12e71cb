import Foundation
import Hummingbird
import KinoraHTTP
import ServarrCore

/// Quality profiles and definitions, custom formats, language and delay and release profiles,
/// naming: the settings Jellyseerr, Prowlarr and TRaSH-guide tools (Recyclarr, Notifiarr) read and write.
extension LibraryManagerRole {
    func addProfileRoutes(to api: RouterGroup<KinoraRequestContext>) {
        // Quality profiles. Clients spell it qualityprofile and qualityProfile; paths match case-sensitively,
        // so both are routed.
        for path in ["qualityprofile", "qualityProfile"] {
            api.get("\(path)/schema") { _, _ in
                let formats = try await store.documents(.customFormat, as: CustomFormat.self)
                return try Response.json(Self.qualityProfileSchema(app: app, formats: formats))
            }
            addDocumentRoutes(
                to: api, path: path, kind: .qualityProfile, type: QualityProfile.self, notFound: "Quality profile not found",
                validate: { profile in
                    let formats = try await store.documents(.customFormat, as: CustomFormat.self)
                    let normalized = profile.normalized(app: app, formats: formats)
                    return (normalized, normalized.validate(app: app, knownFormatIds: Set(formats.compactMap(\.id))))
                },
                beforeDelete: { id in
                    let used = flavor == .series
                        ? try await store.allSeries().contains { $0.qualityProfileId == id }
                        : try await store.allMovies().contains { $0.qualityProfileId == id }
                    if used {
                        throw ServarrValidationError([
                            ServarrValidationFailure(propertyName: "Id", errorMessage: "Profile is in use: move its \(flavor == .series ? "series" : "movies") to another profile first", attemptedValue: String(id), errorCode: "ProfileInUse")
                        ])
                    }
                })
        }

        // Quality definitions: a fixed set, edited in place.
        api.get("qualitydefinition") { _, _ in try Response.json(try await store.documents(.qualityDefinition, as: QualityDefinition.self)) }
        api.get("qualitydefinition/{id}") { _, context in
            guard let definition = try await store.document(.qualityDefinition, id: Int(try Self.id(context)), as: QualityDefinition.self) else {
                throw ServarrNotFound("Quality definition not found")
            }
            return try Response.json(definition)
        }
        let updateDefinition: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            let body = try await request.decodeServarrBody(QualityDefinition.self, context: context)
            let id = try context.parameters.get("id").map { _ in Int(try Self.id(context)) } ?? body.id
            let saved = try await saveDefinition(body, id: id)
            return try Response.json(saved, status: .accepted)
        }
        api.put("qualitydefinition/{id}", use: updateDefinition)
        api.put("qualitydefinition/update") { request, context in
            let bodies = try await request.decodeServarrBody([QualityDefinition].self, context: context)
            var saved: [QualityDefinition] = []
            for body in bodies { saved.append(try await saveDefinition(body, id: body.id)) }
            return try Response.json(saved, status: .accepted)
        }

        // Custom formats, including import of the originals' export JSON (TRaSH guides' files).
        api.get("customformat/schema") { _, _ in try Response.json(CustomFormat.schema(for: app)) }
        addDocumentRoutes(
            to: api, path: "customformat", kind: .customFormat, type: CustomFormat.self, notFound: "Custom format not found",
            validate: { format in (format, format.validate(app: app)) },
            afterChange: { try await refreshProfileFormats() })
        api.get("customformat/{id}/export") { _, context in
            guard let format = try await store.document(.customFormat, id: Int(try Self.id(context)), as: CustomFormat.self) else {
                throw ServarrNotFound("Custom format not found")
            }
            return Response.jsonBody(format.exported())
        }

        // Languages (Sonarr v3 clients, Jellyseerr and Bazarr still ask for language profiles).
        api.get("language") { _, _ in try Response.json(LanguageCatalog.languages(for: app)) }
        api.get("language/{id}") { _, context in
            guard let language = LanguageCatalog.language(id: Int(try Self.signedId(context)), for: app) else { throw ServarrNotFound("Language not found") }
            return try Response.json(language)
        }
        if flavor == .series {
            api.get("languageprofile/schema") { _, _ in try Response.json(LanguageProfile.defaults.first) }
            addDocumentRoutes(
                to: api, path: "languageprofile", kind: .languageProfile, type: LanguageProfile.self, notFound: "Language profile not found",
                validate: { profile in
                    let issues = profile.name.isEmpty ? [ServarrValidationIssue(propertyName: "Name", errorMessage: "'Name' must not be empty.")] : []
                    return (profile, issues)
                })
        }

        addDocumentRoutes(
            to: api, path: "delayprofile", kind: .delayProfile, type: DelayProfile.self, notFound: "Delay profile not found",
            validate: { profile in (profile, profile.validate()) })
        addDocumentRoutes(
            to: api, path: "releaseprofile", kind: .releaseProfile, type: ReleaseProfile.self, notFound: "Release profile not found",
            validate: { profile in (profile, profile.validate()) })

        // Naming: one resource, `config/naming`.
        api.get("config/naming") { _, _ in try Response.json(try await namingConfig()) }
        let updateNaming: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            var body = try await request.decodeServarrBody(NamingConfig.self, context: context)
            let issues = body.validationIssues()
            guard issues.isEmpty else { throw Self.validationError(issues) }
            body.id = 1
            _ = try await store.updateDocument(.naming, id: 1, body)
            return try Response.json(try await namingConfig(), status: .accepted)
        }
        api.put("config/naming", use: updateNaming)
        api.put("config/naming/{id}", use: updateNaming)
    }

    func namingConfig() async throws -> NamingConfig {
        try await store.document(.naming, id: 1, as: NamingConfig.self) ?? NamingConfig.defaults(for: app)
    }

    /// Keeps every profile's format list complete, and free of deleted formats, when formats come and go.
    func refreshProfileFormats() async throws {
        let formats = try await store.documents(.customFormat, as: CustomFormat.self)
        let known = Set(formats.compactMap(\.id))
        for profile in try await store.documents(.qualityProfile, as: QualityProfile.self) {
            var trimmed = profile
            trimmed.formatItems.removeAll { !known.contains($0.format) }
            let normalized = trimmed.normalized(app: app, formats: formats)
            if normalized != profile, let id = profile.id { _ = try await store.updateDocument(.qualityProfile, id: id, normalized) }
        }
    }

    func saveDefinition(_ body: QualityDefinition, id: Int) async throws -> QualityDefinition {
        guard var stored = try await store.document(.qualityDefinition, id: id, as: QualityDefinition.self) else {
            throw ServarrNotFound("Quality definition not found")
        }
        stored.title = body.title.isEmpty ? stored.title : body.title
        stored.minSize = body.minSize
        stored.maxSize = body.maxSize
        stored.preferredSize = body.preferredSize
        let issues = stored.validate()
        guard issues.isEmpty else { throw Self.validationError(issues) }
        _ = try await store.updateDocument(.qualityDefinition, id: id, stored)
        return stored
    }

    /// `qualityprofile/schema`: every quality, none allowed, every format at 0 — what a client fills in.
    static func qualityProfileSchema(app: ServarrApp, formats: [CustomFormat]) -> QualityProfile {
        var schema = QualityProfile.defaults(for: app, formats: formats)[0]
        func disallowed(_ item: QualityProfileItem) -> QualityProfileItem {
            var item = item
            item.allowed = false
            item.items = item.items.map(disallowed)
            return item
        }
        schema.id = nil
        schema.name = ""
        schema.cutoff = 0
        schema.items = schema.items.map(disallowed)
        return schema.normalized(app: app, formats: formats)
    }

    static func validationError(_ issues: [ServarrValidationIssue]) -> ServarrValidationError {
        ServarrValidationError(issues.map {
            ServarrValidationFailure(propertyName: $0.propertyName, errorMessage: $0.errorMessage, attemptedValue: nil, errorCode: "Validator")
        })
    }

    /// GET list, GET one, POST, PUT (id in the path or only in the body, as pyarr sends it) and
    /// DELETE for a document kind.
    func addDocumentRoutes<Value: StoredDocument & Equatable>(
        to api: RouterGroup<KinoraRequestContext>, path: String, kind: DocumentKind, type: Value.Type, notFound: String,
        validate: @escaping @Sendable (Value) async throws -> (Value, [ServarrValidationIssue]),
        beforeDelete: @escaping @Sendable (Int) async throws -> Void = { _ in },
        afterChange: @escaping @Sendable () async throws -> Void = {}
    ) {
        api.get(RouterPath(path)) { _, _ in try Response.json(try await store.documents(kind, as: type)) }
        api.get(RouterPath("\(path)/{id}")) { _, context in
            guard let value = try await store.document(kind, id: Int(try Self.id(context)), as: type) else { throw ServarrNotFound(notFound) }
            return try Response.json(value)
        }
        api.post(RouterPath(path)) { request, context in
            let body = try await request.decodeServarrBody(type, context: context)
            let (value, issues) = try await validate(body)
            guard issues.isEmpty else { throw Self.validationError(issues) }
            var fresh = value
            fresh.documentId = nil
            let stored = try await store.insertDocument(kind, fresh)
            try await afterChange()
            return try Response.json(stored, status: .created)
        }
        let update: @Sendable (Request, KinoraRequestContext) async throws -> Response = { request, context in
            let body = try await request.decodeServarrBody(type, context: context)
            let id = try context.parameters.get("id").map { _ in Int(try Self.id(context)) } ?? body.documentId ?? 0
            guard try await store.document(kind, id: id, as: type) != nil else { throw ServarrNotFound(notFound) }
            let (value, issues) = try await validate(body)
            guard issues.isEmpty else { throw Self.validationError(issues) }
            _ = try await store.updateDocument(kind, id: id, value)
            try await afterChange()
            guard let stored = try await store.document(kind, id: id, as: type) else { throw ServarrNotFound(notFound) }
            return try Response.json(stored, status: .accepted)
        }
        api.put(RouterPath("\(path)/{id}"), use: update)
        api.put(RouterPath(path), use: update)
        api.delete(RouterPath("\(path)/{id}")) { _, context in
            let id = Int(try Self.id(context))
            guard try await store.document(kind, id: id, as: type) != nil else { throw ServarrNotFound(notFound) }
            try await beforeDelete(id)
            _ = try await store.deleteDocument(kind, id: id)
            try await afterChange()
            return Response(status: .ok)
        }
    }

    static func signedId(_ context: KinoraRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text) else { throw ServarrNotFound("Not found") }
        return id
    }
}

extension LibraryStore {
    /// The originals' defaults, stored once on first start.
    func seedDefaults(for app: ServarrApp) throws {
        try seedDocuments(.qualityDefinition, QualityCatalog.defaultDefinitions(for: app))
        try seedDocuments(.qualityProfile, QualityProfile.defaults(for: app))
        if app == .sonarr { try seedDocuments(.languageProfile, LanguageProfile.defaults) }
        try seedDocuments(.delayProfile, [DelayProfile.defaultProfile])
        var naming = NamingConfig.defaults(for: app)
        naming.id = 1
        try seedDocuments(.naming, [naming])
    }
}
