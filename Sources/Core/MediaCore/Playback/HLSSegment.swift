/// One media segment of a VOD playlist. Index -1 stands for the fMP4 init segment.
public struct HLSSegment: Sendable, Hashable {
    public var index: Int
    public var startTicks: Int64
    public var durationTicks: Int64

    public init(index: Int, startTicks: Int64, durationTicks: Int64) {
        self.index = index
        self.startTicks = startTicks
        self.durationTicks = durationTicks
    }

    public var startSeconds: Double { Double(startTicks) / 10_000_000 }
    public var durationSeconds: Double { Double(durationTicks) / 10_000_000 }
}
