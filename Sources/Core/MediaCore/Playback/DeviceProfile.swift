/// What a client can play, as Jellyfin clients describe it in `PlaybackInfo` and
/// `Sessions/Capabilities/Full`. Decodes Jellyfin's PascalCase JSON, camelCase too, numbers as
/// strings, unknown keys ignored, missing keys defaulted.
public struct DeviceProfile: Sendable, Hashable, Decodable {
    public var name: String?
    /// Bits per second.
    public var maxStreamingBitrate: Int?
    public var maxStaticBitrate: Int?
    public var directPlayProfiles: [DirectPlayProfile]
    public var transcodingProfiles: [TranscodingProfile]
    public var codecProfiles: [CodecProfile]
    public var subtitleProfiles: [SubtitleProfile]

    public init(
        name: String? = nil, maxStreamingBitrate: Int? = nil, maxStaticBitrate: Int? = nil,
        directPlayProfiles: [DirectPlayProfile] = [], transcodingProfiles: [TranscodingProfile] = [],
        codecProfiles: [CodecProfile] = [], subtitleProfiles: [SubtitleProfile] = []
    ) {
        self.name = name
        self.maxStreamingBitrate = maxStreamingBitrate
        self.maxStaticBitrate = maxStaticBitrate
        self.directPlayProfiles = directPlayProfiles
        self.transcodingProfiles = transcodingProfiles
        self.codecProfiles = codecProfiles
        self.subtitleProfiles = subtitleProfiles
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: JellyfinJSONKey.self)
        name = json.lenientString("Name")
        maxStreamingBitrate = json.lenientInt("MaxStreamingBitrate")
        maxStaticBitrate = json.lenientInt("MaxStaticBitrate")
        directPlayProfiles = json.lenientArray("DirectPlayProfiles")
        transcodingProfiles = json.lenientArray("TranscodingProfiles")
        codecProfiles = json.lenientArray("CodecProfiles")
        subtitleProfiles = json.lenientArray("SubtitleProfiles")
    }
}
