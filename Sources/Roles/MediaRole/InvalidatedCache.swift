import Synchronization

/// A bounded map from keys to values read from the database, emptied whenever the database changes them.
///
/// A look-up that misses reads the database and then stores its answer; a write may commit between those two
/// steps. So a reader takes the `generation` before reading, and `store` drops the answer when `invalidateAll`
/// ran since: what is cached was always read after the last invalidation.
final class InvalidatedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var values: [Key: Value] = [:]
        var generation = 0
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Take this before reading what will be stored.
    var generation: Int { state.withLock { $0.generation } }

    func value(for key: Key) -> Value? { state.withLock { $0.values[key] } }

    /// Keeps `value` unless the cache was invalidated after `generation` was taken. When full, one arbitrary
    /// entry goes: a miss costs one database read, so no recency bookkeeping is worth its cost per hit.
    func store(_ value: Value, for key: Key, readAt generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.values[key] == nil, state.values.count >= capacity { state.values.remove(at: state.values.startIndex) }
            state.values[key] = value
        }
    }

    func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.values.removeAll(keepingCapacity: true)
        }
    }

    var count: Int { state.withLock { $0.values.count } }
}
