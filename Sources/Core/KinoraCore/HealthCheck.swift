/// One finding of a self-test, in the terms Sonarr's health endpoint uses.
public struct HealthCheck: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case ok, notice, warning, error
    }

    /// What produced the finding, such as `HardlinkCheck`.
    public let source: String
    public let kind: Kind
    /// One sentence that says what is wrong and what to fix.
    public let message: String

    public init(source: String, kind: Kind, message: String) {
        self.source = source
        self.kind = kind
        self.message = message
    }
}

/// The results of the checks run once at start, shared by every role's health endpoint.
public struct StartupReport: Sendable, Equatable {
    public struct HardlinkResult: Sendable, Equatable {
        public let library: DataLayout.MediaFolder
        /// nil when the hardlink worked; otherwise why it did not.
        public let failure: String?

        public init(library: DataLayout.MediaFolder, failure: String?) {
            self.library = library
            self.failure = failure
        }
    }

    public var hardlinks: [HardlinkResult]
    public var configFilesystem: FilesystemKind
    /// Optional external programs (ffmpeg…) that were not found.
    public var missingPrograms: [String]

    public init(hardlinks: [HardlinkResult] = [], configFilesystem: FilesystemKind = .local(name: "local"), missingPrograms: [String] = []) {
        self.hardlinks = hardlinks
        self.configFilesystem = configFilesystem
        self.missingPrograms = missingPrograms
    }

    /// The findings worth showing a user; empty when all is well.
    public var checks: [HealthCheck] {
        var checks: [HealthCheck] = []
        for result in hardlinks {
            guard let failure = result.failure else { continue }
            checks.append(
                HealthCheck(
                    source: "HardlinkCheck",
                    kind: .warning,
                    message: "Hardlinks from downloads/ to \(result.library.rawValue)/ fail (\(failure)): imports will copy files "
                        + "and use twice the space; put both folders on one filesystem and mount it once."
                )
            )
        }
        if configFilesystem.isNetwork {
            checks.append(
                HealthCheck(
                    source: "ConfigFilesystemCheck",
                    kind: .error,
                    message: "The config directory is on a network filesystem (\(configFilesystem)): SQLite there can lock up "
                        + "or corrupt; move it to a local disk."
                )
            )
        }
        for program in missingPrograms {
            checks.append(
                HealthCheck(
                    source: "ExternalProgramCheck",
                    kind: .warning,
                    message: "\(program) was not found on PATH: features that need it are off until it is installed."
                )
            )
        }
        return checks
    }
}
