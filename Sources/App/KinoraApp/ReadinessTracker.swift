import KinoraCore
import NIOCore

/// Collects the listeners as they come up and calls back once, when the last one is listening.
actor ReadinessTracker {
    private let expected: Set<Role>
    private var bound: [Role: Int] = [:]
    private var onReady: (@Sendable ([Role: Int]) -> Void)?

    init(expected: Set<Role>, onReady: @escaping @Sendable ([Role: Int]) -> Void) {
        self.expected = expected
        self.onReady = onReady
    }

    func listening(_ role: Role, on channel: any Channel) {
        bound[role] = channel.localAddress?.port ?? 0
        guard Set(bound.keys) == expected, let onReady else { return }
        self.onReady = nil
        onReady(bound)
    }
}
