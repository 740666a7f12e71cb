/// Bytes per second over a sliding window of whole seconds, for status, the choker and ETA.
public struct RateMeter: Sendable, Hashable {
    public let windowSeconds: Int
    public private(set) var total: Int = 0
    private var buckets: [Int]
    private var currentSecond: Int64
    private let origin: ContinuousClock.Instant

    public init(windowSeconds: Int = 5, now: ContinuousClock.Instant) {
        self.windowSeconds = max(1, windowSeconds)
        self.buckets = Array(repeating: 0, count: self.windowSeconds)
        self.origin = now
        self.currentSecond = 0
    }

    public mutating func record(_ bytes: Int, now: ContinuousClock.Instant) {
        advance(to: now)
        buckets[Int(currentSecond % Int64(windowSeconds))] += bytes
        total += bytes
    }

    /// The average over the last full window (the current, partial second included).
    public mutating func rate(now: ContinuousClock.Instant) -> Int {
        advance(to: now)
        // Young meters divide by the time they have seen, not the whole window, so a start is not under-reported.
        let elapsed = origin.duration(to: now)
        let seen = elapsed / .seconds(1)
        let span = min(Double(windowSeconds), max(seen, 1))
        return Int(Double(buckets.reduce(0, +)) / span)
    }

    private mutating func advance(to now: ContinuousClock.Instant) {
        let second = origin.duration(to: now).components.seconds
        guard second > currentSecond else { return }
        let steps = min(Int64(windowSeconds), second - currentSecond)
        for step in 1...steps { buckets[Int((currentSecond + step) % Int64(windowSeconds))] = 0 }
        currentSecond = second
    }
}
