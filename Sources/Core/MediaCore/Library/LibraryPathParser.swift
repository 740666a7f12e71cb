import Foundation

/// Reads what a video is from its place in the library tree: series/season/episode, movie, or
/// home video. Pure: paths in, identities out; the scanner does the listing.
public enum LibraryPathParser {
    /// Identifies a video by its path relative to the library root. nil means "not a recognisable
    /// item of this library kind" (e.g. a file in a TV library without any episode numbering).
    public static func identify(_ path: RelativeMediaPath, in kind: LibraryKind) -> LibraryItemIdentity? {
        guard !path.components.isEmpty else { return nil }
        switch kind {
        case .homevideos:
            return homeVideo(for: path).map(LibraryItemIdentity.homeVideo)
        case .movies:
            if let extra = extraFromFolders(path) { return .extra(extra) }
            if let suffixKind = ExtraKind(fileStem: path.fileStem) {
                return .extra(ExtraIdentity(kind: suffixKind, title: path.fileStem, ownerFolders: path.folders))
            }
            return movie(for: path).map(LibraryItemIdentity.movie)
        case .tvshows:
            if let extra = extraFromFolders(path) { return .extra(extra) }
            return episode(for: path).map(LibraryItemIdentity.episode)
        }
    }

    /// Convenience for "/"-joined relative paths.
    public static func identify(_ path: String, in kind: LibraryKind) -> LibraryItemIdentity? {
        identify(RelativeMediaPath(path), in: kind)
    }

    /// Home videos need no lookup: the file name is the title and the folders are the album.
    public static func homeVideo(for path: RelativeMediaPath) -> HomeVideoIdentity? {
        let stem = path.fileStem.trimmingCharacters(in: .whitespaces)
        guard !stem.isEmpty else { return nil }
        return HomeVideoIdentity(title: stem, folderPath: path.folders)
    }

    /// A video under an extras folder that has an owner folder above it (`Show/Extras/x.mkv`).
    static func extraFromFolders(_ path: RelativeMediaPath) -> ExtraIdentity? {
        for (depth, folder) in path.folders.enumerated() where depth > 0 {
            if let kind = ExtraKind(folderName: folder) {
                return ExtraIdentity(kind: kind, title: path.fileStem, ownerFolders: Array(path.folders.prefix(depth)))
            }
        }
        return nil
    }
}
