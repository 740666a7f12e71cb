import Foundation

/// Where ffmpeg and ffprobe are. Both are optional at run time: without them the media role still
/// serves files as they are (direct play) and reports a health warning naming what to install.
public struct MediaToolchain: Sendable, Equatable {
    public var ffmpeg: String?
    public var ffprobe: String?

    public init(ffmpeg: String?, ffprobe: String?) {
        self.ffmpeg = ffmpeg
        self.ffprobe = ffprobe
    }

    /// Finds both on `PATH` (or at the paths given, e.g. a jellyfin-ffmpeg build in /usr/lib/jellyfin-ffmpeg).
    public static func locate(ffmpeg: String? = nil, ffprobe: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> MediaToolchain {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        func find(_ explicit: String?, _ name: String) -> String? {
            if let explicit { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
            return folders.lazy.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        return MediaToolchain(ffmpeg: find(ffmpeg, "ffmpeg"), ffprobe: find(ffprobe, "ffprobe"))
    }

    /// The one sentence a health check shows when something is missing, or nil.
    public var missingWarning: String? {
        switch (ffmpeg, ffprobe) {
        case (.some, .some): nil
        case (nil, nil): "ffmpeg and ffprobe were not found: install ffmpeg (apt install ffmpeg) so that media files are scanned and transcoded"
        case (nil, _): "ffmpeg was not found: install it (apt install ffmpeg) so that files browsers cannot play are transcoded"
        case (_, nil): "ffprobe was not found: install ffmpeg (apt install ffmpeg) so that media files are scanned"
        }
    }
}
