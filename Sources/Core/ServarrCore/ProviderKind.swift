/// The provider families that share the generic resource shape.
public enum ProviderKind: String, Sendable, Codable, CaseIterable {
    case indexer, downloadClient, notification, importList
}

/// A resource that did not validate: the issues to answer with a 400.
public struct ProviderValidationFailure: Error, Sendable, Equatable {
    public var issues: [ServarrValidationIssue]

    public init(issues: [ServarrValidationIssue]) {
        self.issues = issues
    }
}
