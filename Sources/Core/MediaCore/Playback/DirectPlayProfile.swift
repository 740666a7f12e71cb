/// What a client can play straight from the file: `{Container, AudioCodec, VideoCodec, Type}`.
public struct DirectPlayProfile: Sendable, Hashable, Decodable {
    public var container: CommaList
    public var audioCodec: CommaList
    public var videoCodec: CommaList
    /// Nil when the client sent a type this code does not know; such profiles match nothing.
    public var type: MediaProfileType?

    public init(container: CommaList, audioCodec: CommaList = "", videoCodec: CommaList = "", type: MediaProfileType? = .video) {
        self.container = container
        self.audioCodec = audioCodec
        self.videoCodec = videoCodec
        self.type = type
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: JellyfinJSONKey.self)
        container = CommaList(json.lenientString("Container"))
        audioCodec = CommaList(json.lenientString("AudioCodec"))
        videoCodec = CommaList(json.lenientString("VideoCodec"))
        type = MediaProfileType(jellyfinName: json.lenientString("Type"))
    }
}
