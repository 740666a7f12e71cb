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

    /// The commands this face runs, by name (case-insensitive as the originals match them).
    func canonicalName(_ name: String) -> String? {
        CommandCatalog.known(for: app).keys.first { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    func enqueue(name: String, body: [String: ProviderValue], trigger: String = "manual") -> CommandResource {
        let now = Timestamp.nowText
        let resource = state.withLock { state -> CommandResource in
            let id = state.nextId
            state.nextId += 1
            let command = CommandResource(
                id: id, name: name, commandName: CommandCatalog.known(for: app)[name] ?? name, message: nil,
                body: body, priority: "normal", status: "queued", result: "unknown", queued: now, started: nil,
                ended: nil, duration: nil, trigger: trigger, stateChangeTime: now, sendUpdatesToClient: true,
                updateScheduledTask: true, lastExecutionTime: nil)
            state.commands[id] = command
            state.order.append(id)
            while state.order.count > 100, let oldest = state.order.first, state.commands[oldest]?.status != "queued" {
                state.order.removeFirst()
                state.commands[oldest] = nil
            }
            return command
        }
        continuation.yield(Queued(id: resource.id, name: name, body: body))
        return resource
    }

    func all() -> [CommandResource] {
        state.withLock { state in state.order.compactMap { state.commands[$0] } }
    }

    func command(id: Int) -> CommandResource? {
        state.withLock { $0.commands[id] }
    }

    /// Runs queued commands one at a time until cancelled.
    func drain(_ execute: @Sendable (Queued) async throws -> String?) async {
        for await queued in stream {
            if Task.isCancelled { break }
            let started = Date()
            update(queued.id) { $0.status = "started"; $0.started = Timestamp.nowText }
            do {
                let message = try await execute(queued)
                finish(queued.id, started: started, status: "completed", result: "successful", message: message ?? "Completed")
            } catch {
                finish(queued.id, started: started, status: "failed", result: "unsuccessful", message: "\(error)")
            }
        }
    }

    func finishAll() { continuation.finish() }

    private func finish(_ id: Int, started: Date, status: String, result: String, message: String) {
        let seconds = Date().timeIntervalSince(started)
        update(id) { command in
            command.status = status
            command.result = result
            command.message = message
            let now = Timestamp.nowText
            command.ended = now
            command.stateChangeTime = now
            command.lastExecutionTime = now
            command.duration = Self.duration(seconds)
        }
    }

    private func update(_ id: Int, _ change: (inout CommandResource) -> Void) {
        state.withLock { state in
            guard var command = state.commands[id] else { return }
            change(&command)
            state.commands[id] = command
        }
    }

    /// .NET's TimeSpan text, `00:00:01.2345678`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds)
        let fraction = Int((seconds - Double(whole)) * 10_000_000)
        return String(format: "%02d:%02d:%02d.%07d", whole / 3600, (whole / 60) % 60, whole % 60, fraction)
    }
}
