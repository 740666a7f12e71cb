/// Renaming a file or folder of a torrent, as Transmission's `torrent-rename-path` does: only the last
/// component of `path` changes. The info dictionary (and so the info hash and what peers are served)
/// stays as published; only where the data lives on disk follows the new name.
extension TorrentMetainfo {
    /// The metainfo with `path` (components from the torrent's top: `Name/Season 1/e01.mkv`, or the
    /// single file's name) renamed to `newName`. Renaming the top changes `name` as well.
    public func renaming(_ path: [String], to newName: String) throws(TorrentRenameError) -> TorrentMetainfo {
        guard !path.isEmpty, files.contains(where: { $0.path.components.starts(with: path) }) else {
            throw .noSuchPath(path.joined(separator: "/"))
        }
        do { try TorrentPath.validate(component: newName) } catch { throw .invalidName(newName, error) }
        var renamedPath = path
        renamedPath[renamedPath.count - 1] = newName
        if renamedPath == path { return self }
        // The new name must not land on another file or folder of the torrent.
        if files.contains(where: { $0.path.components.starts(with: renamedPath) }) {
            throw .alreadyExists(renamedPath.joined(separator: "/"))
        }
        var renamed = self
        for (index, file) in files.enumerated() where file.path.components.starts(with: path) {
            let components = renamedPath + file.path.components.dropFirst(path.count)
            do { renamed.files[index].path = try TorrentPath(components: components) } catch {
                throw .invalidName(newName, error)
            }
        }
        if path.count == 1 { renamed.name = newName }
        return renamed
    }
}

/// Why a rename inside a torrent is refused.
public enum TorrentRenameError: Error, Sendable, Hashable, CustomStringConvertible {
    case noSuchPath(String)
    case invalidName(String, TorrentPathError)
    case alreadyExists(String)

    public var description: String {
        switch self {
        case .noSuchPath(let path): "the torrent has no file or folder \"\(path)\""
        case .invalidName(let name, let reason): "\"\(name)\" is not a usable file name: \(reason)"
        case .alreadyExists(let path): "the torrent already has a file or folder \"\(path)\""
        }
    }
}
