import BitTorrentCore
import Foundation

/// Folders the RPC may download into or move data to: the data root by default. A path is made absolute
/// and normalised (`..` resolved, symlinks of existing parents followed) before it is compared.
struct AllowedRoots: Sendable {
    let roots: [String]

    init(_ roots: [String]) {
        self.roots = roots.map { Self.normalise($0) }
    }

    enum Refusal: Error, Equatable, CustomStringConvertible {
        case outside(path: String, roots: [String])
        case notAbsolute(String)

        var description: String {
            switch self {
            case .outside(let path, let roots):
                "\(path) is outside the folders this server may write to (\(roots.joined(separator: ", "))); choose a folder inside them"
            case .notAbsolute(let path): "\(path) is not an absolute path; give the full path of the folder"
            }
        }
    }

    /// The normalised path when it lies inside a root.
    func check(_ path: String) throws(Refusal) -> String {
        guard path.hasPrefix("/") else { throw .notAbsolute(path) }
        let normalised = Self.normalise(path)
        guard roots.contains(where: { normalised == $0 || normalised.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw .outside(path: path, roots: roots)
        }
        return normalised
    }

    /// Absolute, `.` and `..` resolved, and the longest existing prefix with its symlinks resolved, so a
    /// link inside the root that points elsewhere does not let a path out.
    static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components: [String] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(component))
            }
        }
        // Resolve symlinks of the part that exists; keep the rest as written.
        var existing = components.count
        while existing > 0, !FileManager.default.fileExists(atPath: "/" + components[0..<existing].joined(separator: "/")) { existing -= 1 }
        let head = "/" + components[0..<existing].joined(separator: "/")
        let resolved = existing > 0 ? URL(fileURLWithPath: head).resolvingSymlinksInPath().path : "/"
        let tail = components[existing...].joined(separator: "/")
        if tail.isEmpty { return resolved }
        return resolved.hasSuffix("/") ? resolved + tail : resolved + "/" + tail
    }
}

/// Whether a torrent's data already sits in a folder (then it is checked and seeded from there).
enum TorrentFilesProbe {
    static func anyFileExists(_ metainfo: TorrentMetainfo, in directory: String) -> Bool {
        metainfo.userFiles.contains { FileManager.default.fileExists(atPath: $0.path.path(under: directory)) }
    }
}
