/// What a stop or progress report means for a user's state of an item, by Jellyfin's rules
/// (its server defaults): under 5 % nothing is kept, over 90 % (or within a second of the end) the
/// item is played, and items shorter than five minutes never resume — finishing them is enough.
public struct PlaybackProgress: Sendable, Equatable {
    /// .NET ticks: 10,000,000 per second, the unit of every Jellyfin position and duration.
    public static let ticksPerSecond: Int64 = 10_000_000

    public struct Rules: Sendable, Equatable {
        public var minimumResumePercent: Double = 5
        public var maximumResumePercent: Double = 90
        public var minimumResumeDurationSeconds: Int64 = 300

        public init() {}
    }

    public enum Outcome: Sendable, Equatable {
        /// Keep the position so that the item resumes there.
        case resumable(positionTicks: Int64)
        /// Too early to count: forget the position.
        case reset
        /// Watched: mark played, forget the position, count one more play.
        case played
    }

    public static func outcome(positionTicks: Int64, runtimeTicks: Int64?, rules: Rules = Rules()) -> Outcome {
        guard let runtime = runtimeTicks, runtime > 0 else {
            // Without a known length nothing can be judged watched; keep where the user was.
            return positionTicks > 0 ? .resumable(positionTicks: positionTicks) : .reset
        }
        let position = min(max(positionTicks, 0), runtime)
        let percent = Double(position) / Double(runtime) * 100
        if percent > rules.maximumResumePercent || runtime - position < ticksPerSecond {
            return .played
        }
        if runtime < rules.minimumResumeDurationSeconds * ticksPerSecond {
            return percent > rules.minimumResumePercent ? .played : .reset
        }
        if percent < rules.minimumResumePercent {
            return .reset
        }
        return .resumable(positionTicks: position)
    }
}
