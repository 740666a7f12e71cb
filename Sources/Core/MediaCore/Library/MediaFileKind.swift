import Foundation

/// What a file in a library is, judged by its extension alone.
public enum MediaFileKind: String, Sendable, Hashable, CaseIterable, Codable {
    case video
    case subtitle
    case image
    case nfo

    /// Extensions we index as playable video. Disc images (`iso`) are left out on purpose:
    /// they need a mount step the scanner does not do.
    public static let videoExtensions: Set<String> = [
        "mkv", "mp4", "m4v", "avi", "mov", "wmv", "ts", "m2ts", "webm",
        "mpg", "mpeg", "flv", "ogv", "3gp",
    ]

    /// Image sidecars (posters, fanart, thumbs). `tbn` is Kodi's renamed JPEG.
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "tbn"]

    /// The kind for a lowercase or mixed-case extension without the dot; nil when we ignore it.
    public init?(fileExtension: String) {
        guard fileExtension.utf8.count <= 8 else { return nil }
        let ext = fileExtension.lowercased()
        if Self.videoExtensions.contains(ext) {
            self = .video
        } else if SubtitleFormat(fileExtension: ext) != nil {
            self = .subtitle
        } else if Self.imageExtensions.contains(ext) {
            self = .image
        } else if ext == "nfo" {
            self = .nfo
        } else {
            return nil
        }
    }
}
