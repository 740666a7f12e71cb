import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs ffprobe on one file and returns its JSON report (format, streams, chapters). Bounded: a file
/// that makes ffprobe hang or print without end fails after `timeout` / `outputLimit` instead of
/// holding up the scan.
public struct MediaProber: Sendable {
    public let ffprobe: String
    public var timeout: Duration
    public var outputLimit: Int

    public init(ffprobe: String, timeout: Duration = .seconds(60), outputLimit: Int = 8 << 20) {
        self.ffprobe = ffprobe
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    public func probe(_ path: String) async throws(MediaToolError) -> [UInt8] {
        let arguments = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-show_chapters", "file:" + path]
        let limit = outputLimit
        typealias Outcome = Result<(TerminationStatus, [UInt8], String), any Error>
        let outcome = await withTaskGroup(of: Outcome.self) { group -> Outcome in
            group.addTask {
                do {
                    let result = try await run(
                        .path(FilePath(ffprobe)), arguments: Arguments(arguments),
                        output: .bytes(limit: limit), error: .string(limit: 64 << 10))
                    return Outcome.success((result.terminationStatus, result.standardOutput, result.standardError))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask { [timeout] in
                try? await Task.sleep(for: timeout)
                return .failure(MediaToolError.timedOut(tool: "ffprobe", seconds: Int(timeout.components.seconds)))
            }
            let first = await group.next() ?? .failure(CancellationError())
            group.cancelAll()
            return first
        }
        switch outcome {
        case .success(let (status, output, error)):
            guard status.isSuccess else {
                throw .failed(tool: "ffprobe", message: Self.firstLine(of: error) ?? "exited with \(status)")
            }
            return output
        case .failure(let error as MediaToolError):
            throw error
        case .failure(let error):
            throw .failed(tool: "ffprobe", message: "\(error)")
        }
    }

    static func firstLine(of text: String) -> String? {
        text.split(whereSeparator: \.isNewline).first.map { String($0.prefix(300)) }
    }
}

/// Why running ffmpeg or ffprobe did not give a result; one sentence for the user.
public enum MediaToolError: Error, Sendable, Equatable, CustomStringConvertible {
    case timedOut(tool: String, seconds: Int)
    case failed(tool: String, message: String)

    public var description: String {
        switch self {
        case .timedOut(let tool, let seconds): "\(tool) gave no answer within \(seconds) s"
        case .failed(let tool, let message): "\(tool) failed: \(message)"
        }
    }
}
