import Logging
import ServarrCore
import ServiceLifecycle

/// Pushes the role's indexers into every application (Prowlarr's app sync): after each change to an
/// indexer or an application, on the "Sync App Indexers" command, and every 6 hours. One run at a
/// time; what failed is kept for the health check until the next run succeeds.
actor ApplicationSyncer {
    let store: IndexersStore
    let apiKey: String
    let logger: Logger
    private(set) var failures: [Int: String] = [:]
    private let requests: AsyncStream<Void>
    private let requestContinuation: AsyncStream<Void>.Continuation

    init(store: IndexersStore, apiKey: String, logger: Logger) {
        self.store = store
        self.apiKey = apiKey
        self.logger = logger
        (requests, requestContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks for a run soon; requests made while one runs collapse into one more run.
    nonisolated func requestSync() {
        requestContinuation.yield()
    }

    /// Serves requests until cancelled.
    func serveRequests() async {
        for await _ in requests {
            _ = await syncAll()
        }
    }

    nonisolated func finish() {
        requestContinuation.finish()
    }

    /// The run in progress, or the last one: runs are chained so that two never interleave (an actor
    /// lets calls interleave at every `await`, and two runs adding the same indexer would add it twice).
    private var latestRun: Task<[Int: String], Never>?

    /// Syncs every application, after any run in progress; answers the failures, by application id.
    @discardableResult
    func syncAll() async -> [Int: String] {
        let previous = latestRun
        let run = Task { () -> [Int: String] in
            _ = await previous?.value
            return await self.runOnce()
        }
        latestRun = run
        return await run.value
    }

    private func runOnce() async -> [Int: String] {
        guard let applications = try? await store.all(.application) else { return failures }
        var failed: [Int: String] = [:]
        for application in applications {
            guard let id = application.id else { continue }
            do { try await sync(application) } catch {
                failed[id] = "\(error)"
                logger.warning("application sync failed", metadata: ["application": "\(application.name ?? "")", "error": "\(error)"])
            }
        }
        failures = failed
        return failed
    }

    private func sync(_ application: ProviderResource) async throws {
        guard let applicationId = application.id, let settings = SyncedApplication(resource: application, prowlarrApiKey: apiKey),
              settings.syncLevel != .disabled
        else { return }
        let client = ApplicationClient(resource: application)
        let remote = try await client.indexers()
        let schema = try await client.indexerSchema()
        let indexers = try await store.all(.indexer).compactMap(Self.synced)
        let known = try await store.copies(in: applicationId)
        let actions = ApplicationSync.plan(indexers: indexers, application: settings, remote: remote, known: known) { implementation in
            schema.first { $0.implementation.lowercased() == implementation.lowercased() }
        }
        var firstError: (any Error)?
        for action in actions {
            do {
                switch action {
                case .add(let indexerId, let resource):
                    let added = try await client.addIndexer(resource)
                    guard let remoteId = added.id else { throw ApplicationClient.Failure(description: "\(client.name) answered an added indexer without an id") }
                    try await store.rememberCopy(applicationId: applicationId, indexerId: indexerId, remoteId: remoteId)
                case .update(_, let remoteId, let resource):
                    try await client.updateIndexer(resource, id: remoteId)
                case .remove(let indexerId, let remoteId):
                    try await client.deleteIndexer(id: remoteId)
                    if let indexerId { try await store.forgetCopy(applicationId: applicationId, indexerId: indexerId) }
                case .claim(let indexerId, let remoteId):
                    try await store.rememberCopy(applicationId: applicationId, indexerId: indexerId, remoteId: remoteId)
                case .forget(let indexerId):
                    try await store.forgetCopy(applicationId: applicationId, indexerId: indexerId)
                }
            } catch {
                // The other actions still run: one indexer the application refuses must not hold back the rest.
                firstError = firstError ?? error
            }
        }
        logger.info("application synced", metadata: ["application": "\(application.name ?? "")", "actions": "\(actions.count)"])
        if let firstError { throw firstError }
    }

    /// A stored indexer as the sync plan sees it.
    static func synced(_ resource: ProviderResource) -> SyncedIndexer? {
        guard let id = resource.id else { return nil }
        return SyncedIndexer(
            id: id, name: resource.name ?? "Indexer \(id)", protocolName: resource.extraString("protocol") ?? "torrent",
            enabled: resource.extraBool("enable") ?? true, priority: resource.extraInt("priority") ?? 25,
            categories: TorznabCapabilities.categoryIds(in: resource.extra["capabilities"]))
    }
}

/// Runs the syncer's queue and the 6-hourly sync for as long as the role runs.
struct ApplicationSyncService: Service {
    let syncer: ApplicationSyncer
    var interval: Duration = .seconds(6 * 3600)

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await syncer.serveRequests() }
            group.addTask {
                syncer.requestSync()  // applications changed while we were down catch up at start
                while !Task.isCancelled {
                    do { try await Task.sleep(for: interval) } catch { return }
                    syncer.requestSync()
                }
            }
            try? await gracefulShutdown()
            syncer.finish()
            group.cancelAll()
        }
    }
}
