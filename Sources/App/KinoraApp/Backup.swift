import Foundation
import KinoraCore
import KinoraStorage
import KinoraSystem

/// `kinora backup`: a consistent copy of every role's database (and `kinora.yaml`) in a new
/// directory, made while Kinora runs. The directory appears only when every copy succeeded and
/// passed SQLite's integrity check.
public enum Backup {
    public struct Result: Sendable {
        public let directory: String
        public let databases: [Role]
    }

    public static func run(
        configuration: KinoraConfiguration, into directory: String? = nil, now: Timestamp,
        inspector: any FilesystemInspecting = LiveFilesystemInspector()
    ) throws -> Result {
        let layout = configuration.layout
        try DataDirectories(layout: layout, inspector: inspector).prepareConfigDirectory(allowNetworkConfig: configuration.allowNetworkConfig)
        let stamp = now.iso8601(fractionDigits: 0).replacingOccurrences(of: ":", with: "-")
        let target = directory ?? layout.configDirectory + "/backups/kinora-\(stamp)"
        guard !FileManager.default.fileExists(atPath: target) else {
            throw RoleDatabase.BackupError(description: "\(target) already exists: choose a new backup directory")
        }
        let partial = target + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        do {
            var copied: [Role] = []
            for role in Role.allCases where role.hasDatabase {
                let path = layout.databasePath(of: role)
                // Only what exists: a backup never creates a role's database.
                guard FileManager.default.fileExists(atPath: path) else { continue }
                try RoleCatalog.openDatabase(of: role, layout: layout).backup(to: partial + "/\(role.rawValue).sqlite")
                copied.append(role)
            }
            if FileManager.default.fileExists(atPath: layout.configurationFile) {
                try FileManager.default.copyItem(atPath: layout.configurationFile, toPath: partial + "/kinora.yaml")
            }
            try FileManager.default.moveItem(atPath: partial, toPath: target)
            return Result(directory: target, databases: copied)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }
}
