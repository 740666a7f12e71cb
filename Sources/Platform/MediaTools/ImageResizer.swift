import Foundation
import MediaCore

/// Renders artwork with ffmpeg: scaled copies of posters and backdrops for `/Items/{id}/Images`, and a
/// poster frame for videos that have no image. Every run is bounded by `timeout`, and the result
/// appears at the target path whole or not at all, so a cache never serves half a file.
///
/// Failures throw `MediaToolError`; a cancelled caller gets `CancellationError` and ffmpeg is killed.
public struct ImageResizer: Sendable {
    public let ffmpeg: String
    public var timeout: Duration

    public init(ffmpeg: String, timeout: Duration = .seconds(30)) {
        self.ffmpeg = ffmpeg
        self.timeout = timeout
    }

    /// Writes `source` scaled to exactly `width`×`height` (the caller keeps the aspect ratio, see
    /// `ImageRequest.targetSize`) in `format`; `quality` is 0…100 and PNG ignores it.
    public func resize(source: String, to target: String, width: Int, height: Int, format: ImageFormat, quality: Int) async throws {
        guard width > 0, height > 0 else {
            throw MediaToolError.failed(tool: "ffmpeg", message: "cannot scale \(source) to \(width)×\(height)")
        }
        // Lanczos keeps text on posters and logos sharp when shrinking several times over.
        try await render(
            input: ["-i", "file:" + source], filter: "scale=\(width):\(height):flags=lanczos",
            format: format, quality: quality, target: target, nothingWritten: "\(source) gave no image")
    }

    /// Writes one frame of `video`, taken `seconds` in, no wider than `maxWidth` and at its display
    /// aspect ratio (anamorphic DVDs come out 16:9, not 3:2).
    public func extractFrame(video: String, at seconds: Double, to target: String, maxWidth: Int, format: ImageFormat = .jpeg, quality: Int = 90) async throws {
        guard maxWidth > 0, seconds.isFinite else {
            throw MediaToolError.failed(tool: "ffmpeg", message: "cannot take a \(maxWidth)-pixel frame at \(seconds) s of \(video)")
        }
        // `-ss` before `-i` seeks the input by keyframes instead of decoding everything before it.
        let start = String(format: "%.3f", max(0, seconds))
        let filter = "scale=w='min(\(maxWidth),iw*sar)':h='max(1,round(ow/dar))':flags=lanczos,setsar=1"
        try await render(
            input: ["-ss", start, "-i", "file:" + video], filter: filter, format: format, quality: quality, target: target,
            nothingWritten: "\(video) has no video frame at \(start) s")
    }

    /// The format and pixel size of the image at `path`, or nil when it is not a readable JPEG, PNG or
    /// WebP. Reads the first 64 KiB, and up to 4 MiB when the size hides behind large metadata.
    public static func header(ofImageAt path: String) -> ImageHeader? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        var bytes: [UInt8] = []
        for limit in [64 << 10, 4 << 20] {
            guard let chunk = try? file.read(upToCount: limit - bytes.count), !chunk.isEmpty else { break }
            bytes += chunk
            if let header = ImageHeader.parse(bytes) { return header }
        }
        return nil
    }

    // MARK: - Running ffmpeg

    private func render(input: [String], filter: String, format: ImageFormat, quality: Int, target: String, nothingWritten: String) async throws {
        // The temporary file sits beside the target so that the rename stays on one filesystem; its
        // leading dot and `.tmp` let a cache sweep remove what a crash left behind.
        let folder = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let temporary = "\(folder)/.\(name).\(UUID().uuidString.prefix(8)).tmp"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw MediaToolError.failed(tool: "ffmpeg", message: "cannot create the folder \(folder): \(error.localizedDescription)")
        }

        // `-f image2 -update 1` writes one picture to exactly this name (no `%d` pattern expansion),
        // whatever its extension, which is why the encoder is chosen explicitly.
        let arguments = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + input
            + ["-map", "0:v:0", "-frames:v", "1", "-vf", filter] + Self.encoderArguments(format, quality: quality)
            + ["-f", "image2", "-update", "1", "file:" + temporary]
        let outcome = try await runBounded(arguments)
        guard outcome.succeeded else {
            throw MediaToolError.failed(tool: "ffmpeg", message: Self.firstLine(outcome.errors) ?? "it exited with an error")
        }
        // ffmpeg exits 0 without writing when `-ss` lies past the end of the video.
        let size = (try? FileManager.default.attributesOfItem(atPath: temporary)[.size] as? Int) ?? 0
        guard size > 0 else { throw MediaToolError.failed(tool: "ffmpeg", message: nothingWritten) }
        // rename(2) replaces the target in one step: readers see the old file or the new one.
        guard rename(temporary, target) == 0 else {
            throw MediaToolError.failed(tool: "ffmpeg", message: "cannot move the image to \(target): \(String(cString: strerror(errno)))")
        }
    }

    /// The encoder for `format`; `quality` follows libjpeg's 0…100 scale, as Jellyfin's does.
    static func encoderArguments(_ format: ImageFormat, quality: Int) -> [String] {
        let quality = min(max(quality, 0), 100)
        switch format {
        case .jpeg:
            // libjpeg scales its base tables by 5000/q % below 50 and by 200−2q % above; ffmpeg's
            // mjpeg `-q:v` n quantises about as coarsely as those tables at n × 16 % (read back from
            // the DQT segments it writes), and allows 2…31 without extra flags.
            let percent = quality < 50 ? 5000 / max(quality, 1) : 200 - 2 * quality
            let scale = min(max(Int((Double(percent) * 0.06).rounded()), 2), 31)
            // Full-range 4:2:0 is the JPEG every browser and TV decodes.
            return ["-c:v", "mjpeg", "-q:v", "\(scale)", "-pix_fmt", "yuvj420p"]
        case .png:
            return ["-c:v", "png"]
        case .webp:
            return ["-c:v", "libwebp", "-quality", "\(quality)"]
        }
    }

    /// Runs ffmpeg for at most `timeout`; the loser of the race is cancelled, which kills ffmpeg.
    private func runBounded(_ arguments: [String]) async throws -> FFmpegProcess.Outcome {
        let ffmpeg = ffmpeg, timeout = timeout
        typealias Outcome = Result<FFmpegProcess.Outcome, any Error>
        let outcome = await withTaskGroup(of: Outcome.self) { group -> Outcome in
            group.addTask {
                do { return .success(try await FFmpegProcess.run(ffmpeg, arguments: arguments)) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                // Woken by the caller's cancellation, not by the clock: that is not a timeout.
                if Task.isCancelled { return .failure(CancellationError()) }
                return .failure(MediaToolError.timedOut(tool: "ffmpeg", seconds: Int(timeout.components.seconds)))
            }
            let first = await group.next() ?? .failure(CancellationError())
            group.cancelAll()
            return first
        }
        switch outcome {
        case .success(let result): return result
        case .failure(let error as MediaToolError): throw error
        case .failure(let error as CancellationError): throw error
        case .failure(let error):
            if Task.isCancelled { throw CancellationError() }
            throw MediaToolError.failed(tool: "ffmpeg", message: "it could not be run (\(error))")
        }
    }

    private static func firstLine(_ text: String) -> String? {
        text.split(whereSeparator: \.isNewline).first.map { String($0.prefix(300)) }
    }
}
