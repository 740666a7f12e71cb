import Foundation
import KinoraCore
import ServarrCore
import Synchronization

/// The *arrs' command queue: `POST /command` queues, one worker runs commands in order (the
/// role's `CatalogService` drains it), and the last 100 stay listed with their outcome.
final class CommandCenter: Sendable {
    struct Queued: Sendable {
        let id: Int
        let name: String
        let body: [String: ProviderValue]
    }

    private struct State {
        var nextId = 1
        var commands: [Int: CommandResource] = [:]
        var order: [Int] = []
    }

    private let state = Mutex(State())
    private let stream: AsyncStream<Queued>
    private let continuation: AsyncStream<Queued>.Continuation
    private let app: ServarrApp

    init(app: ServarrApp) {
        self.app = app
        (stream, continuation) = AsyncStream<Queued>.makeStream()
    }

    /// The name as this face spells it, or nil for a command it does not know.
    func canonicalName(_ name: String) -> String? {
        CommandCatalog.lookup(name, app: app)?.name
    }

    /// Queues a command the caller has checked the name of (see `canonicalName`).
    func enqueue(name: String, body: [String: ProviderValue], trigger: String = "manual") -> CommandResource {
        var request = body
        request["name"] = .string(name)
        let queued = state.withLock { state -> CommandResource in
            let id = state.nextId
            state.nextId += 1
            let command =
                CommandResource.queued(id: id, request: request, app: app, at: Timestamp.nowText, trigger: trigger)
                ?? CommandResource(id: id, name: name, commandName: name, body: request, queued: Timestamp.nowText, trigger: trigger)
            state.commands[id] = command
            state.order.append(id)
            while state.order.count > 100, let oldest = state.order.first, state.commands[oldest]?.status != CommandStatus.queued {
                state.order.removeFirst()
                state.commands[oldest] = nil
            }
            return command
        }
        continuation.yield(Queued(id: queued.id, name: queued.name, body: body))
        return queued
    }

    func all() -> [CommandResource] {
        state.withLock { state in state.order.compactMap { state.commands[$0] } }
    }

    func command(id: Int) -> CommandResource? {
        state.withLock { $0.commands[id] }
    }

    /// Runs queued commands one at a time until the queue is finished.
    func drain(_ execute: @Sendable (Queued) async throws -> String?) async {
        for await queued in stream {
            if Task.isCancelled { break }
            let started = Date()
            update(queued.id) { $0 = $0.started(at: Timestamp.nowText) }
            let outcome: (Bool, String?)
            do { outcome = (true, try await execute(queued)) } catch { outcome = (false, "\(error)") }
            let seconds = Date().timeIntervalSince(started)
            update(queued.id) { $0 = $0.finished(at: Timestamp.nowText, durationSeconds: seconds, successful: outcome.0, message: outcome.1) }
        }
    }

    func finishAll() { continuation.finish() }

    private func update(_ id: Int, _ change: (inout CommandResource) -> Void) {
        state.withLock { state in
            guard var command = state.commands[id] else { return }
            change(&command)
            state.commands[id] = command
        }
    }
}
