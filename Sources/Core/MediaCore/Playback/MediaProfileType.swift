/// The `Type` of a direct-play or transcoding profile: what kind of item it covers.
public enum MediaProfileType: String, Sendable, Hashable, CaseIterable {
    case video = "Video"
    case audio = "Audio"
    case photo = "Photo"

    /// Reads Jellyfin's names in any case; nil for anything else.
    public init?(jellyfinName: String?) {
        guard let name = jellyfinName?.lowercased() else { return nil }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == name }) else { return nil }
        self = match
    }
}
