import Foundation
import Logging
import MediaCore
import MediaTools

/// The HLS transcodes in progress: one ffmpeg per play session, started when a segment is first asked
/// for, restarted at the asked segment after a seek out of its reach, and killed when playback stops,
/// the session goes quiet, or the limit of concurrent transcodes needs its slot.
actor TranscodeManager {
    struct Request: Sendable {
        var playSession: String
        var itemId: String
        /// The ffmpeg arguments for a run that starts at a segment, writing `<n>.<ext>` into a folder.
        var arguments: @Sendable (_ startSegment: Int, _ folder: String) -> [String]
        var segmentExtension: String
        var segmentCount: Int
    }

    final class Job {
        let playSession: String
        let itemId: String
        let folder: String
        let startSegment: Int
        let generation: Int
        var task: Task<Void, Never>?
        var finished = false
        var failure: String?
        var lastAccess: ContinuousClock.Instant

        init(playSession: String, itemId: String, folder: String, startSegment: Int, generation: Int, now: ContinuousClock.Instant) {
            self.playSession = playSession
            self.generation = generation
            self.itemId = itemId
            self.folder = folder
            self.startSegment = startSegment
            self.lastAccess = now
        }
    }

    let ffmpeg: String?
    let root: String
    /// At most this many ffmpeg run at once; the administrator sets it under Transcoding.
    private(set) var maximumJobs: Int
    /// What this ffmpeg can encode with (`ffmpeg -encoders`), once asked; nil until then.
    private(set) var encoders: Set<String>?
    let idleTimeout: Duration
    let logger: Logger
    private var jobs: [String: Job] = [:]
    /// Plans PlaybackInfo chose, by play session, so the playlists and segments follow them.
    private var plans: [String: (plan: TranscodePlan, at: ContinuousClock.Instant)] = [:]
    /// ffmpeg names segments `<prefix><n>.ts` and writes its own playlist `<prefix>.m3u8`.
    static let segmentPrefix = "s"
    private var generation = 0

    init(ffmpeg: String?, root: String, maximumJobs: Int, idleTimeout: Duration = .seconds(60), logger: Logger) {
        self.ffmpeg = ffmpeg
        self.root = root
        self.maximumJobs = maximumJobs
        self.idleTimeout = idleTimeout
        self.logger = logger
        // Leftovers of an earlier run are never served: their ffmpeg is gone.
        try? FileManager.default.removeItem(atPath: root)
    }

    func setMaximumJobs(_ count: Int) { maximumJobs = max(1, count) }

    func learnEncoders() async {
        guard encoders == nil, let ffmpeg else { return }
        encoders = await FFmpegProcess.capabilities(ffmpeg)?.encoders
    }

    var runningCount: Int { jobs.values.filter { !$0.finished }.count }

    /// The path of a finished segment, transcoding (or re-transcoding from there after a seek) as needed.
    func segment(_ index: Int, for request: Request) async throws -> String {
        guard let ffmpeg else { throw TranscodeError.noFFmpeg }
        guard (0..<request.segmentCount).contains(index) else { throw TranscodeError.noSuchSegment }
        let now = ContinuousClock.now
        var job = jobs[request.playSession]
        // How far ahead of the produced segments a request may be before a new run from there is quicker.
        let reach = 8
        if let current = job, current.itemId == request.itemId {
            let produced = Self.producedCount(current.folder, from: current.startSegment, extension: request.segmentExtension)
            if index < current.startSegment || index > current.startSegment + produced + reach { job = nil }
        } else {
            job = nil
        }
        if job == nil {
            stop(playSession: request.playSession)
            job = try start(ffmpeg: ffmpeg, at: index, for: request, now: now)
        }
        guard let job else { throw TranscodeError.noSuchSegment }
        job.lastAccess = now
        let path = job.folder + "/\(Self.segmentPrefix)\(index).\(request.segmentExtension)"
        // A segment is complete once ffmpeg started the next one (with a VOD playlist type it writes its own
        // playlist only at the end), listed it, or finished.
        let deadline = now + .seconds(60)
        // A remuxed segment is ready within tens of milliseconds: look often at first, then every 50 ms.
        var pause = Duration.milliseconds(10)
        while ContinuousClock.now < deadline {
            guard jobs[request.playSession] === job else { throw TranscodeError.failed("playback stopped") }
            if FileManager.default.fileExists(atPath: job.folder + "/\(Self.segmentPrefix)\(index + 1).\(request.segmentExtension)")
                || Self.isListed(index, in: job.folder, extension: request.segmentExtension) {
                return path
            }
            if job.finished {
                if FileManager.default.fileExists(atPath: path) { return path }
                throw TranscodeError.failed(job.failure ?? "ffmpeg stopped before segment \(index)")
            }
            try await Task.sleep(for: pause)
            job.lastAccess = ContinuousClock.now
            if job.lastAccess - now > .milliseconds(500) { pause = .milliseconds(50) }
        }
        throw TranscodeError.failed("segment \(index) took longer than a minute")
    }

    private func start(ffmpeg: String, at index: Int, for request: Request, now: ContinuousClock.Instant) throws -> Job {
        while runningCount >= maximumJobs, let oldest = jobs.values.filter({ !$0.finished }).min(by: { $0.lastAccess < $1.lastAccess }) {
            logger.info("transcode limit reached: stopping the least recently used", metadata: ["session": "\(oldest.playSession)"])
            stop(playSession: oldest.playSession)
        }
        generation += 1
        let folder = root + "/\(Self.safeName(request.playSession))-\(generation)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let job = Job(playSession: request.playSession, itemId: request.itemId, folder: folder, startSegment: index, generation: generation, now: now)
        let arguments = request.arguments(index, folder)
        let logger = self.logger
        let session = request.playSession
        let generation = self.generation
        job.task = Task { [weak self] in
            let outcome: String?
            do {
                let result = try await FFmpegProcess.run(ffmpeg, arguments: arguments)
                outcome = result.succeeded ? nil : (result.errors.isEmpty ? "ffmpeg failed" : result.errors)
            } catch {
                outcome = Task.isCancelled ? nil : "\(error)"
            }
            if let outcome { logger.warning("transcode failed", metadata: ["error": "\(outcome)"]) }
            await self?.finished(session: session, generation: generation, failure: outcome)
        }
        jobs[request.playSession] = job
        logger.info("transcode started", metadata: ["item": "\(request.itemId)", "segment": "\(index)"])
        return job
    }

    private func finished(session: String, generation: Int, failure: String?) {
        guard let job = jobs[session], job.generation == generation else { return }
        job.finished = true
        job.failure = failure
    }

    /// Kills the session's ffmpeg (if any) and deletes its segments.
    func stop(playSession: String) {
        guard let job = jobs.removeValue(forKey: playSession) else { return }
        job.task?.cancel()
        let folder = job.folder
        let task = job.task
        Task.detached {
            await task?.value  // ffmpeg is gone before its files are
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    func remember(_ plan: TranscodePlan, playSession: String) {
        let now = ContinuousClock.now
        plans = plans.filter { now - $0.value.at < .seconds(24 * 3600) }
        plans[playSession] = (plan, now)
    }

    func plan(playSession: String) -> TranscodePlan? { plans[playSession]?.plan }

    func keepAlive(playSession: String) {
        jobs[playSession]?.lastAccess = .now
    }

    /// Stops sessions nobody asked anything of for `idleTimeout` (a closed tab sends no stop).
    func reapIdle() {
        let now = ContinuousClock.now
        for job in jobs.values where now - job.lastAccess > idleTimeout {
            logger.info("transcode idle: stopped", metadata: ["session": "\(job.playSession)"])
            stop(playSession: job.playSession)
        }
    }

    func stopAll() async {
        let tasks = jobs.values.compactMap(\.task)
        for session in Array(jobs.keys) { stop(playSession: session) }
        for task in tasks { await task.value }
    }

    static func producedCount(_ folder: String, from start: Int, extension ext: String) -> Int {
        var count = 0
        while FileManager.default.fileExists(atPath: folder + "/\(segmentPrefix)\(start + count).\(ext)") { count += 1 }
        return count
    }

    static func isListed(_ index: Int, in folder: String, extension ext: String) -> Bool {
        guard let playlist = try? String(contentsOfFile: folder + "/\(segmentPrefix).m3u8", encoding: .utf8) else { return false }
        let name = "\(segmentPrefix)\(index).\(ext)"
        return playlist.split(whereSeparator: \.isNewline).contains { $0 == name || $0.hasSuffix("/" + name) }
    }

    static func safeName(_ text: String) -> String {
        String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.prefix(64).map(Character.init))
    }
}

enum TranscodeError: Error, CustomStringConvertible {
    case noFFmpeg
    case noSuchSegment
    case failed(String)

    var description: String {
        switch self {
        case .noFFmpeg: "this file needs transcoding and ffmpeg is not installed (apt install ffmpeg)"
        case .noSuchSegment: "no such segment"
        case .failed(let reason): "transcoding failed: \(reason)"
        }
    }
}
