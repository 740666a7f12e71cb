/// The client plays the original file (`/Videos/{id}/stream?static=true`).
public struct DirectPlayPlan: Sendable, Hashable {
    public var audioStreamIndex: Int?
    public var subtitleStreamIndex: Int?
    /// How the chosen subtitle reaches the client: `External` or `Embed`; nil without one.
    public var subtitleDelivery: SubtitleDeliveryMethod?

    public init(audioStreamIndex: Int? = nil, subtitleStreamIndex: Int? = nil, subtitleDelivery: SubtitleDeliveryMethod? = nil) {
        self.audioStreamIndex = audioStreamIndex
        self.subtitleStreamIndex = subtitleStreamIndex
        self.subtitleDelivery = subtitleDelivery
    }
}
