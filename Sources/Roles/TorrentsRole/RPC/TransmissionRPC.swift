import BitTorrentCore
import Foundation
import KinoraCore

/// Transmission's classic RPC (`{"method", "arguments", "tag"}` → `{"result", "arguments", "tag"}`)
/// over the daemon. Every failure is an answer with Transmission's wording, never a thrown error: clients
/// show `result` to their users.
struct TransmissionRPC: Sendable {
    let daemon: TorrentDaemon
    let sessionIDs: RPCSessionIDs
    let configDirectory: String
    let version: String

    /// What a method returns: Transmission's `result` ("success" or an error sentence) and arguments.
    struct Outcome: Sendable {
        var result: String
        var arguments: [String: JSONValue]

        static func success(_ arguments: [String: JSONValue] = [:]) -> Outcome { Outcome(result: "success", arguments: arguments) }
        static func failure(_ message: String) -> Outcome { Outcome(result: message, arguments: [:]) }
    }

    /// Answers one request body.
    func respond(to body: [UInt8]) async -> JSONValue {
        guard let request = try? JSONDecoder().decode(JSONValue.self, from: Data(body)), case .object = request else {
            return Self.envelope(.failure("no method name"), tag: nil)
        }
        let tag = request["tag"]?.intValue
        guard let method = request["method"]?.stringValue else { return Self.envelope(.failure("no method name"), tag: tag) }
        let arguments = request["arguments"]?.objectValue ?? [:]
        return Self.envelope(await call(method, arguments), tag: tag)
    }

    static func envelope(_ outcome: Outcome, tag: Int?) -> JSONValue {
        var object: [String: JSONValue] = ["result": .string(outcome.result), "arguments": .object(outcome.arguments)]
        if let tag { object["tag"] = .int(tag) }
        return .object(object)
    }

    func call(_ method: String, _ arguments: [String: JSONValue]) async -> Outcome {
        do {
            switch method {
            case "session-get": return await sessionGet(arguments)
            case "session-set": return try await sessionSet(arguments)
            case "session-stats": return await sessionStats()
            case "torrent-get": return try await torrentGet(arguments)
            case "torrent-add": return try await torrentAdd(arguments)
            case "torrent-set": return try await torrentSet(arguments)
            case "torrent-remove":
                try await daemon.remove(await ids(arguments), deletingData: arguments["delete-local-data"]?.boolValue ?? false)
                return .success()
            case "torrent-start": await daemon.start(await ids(arguments), now: false); return .success()
            case "torrent-start-now": await daemon.start(await ids(arguments), now: true); return .success()
            case "torrent-stop": await daemon.stop(await ids(arguments)); return .success()
            case "torrent-verify": await daemon.verify(await ids(arguments)); return .success()
            case "torrent-reannounce": await daemon.reannounce(await ids(arguments)); return .success()
            case "torrent-set-location":
                guard let location = arguments["location"]?.stringValue else { return .failure("no location") }
                try await daemon.setLocation(await ids(arguments), to: location, move: arguments["move"]?.boolValue ?? false)
                return .success()
            case "torrent-rename-path":
                let ids = await ids(arguments)
                guard ids.count == 1, let id = ids.first else { return .failure("torrent-rename-path requires 1 torrent") }
                guard let path = arguments["path"]?.stringValue, let name = arguments["name"]?.stringValue else {
                    return .failure("torrent-rename-path needs a path and a name")
                }
                try await daemon.renamePath(id, path: path, to: name)
                return .success(["id": .int(id), "path": .string(path), "name": .string(name)])
            case "queue-move-top": await daemon.moveInQueue(await ids(arguments), .top); return .success()
            case "queue-move-up": await daemon.moveInQueue(await ids(arguments), .up); return .success()
            case "queue-move-down": await daemon.moveInQueue(await ids(arguments), .down); return .success()
            case "queue-move-bottom": await daemon.moveInQueue(await ids(arguments), .bottom); return .success()
            case "free-space": return freeSpace(arguments)
            case "port-test": return .success(["port-is-open": .bool(await daemon.hasIncomingPeerFromOutside())])
            case "blocklist-update": return await blocklistUpdate()
            case "group-get": return .success(["group": []])
            default: return .failure("method name not recognized")
            }
        } catch let error as AllowedRoots.Refusal {
            return .failure(error.description)
        } catch let error as SessionSettings.SettingError {
            return .failure(error.result)
        } catch let error as RPCError {
            return .failure(error.message)
        } catch {
            return .failure("\(error)")
        }
    }

