/// How a client wants a stream it cannot play directly: container, codecs and delivery.
public struct TranscodingProfile: Sendable, Hashable, Decodable {
    public var container: String
    public var type: MediaProfileType?
    public var videoCodec: CommaList
    public var audioCodec: CommaList
    /// `hls` or `http`.
    public var `protocol`: String
    /// `Streaming` or `Static`.
    public var context: String
    public var maxAudioChannels: Int?
    public var minSegments: Int?
    /// Seconds; nil means the server's default.
    public var segmentLength: Int?
    public var breakOnNonKeyFrames: Bool

    public init(
        container: String, type: MediaProfileType? = .video, videoCodec: CommaList = "h264", audioCodec: CommaList = "aac",
        protocol: String = "hls", context: String = "Streaming", maxAudioChannels: Int? = nil, minSegments: Int? = nil,
        segmentLength: Int? = nil, breakOnNonKeyFrames: Bool = false
    ) {
        self.container = container
        self.type = type
        self.videoCodec = videoCodec
        self.audioCodec = audioCodec
        self.protocol = `protocol`
        self.context = context
        self.maxAudioChannels = maxAudioChannels
        self.minSegments = minSegments
        self.segmentLength = segmentLength
        self.breakOnNonKeyFrames = breakOnNonKeyFrames
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: JellyfinJSONKey.self)
        container = json.lenientString("Container")?.lowercased() ?? "ts"
        type = MediaProfileType(jellyfinName: json.lenientString("Type"))
        videoCodec = CommaList(json.lenientString("VideoCodec"))
        audioCodec = CommaList(json.lenientString("AudioCodec"))
        `protocol` = json.lenientString("Protocol")?.lowercased() ?? "http"
        context = json.lenientString("Context") ?? "Streaming"
        maxAudioChannels = json.lenientInt("MaxAudioChannels")
        minSegments = json.lenientInt("MinSegments")
        segmentLength = json.lenientInt("SegmentLength")
        breakOnNonKeyFrames = json.lenientBool("BreakOnNonKeyFrames") ?? false
    }

    /// Whether this profile describes HLS video streaming, the only kind of transcode served.
    public var isHLSVideoStreaming: Bool {
        (type ?? .video) == .video && `protocol` == "hls" && context.lowercased() != "static"
    }

    /// The HLS segment container: `mp4` (fMP4) for `mp4`/`fmp4`/`m4s`, else `ts`.
    public var segmentContainer: String {
        switch container.lowercased() {
        case "mp4", "fmp4", "m4s", "m4v": "mp4"
        default: "ts"
        }
    }
}
