import BitTorrentCore
import Foundation
import NIOCore

/// Makes a v1 .torrent from a file or a folder on disk: files in a stable order (by path, byte-wise),
/// symlinks and special files refused rather than followed, hashed in one sequential pass.
public enum TorrentCreator {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func create(
        from path: String,
        trackers: [[String]],
        pieceLength: Int? = nil,
        isPrivate: Bool = false,
        comment: String? = nil
    ) throws -> (bytes: [UInt8], metainfo: TorrentMetainfo) {
        let manager = FileManager.default
        let root = URL(fileURLWithPath: path).standardizedFileURL
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: root.path, isDirectory: &isFolder) else {
            throw Failure(description: "\(path) does not exist")
        }
        let name = root.lastPathComponent
        var entries: [(components: [String], url: URL, length: Int)] = []
        if isFolder.boolValue {
            try collect(folder: root, components: [], into: &entries)
            guard !entries.isEmpty else { throw Failure(description: "\(path) holds no files to share") }
            entries.sort { $0.components.lexicographicallyPrecedes($1.components) { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }
        } else {
            entries = [([], root, try length(of: root))]
        }
        let total = entries.reduce(0) { $0 + $1.length }
        guard total > 0 else { throw Failure(description: "\(path) is empty: a torrent needs at least one byte") }
        let pieceLength = pieceLength ?? TorrentBuilder.recommendedPieceLength(totalLength: total)
        guard pieceLength >= 16 << 10, pieceLength & (pieceLength - 1) == 0 else {
            throw Failure(description: "the piece length must be a power of two of at least 16384 bytes, not \(pieceLength)")
        }
        var hasher = PieceHasher(pieceLength: pieceLength)
        for entry in entries {
            let handle = try FileHandle(forReadingFrom: entry.url)
            defer { try? handle.close() }
            var read = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                read += chunk.count
                hasher.update(chunk)
            }
            guard read == entry.length else { throw Failure(description: "\(entry.url.path) changed while it was being hashed") }
        }
        var builder = TorrentBuilder(
            name: name,
            pieceLength: pieceLength,
            files: entries.map { TorrentBuilder.File(path: $0.components, length: $0.length) }
        )
        builder.announceTiers = trackers.filter { !$0.isEmpty }
        builder.isPrivate = isPrivate
        builder.comment = comment
        builder.createdBy = "Kinora"
        builder.creationDate = Int64(Date().timeIntervalSince1970)
        do {
            return try builder.build(pieceHashes: hasher.finalize())
        } catch {
            throw Failure(description: "could not build the torrent: \(error)")
        }
    }

    private static func collect(folder: URL, components: [String], into entries: inout [(components: [String], url: URL, length: Int)]) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in names {
            let url = folder.appendingPathComponent(name)
            let values = try url.resourceValues(forKeys: [.isSymbolicLinkKey, .isDirectoryKey, .isRegularFileKey])
            if values.isSymbolicLink == true {
                throw Failure(description: "\(url.path) is a symbolic link; copy or remove it before creating the torrent")
            }
            if values.isDirectory == true {
                try collect(folder: url, components: components + [name], into: &entries)
            } else if values.isRegularFile == true {
                entries.append((components + [name], url, try length(of: url)))
            }
        }
    }

    private static func length(of url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}
