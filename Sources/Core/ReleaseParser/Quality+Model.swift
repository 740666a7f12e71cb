// Quality is described the way Radarr models it (source × resolution × modifier) because
// that carries the most information; Sonarr's coarser names are derived from it.

/// Where the video came from (Radarr's source names).
public enum QualitySource: String, Sendable, CaseIterable {
    case unknown, cam, telesync, telecine, workprint, dvd, tv, webdl, webrip, bluray
}

/// Extra qualifier on top of the source.
public enum QualityModifier: String, Sendable, CaseIterable {
    case regional, screener, rawhd, brdisk, remux
}

/// How a quality attribute was learnt.
public enum QualityDetectionSource: String, Sendable {
    case name = "Name", `extension` = "Extension", unknown = "Unknown"
}

/// Proper/repack/version information of a release.
public struct Revision: Sendable, Equatable {
    public var version: Int = 1
    /// Number of upper-case `REAL` markers (scene convention for "the real proper").
    public var real: Int = 0
    public var isRepack: Bool = false
    public init(version: Int = 1, real: Int = 0, isRepack: Bool = false) {
        self.version = version; self.real = real; self.isRepack = isRepack
    }
}

/// Which application's naming and heuristics to follow; they differ in a few places.
public enum QualityFlavor: Sendable { case series, movie }

/// The result of quality parsing.
public struct ParsedQuality: Sendable, Equatable {
    public var source: QualitySource = .unknown
    /// Vertical resolution in lines, or nil when unknown.
    public var resolution: Int?
    public var modifier: QualityModifier?
    public var revision = Revision()
    public var sourceDetection: QualityDetectionSource = .unknown
    public var resolutionDetection: QualityDetectionSource = .unknown
    /// Display name in the flavour's vocabulary, e.g. `WEBDL-1080p` or `Remux-2160p`.
    public var name: String = "Unknown"
    public init() {}
}
