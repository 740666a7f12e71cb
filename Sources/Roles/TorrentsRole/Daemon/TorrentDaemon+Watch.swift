import BitTorrentCore
import BitTorrentEngine
import Foundation
import Logging

extension TorrentDaemon {
    /// Adds every `.torrent` dropped into the watch folder, then renames it `.added` (or deletes it when
    /// `trash-original-torrent-files` is on); an unreadable one is renamed `.invalid` so it is not retried.
    /// Polled, never inotify: the folder may be on NFS. A file still being written (changed in the last
    /// two seconds) waits for the next scan.
    func scanWatchDirectory() async {
        guard settings.bool("watch-dir-enabled") else { return }
        let directory = settings.string("watch-dir")
        let manager = FileManager.default
        try? manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return }
        let now = Date()
        for name in names.sorted() where name.lowercased().hasSuffix(".torrent") {
            let path = directory + "/" + name
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                  (attributes[.type] as? FileAttributeType) == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, now.timeIntervalSince(modified) >= 2
            else { continue }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            guard size <= 10 << 20, let data = manager.contents(atPath: path), let metainfo = try? TorrentMetainfo(bytes: Array(data)) else {
                logger.warning("watch folder: not a valid .torrent, renamed .invalid", metadata: ["file": "\(path)"])
                try? manager.moveItem(atPath: path, toPath: path + ".invalid")
                continue
            }
            do {
                _ = try await add(AddRequest(source: .metainfo(metainfo), metainfoBytes: Array(data)))
                if settings.bool("trash-original-torrent-files") {
                    try manager.removeItem(atPath: path)
                } else {
                    try manager.moveItem(atPath: path, toPath: path + ".added")
                }
                logger.info("watch folder: added", metadata: ["torrent": "\(metainfo.name)"])
            } catch {
                logger.error("watch folder: could not add", metadata: ["file": "\(path)", "error": "\(error)"])
            }
        }
    }
}
