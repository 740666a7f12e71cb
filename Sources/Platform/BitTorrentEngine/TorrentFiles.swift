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

    /// Moves the torrent's files from one download directory to another, keeping their relative paths:
    /// a rename when both are on one filesystem, else a copy then a delete. A file already at the
    /// destination is kept (the user may have moved it by hand); a file missing at the source is skipped.
    static func move(_ metainfo: TorrentMetainfo, from source: String, to destination: String) throws {
        let manager = FileManager.default
        for file in metainfo.userFiles {
            let from = file.path.path(under: source)
            let to = file.path.path(under: destination)
            guard manager.fileExists(atPath: from), !manager.fileExists(atPath: to) else { continue }
            try manager.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if rename(from, to) != 0 {
                guard errno == EXDEV else { throw TorrentFilesError.cannotMove(from: from, to: to, reason: String(cString: strerror(errno))) }
                try manager.copyItem(atPath: from, toPath: to)
                try manager.removeItem(atPath: from)
            }
        }
        try delete(metainfo, in: source)  // the folders the move left empty
    }
}

extension TorrentFiles {
    /// Renames the last component of `path` (below `directory`) on disk when it is there; a path not
    /// yet written is left alone (the new name is used from now on). The folders on the way must be
    /// real folders: a symlink planted inside the download directory is never followed.
    static func renameEntry(_ path: [String], to newName: String, in directory: String) throws {
        var folder = directory
        var info = stat()
        for component in path.dropLast() {
            folder += "/" + component
            guard lstat(folder, &info) == 0 else { return }  // nothing written yet
            guard info.st_mode & S_IFMT == S_IFDIR else { throw TorrentFilesError.notAFolder(folder) }
        }
        let from = folder + "/" + (path.last ?? "")
        let to = folder + "/" + newName
        guard lstat(from, &info) == 0 else { return }
        guard lstat(to, &info) != 0 else { throw TorrentFilesError.cannotMove(from: from, to: to, reason: String(cString: strerror(EEXIST))) }
        guard rename(from, to) == 0 else {
            throw TorrentFilesError.cannotMove(from: from, to: to, reason: String(cString: strerror(errno)))
        }
    }
}

enum TorrentFilesError: Error, CustomStringConvertible {
    case cannotMove(from: String, to: String, reason: String)
    case notAFolder(String)
    var description: String {
        switch self {
        case .cannotMove(let from, let to, let reason): "could not move \(from) to \(to): \(reason)"
        case .notAFolder(let path): "\(path) is not a folder (a symlink or a file is in the way)"
        }
    }
}
