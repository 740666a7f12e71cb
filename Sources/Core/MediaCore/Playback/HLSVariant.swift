/// One `#EXT-X-STREAM-INF` entry of a master playlist.
public struct HLSVariant: Sendable, Hashable {
    /// Peak bits per second.
    public var bandwidth: Int
    public var averageBandwidth: Int?
    /// RFC 6381 codec strings, e.g. `["avc1.640028", "mp4a.40.2"]`.
    public var codecs: [String]
    public var width: Int?
    public var height: Int?
    public var frameRate: Double?
    /// `SDR`, `PQ` or `HLG`.
    public var videoRange: String?
    /// Usually `main.m3u8?<query>`.
    public var uri: String

    public init(
        bandwidth: Int, averageBandwidth: Int? = nil, codecs: [String], width: Int? = nil, height: Int? = nil,
        frameRate: Double? = nil, videoRange: String? = nil, uri: String
    ) {
        self.bandwidth = bandwidth
        self.averageBandwidth = averageBandwidth
        self.codecs = codecs
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.videoRange = videoRange
        self.uri = uri
    }
}
