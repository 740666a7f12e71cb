// `kinora torrent download`: one torrent, downloaded and verified, then optionally seeded. On a terminal
// it draws a progress line; otherwise it writes one `event key=value…` line per event, for scripts.
import ArgumentParser
import BitTorrentCore
import BitTorrentEngine
import Foundation
import UnixSignals

struct TorrentDownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download a torrent into a folder (or seed it from there when the data is present)."
    )

    @Argument(help: "A .torrent file or a magnet link.")
    var input: String

    @Option(name: .customLong("to"), help: "The folder to download into (data already there is checked, not fetched again).")
    var directory: String

    @Option(help: "Address to accept peers on.")
    var bind = "0.0.0.0"

    @Option(help: "Port to accept peers on (0: any free port).")
    var listen = 0

    @Option(name: .customLong("peer"), help: "A peer to dial, HOST:PORT (repeatable).")
    var peers: [String] = []

    @Option(name: .customLong("seed-ratio"), help: "After completing, seed until uploaded = RATIO × size.")
    var seedRatio: Double?

    @Option(name: .customLong("seed-time"), help: "After completing, seed for this many seconds.")
    var seedTime: Int?

    @Option(name: .customLong("download-limit"), help: "Download limit in KiB/s.")
    var downloadLimit: Int?

    @Option(name: .customLong("upload-limit"), help: "Upload limit in KiB/s.")
    var uploadLimit: Int?

    @Option(name: .customLong("resume-dir"), help: "Where resume data is kept (default: DIR/.kinora).")
    var resumeDirectory: String?

    @Flag(help: "Download pieces in order instead of rarest first.")
    var sequential = false

    @Flag(name: .customLong("dht"), help: "Find peers through the DHT (BEP 5) on the listen port's number over UDP; never for private torrents.")
    var dht = false

    @Option(name: .customLong("dht-bootstrap"), help: "A DHT node to join through, HOST:PORT (repeatable; implies --dht).")
    var dhtBootstrap: [String] = []

    @Option(help: "Peer encryption (MSE/PE): tolerated (dial plaintext, accept encrypted), preferred (dial encrypted), required (encrypted only).")
    var encryption = EncryptionPolicy.tolerated.rawValue

    func run() async throws {
        try await reportingFailures(download)
    }

    enum Outcome: Sendable {
        case finished
        case interrupted
        case failed(String)
    }

    private func download() async throws {
        let input = try TorrentInput(input)
        let peers = try peers.map { text throws(TorrentCommandFailure) -> PeerAddress in
            guard let address = PeerAddress(text) else { throw TorrentCommandFailure("--peer \(text) is not HOST:PORT") }
            return address
        }
        guard (0...65_535).contains(listen) else { throw TorrentCommandFailure("--listen must be a port from 0 to 65535") }
        if let seedRatio, !(seedRatio >= 0) { throw TorrentCommandFailure("--seed-ratio must be a number of 0 or more") }
        if let seedTime, seedTime < 0 { throw TorrentCommandFailure("--seed-time must be 0 seconds or more") }
        for (name, limit) in [("--download-limit", downloadLimit), ("--upload-limit", uploadLimit)] where (limit ?? 1) < 1 {
            throw TorrentCommandFailure("\(name) must be at least 1 KiB/s")
        }
        let bootstrapNodes = try dhtBootstrap.map { text throws(TorrentCommandFailure) -> PeerAddress in
            guard let address = PeerAddress(text) else { throw TorrentCommandFailure("--dht-bootstrap \(text) is not HOST:PORT") }
            return address
        }
        guard let encryptionPolicy = EncryptionPolicy(rawValue: encryption) else {
            throw TorrentCommandFailure("--encryption must be tolerated, preferred or required")
        }
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw TorrentCommandFailure("cannot create \(folder): \(error.localizedDescription)")
        }

        var configuration = TorrentEngine.Configuration(
            bindHost: bind,
            listenPort: listen,
            downloadLimit: downloadLimit.map { $0 * 1024 },
            uploadLimit: uploadLimit.map { $0 * 1024 }
        )
        configuration.encryption = encryptionPolicy
        if dht || !bootstrapNodes.isEmpty {
            // The node id and the nodes it knew are kept beside the resume data, for the next run.
            let stateFile = (resumeDirectory ?? folder + "/.kinora") + "/dht.json"
            configuration.dht = TorrentEngine.DHTSettings(bootstrapNodes: bootstrapNodes, stateStore: FileDHTStateStore(path: stateFile))
        }
        let engine = TorrentEngine(configuration: configuration)
        let port: Int
        do {
            port = try await engine.start()
        } catch {
            throw TorrentCommandFailure("cannot listen on \(bind):\(listen): \(error)")
        }
        let output = ProgressOutput()
        output.line("listening port=\(port)")
        let dhtStart = await engine.dhtStatus()
        if let dhtStart { output.line("dht port=\(dhtStart.port) nodes=\(dhtStart.nodes)") }
        if case .metainfo(let metainfo) = input { output.torrent(metainfo) }

        let (outcomes, finish) = AsyncStream<Outcome>.makeStream()
        let infoHash = input.source.infoHash
        let started = ContinuousClock.now
        let watcher = Task {
            var completed = false
            for await event in engine.events {
                switch event {
                case .listening:
                    break
                case .metadataReceived(_, let metainfo):
                    output.torrent(metainfo)
                case .checked(_, let trusted, let rechecked, let verified):
                    output.line("resume trusted=\(trusted) recheck=\(rechecked) verified=\(verified)")
                    if let status = await engine.status(infoHash), verified == status.pieceCount, !completed {
                        completed = true
                        await completion(engine: engine, infoHash: infoHash, started: started, output: output, finish: finish)
                    }
                case .peerBanned(_, let address, let reason):
                    output.line("banned peer=\(address) reason=\"\(reason)\"")
                case .downloadFinished:
                    guard !completed else { break }
                    completed = true
                    await completion(engine: engine, infoHash: infoHash, started: started, output: output, finish: finish)
                case .seedingLimitReached:
                    await seedingDone(engine: engine, infoHash: infoHash, output: output, finish: finish)
                case .failed(_, let message):
                    finish.yield(.failed(message))
                }
            }
        }
        let ticker = Task {
            var dhtNodes = dhtStart?.nodes
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                if let dht = await engine.dhtStatus(), dht.nodes != dhtNodes {
                    dhtNodes = dht.nodes
                    output.line("dht nodes=\(dht.nodes)")
                }
                if let status = await engine.status(infoHash) { output.progress(status) }
            }
        }
        let signals = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                finish.yield(.interrupted)
                return
            }
        }

        _ = try await engine.add(
            input.source,
            directory: folder,
            options: TorrentEngine.TorrentOptions(
                peers: peers,
                seedRatioLimit: seedRatio,
                sequential: sequential
            ),
            resumeStore: FileResumeStore(directory: resumeDirectory ?? folder + "/.kinora")
        )

        var outcome = Outcome.interrupted
        for await next in outcomes {
            outcome = next
            break
        }
        let complete = await engine.status(infoHash)?.isComplete ?? false
        ticker.cancel()
        signals.cancel()
        await engine.shutdown()
        watcher.cancel()
        output.endProgress()
        switch outcome {
        case .finished:
            return
        case .interrupted:
            if !complete { throw ExitCode.failure }
        case .failed(let message):
            throw TorrentCommandFailure(message)
        }
    }

    /// Download complete and verified: report, then stop or seed as asked.
    private func completion(
        engine: TorrentEngine,
        infoHash: InfoHash,
        started: ContinuousClock.Instant,
        output: ProgressOutput,
        finish: AsyncStream<Outcome>.Continuation
    ) async {
        guard let status = await engine.status(infoHash) else { return }
        let elapsed = started.duration(to: .now)
        let seconds = elapsed / .seconds(1)
        output.endProgress()
        output.line(
            "complete infohash=\(infoHash.hex) pieces=\(status.pieceCount) downloaded-pieces=\(status.piecesDownloaded) "
                + "bytes=\(status.downloadedBytes) seconds=\(String(format: "%.2f", seconds))"
        )
        if seedRatio == nil, seedTime == nil {
            finish.yield(.finished)
        } else if let seedTime {
            let limit = Duration.seconds(seedTime)
            Task {
                try? await Task.sleep(for: limit)
                await seedingDone(engine: engine, infoHash: infoHash, output: output, finish: finish)
            }
        }
    }

    private func seedingDone(engine: TorrentEngine, infoHash: InfoHash, output: ProgressOutput, finish: AsyncStream<Outcome>.Continuation) async {
        guard let status = await engine.status(infoHash) else { return }
        let ratio = status.totalSize == 0 ? 0 : Double(status.uploadedBytes) / Double(status.totalSize)
        output.endProgress()
        output.line("seeding-done uploaded=\(status.uploadedBytes) ratio=\(String(format: "%.3f", ratio))")
        finish.yield(.finished)
    }
}

