import Foundation

/// A file's path relative to its library root, split into components.
/// Hostile input is bounded here once, so every parser downstream can index freely.
public struct RelativeMediaPath: Sendable, Hashable {
    /// Longest component we keep (Linux NAME_MAX is 255 bytes; leave room for odd encodings).
    public static let maxComponentBytes = 1024
    /// Deeper trees than this are not real libraries; the tail (the file) is what matters.
    public static let maxComponents = 64

    /// Non-empty components, root first, file last.
    public let components: [String]

    public init(components raw: [String]) {
        var kept = raw.filter { !$0.isEmpty && $0 != "." }.map(Self.bounded)
        if kept.count > Self.maxComponents {
            kept = Array(kept.suffix(Self.maxComponents))
        }
        components = kept
    }

    /// Splits on "/" only: a backslash is a legal file-name character on Linux.
    public init(_ path: String) {
        self.init(components: path.split(separator: "/", omittingEmptySubsequences: true).map(String.init))
    }

    /// The file name (last component), empty for an empty path.
    public var fileName: String { components.last ?? "" }

    /// Folders between the library root and the file.
    public var folders: [String] { Array(components.dropLast()) }

    /// Lowercased extension without the dot; empty when there is none or the name is all extension.
    public var fileExtension: String { Self.splitExtension(fileName).ext }

    /// The file name without its extension.
    public var fileStem: String { Self.splitExtension(fileName).stem }

    static func bounded(_ component: String) -> String {
        guard component.utf8.count > maxComponentBytes else { return component }
        var result = ""
        var bytes = 0
        for character in component {
            bytes += character.utf8.count
            if bytes > maxComponentBytes { break }
            result.append(character)
        }
        return result
    }

    /// `a.b.mkv` → (`a.b`, `mkv`). A leading dot alone (`.hidden`) is not an extension.
    static func splitExtension(_ name: String) -> (stem: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let ext = name[name.index(after: dot)...]
        guard !ext.isEmpty, ext.utf8.count <= 10, !ext.contains(" ") else { return (name, "") }
        return (String(name[..<dot]), ext.lowercased())
    }
}
