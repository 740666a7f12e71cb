import Foundation

/// One stream of a media file, shaped like Jellyfin's `MediaStream` so the API layer can copy it.
public struct MediaStreamInfo: Sendable, Hashable, Codable {
    public var index: Int
    public var type: MediaStreamType
    /// ffprobe codec name lowercased, except PGS/DVD/DVB bitmap subtitles which use Jellyfin's names.
    public var codec: String?
    public var profile: String?
    public var level: Int?
    public var width: Int?
    public var height: Int?
    public var averageFrameRate: Double?
    public var realFrameRate: Double?
    public var bitDepth: Int?
    public var pixelFormat: String?
    public var channels: Int?
    public var channelLayout: String?
    public var sampleRate: Int?
    public var bitRate: Int?
    /// ISO 639-2 as tagged in the file (`eng`, `ger`); `und` is dropped.
    public var language: String?
    public var title: String?
    public var isDefault: Bool
    public var isForced: Bool
    public var isHearingImpaired: Bool
    public var isInterlaced: Bool
    /// "SDR" or "HDR"; video only.
    public var videoRange: String?
    /// "SDR", "HDR10", "HLG", "DOVI", "DOVIWithHDR10", "DOVIWithHLG", "DOVIWithSDR"; video only.
    public var videoRangeType: String?
    public var isTextSubtitle: Bool
    public var displayTitle: String?
    /// An external subtitle file beside the video (its `index` continues after the file's own streams).
    public var path: String?

    public init(index: Int, type: MediaStreamType) {
        self.index = index
        self.type = type
        isDefault = false
        isForced = false
        isHearingImpaired = false
        isInterlaced = false
        isTextSubtitle = false
    }
}
