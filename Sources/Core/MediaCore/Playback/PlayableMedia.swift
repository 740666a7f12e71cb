import Foundation

/// A media file as the playback logic sees it. The library maps its own records into this.
public struct PlayableMedia: Sendable, Hashable {
    /// Jellyfin's container name: `mkv`, `mp4`, `webm`, `ts`, `avi`, `mov`… (ffprobe's
    /// `matroska,webm` style lists are accepted too: any listed name matches).
    public var container: String
    /// Duration in .NET ticks (100 ns).
    public var runtimeTicks: Int64?
    /// Overall bitrate in bits per second.
    public var bitrate: Int?
    /// File size in bytes.
    public var size: Int64?
    public var videoStreams: [PlayableStream]
    public var audioStreams: [PlayableStream]
    public var subtitleStreams: [PlayableStream]
    /// Keyframe times of the main video stream in ticks, ascending, when the library extracted them.
    public var keyframeTicks: [Int64]?

    public init(
        container: String, runtimeTicks: Int64? = nil, bitrate: Int? = nil, size: Int64? = nil,
        videoStreams: [PlayableStream] = [], audioStreams: [PlayableStream] = [], subtitleStreams: [PlayableStream] = [],
        keyframeTicks: [Int64]? = nil
    ) {
        self.container = container
        self.runtimeTicks = runtimeTicks
        self.bitrate = bitrate
        self.size = size
        self.videoStreams = videoStreams
        self.audioStreams = audioStreams
        self.subtitleStreams = subtitleStreams
        self.keyframeTicks = keyframeTicks
    }

    /// The container names this file answers to, lower-cased.
    public var containerNames: [String] {
        container.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The bitrate to compare with a client's limit: the stated one, else size over runtime.
    public var effectiveBitrate: Int? {
        if let bitrate, bitrate > 0 { return bitrate }
        guard let size, let runtimeTicks, runtimeTicks > 0, size > 0 else { return nil }
        return Int(Double(size) * 8 / (Double(runtimeTicks) / 10_000_000))
    }

    /// The main video stream: the first embedded one.
    public var primaryVideo: PlayableStream? { videoStreams.first { !$0.isExternal } ?? videoStreams.first }

    /// The audio stream a player picks without being asked: the default-flagged one, else the first.
    public var defaultAudio: PlayableStream? { audioStreams.first { $0.isDefault } ?? audioStreams.first }

    /// The position of an embedded stream among the embedded streams of its kind: the `n` in
    /// ffmpeg's `0:a:n` / `0:s:n` and the `si=` of the subtitles filter.
    public func relativeIndex(of stream: PlayableStream) -> Int? {
        let list: [PlayableStream]
        if videoStreams.contains(stream) { list = videoStreams }
        else if audioStreams.contains(stream) { list = audioStreams }
        else if subtitleStreams.contains(stream) { list = subtitleStreams }
        else { return nil }
        return list.filter { !$0.isExternal }.firstIndex { $0.index == stream.index }
    }
}
