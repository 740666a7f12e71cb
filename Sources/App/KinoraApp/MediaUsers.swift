import Foundation
import KinoraCore
import KinoraSystem
import MediaRole

/// `kinora media adduser`: users of the media role created from the command line, for a server
/// set up without a browser. Works while Kinora runs (SQLite in WAL mode).
public enum MediaUsers {
    public static func add(
        configuration: KinoraConfiguration, name: String, password: String, isAdministrator: Bool,
        inspector: any FilesystemInspecting = LiveFilesystemInspector()
    ) async throws -> MediaUser {
        try DataDirectories(layout: configuration.layout, inspector: inspector)
            .prepareConfigDirectory(allowNetworkConfig: configuration.allowNetworkConfig)
        let store = MediaStore(database: try RoleCatalog.openDatabase(of: .media, layout: configuration.layout))
        return try await store.addUser(
            name: name, password: password, isAdministrator: isAdministrator,
            now: Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970))
    }
}
