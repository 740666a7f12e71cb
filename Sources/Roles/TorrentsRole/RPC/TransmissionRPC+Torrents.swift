import BitTorrentCore
import BitTorrentEngine
import Foundation
import KinoraCore

extension TransmissionRPC {
    /// Largest .torrent accepted from `metainfo`, a URL or a file (bodies are capped at 10 MB anyway).
    static let maxTorrentFileBytes = 10 << 20

    func torrentGet(_ arguments: [String: JSONValue]) async throws -> Outcome {
        guard let fields = arguments["fields"]?.arrayValue?.compactMap(\.stringValue) else { throw RPCError("no fields specified") }
        let selector = Self.selector(arguments["ids"])
        let ids = await daemon.ids(matching: selector)
        let needsDetails = fields.contains(where: TorrentView.detailFields.contains)
        var views: [TorrentView] = []
        for id in ids {
            if let view = await daemon.view(of: id, withDetails: needsDetails) { views.append(view) }
        }
        var result: [String: JSONValue] = [:]
        if arguments["format"]?.stringValue == "table" {
            let known = fields.filter { TorrentView.fields[$0] != nil }
            result["torrents"] = .array([.array(known.map { .string($0) })] + views.map { view in
                .array(known.map { TorrentView.fields[$0]!(view) })
            })
        } else {
            result["torrents"] = .array(views.map { $0.json(fields: fields) })
        }
        if selector == .recentlyActive { result["removed"] = .array(await daemon.recentlyRemovedIDs().map { .int($0) }) }
        return .success(result)
    }

    func torrentAdd(_ arguments: [String: JSONValue]) async throws -> Outcome {
        var request: TorrentDaemon.AddRequest
        if let encoded = arguments["metainfo"]?.stringValue {
            guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters), data.count <= Self.maxTorrentFileBytes,
                  let metainfo = try? TorrentMetainfo(bytes: Array(data))
            else { throw RPCError("invalid or corrupt torrent file") }
            request = TorrentDaemon.AddRequest(source: .metainfo(metainfo), metainfoBytes: Array(data))
        } else if let filename = arguments["filename"]?.stringValue {
            request = try await addRequest(filename: filename)
        } else {
            throw RPCError("no filename or metainfo specified")
        }
        request.paused = arguments["paused"]?.boolValue
        request.downloadDirectory = arguments["download-dir"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        request.labels = try Self.labels(arguments["labels"]) ?? []
        request.unwanted = Set(Self.indices(arguments["files-unwanted"]))
        if let wanted = arguments["files-wanted"]?.arrayValue, !wanted.isEmpty { request.wantedOnly = Set(Self.indices(arguments["files-wanted"])) }
        request.high = Set(Self.indices(arguments["priority-high"]))
        request.low = Set(Self.indices(arguments["priority-low"]))
        request.peerLimit = arguments["peer-limit"]?.intValue
        request.bandwidthPriority = arguments["bandwidthPriority"]?.intValue.map { max(-1, min(1, $0)) }
        switch try await daemon.add(request) {
        case .added(let id, let name, let hash):
            return .success(["torrent-added": ["id": .int(id), "name": .string(name), "hashString": .string(hash)]])
        case .duplicate(let id, let name, let hash):
            return .success(["torrent-duplicate": ["id": .int(id), "name": .string(name), "hashString": .string(hash)]])
        }
    }

    /// `filename`: a magnet link, an http(s) URL of a .torrent, or a .torrent file inside the allowed folders.
    func addRequest(filename: String) async throws -> TorrentDaemon.AddRequest {
        if filename.lowercased().hasPrefix("magnet:") {
            guard let magnet = try? MagnetLink(parsing: filename) else { throw RPCError("invalid or corrupt torrent file") }
            return TorrentDaemon.AddRequest(source: .magnet(magnet))
        }
        let bytes: [UInt8]
        if filename.lowercased().hasPrefix("http://") || filename.lowercased().hasPrefix("https://") {
            bytes = try await TorrentFileFetcher.fetch(filename, limit: Self.maxTorrentFileBytes)
        } else {
            let path = try daemon.roots.check(filename)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = (attributes[.size] as? NSNumber)?.intValue, size <= Self.maxTorrentFileBytes,
                  let data = FileManager.default.contents(atPath: path)
            else { throw RPCError("invalid or corrupt torrent file") }
            bytes = Array(data)
        }
        guard let metainfo = try? TorrentMetainfo(bytes: bytes) else { throw RPCError("invalid or corrupt torrent file") }
        return TorrentDaemon.AddRequest(source: .metainfo(metainfo), metainfoBytes: bytes)
    }

