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
