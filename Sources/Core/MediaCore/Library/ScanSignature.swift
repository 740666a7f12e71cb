import Foundation

/// What the scanner remembers about a file to skip it next time when nothing changed.
/// Equality on all fields: a rename, resize or touch means "look again".
public struct ScanSignature: Sendable, Hashable, Codable {
    /// Path relative to the library root, "/"-joined.
    public var path: String
    public var size: Int64
    public var modificationSeconds: Int64
    /// Kept separately so filesystems with sub-second mtimes detect quick rewrites.
    public var modificationNanoseconds: Int32

    public init(path: String, size: Int64, modificationSeconds: Int64, modificationNanoseconds: Int32 = 0) {
        self.path = path
        self.size = size
        self.modificationSeconds = modificationSeconds
        self.modificationNanoseconds = modificationNanoseconds
    }
}