/// Lines for scripts, or a redrawn progress line on a terminal.
final class ProgressOutput: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDOUT_FILENO) == 1
    private var progressShown = false

    func line(_ text: String) {
        lock.withLock {
            if progressShown { write("\r\u{1B}[2K") }
            progressShown = false
            write(text + "\n")
        }
    }

    func torrent(_ metainfo: TorrentMetainfo) {
        line("torrent name=\"\(metainfo.name)\" infohash=\(metainfo.infoHash.hex) size=\(metainfo.totalLength) pieces=\(metainfo.pieceCount)")
    }

    func progress(_ status: TorrentEngine.TorrentStatus) {
        let percent = String(format: "%.1f", status.fractionDone * 100)
        let down = String(format: "%.1f", Double(status.downloadRate) / 1_048_576)
        let up = String(format: "%.1f", Double(status.uploadRate) / 1_048_576)
        if isTerminal {
            let width = 30
            let filled = Int(status.fractionDone * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            lock.withLock {
                write("\r\u{1B}[2K[\(bar)] \(percent)%  ↓ \(down) MiB/s  ↑ \(up) MiB/s  \(status.connectedPeers) peers  \(status.activity.rawValue)")
                progressShown = true
            }
        } else {
            line("progress percent=\(percent) down=\(down)MiB/s up=\(up)MiB/s peers=\(status.connectedPeers) state=\(status.activity.rawValue)")
        }
    }

    func endProgress() {
        lock.withLock {
            if progressShown { write("\n") }
            progressShown = false
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
