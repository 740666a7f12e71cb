/// Where the segments of a VOD stream start, computed before ffmpeg runs so a synthetic playlist
/// can be served at once and any segment requested later can be located.
///
/// Equal-length maps cut every `segmentLength` seconds (ffmpeg encodes forced keyframes there).
/// Keyframe maps, for stream copy, cut where ffmpeg's HLS muxer does: the n-th cut falls on the
/// first keyframe at or after n × `segmentLength` that comes after the previous cut, so sparse
/// keyframes give longer segments (and a keyframe right after a long gap a short one).
public struct HLSSegmentMap: Sendable, Hashable {
    /// Start of each segment in ticks, ascending, the first 0.
    public let startTicks: [Int64]
    public let runtimeTicks: Int64

    public static let ticksPerSecond: Int64 = 10_000_000

    /// Equal segments of `segmentLength` seconds, the last one shorter.
    public init(runtimeTicks: Int64, segmentLength: Int) {
        let runtime = max(runtimeTicks, 0)
        let step = Int64(max(segmentLength, 1)) * Self.ticksPerSecond
        var starts: [Int64] = [0]
        var next = step
        while next < runtime {
            starts.append(next)
            next += step
        }
        self.startTicks = starts
        self.runtimeTicks = runtime
    }

    /// Segments cut on the given keyframe times (ticks), as ffmpeg cuts a stream copy.
    public init(runtimeTicks: Int64, segmentLength: Int, keyframeTicks: [Int64]) {
        let runtime = max(runtimeTicks, 0)
        let step = Int64(max(segmentLength, 1)) * Self.ticksPerSecond
        var starts: [Int64] = [0]
        var desired = step
        for keyframe in keyframeTicks.sorted() where keyframe > starts[starts.count - 1] && keyframe < runtime {
            if keyframe >= desired {
                starts.append(keyframe)
                desired += step
            }
        }
        self.startTicks = starts
        self.runtimeTicks = runtime
    }

    public var count: Int { startTicks.count }

    public func durationTicks(ofSegment index: Int) -> Int64 {
        guard startTicks.indices.contains(index) else { return 0 }
        let end = index + 1 < startTicks.count ? startTicks[index + 1] : runtimeTicks
        return max(end - startTicks[index], 0)
    }

    public var segments: [HLSSegment] {
        startTicks.indices.map { HLSSegment(index: $0, startTicks: startTicks[$0], durationTicks: durationTicks(ofSegment: $0)) }
    }

    /// The segment holding the position `seconds` (clamped to the stream).
    public func segmentIndex(forSeconds seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        let ticks = Int64(min(seconds * Double(Self.ticksPerSecond), Double(Int64.max / 2)))
        var low = 0
        var high = startTicks.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if startTicks[middle] <= ticks { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Where segment `index` starts, in seconds (0 before the first, the last start past the end).
    public func startSeconds(ofSegment index: Int) -> Double {
        Double(startTicks[min(max(index, 0), startTicks.count - 1)]) / Double(Self.ticksPerSecond)
    }

    /// The longest segment rounded up to whole seconds: `#EXT-X-TARGETDURATION`.
    public var targetDuration: Int {
        let longest = startTicks.indices.map { durationTicks(ofSegment: $0) }.max() ?? 0
        return Int((longest + Self.ticksPerSecond - 1) / Self.ticksPerSecond)
    }
}
