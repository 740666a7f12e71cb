/// ServarrCore: the series and movies roles' pure rules (qualities, profiles, custom formats,
/// languages, provider schemas, naming). Filled in by issue 6.
public enum ServarrApp: String, Sendable, Codable, CaseIterable {
    case sonarr, radarr
}

/// One validation failure, shaped like the originals' 400 answers
/// (`[{"propertyName": "Name", "errorMessage": "..."}]`). Property names follow the
/// originals' (PascalCase, as FluentValidation reports them).
public struct ServarrValidationIssue: Sendable, Equatable, Codable {
    public var propertyName: String
    public var errorMessage: String

    public init(propertyName: String, errorMessage: String) {
        self.propertyName = propertyName
        self.errorMessage = errorMessage
    }
}
