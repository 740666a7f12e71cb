import Foundation
import Logging
import MediaCore
import MediaTools

/// Rendered artwork on disk (`<config>/media-images`): resized posters and backdrops, and poster
/// frames of videos that have no image. Equal requests in flight share one ffmpeg run, and at most
/// `maximumRenders` run at once so a grid of a hundred posters cannot starve the transcoder.
actor ImageCache {
    let root: String
    let resizer: ImageResizer?
    let maximumRenders: Int
    let logger: Logger
    private var inFlight: [String: Task<String, any Error>] = [:]
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(root: String, ffmpeg: String?, maximumRenders: Int = 2, logger: Logger) {
        self.root = root
        self.resizer = ffmpeg.map { ImageResizer(ffmpeg: $0) }
        self.maximumRenders = maximumRenders
        self.logger = logger
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// The file that answers `request` for the image at `source`: the source itself when it already
    /// fits (or cannot be read as JPEG/PNG/WebP, or there is no ffmpeg), else a cached rendering.
    func image(source: String, sourceKey: String, request: ImageRequest) async throws -> (path: String, format: ImageFormat?) {
        guard let header = ImageResizer.header(ofImageAt: source) else { return (source, nil) }
        guard let resizer, let output = request.output(for: header) else { return (source, header.format) }
        let target = "\(root)/\(sourceKey)-\(request.cacheKey).\(output.format.fileExtension)"
        let path = try await rendered(target) {
            try await resizer.resize(source: source, to: target, width: output.width, height: output.height,
                                     format: output.format, quality: request.quality)
        }
        return (path, output.format)
    }

    /// A frame `seconds` into `video`, 1280 pixels wide at most, cached under `key`; nil without ffmpeg.
    func frame(of video: String, at seconds: Double, key: String) async throws -> String? {
        guard let resizer else { return nil }
        let target = "\(root)/\(key)-frame.jpg"
        return try await rendered(target) {
            try await resizer.extractFrame(video: video, at: seconds, to: target, maxWidth: 1280)
        }
    }

    private func rendered(_ target: String, render: @escaping @Sendable () async throws -> Void) async throws -> String {
        if FileManager.default.fileExists(atPath: target) { return target }
        if let task = inFlight[target] { return try await task.value }
        let task = Task {
            await self.acquire()
            do {
                try await render()
                await self.release()
            } catch {
                await self.release()
                throw error
            }
            return target
        }
        inFlight[target] = task
        defer { inFlight[target] = nil }
        return try await task.value
    }

    private func acquire() async {
        if running < maximumRenders {
            running += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the slot to the next waiter, or frees it.
    private func release() {
        if waiters.isEmpty { running -= 1 } else { waiters.removeFirst().resume() }
    }
}
