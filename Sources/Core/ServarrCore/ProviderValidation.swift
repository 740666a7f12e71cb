/// One entry of the 400 answer Sonarr and Radarr give when a resource does not validate:
/// `[{"propertyName": "BaseUrl", "errorMessage": "..."}]`.
public struct ServarrValidationIssue: Sendable, Equatable, Codable {
    public var propertyName: String
    public var errorMessage: String

    public init(propertyName: String, errorMessage: String) {
        self.propertyName = propertyName
        self.errorMessage = errorMessage
    }
}
