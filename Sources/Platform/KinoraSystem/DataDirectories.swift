#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KinoraCore

/// Prepares the data root and the config directory, and runs the self-tests of the data layout.
public struct DataDirectories: Sendable {
    public let layout: DataLayout
    public let inspector: any FilesystemInspecting

    public init(layout: DataLayout, inspector: any FilesystemInspecting = LiveFilesystemInspector()) {
        self.layout = layout
        self.inspector = inspector
    }

    public enum PreparationError: Error, Sendable, CustomStringConvertible {
        case cannotCreate(path: String, reason: String)
        case networkConfigDirectory(path: String, kind: FilesystemKind)

        public var description: String {
            switch self {
            case .cannotCreate(let path, let reason):
                "cannot create \(path): \(reason); check the path and its permissions"
            case .networkConfigDirectory(let path, let kind):
                "the config directory \(path) is on a network filesystem (\(kind)); SQLite databases there lock up and "
                    + "corrupt, so Kinora will not open them: use --config with a local disk, or --allow-network-config "
                    + "to accept the risk"
            }
        }
    }

    /// Creates the folders and checks the config directory's filesystem. Throws when the config
    /// directory is on a network filesystem and that was not explicitly allowed.
    public func prepare(allowNetworkConfig: Bool) throws -> StartupReport {
        for folder in DataLayout.MediaFolder.allCases {
            try create(layout.path(of: folder))
        }
        let kind = try prepareConfigDirectory(allowNetworkConfig: allowNetworkConfig)
        return StartupReport(hardlinks: hardlinkSelfTest(), configFilesystem: kind)
    }

    /// Creates the config directory and refuses a network filesystem unless allowed.
    @discardableResult
    public func prepareConfigDirectory(allowNetworkConfig: Bool) throws -> FilesystemKind {
        try create(layout.configDirectory)
        let kind = try inspector.filesystemKind(of: layout.configDirectory)
        if kind.isNetwork && !allowNetworkConfig {
            throw PreparationError.networkConfigDirectory(path: layout.configDirectory, kind: kind)
        }
        return kind
    }

    /// Links a probe file from downloads/ into every library folder: where that fails (EXDEV
    /// across mounts, a filesystem without links), imports would silently copy.
    public func hardlinkSelfTest() -> [StartupReport.HardlinkResult] {
        let downloads = layout.path(of: .downloads)
        let probeName = ".kinora-hardlink-probe-\(getpid())"
        let source = downloads + "/" + probeName
        guard FileManager.default.createFile(atPath: source, contents: Data("kinora".utf8)) else {
            return DataLayout.MediaFolder.libraries.map { .init(library: $0, failure: "cannot write in \(downloads)") }
        }
        defer { unlink(source) }
        return DataLayout.MediaFolder.libraries.map { library in
            let target = layout.path(of: library) + "/" + probeName
            unlink(target)
            guard link(source, target) == 0 else {
                return .init(library: library, failure: String(cString: strerror(errno)))
            }
            defer { unlink(target) }
            var sourceStat = stat()
            var targetStat = stat()
            guard stat(source, &sourceStat) == 0, stat(target, &targetStat) == 0,
                sourceStat.st_ino == targetStat.st_ino
            else {
                return .init(library: library, failure: "the link is not the same file")
            }
            return .init(library: library, failure: nil)
        }
    }

    private func create(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PreparationError.cannotCreate(path: path, reason: (error as NSError).localizedFailureReason ?? "\(error)")
        }
    }
}
