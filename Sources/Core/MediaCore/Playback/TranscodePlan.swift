/// An HLS stream made by ffmpeg: what is copied, what is encoded and into what.
public struct TranscodePlan: Sendable, Hashable {
    public var copyVideo: Bool
    public var copyAudio: Bool
    /// The output video codec: the source's when copied, else the encoder's (`h264`).
    public var videoCodec: String
    /// The output audio codec: the source's when copied, else `aac`.
    public var audioCodec: String
    /// `ts` (MPEG-TS segments) or `mp4` (fMP4 segments with a `-1.mp4` init segment).
    public var segmentContainer: String
    /// Output channel count; nil when copying or unknown.
    public var audioChannels: Int?
    /// Bits per second of the output video (the source's when copied, if known).
    public var videoBitrate: Int?
    public var audioBitrate: Int?
    public var maxWidth: Int?
    public var maxHeight: Int?
    /// Absolute index of the subtitle burned into the picture.
    public var burnInSubtitleIndex: Int?
    public var videoStreamIndex: Int?
    public var audioStreamIndex: Int?
    /// The chosen subtitle and how it travels when not burned in (`External`/`Hls`).
    public var subtitleStreamIndex: Int?
    public var subtitleDelivery: SubtitleDeliveryMethod?
    /// Seconds per HLS segment.
    public var segmentLength: Int
    public var minSegments: Int?
    public var breakOnNonKeyFrames: Bool
    public var startTimeTicks: Int64
    public var reasons: Set<TranscodeReason>

    public init(
        copyVideo: Bool, copyAudio: Bool, videoCodec: String = "h264", audioCodec: String = "aac", segmentContainer: String = "ts",
        audioChannels: Int? = nil, videoBitrate: Int? = nil, audioBitrate: Int? = nil, maxWidth: Int? = nil, maxHeight: Int? = nil,
        burnInSubtitleIndex: Int? = nil, videoStreamIndex: Int? = nil, audioStreamIndex: Int? = nil, subtitleStreamIndex: Int? = nil,
        subtitleDelivery: SubtitleDeliveryMethod? = nil, segmentLength: Int = TranscodePlan.defaultSegmentLength, minSegments: Int? = nil,
        breakOnNonKeyFrames: Bool = false, startTimeTicks: Int64 = 0, reasons: Set<TranscodeReason> = []
    ) {
        self.copyVideo = copyVideo
        self.copyAudio = copyAudio
        self.videoCodec = videoCodec
        self.audioCodec = audioCodec
        self.segmentContainer = segmentContainer
        self.audioChannels = audioChannels
        self.videoBitrate = videoBitrate
        self.audioBitrate = audioBitrate
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.burnInSubtitleIndex = burnInSubtitleIndex
        self.videoStreamIndex = videoStreamIndex
        self.audioStreamIndex = audioStreamIndex
        self.subtitleStreamIndex = subtitleStreamIndex
        self.subtitleDelivery = subtitleDelivery
        self.segmentLength = segmentLength
        self.minSegments = minSegments
        self.breakOnNonKeyFrames = breakOnNonKeyFrames
        self.startTimeTicks = startTimeTicks
        self.reasons = reasons
    }

    /// Seconds per segment when the profile names none (Jellyfin's 3 s).
    public static let defaultSegmentLength = 3

    /// Both streams copied: a remux, what Jellyfin calls DirectStream but still reports as Transcode.
    public var isRemux: Bool { copyVideo && copyAudio }

    /// The `TranscodeReasons` query value.
    public var serializedReasons: String { TranscodeReason.serialize(reasons) }

    /// The picture size the output will have for a source of `width`×`height`: unchanged when
    /// copying or within the caps, else scaled down to fit both caps, keeping the aspect ratio,
    /// with even sides (what H.264 4:2:0 needs).
    public func outputSize(sourceWidth width: Int?, sourceHeight height: Int?) -> (width: Int, height: Int)? {
        guard let width, let height, width > 0, height > 0 else { return nil }
        if copyVideo { return (width, height) }
        var scale = 1.0
        if let maxWidth, maxWidth > 0, width > maxWidth { scale = min(scale, Double(maxWidth) / Double(width)) }
        if let maxHeight, maxHeight > 0, height > maxHeight { scale = min(scale, Double(maxHeight) / Double(height)) }
        func even(_ value: Double) -> Int { max(2, Int((value / 2).rounded(.down)) * 2) }
        if scale >= 1 { return (even(Double(width)), even(Double(height))) }
        return (even(Double(width) * scale), even(Double(height) * scale))
    }
}
