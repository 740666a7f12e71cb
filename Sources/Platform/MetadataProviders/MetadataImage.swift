/// One piece of artwork: where to fetch it and what it shows.
public struct MetadataImage: Sendable, Codable, Equatable, Hashable {
    /// `poster`, `fanart`, `banner`, `clearlogo` or `screenshot`, as Sonarr and Radarr name cover types.
    public var coverType: String
    /// An http(s) URL or an absolute local path.
    public var url: String

    public init(coverType: String, url: String) {
        self.coverType = coverType
        self.url = url
    }
}
