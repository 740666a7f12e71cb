import Foundation

extension MediaDescription {
    /// Decodes ffprobe JSON and builds the description in one step.
    public static func fromFFprobe(_ data: Data, fileExtension: String) throws(ProbeReportError) -> MediaDescription {
        MediaDescription(report: try ProbeReport.decode(data), fileExtension: fileExtension)
    }

    /// Builds the Jellyfin-shaped description. `fileExtension` disambiguates containers ffprobe
    /// reports as families (`matroska,webm`, `mov,mp4,m4a,...`).
    public init(report: ProbeReport, fileExtension: String) {
        let format = report.format
        self.init(
            container: Self.containerName(formatName: format?.formatName, fileExtension: fileExtension),
            runTimeTicks: Self.ticks(fromSeconds: format?.duration),
            bitrate: format?.bitRate.flatMap { Int($0.prefix(19)) }.flatMap { $0 > 0 ? $0 : nil },
            size: format?.size.flatMap { Int64($0.prefix(19)) }.flatMap { $0 >= 0 ? $0 : nil },
            streams: report.streams.enumerated().map { position, stream in MediaStreamInfo(probe: stream, fallbackIndex: position) },
            chapters: report.chapters.compactMap { chapter in
                Self.ticks(fromSeconds: chapter.startTime).map { ChapterInfo(startPositionTicks: $0, name: chapter.tags["title"]) }
            }
        )
    }

    /// ffprobe format family → Jellyfin container name.
    public static func containerName(formatName: String?, fileExtension: String) -> String? {
        let ext = fileExtension.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        guard let formatName = formatName?.lowercased(), !formatName.isEmpty else { return ext.isEmpty ? nil : ext }
        let family = Set(formatName.split(separator: ",").map(String.init))
        if family.contains("matroska") || family.contains("webm") { return ext == "webm" ? "webm" : "mkv" }
        if family.contains("mov") || family.contains("mp4") {
            return ["mov", "m4v", "3gp", "m4a"].contains(ext) ? ext : "mp4"
        }
        switch formatName {
        case "mpegts": return ext == "m2ts" || ext == "mts" ? "m2ts" : "ts"
        case "asf": return ext == "wmv" ? "wmv" : "asf"
        case "mpeg", "mpegvideo": return "mpeg"
        case "ogg": return ext == "ogv" ? "ogv" : "ogg"
        case "flv": return "flv"
        case "avi": return "avi"
        default: return formatName.split(separator: ",").first.map(String.init)
        }
    }
}
