/// How a subtitle reaches the client (Jellyfin's `SubtitleDeliveryMethod`).
public enum SubtitleDeliveryMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Burned into the video: forces a video encode.
    case encode = "Encode"
    /// Left inside the container for the player to read.
    case embed = "Embed"
    /// Served as a separate file (`/Subtitles/{index}/Stream.vtt`).
    case external = "External"
    /// Listed in the HLS master playlist as a subtitle rendition.
    case hls = "Hls"
    case drop = "Drop"

    public init?(jellyfinName: String?) {
        guard let name = jellyfinName?.lowercased() else { return nil }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == name }) else { return nil }
        self = match
    }
}
