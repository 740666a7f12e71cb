import Foundation
import Hummingbird
import KinoraCore
import Logging
import KinoraHTTP
import KinoraStorage
import MetadataProviders
import ServarrCore
import ServiceLifecycle

/// The indexers role (Prowlarr): generic Torznab/Newznab indexers served again as one feed each at
/// `/{id}/api`, and applications (the series and movies roles, or Sonarr and Radarr themselves)
/// that it keeps supplied with those feeds — Prowlarr's app sync, over their API v3.
public struct IndexersRole: KinoraRole {
    let environment: RoleEnvironment
    let store: IndexersStore
    let syncer: ApplicationSyncer
    /// Reaches the indexers behind the feeds; bounded in time and size.
    let upstream: any HTTPTransport

    public var role: Role { .indexers }

    public static let definition = RoleDefinition(role: .indexers, migrations: IndexersStore.registerMigrations) { environment in
        guard let database = environment.database else { throw IndexersRoleError.noDatabase }
        let store = IndexersStore(database: database)
        let syncer = ApplicationSyncer(store: store, apiKey: environment.apiKey?.value ?? "", logger: environment.logger)
        return IndexersRole(environment: environment, store: store, syncer: syncer, upstream: URLSessionTransport(timeout: 30, maxBodyBytes: 16 << 20))
    }

    /// Prowlarr protects /api; Torznab feeds (`/{id}/api`) check the key given as a query parameter.
    public func requiresAPIKey(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api")
    }

    /// The role's page (IndexersRole+Web.swift) is served at `/` instead of the shared status page.
    public var servesStatusPage: Bool { false }

    public var services: [any Service] { [ApplicationSyncService(syncer: syncer)] }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        let api = router.group("api/v1")
        api.get("system/status") { _, _ in
            try Response.json(ServarrSystemStatus(environment: environment, migrationVersion: environment.migrationCount))
        }
        api.get("health") { _, _ in try Response.json(environment.servarrHealth + (await healthIssues())) }
        addIndexerRoutes(to: api)
        addApplicationRoutes(to: api)
        addSearchRoutes(to: api)
        addFeedRoutes(to: router, api: api)
        addWebRoutes(to: router)
    }

    /// Applications the last sync could not bring up to date, as Prowlarr words it.
    func healthIssues() async -> [ServarrHealthResource] {
        let failures = await syncer.failures
        guard !failures.isEmpty else { return [] }
        let applications = (try? await store.all(.application)) ?? []
        let names = failures.keys.sorted().map { id in applications.first { $0.id == id }?.name ?? "application \(id)" }
        return [ServarrHealthResource(HealthCheck(
            source: "ApplicationStatusCheck", kind: .error,
            message: "Applications unavailable due to failures: \(names.joined(separator: ", ")) — \(failures.values.sorted().first ?? "")"))]
    }

    static func id(_ context: KinoraRequestContext) throws -> Int {
        guard let text = context.parameters.get("id"), let id = Int(text), id > 0 else { throw ServarrNotFound("Not found") }
        return id
    }

    /// A client's indexer or application checked against the template of its implementation and
    /// normalised on it; 400 in the originals' shape otherwise.
    static func validated(_ resource: ProviderResource, against templates: [ProviderResource]) throws -> ProviderResource {
        guard let template = templates.first(where: { $0.implementation.caseInsensitiveCompare(resource.implementation) == .orderedSame }) else {
            throw validationError([ServarrValidationIssue(
                propertyName: "Implementation",
                errorMessage: "Unknown implementation '\(resource.implementation)': use one of " + templates.map(\.implementation).joined(separator: ", "))])
        }
        switch resource.validated(against: template, kind: .indexer) {
        case .success(let value): return value
        case .failure(let failure): throw validationError(failure.issues)
        }
    }

    static func validationError(_ issues: [ServarrValidationIssue]) -> ServarrValidationError {
        ServarrValidationError(issues.map {
            ServarrValidationFailure(propertyName: $0.propertyName, errorMessage: $0.errorMessage, attemptedValue: nil, errorCode: "Validator")
        })
    }

    static func failure(_ property: String, _ message: String) -> ServarrValidationError {
        ServarrValidationError([ServarrValidationFailure(propertyName: property, errorMessage: message, attemptedValue: nil, errorCode: "ConnectionTest")])
    }
}

enum IndexersRoleError: Error, CustomStringConvertible {
    case noDatabase

    var description: String { "the indexers role needs its database; start it with a data directory" }
}
