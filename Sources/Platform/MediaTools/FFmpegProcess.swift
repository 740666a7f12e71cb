import Foundation
import MediaCore
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs ffmpeg until it exits; cancelling the calling task kills it (swift-subprocess tears the child
/// down), so a transcode never outlives the job that owns it.
public enum FFmpegProcess {
    public struct Outcome: Sendable {
        public var succeeded: Bool
        /// The first lines ffmpeg wrote to stderr (it is run with `-loglevel error`).
        public var errors: String
    }

    public static func run(_ ffmpeg: String, arguments: [String]) async throws -> Outcome {
        let result = try await Subprocess.run(
            .path(FilePath(ffmpeg)), arguments: Arguments(arguments), input: .none,
            output: .discarded, error: .string(limit: 1 << 20))
        return Outcome(succeeded: result.terminationStatus.isSuccess, errors: String(result.standardError.prefix(2_000)))
    }
}

extension FFmpegProcess {
    /// The encoders this ffmpeg was built with (`ffmpeg -encoders`), or nil when it cannot be asked.
    public static func capabilities(_ ffmpeg: String) async -> FFmpegCapabilities? {
        guard let result = try? await Subprocess.run(
            .path(FilePath(ffmpeg)), arguments: ["-hide_banner", "-encoders"], input: .none,
            output: .string(limit: 1 << 20), error: .discarded),
            result.terminationStatus.isSuccess
        else { return nil }
        return FFmpegCapabilities.parse(encodersOutput: result.standardOutput)
    }
}