    // MARK: ids

    /// `ids` as Transmission reads it: absent for all, a number, a hash string, "recently-active", or a list.
    static func selector(_ value: JSONValue?) -> TorrentSelector {
        guard let value else { return .all }
        func reference(_ item: JSONValue) -> TorrentReference? {
            if let id = item.intValue { return .id(id) }
            if let text = item.stringValue, let hash = InfoHash(hex: text) { return .hash(hash) }
            if let text = item.stringValue, let id = Int(text) { return .id(id) }
            return nil
        }
        if value.stringValue == "recently-active" { return .recentlyActive }
        if let list = value.arrayValue { return .some(list.compactMap(reference)) }
        return .some(reference(value).map { [$0] } ?? [])
    }

    func ids(_ arguments: [String: JSONValue]) async -> [Int] {
        await daemon.ids(matching: Self.selector(arguments["ids"]))
    }

    // MARK: Session

    func sessionGet(_ arguments: [String: JSONValue]) async -> Outcome {
        let settings = await daemon.settings
        var values = settings.values
        values["version"] = .string(version)
        values["rpc-version"] = 17
        values["rpc-version-minimum"] = 14
        values["rpc-version-semver"] = "5.3.0"
        values["session-id"] = .string(sessionIDs.current())
        values["config-dir"] = .string(configDirectory)
        values["blocklist-size"] = 0
        values["peer-port"] = .int(await daemon.engineListenPort)
        values["download-dir-free-space"] = .int(Self.space(at: settings.downloadDirectory)?.free ?? -1)
        values["units"] = [
            "speed-units": ["kB/s", "MB/s", "GB/s", "TB/s"], "speed-bytes": 1000,
            "size-units": ["kB", "MB", "GB", "TB"], "size-bytes": 1000,
            "memory-units": ["KiB", "MiB", "GiB", "TiB"], "memory-bytes": 1024,
        ]
        if let fields = arguments["fields"]?.arrayValue?.compactMap(\.stringValue), !fields.isEmpty {
            values = values.filter { fields.contains($0.key) }
        }
        return .success(values)
    }

    func sessionSet(_ arguments: [String: JSONValue]) async throws -> Outcome {
        _ = try await daemon.setSettings(arguments)
        return .success()
    }

    func sessionStats() async -> Outcome {
        let stats = await daemon.sessionStats()
        let counters = await daemon.currentCounters()
        let now = Date()
        let startedAt = daemon.startedAt
        func json(_ stats: SessionCounters.Stats) -> JSONValue {
            ["uploadedBytes": .int(stats.uploadedBytes), "downloadedBytes": .int(stats.downloadedBytes), "filesAdded": .int(stats.filesAdded),
             "sessionCount": .int(stats.sessionCount), "secondsActive": .int(stats.secondsActive)]
        }
        var current = counters.current
        current.secondsActive = Int(now.timeIntervalSince(startedAt))
        return .success([
            "activeTorrentCount": .int(stats.active), "pausedTorrentCount": .int(stats.paused), "torrentCount": .int(stats.total),
            "downloadSpeed": .int(stats.down), "uploadSpeed": .int(stats.up),
            "current-stats": json(current), "cumulative-stats": json(counters.cumulative(now: now, startedAt: startedAt)),
        ])
    }

    func freeSpace(_ arguments: [String: JSONValue]) -> Outcome {
        guard let path = arguments["path"]?.stringValue else { return .failure("directory path argument is missing") }
        guard let space = Self.space(at: path) else { return .failure("\(path): No such file or directory") }
        return .success(["path": .string(path), "size-bytes": .int(space.free), "total_size": .int(space.total)])
    }

    static func space(at path: String) -> (free: Int, total: Int)? {
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: path),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.intValue,
              let total = (attributes[.systemSize] as? NSNumber)?.intValue
        else { return nil }
        return (free, total)
    }

    func blocklistUpdate() async -> Outcome {
        guard await daemon.settings.bool("blocklist-enabled") else { return .success(["blocklist-size": 0]) }
        return .failure("blocklists are not supported by Kinora yet; turn blocklist-enabled off")
    }
}

/// A request Kinora refuses, with the sentence the client shows.
struct RPCError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
