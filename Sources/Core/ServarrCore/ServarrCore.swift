/// ServarrCore: the series and movies roles' pure rules (qualities, profiles, custom formats,
/// languages, provider schemas, naming). Filled in by issue 6.
public enum ServarrApp: String, Sendable, Codable, CaseIterable {
    case sonarr, radarr
}
