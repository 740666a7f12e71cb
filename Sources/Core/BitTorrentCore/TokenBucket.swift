/// A byte-rate limit as a token bucket: `rate` bytes per second refill it, up to one second's worth
/// (the burst). Spending may overdraw it; the caller then waits `delayUntilPositive` before more traffic,
/// so a limit is met on average without ever splitting a 16 KiB block.
public struct TokenBucket: Sendable, Hashable {
    /// Bytes per second; nil means unlimited.
    public private(set) var rate: Int?
    public private(set) var tokens: Double
    private var updatedAt: ContinuousClock.Instant

    public init(rate: Int?, now: ContinuousClock.Instant) {
        self.rate = rate.map { max(1, $0) }
        self.tokens = Double(self.rate ?? 0)
        self.updatedAt = now
    }

    public mutating func setRate(_ rate: Int?, now: ContinuousClock.Instant) {
        refill(now: now)
        self.rate = rate.map { max(1, $0) }
        if let capacity = self.rate { tokens = min(tokens, Double(capacity)) }
    }

    /// Takes `bytes` from the bucket (it may go negative).
    public mutating func spend(_ bytes: Int, now: ContinuousClock.Instant) {
        guard rate != nil else { return }
        refill(now: now)
        tokens -= Double(bytes)
    }

    /// How long until the bucket is no longer overdrawn; zero when traffic may flow now.
    public mutating func delayUntilPositive(now: ContinuousClock.Instant) -> Duration {
        guard let rate else { return .zero }
        refill(now: now)
        guard tokens < 0 else { return .zero }
        return .nanoseconds(Int64((-tokens / Double(rate) * 1e9).rounded(.up)))
    }

    private mutating func refill(now: ContinuousClock.Instant) {
        guard let rate, now > updatedAt else { return }
        let elapsed = updatedAt.duration(to: now)
        let seconds = elapsed / .seconds(1)
        tokens = min(Double(rate), tokens + seconds * Double(rate))
        updatedAt = now
    }
}
