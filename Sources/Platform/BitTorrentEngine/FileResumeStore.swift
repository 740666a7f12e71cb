import BitTorrentCore
import BitTorrentStorage
import Foundation

/// Resume data as one JSON file per torrent (`<infohash>.resume`) in a folder: for `kinora torrent
/// download`. Written to a temporary file, synced, then renamed over the old one, so a crash leaves
/// either the old state or the new one, never half of one.
public struct FileResumeStore: ResumeStore {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    func path(for infoHash: InfoHash) -> String { "\(directory)/\(infoHash.hex).resume" }

    public func load(_ infoHash: InfoHash) async throws -> ResumeState? {
        guard let data = FileManager.default.contents(atPath: path(for: infoHash)) else { return nil }
        // A damaged file is not trusted: the start then rechecks everything, which is always safe.
        return try? JSONDecoder().decode(ResumeState.self, from: data)
    }

    public func save(_ state: ResumeState, for infoHash: InfoHash) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try AtomicFile.write(try JSONEncoder().encode(state), to: path(for: infoHash))
    }

    public func remove(_ infoHash: InfoHash) async throws {
        let file = path(for: infoHash)
        if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
    }
}

/// Writes a small file so that a crash leaves the old content or the new one: a synced temporary file,
/// renamed over the target.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
