import BitTorrentCore
import Foundation

/// Deleting a torrent's data: only the files the metainfo names (already sanitised, so inside `directory`),
/// then the folders they leave empty, up to the torrent's own folder.
enum TorrentFiles {
    static func delete(_ metainfo: TorrentMetainfo, in directory: String) throws {
        let manager = FileManager.default
        var folders = Set<String>()
        for file in metainfo.userFiles {
            let path = file.path.path(under: directory)
            if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
            var folder = (path as NSString).deletingLastPathComponent
            while folder.count > directory.count, folder.hasPrefix(directory + "/") {
                folders.insert(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        // Deepest first; a folder the user put other files into stays.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            if let contents = try? manager.contentsOfDirectory(atPath: folder), contents.isEmpty {
                try? manager.removeItem(atPath: folder)
            }
        }
    }
}
