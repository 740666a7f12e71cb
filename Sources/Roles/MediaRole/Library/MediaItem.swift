import Foundation
import GRDB
import MediaCore

/// One library (Jellyfin's "virtual folder"): a name, a content kind and the folders it scans.
struct MediaLibrary: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "library"
    var id: String
    var name: String
    /// Jellyfin's CollectionType: `movies`, `tvshows` or `homevideos`.
    var collectionType: String
    var paths: [String]
    var createdAt: Int64
}

/// Everything browsable: movies, series, seasons, episodes and home videos, in one table so that
/// `/Items` can filter, sort and page across kinds in SQL.
struct MediaItem: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "item"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case movie = "Movie", series = "Series", season = "Season", episode = "Episode", video = "Video"

        var isFolder: Bool { self == .series || self == .season }
    }

    /// 32 hex digits, derived from what the item is (its path, or its series and season number), so a
    /// rescan or a rebuilt database gives every item the id clients already hold.
    var id: String
    var libraryId: String
    var type: Kind
    /// The library for top-level items, the series for a season, the season for an episode.
    var parentId: String?
    var seriesId: String?
    var seasonId: String?
    var name: String
    var sortName: String
    var originalTitle: String?
    var overview: String?
    var productionYear: Int?
    /// YYYY-MM-DD.
    var premiereDate: String?
    var indexNumber: Int?
    var indexNumberEnd: Int?
    var parentIndexNumber: Int?
    /// The video file, or the series folder.
    var path: String?
    var size: Int64?
    /// Of the file when it was scanned, in nanoseconds: with `size`, what tells an unchanged file.
    var modifiedAt: Int64?
    var runtimeTicks: Int64?
    var container: String?
    /// What ffprobe found (streams, bitrate, chapters) plus external subtitles; nil until probed.
    var media: MediaDescription?
    var providerIds: [String: String]
    var genres: [String]
    var studios: [String]
    var officialRating: String?
    var communityRating: Double?
    /// Jellyfin image type (`Primary`, `Backdrop`…) → file.
    var images: [String: String]
    /// Why the file could not be read (a corrupt or truncated file stays listed with it).
    var probeError: String?
    /// Milliseconds since the epoch.
    var dateCreated: Int64
}

/// A user's state of an item: resume position, plays, favourite.
struct MediaUserData: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "userData"
    var userId: String
    var itemId: String
    var playbackPositionTicks: Int64 = 0
    var playCount: Int = 0
    var played: Bool = false
    var isFavorite: Bool = false
    /// Milliseconds since the epoch.
    var lastPlayedAt: Int64?
}
