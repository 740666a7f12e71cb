import KinoraCore
import KinoraHTTP
import KinoraStorage
import KinoraSystem

/// The API keys of the keyed roles, as `kinora keys` prints them. Keys are created on first use,
/// so the keys printed before the first `serve` are the ones it will use.
public enum RoleKeys {
    public static func list(
        configuration: KinoraConfiguration, inspector: any FilesystemInspecting = LiveFilesystemInspector()
    ) throws -> [(role: Role, key: APIKey)] {
        try DataDirectories(layout: configuration.layout, inspector: inspector)
            .prepareConfigDirectory(allowNetworkConfig: configuration.allowNetworkConfig)
        var keys: [(role: Role, key: APIKey)] = []
        for role in Role.allCases where role.usesAPIKey {
            let database = try RoleCatalog.openDatabase(of: role, layout: configuration.layout)
            if let key = try KinoraServer.apiKey(of: role, database: database, configuration: configuration) {
                keys.append((role, key))
            }
        }
        return keys
    }
}
