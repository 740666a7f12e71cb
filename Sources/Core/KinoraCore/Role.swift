/// One of the services Kinora replaces. Every role can run alone (`--role`) or with the others
/// in one process; a role reaches another only through the other's public wire API.
public enum Role: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    case requests
    case indexers
    case series
    case movies
    case subtitles
    case torrents
    case media
    case audiobooks
    case gateway

    /// The port the original service listens on, so existing clients find us unchanged.
    public var defaultPort: Int {
        switch self {
        case .requests: 5055
        case .indexers: 9696
        case .series: 8989
        case .movies: 7878
        case .subtitles: 6767
        case .torrents: 9091
        case .media: 8096
        case .audiobooks: 13378
        case .gateway: 8080
        }
    }

    /// The original service this role replaces.
    public var replaces: String {
        switch self {
        case .requests: "Jellyseerr"
        case .indexers: "Prowlarr"
        case .series: "Sonarr"
        case .movies: "Radarr"
        case .subtitles: "Bazarr"
        case .torrents: "Transmission"
        case .media: "Jellyfin"
        case .audiobooks: "Audiobookshelf"
        case .gateway: "Traefik"
        }
    }

    /// The first label of the role's host name in the reference setup (`sonarr.homelab.local`).
    /// The gateway has none: it answers for every host that is not a role's.
    public var defaultHostLabel: String? {
        self == .gateway ? nil : replaces.lowercased()
    }

    /// A short name for people: navigation and page titles.
    public var title: String {
        switch self {
        case .requests: "Requests"
        case .indexers: "Indexers"
        case .series: "Series"
        case .movies: "Movies"
        case .subtitles: "Subtitles"
        case .torrents: "Torrents"
        case .media: "Media"
        case .audiobooks: "Audiobooks"
        case .gateway: "Gateway"
        }
    }

    /// The *arr-style roles, whose originals protect their API with a generated key.
    public var usesAPIKey: Bool {
        switch self {
        case .requests, .indexers, .series, .movies, .subtitles: true
        case .torrents, .media, .audiobooks, .gateway: false
        }
    }

    /// Roles that own a database of their own (the gateway keeps no state).
    public var hasDatabase: Bool { self != .gateway }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
