/// Limits a client has for one codec: `{Type, Codec, Container, Conditions, ApplyConditions}`.
/// `Conditions` must hold for the stream when `ApplyConditions` (if any) hold.
public struct CodecProfile: Sendable, Hashable, Decodable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case video = "Video"
        /// Audio inside a video item.
        case videoAudio = "VideoAudio"
        case audio = "Audio"
    }

    public var type: Kind?
    /// Empty means any codec.
    public var codec: CommaList
    /// Empty means any container.
    public var container: CommaList
    public var conditions: [ProfileCondition]
    public var applyConditions: [ProfileCondition]

    public init(type: Kind, codec: CommaList = "", container: CommaList = "", conditions: [ProfileCondition], applyConditions: [ProfileCondition] = []) {
        self.type = type
        self.codec = codec
        self.container = container
        self.conditions = conditions
        self.applyConditions = applyConditions
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: JellyfinJSONKey.self)
        let name = json.lenientString("Type")?.lowercased()
        type = Kind.allCases.first { $0.rawValue.lowercased() == name }
        codec = CommaList(json.lenientString("Codec"))
        container = CommaList(json.lenientString("Container"))
        conditions = json.lenientArray("Conditions")
        applyConditions = json.lenientArray("ApplyConditions")
    }
}
