/// A relative file path from a torrent, checked so that joining it under a download directory can only
/// name something inside that directory.
public struct TorrentPath: Sendable, Hashable, CustomStringConvertible {
    /// Longest component, in UTF-8 bytes (NAME_MAX on Linux and most filesystems).
    public static let maxComponentBytes = 255
    /// Longest whole relative path, in UTF-8 bytes, leaving room under PATH_MAX for the download directory.
    public static let maxPathBytes = 3_072
    /// Names Windows and SMB shares treat as devices, with or without an extension.
    static let reservedNames: Set<String> = [
        "con", "prn", "aux", "nul",
        "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]

    public let components: [String]

    /// Checks every component; throws the first problem found.
    public init(components: [String]) throws(TorrentPathError) {
        guard !components.isEmpty else { throw .empty }
        var total = 0
        for component in components {
            try Self.validate(component: component)
            total += component.utf8.count + 1
        }
        guard total - 1 <= Self.maxPathBytes else { throw .pathTooLong(bytes: total - 1, limit: Self.maxPathBytes) }
        self.components = components
    }

    /// Components joined by "/", relative to the download directory.
    public var description: String { components.joined(separator: "/") }

    /// The path under a download directory. Safe by construction: no component can climb out.
    public func path(under directory: String) -> String {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return base + "/" + description
    }

    public func appending(_ other: TorrentPath) throws(TorrentPathError) -> TorrentPath {
        try TorrentPath(components: components + other.components)
    }

    static func validate(component: String) throws(TorrentPathError) {
        if component.isEmpty { throw .emptyComponent }
        if component == "." || component == ".." { throw .dotComponent(component) }
        if component.utf8.contains(0) { throw .nulCharacter }
        if component.utf8.contains(UInt8(ascii: "/")) || component.utf8.contains(UInt8(ascii: "\\")) {
            throw .separatorInComponent(component)
        }
        let bytes = component.utf8.count
        if bytes > maxComponentBytes { throw .componentTooLong(bytes: bytes, limit: maxComponentBytes) }
        let stem = component.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if reservedNames.contains(stem.lowercased().trimmingTrailingSpaces()) { throw .reservedName(component) }
    }
}

extension StringProtocol {
    fileprivate func trimmingTrailingSpaces() -> String {
        var result = String(self)
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}

/// Why a torrent's file path is refused.
public enum TorrentPathError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case emptyComponent
    case dotComponent(String)
    case nulCharacter
    case separatorInComponent(String)
    case reservedName(String)
    case componentTooLong(bytes: Int, limit: Int)
    case pathTooLong(bytes: Int, limit: Int)
    case invalidUTF8

    public var description: String {
        switch self {
        case .empty: "the path has no components"
        case .emptyComponent: "the path has an empty component"
        case .dotComponent(let component): "the path has a '\(component)' component, which could leave the download directory"
        case .nulCharacter: "the path contains a NUL character"
        case .separatorInComponent(let component): "the path component '\(component)' contains a path separator"
        case .reservedName(let component): "the path component '\(component)' is a reserved device name"
        case .componentTooLong(let bytes, let limit): "a path component is \(bytes) bytes long, over the limit of \(limit)"
        case .pathTooLong(let bytes, let limit): "the path is \(bytes) bytes long, over the limit of \(limit)"
        case .invalidUTF8: "the path is not valid UTF-8"
        }
    }
}
