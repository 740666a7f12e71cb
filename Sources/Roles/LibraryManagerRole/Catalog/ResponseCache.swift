import Foundation
import Synchronization

/// Encoded answers of the large list endpoints (`/series`, `/movie`), kept until the catalog
/// changes: clients such as Jellyseerr and Bazarr poll them, and rebuilding thousands of
/// resources with their statistics for every poll is the slow part.
final class ResponseCache: Sendable {
    private struct Entry {
        let generation: Int
        let body: Data
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let limit = 32

    /// The cached body for `key` at `generation`, or a new one from `build`. Statistics depend on
    /// the clock too (what has aired), so entries also expire after a minute.
    func body(key: String, generation: Int, build: () async throws -> Data) async throws -> Data {
        let minute = Int(Date().timeIntervalSince1970 / 60)
        let stamp = generation &* 1_000_003 &+ minute
        if let hit = entries.withLock({ $0[key] }), hit.generation == stamp { return hit.body }
        let body = try await build()
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll() }
            entries[key] = Entry(generation: stamp, body: body)
        }
        return body
    }
}

/// The encoded resource of each series with the fingerprint it was made from (see
/// `LibraryManagerRole.allSeriesBody`).
final class EncodedFragments: Sendable {
    private let fragments = Mutex<[Int64: (fingerprint: Int, data: Data)]>([:])

    /// The ids whose fragment is missing or was made from another fingerprint.
    func stale(_ fingerprints: [Int64: Int]) -> [Int64] {
        fragments.withLock { stored in fingerprints.compactMap { id, print in stored[id]?.fingerprint == print ? nil : id } }
    }

    /// Stores the fresh fragments, forgets ids no longer listed, and joins the list as a JSON array.
    func joined(order: [Int64], replacing fresh: [Int64: (Int, Data)]) -> Data {
        fragments.withLock { stored in
            for (id, fragment) in fresh { stored[id] = (fragment.0, fragment.1) }
            if stored.count > order.count {
                let listed = Set(order)
                stored = stored.filter { listed.contains($0.key) }
            }
            var body = Data()
            body.reserveCapacity(order.reduce(2) { $0 + (stored[$1]?.data.count ?? 0) + 1 })
            body.append(UInt8(ascii: "["))
            var first = true
            for id in order {
                guard let fragment = stored[id] else { continue }
                if !first { body.append(UInt8(ascii: ",")) }
                first = false
                body.append(fragment.data)
            }
            body.append(UInt8(ascii: "]"))
            return body
        }
    }
}

/// Season statistics per series with the episode version they were counted at and the instant
/// they stop being true (the next airing, when an episode turns from future to aired).
final class StatisticsCache: Sendable {
    private struct Entry {
        let version: Int
        let validUntil: String?
        let statistics: [Int: SeasonStatistics]
    }

    private let entries = Mutex<[Int64: Entry]>([:])

    func stale(_ ids: [Int64], versions: [Int64: Int], now: String) -> [Int64] {
        entries.withLock { entries in
            ids.filter { id in
                guard let entry = entries[id], entry.version == versions[id] ?? 0 else { return true }
                return entry.validUntil.map { $0 <= now } ?? false
            }
        }
    }

    func all(_ ids: [Int64]) -> [Int64: [Int: SeasonStatistics]] {
        entries.withLock { entries in
            var result: [Int64: [Int: SeasonStatistics]] = [:]
            for id in ids { result[id] = entries[id]?.statistics }
            return result
        }
    }

    /// Stores fresh counts and answers every listed series' statistics.
    func store(_ fresh: [(Int64, [Int: SeasonStatistics], Int)], listing ids: [Int64]) -> [Int64: [Int: SeasonStatistics]] {
        entries.withLock { entries in
            for (id, statistics, version) in fresh {
                entries[id] = Entry(version: version, validUntil: statistics.values.compactMap(\.nextAiring).min(), statistics: statistics)
            }
            if entries.count > ids.count {
                let listed = Set(ids)
                entries = entries.filter { listed.contains($0.key) }
            }
            var result: [Int64: [Int: SeasonStatistics]] = [:]
            for id in ids { result[id] = entries[id]?.statistics }
            return result
        }
    }
}
