/// The per-request part of a `PlaybackInfo` call (Jellyfin's `PlaybackInfoDto`).
public struct PlaybackOptions: Sendable, Hashable {
    /// Bits per second; combined with the profile's `MaxStreamingBitrate` (the lower wins).
    public var maxStreamingBitrate: Int?
    /// Absolute stream index; nil picks the default audio stream.
    public var audioStreamIndex: Int?
    /// Absolute stream index; nil or -1 means no subtitle.
    public var subtitleStreamIndex: Int?
    public var enableDirectPlay: Bool
    public var enableDirectStream: Bool
    public var enableTranscoding: Bool
    public var allowVideoStreamCopy: Bool
    public var allowAudioStreamCopy: Bool
    public var alwaysBurnInSubtitleWhenTranscoding: Bool
    public var startTimeTicks: Int64
    /// Output size caps asked for by the client (`MaxWidth`/`MaxHeight`).
    public var maxWidth: Int?
    public var maxHeight: Int?
    /// Overrides the transcoding profile's `MaxAudioChannels`.
    public var maxAudioChannels: Int?

    public init(
        maxStreamingBitrate: Int? = nil, audioStreamIndex: Int? = nil, subtitleStreamIndex: Int? = nil,
        enableDirectPlay: Bool = true, enableDirectStream: Bool = true, enableTranscoding: Bool = true,
        allowVideoStreamCopy: Bool = true, allowAudioStreamCopy: Bool = true, alwaysBurnInSubtitleWhenTranscoding: Bool = false,
        startTimeTicks: Int64 = 0, maxWidth: Int? = nil, maxHeight: Int? = nil, maxAudioChannels: Int? = nil
    ) {
        self.maxStreamingBitrate = maxStreamingBitrate
        self.audioStreamIndex = audioStreamIndex
        self.subtitleStreamIndex = subtitleStreamIndex
        self.enableDirectPlay = enableDirectPlay
        self.enableDirectStream = enableDirectStream
        self.enableTranscoding = enableTranscoding
        self.allowVideoStreamCopy = allowVideoStreamCopy
        self.allowAudioStreamCopy = allowAudioStreamCopy
        self.alwaysBurnInSubtitleWhenTranscoding = alwaysBurnInSubtitleWhenTranscoding
        self.startTimeTicks = startTimeTicks
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxAudioChannels = maxAudioChannels
    }
}
