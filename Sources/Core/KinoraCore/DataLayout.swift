/// Where everything lives. One data root keeps downloads and libraries on one filesystem, so
/// imports are hardlinks and atomic renames; the config directory holds the databases and must be
/// a local disk (SQLite over NFS locks up and corrupts).
public struct DataLayout: Sendable, Equatable {
    public let dataDirectory: String
    public let configDirectory: String

    public init(dataDirectory: String, configDirectory: String) {
        self.dataDirectory = dataDirectory
        self.configDirectory = configDirectory
    }

    /// The folders of the data root, created at start.
    public enum MediaFolder: String, CaseIterable, Sendable {
        case downloads, tv, anime, movies, audiobooks, podcasts

        /// Folders that imports link into from downloads/.
        public static let libraries: [MediaFolder] = [.tv, .anime, .movies, .audiobooks, .podcasts]
    }

    public func path(of folder: MediaFolder) -> String { join(dataDirectory, folder.rawValue) }

    public func databasePath(of role: Role) -> String { join(configDirectory, "\(role.rawValue).sqlite") }

    public var configurationFile: String { join(configDirectory, "kinora.yaml") }

    private func join(_ base: String, _ component: String) -> String {
        base.hasSuffix("/") ? base + component : base + "/" + component
    }
}
