import Foundation

/// A bonus video (trailer, featurette...) that belongs to the item owning `ownerFolders`.
public struct ExtraIdentity: Sendable, Hashable {
    public var kind: ExtraKind
    public var title: String
    /// Folders above the extras folder (or holding the `-trailer` file): the owning item's folder.
    public var ownerFolders: [String]

    public init(kind: ExtraKind, title: String, ownerFolders: [String]) {
        self.kind = kind
        self.title = title
        self.ownerFolders = ownerFolders
    }
}
