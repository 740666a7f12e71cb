/// One elementary stream of a media file as the playback logic sees it: a video, audio or
/// subtitle track, embedded or a sidecar file. Field meanings follow Jellyfin's `MediaStream`
/// (codec names as ffprobe prints them: `h264`, `hevc`, `aac`, `subrip`, `PGSSUB`…).
public struct PlayableStream: Sendable, Hashable {
    /// The stream's absolute index as Jellyfin numbers it (ffprobe's index for embedded
    /// streams, numbers after those for sidecar files).
    public var index: Int
    public var codec: String
    /// `High`, `Main`, `Main 10`, `LC`…
    public var profile: String?
    /// As ffprobe reports it (H.264 `41`, HEVC `153`) or as a decimal (`4.1`); see `normalizedLevel`.
    public var level: Double?
    public var width: Int?
    public var height: Int?
    public var bitDepth: Int?
    public var frameRate: Double?
    public var bitrate: Int?
    public var channels: Int?
    public var language: String?
    public var title: String?
    public var isDefault: Bool
    public var isForced: Bool
    /// A sidecar file next to the media (`Movie.en.srt`), found at `path`.
    public var isExternal: Bool
    public var path: String?
    /// A text subtitle (SubRip, ASS, WebVTT, mov_text) rather than an image one (PGS, VobSub, DVB).
    public var isText: Bool
    /// `SDR`, `HDR10`, `HDR10Plus`, `HLG`, `DOVI`, `DOVIWithHDR10`…
    public var videoRangeType: String?
    public var isInterlaced: Bool
    public var refFrames: Int?

    public init(
        index: Int, codec: String, profile: String? = nil, level: Double? = nil, width: Int? = nil, height: Int? = nil,
        bitDepth: Int? = nil, frameRate: Double? = nil, bitrate: Int? = nil, channels: Int? = nil, language: String? = nil,
        title: String? = nil, isDefault: Bool = false, isForced: Bool = false, isExternal: Bool = false, path: String? = nil,
        isText: Bool? = nil, videoRangeType: String? = nil, isInterlaced: Bool = false, refFrames: Int? = nil
    ) {
        self.index = index
        self.codec = codec
        self.profile = profile
        self.level = level
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.frameRate = frameRate
        self.bitrate = bitrate
        self.channels = channels
        self.language = language
        self.title = title
        self.isDefault = isDefault
        self.isForced = isForced
        self.isExternal = isExternal
        self.path = path
        self.isText = isText ?? PlayableStream.isTextSubtitleCodec(codec)
        self.videoRangeType = videoRangeType
        self.isInterlaced = isInterlaced
        self.refFrames = refFrames
    }

    /// The codec in lower case, the form profiles and comparisons use.
    public var normalizedCodec: String { codec.lowercased() }

    /// The level in ffprobe's integer convention, which Jellyfin's `VideoLevel` conditions compare
    /// against: H.264 level ×10 (`4.1` → 41), HEVC level ×30 (`5.1` → 153). Values already in that
    /// form pass through.
    public var normalizedLevel: Int? {
        guard let level, level > 0 else { return nil }
        switch normalizedCodec {
        case "h264" where level < 10: return Int((level * 10).rounded())
        case "hevc", "h265":
            return level < 10 ? Int((level * 30).rounded()) : Int(level.rounded())
        default: return Int(level.rounded())
        }
    }

    /// Whether a subtitle codec name is a text format.
    public static func isTextSubtitleCodec(_ codec: String) -> Bool {
        switch codec.lowercased() {
        case "subrip", "srt", "ass", "ssa", "webvtt", "vtt", "mov_text", "text", "ttml", "smi", "sami", "microdvd", "sub", "mpl2": true
        default: false
        }
    }
}
