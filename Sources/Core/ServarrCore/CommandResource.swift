/// A command as `/api/v3/command` answers it (Sonarr's and Radarr's shape). Timestamps are
/// ISO-8601 strings made by the caller (ServarrCore depends on no clock).
public struct CommandResource: Sendable, Codable, Equatable {
    public var id: Int
    public var name: String
    public var commandName: String
    public var message: String?
    public var body: [String: ProviderValue]
    public var priority: String
    /// "queued", "started", "completed", "failed" (also "aborted", "cancelled", "orphaned").
    public var status: String
    /// "unknown", "successful", "unsuccessful".
    public var result: String
    public var queued: String
    public var started: String?
    public var ended: String?
    /// .NET TimeSpan text, `00:00:01.2345678`.
    public var duration: String?
    public var trigger: String
    public var stateChangeTime: String?
    public var sendUpdatesToClient: Bool
    public var updateScheduledTask: Bool
    public var lastExecutionTime: String?

    public init(
        id: Int, name: String, commandName: String, message: String? = nil, body: [String: ProviderValue] = [:],
        priority: String = "normal", status: String = CommandStatus.queued, result: String = CommandResult.unknown,
        queued: String, started: String? = nil, ended: String? = nil, duration: String? = nil,
        trigger: String = "manual", stateChangeTime: String? = nil, sendUpdatesToClient: Bool = true,
        updateScheduledTask: Bool = true, lastExecutionTime: String? = nil
    ) {
        self.id = id
        self.name = name
        self.commandName = commandName
        self.message = message
        self.body = body
        self.priority = priority
        self.status = status
        self.result = result
        self.queued = queued
        self.started = started
        self.ended = ended
        self.duration = duration
        self.trigger = trigger
        self.stateChangeTime = stateChangeTime ?? queued
        self.sendUpdatesToClient = sendUpdatesToClient
        self.updateScheduledTask = updateScheduledTask
        self.lastExecutionTime = lastExecutionTime
    }

    /// A newly accepted command from a client's `POST /command` body (`{"name": "RefreshSeries",
    /// "seriesId": 1}`), or nil when the app does not know the name. The body keeps the client's
    /// keys plus the ones the originals add (`name`, `trigger`, `sendUpdatesToClient`...).
    public static func queued(
        id: Int, request: [String: ProviderValue], app: ServarrApp, at queuedAt: String, trigger: String = "manual"
    ) -> CommandResource? {
        guard let sentName = request["name"]?.string, let known = CommandCatalog.lookup(sentName, app: app) else {
            return nil
        }
        var body = request
        body["name"] = .string(known.name)
        body["trigger"] = .string(trigger)
        body["sendUpdatesToClient"] = body["sendUpdatesToClient"] ?? true
        body["updateScheduledTask"] = body["updateScheduledTask"] ?? true
        body["completionMessage"] = body["completionMessage"] ?? "Completed"
        body["requiresDiskAccess"] = body["requiresDiskAccess"] ?? false
        body["isExclusive"] = body["isExclusive"] ?? false
        body["isLongRunning"] = body["isLongRunning"] ?? false
        body["suppressMessages"] = body["suppressMessages"] ?? false
        return CommandResource(
            id: id, name: known.name, commandName: known.commandName, body: body, queued: queuedAt,
            trigger: trigger, sendUpdatesToClient: body["sendUpdatesToClient"]?.bool ?? true,
            updateScheduledTask: body["updateScheduledTask"]?.bool ?? true)
    }

    public func started(at time: String) -> CommandResource {
        var copy = self
        copy.status = CommandStatus.started
        copy.started = time
        copy.stateChangeTime = time
        return copy
    }

    /// Finished: `successful` sets status "completed" and the completion message, otherwise
    /// "failed" with the given message.
    public func finished(at time: String, durationSeconds: Double, successful: Bool, message: String? = nil)
        -> CommandResource
    {
        var copy = self
        copy.status = successful ? CommandStatus.completed : CommandStatus.failed
        copy.result = successful ? CommandResult.successful : CommandResult.unsuccessful
        copy.message = message ?? (successful ? body["completionMessage"]?.string ?? "Completed" : nil)
        copy.ended = time
        copy.stateChangeTime = time
        copy.lastExecutionTime = time
        if copy.started == nil { copy.started = time }
        copy.duration = Self.timeSpan(seconds: durationSeconds)
        return copy
    }

    /// `hh:mm:ss.fffffff` as .NET writes a TimeSpan (days as `d.hh:mm:ss.fffffff`).
    public static func timeSpan(seconds: Double) -> String {
        let ticks = Int64((max(0, seconds) * 10_000_000).rounded())
        let totalSeconds = ticks / 10_000_000
        let fraction = ticks % 10_000_000
        let days = totalSeconds / 86_400
        let hours = totalSeconds % 86_400 / 3600
        let minutes = totalSeconds % 3600 / 60
        let secs = totalSeconds % 60
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = days > 0 ? "\(days)." : ""
        text += "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(secs, 2))"
        if fraction > 0 { text += "." + pad(fraction, 7) }
        return text
    }
}

public enum CommandStatus {
    public static let queued = "queued"
    public static let started = "started"
    public static let completed = "completed"
    public static let failed = "failed"
}

public enum CommandResult {
    public static let unknown = "unknown"
    public static let successful = "successful"
    public static let unsuccessful = "unsuccessful"
}
