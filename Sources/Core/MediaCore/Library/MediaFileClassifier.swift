import Foundation

/// Decides, from a relative path alone, whether a file belongs in the library.
/// Pure: the caller supplies the size it already got from `stat`.
public enum MediaFileClassifier {
    /// Default size under which a video named `sample` is treated as a release sample.
    public static let defaultSampleSizeLimit: Int64 = 300 * 1024 * 1024

    /// Folders NAS vendors, filesystems and recycle bins create; never media.
    public static let systemFolderNames: Set<String> = [
        "@eadir", "lost+found", "#recycle", "#snapshot", "$recycle.bin", "system volume information",
        ".actors", ".trash", ".trashes", "@recycle",
    ]

    /// Suffixes of files still being written by download clients.
    public static let incompleteSuffixes: [String] = [".part", ".!qb", ".tmp", ".crdownload", ".!ut", ".partial"]

    /// What the scanner should do with a folder, so whole trees can be pruned before listing them.
    public enum FolderDecision: Sendable, Hashable {
        case descend
        case extras(ExtraKind)
        case skip(MediaFileClassification.IgnoreReason)
    }

    /// Decision for a single folder name.
    public static func decide(folderNamed name: String) -> FolderDecision {
        if name.hasPrefix(".") { return .skip(.hidden) }
        let lower = name.lowercased()
        if systemFolderNames.contains(lower) { return .skip(.systemFolder) }
        if lower == "sample" || lower == "samples" { return .skip(.sample) }
        if let kind = ExtraKind(folderName: name) { return .extras(kind) }
        return .descend
    }

    /// Classifies a file. `fileSize` is nil when unknown; then only a `Sample` folder marks samples.
    /// Extras folders count only below an item folder (`Movie (2010)/Trailers/`), never at the
    /// library root, and never in home-video libraries where `Other/` is an ordinary album.
    public static func classify(
        _ path: RelativeMediaPath,
        libraryKind: LibraryKind? = nil,
        fileSize: Int64? = nil,
        sampleSizeLimit: Int64 = defaultSampleSizeLimit
    ) -> MediaFileClassification {
        guard !path.components.isEmpty else { return .ignored(.emptyPath) }
        var extrasKind: ExtraKind?
        for (depth, folder) in path.folders.enumerated() {
            switch decide(folderNamed: folder) {
            case .skip(let reason): return .ignored(reason)
            case .extras(let kind):
                if depth > 0, libraryKind != .homevideos { extrasKind = extrasKind ?? kind }
            case .descend: break
            }
        }
        let name = path.fileName
        if name.hasPrefix(".") { return .ignored(.hidden) }
        let lower = name.lowercased()
        if incompleteSuffixes.contains(where: { lower.hasSuffix($0) }) { return .ignored(.incompleteDownload) }
        guard let kind = MediaFileKind(fileExtension: path.fileExtension) else {
            return .ignored(.unsupportedExtension)
        }
        if kind == .video, let size = fileSize, size < sampleSizeLimit, isSampleName(path.fileStem) {
            return .ignored(.sample)
        }
        if let extrasKind {
            return kind == .video ? .extra(extrasKind) : .ignored(.insideExtrasFolder)
        }
        if kind == .video, libraryKind == .movies, let suffixKind = ExtraKind(fileStem: path.fileStem) {
            return .extra(suffixKind)
        }
        return .media(kind)
    }

    /// Convenience for "/"-joined paths.
    public static func classify(
        _ path: String,
        libraryKind: LibraryKind? = nil,
        fileSize: Int64? = nil,
        sampleSizeLimit: Int64 = defaultSampleSizeLimit
    ) -> MediaFileClassification {
        classify(RelativeMediaPath(path), libraryKind: libraryKind, fileSize: fileSize, sampleSizeLimit: sampleSizeLimit)
    }

    /// `sample` as a word (`movie-sample`, `Sample.mkv`), not inside another word (`Sampler`).
    static func isSampleName(_ stem: String) -> Bool {
        stem.lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .contains("sample")
    }
}