    func torrentSet(_ arguments: [String: JSONValue]) async throws -> Outcome {
        let ids = await ids(arguments)
        let labels = try Self.labels(arguments["labels"])
        let wanted = arguments["files-wanted"].map { Self.indices($0) }
        let unwanted = arguments["files-unwanted"].map { Self.indices($0) }
        let high = arguments["priority-high"].map { Self.indices($0) }
        let normal = arguments["priority-normal"].map { Self.indices($0) }
        let low = arguments["priority-low"].map { Self.indices($0) }
        if let ratio = arguments["seedRatioLimit"], (ratio.doubleValue ?? -1) < 0 { throw RPCError("seedRatioLimit must be a number of zero or more") }
        if let change = try Self.trackerChange(arguments) {
            try await daemon.setTrackers(ids, change)
        }
        if let location = arguments["location"]?.stringValue {
            try await daemon.setLocation(ids, to: location, move: false)
        }
        if let queuePosition = arguments["queuePosition"]?.intValue {
            await daemon.moveInQueue(ids, .to(queuePosition))
        }
        try await daemon.update(ids) { record in
            func int(_ key: String) -> Int? { arguments[key]?.intValue }
            func bool(_ key: String) -> Bool? { arguments[key]?.boolValue }
            if let value = int("bandwidthPriority") { record.bandwidthPriority = max(-1, min(1, value)) }
            if let value = int("downloadLimit") { record.downloadLimit = max(0, value) }
            if let value = bool("downloadLimited") { record.downloadLimited = value }
            if let value = int("uploadLimit") { record.uploadLimit = max(0, value) }
            if let value = bool("uploadLimited") { record.uploadLimited = value }
            if let value = bool("honorsSessionLimits") { record.honorsSessionLimits = value }
            if let value = int("peer-limit") { record.peerLimit = max(1, value) }
            if let value = int("seedIdleLimit") { record.seedIdleLimit = max(0, value) }
            if let value = int("seedIdleMode"), (0...2).contains(value) { record.seedIdleMode = value }
            if let value = arguments["seedRatioLimit"]?.doubleValue { record.seedRatioLimit = value }
            if let value = int("seedRatioMode"), (0...2).contains(value) { record.seedRatioMode = value }
            if let labels { record.labels = labels }
            let count = record.wanted.count
            // An empty list means every file, as in Transmission.
            if let wanted { for index in wanted.isEmpty ? Array(0..<count) : wanted where index < count { record.wanted[index] = true } }
            if let unwanted { for index in unwanted.isEmpty ? Array(0..<count) : unwanted where index < count { record.wanted[index] = false } }
            for (list, priority) in [(high, 1), (normal, 0), (low, -1)] {
                guard let list else { continue }
                for index in list.isEmpty ? Array(0..<count) : list where index < count { record.priorities[index] = priority }
            }
            // A torrent that reached its limit and got a new one seeds again once started.
            if arguments["seedRatioLimit"] != nil || arguments["seedRatioMode"] != nil { record.seedLimitReached = false }
        }
        return .success()
    }

    /// What `trackerList` (4.0: tiers separated by a blank line), or the older `trackerAdd` (a new tier per URL),
    /// `trackerRemove` (ids) and `trackerReplace` (id, URL pairs) do to the current tiers. Ids count the
    /// trackers in tier order, as `trackers[].id` shows them.
    static func trackerChange(_ arguments: [String: JSONValue]) throws -> (@Sendable ([[String]]) throws -> [[String]])? {
        func checked(_ url: String) throws -> String {
            let trimmed = url.trimmingCharacters(in: .whitespaces)
            guard let parsed = URL(string: trimmed), let scheme = parsed.scheme?.lowercased(),
                  ["http", "https", "udp"].contains(scheme), parsed.host?.isEmpty == false
            else { throw RPCError("Invalid tracker list") }
            return trimmed
        }
        if let list = arguments["trackerList"] {
            guard let text = list.stringValue else { throw RPCError("Invalid tracker list") }
            let tiers = try text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n\n").map { tier in
                try tier.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(checked)
            }
            return { _ in tiers }
        }
        let add = try (arguments["trackerAdd"]?.arrayValue ?? []).map { item -> String in
            guard let url = item.stringValue else { throw RPCError("Invalid tracker list") }
            return try checked(url)
        }
        let remove = Set(indices(arguments["trackerRemove"]))
        let replaceItems = arguments["trackerReplace"]?.arrayValue ?? []
        var replace: [Int: String] = [:]
        for pair in stride(from: 0, to: replaceItems.count - 1, by: 2) {
            guard let id = replaceItems[pair].intValue, let url = replaceItems[pair + 1].stringValue else { throw RPCError("Invalid tracker list") }
            replace[id] = try checked(url)
        }
        guard !add.isEmpty || !remove.isEmpty || !replace.isEmpty else { return nil }
        let replacements = replace
        return { current in
            var id = 0
            var tiers = current.map { tier in
                tier.compactMap { url -> String? in
                    defer { id += 1 }
                    if remove.contains(id) { return nil }
                    return replacements[id] ?? url
                }
            }
            for url in add where !tiers.joined().contains(url) { tiers.append([url]) }
            return tiers
        }
    }

    /// Labels as Transmission takes them: strings without commas (it joins them with commas elsewhere).
    static func labels(_ value: JSONValue?) throws -> [String]? {
        guard let value else { return nil }
        guard let list = value.arrayValue else { throw RPCError("labels must be a list of strings") }
        var labels: [String] = []
        for item in list {
            guard let label = item.stringValue else { throw RPCError("labels must be a list of strings") }
            guard !label.contains(",") else { throw RPCError("labels cannot contain comma (,) character") }
            let trimmed = label.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !labels.contains(trimmed) { labels.append(trimmed) }
        }
        return labels
    }

    static func indices(_ value: JSONValue?) -> [Int] {
        (value?.arrayValue ?? []).compactMap(\.intValue).filter { $0 >= 0 }
    }
}
