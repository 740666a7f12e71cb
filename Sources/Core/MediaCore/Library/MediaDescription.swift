import Foundation

/// What the scanner stores about a media file after probing: Jellyfin's `MediaSourceInfo` essentials.
public struct MediaDescription: Sendable, Hashable, Codable {
    /// Jellyfin container name (`mkv`, `mp4`, `ts`...), chosen from ffprobe's format and the extension.
    public var container: String?
    /// Duration in 100 ns ticks (10,000,000 per second), Jellyfin's time unit.
    public var runTimeTicks: Int64?
    public var bitrate: Int?
    public var size: Int64?
    public var streams: [MediaStreamInfo]
    public var chapters: [ChapterInfo]

    public init(container: String?, runTimeTicks: Int64?, bitrate: Int?, size: Int64?,
                streams: [MediaStreamInfo], chapters: [ChapterInfo]) {
        self.container = container
        self.runTimeTicks = runTimeTicks
        self.bitrate = bitrate
        self.size = size
        self.streams = streams
        self.chapters = chapters
    }

    public static let ticksPerSecond: Double = 10_000_000

    /// Seconds (as ffprobe prints them) to ticks; nil for negative, non-finite or absurd values.
    public static func ticks(fromSeconds text: String?) -> Int64? {
        guard let text, let seconds = Double(text.prefix(32)), seconds.isFinite, seconds >= 0,
              seconds < 100 * 365 * 24 * 3600 else { return nil }
        return Int64((seconds * ticksPerSecond).rounded())
    }
}
