import Foundation

/// Metadata from a Kodi-style NFO file (`<movie>`, `<tvshow>`, `<episodedetails>`, `<season>`).
/// Local NFOs override remote metadata, so they are parsed defensively and fields stay optional.
public struct NFODocument: Sendable, Hashable {
    /// The root element; tells the scanner which item the NFO describes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case movie
        case tvshow
        case episodedetails
        case season
        /// A file that is only a provider URL, which Kodi also accepts.
        case urlOnly
        /// Valid XML with an unexpected root (`<musicvideo>`); fields are still read.
        case other
    }

    public var kind: Kind
    public var title: String?
    public var originalTitle: String?
    public var sortTitle: String?
    public var plot: String?
    public var outline: String?
    public var tagline: String?
    public var year: Int?
    public var premiered: AirDate?
    public var aired: AirDate?
    public var runtimeMinutes: Int?
    public var mpaa: String?
    public var rating: Double?
    public var genres: [String] = []
    public var studios: [String] = []
    public var tags: [String] = []
    /// Every `<uniqueid type="...">`, keyed by the lowercased type, including ones we have no enum for.
    public var uniqueIds: [String: String] = [:]
    public var season: Int?
    public var episode: Int?
    public var showTitle: String?
    /// A show's `<status>` as written (`Continuing`, `Ended`), for the series role.
    public var status: String?
    public var actors: [NFOActor] = []

    public init(kind: Kind) {
        self.kind = kind
    }

    /// The ids of providers we know, validated (`uniqueIds` keeps the raw ones).
    public var providerIds: [MetadataProvider: String] {
        var ids: [MetadataProvider: String] = [:]
        for (type, value) in uniqueIds.sorted(by: { $0.key < $1.key }) {
            guard let provider = MetadataProvider(key: type), ids[provider] == nil,
                  let id = provider.normalizedID(value) else { continue }
            ids[provider] = id
        }
        return ids
    }
}
