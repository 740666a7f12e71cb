import Foundation

/// A cast member listed in an NFO.
public struct NFOActor: Sendable, Hashable {
    public var name: String
    public var role: String?

    public init(name: String, role: String? = nil) {
        self.name = name
        self.role = role
    }
}
