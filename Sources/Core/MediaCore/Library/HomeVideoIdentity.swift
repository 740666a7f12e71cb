import Foundation

/// A home video: no metadata lookup, the file name is the title and folders group items.
public struct HomeVideoIdentity: Sendable, Hashable {
    public var title: String
    /// Folders from the library root down to the file, e.g. ["2023", "Summer in Lisbon"].
    public var folderPath: [String]

    public init(title: String, folderPath: [String]) {
        self.title = title
        self.folderPath = folderPath
    }
}
