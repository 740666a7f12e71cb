/// Kinora's own version, and the version of each original whose API a role speaks.
public enum KinoraVersion {
    public static let kinora = "0.1.0"

    /// Clients gate features on the original's version (Jellyseerr checks Sonarr's major version,
    /// Jellyfin clients refuse servers older than 10.x), so each role reports the release of its
    /// original whose API it implements.
    public static func compatibleVersion(of role: Role) -> String {
        switch role {
        case .requests: "2.7.3"
        case .indexers: "1.37.0.5076"
        case .series: "4.0.15.2941"
        case .movies: "5.26.2.10099"
        case .subtitles: "1.5.2"
        case .torrents: "4.0.6"
        case .media: "10.10.7"
        case .audiobooks: "2.36.0"
        case .gateway: kinora
        }
    }
}
