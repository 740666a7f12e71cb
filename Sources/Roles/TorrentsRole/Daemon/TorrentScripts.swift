import Foundation
import Logging

/// Transmission's user scripts (`script-torrent-added`, `-done`, `-done-seeding`): the file is run with
/// the torrent described in `TR_*` variables, without a shell, and not waited for beyond a log line.
enum TorrentScripts {
    static func run(_ path: String, for record: TorrentRecord, trackers: [String], bytesDownloaded: Int, logger: Logger) {
        guard !path.isEmpty else { return }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            logger.warning("script is not an executable file; make it executable or change the setting", metadata: ["script": "\(path)"])
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(variables(for: record, trackers: trackers, bytesDownloaded: bytesDownloaded)) { _, new in new }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { finished in
            if finished.terminationStatus != 0 {
                logger.warning("script failed", metadata: ["script": "\(path)", "status": "\(finished.terminationStatus)"])
            }
        }
        do { try process.run() } catch {
            logger.error("could not start script", metadata: ["script": "\(path)", "error": "\(error)"])
        }
    }

    static func variables(for record: TorrentRecord, trackers: [String], bytesDownloaded: Int) -> [String: String] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE MMM d HH:mm:ss yyyy"
        return [
            "TR_APP_VERSION": "4.0.6",
            "TR_TIME_LOCALTIME": formatter.string(from: Date()),
            "TR_TORRENT_BYTES_DOWNLOADED": String(bytesDownloaded),
            "TR_TORRENT_DIR": record.currentDirectory,
            "TR_TORRENT_HASH": record.infoHash,
            "TR_TORRENT_ID": String(record.id),
            "TR_TORRENT_LABELS": record.labels.joined(separator: ","),
            "TR_TORRENT_NAME": record.name,
            "TR_TORRENT_PRIORITY": String(record.bandwidthPriority),
            "TR_TORRENT_TRACKERS": trackers.joined(separator: ","),
        ]
    }
}
