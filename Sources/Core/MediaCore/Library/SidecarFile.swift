import Foundation

/// A file lying next to a video that adds to it: an external subtitle or local artwork.
public enum SidecarFile: Sendable, Hashable {
    case subtitle(ExternalSubtitle)
    case image(SidecarImage)

    /// Reads a sidecar name. `videoBaseName` is the video's file name without extension; it is
    /// needed for subtitles and per-video images, and may be nil in folders with no video.
    public static func parse(fileName: String, videoBaseName: String?) -> SidecarFile? {
        if let subtitle = subtitle(fileName: fileName, videoBaseName: videoBaseName) { return .subtitle(subtitle) }
        if let image = image(fileName: fileName, videoBaseName: videoBaseName) { return .image(image) }
        return nil
    }

    /// `Base.srt`, `Base.en.srt`, `Base.eng.forced.srt`, `Base.en.sdh.srt`, `Base.default.en.ass`.
    /// The name must start with the video's base name (case-insensitively, as on case-insensitive
    /// shares), so `Movie 2.en.srt` is never attached to `Movie`.
    public static func subtitle(fileName: String, videoBaseName: String?) -> ExternalSubtitle? {
        guard let videoBaseName, fileName.utf8.count <= 1024 else { return nil }
        let (stem, ext) = RelativeMediaPath.splitExtension(fileName)
        guard let format = SubtitleFormat(fileExtension: ext) else { return nil }
        guard let middle = remainder(of: stem, after: videoBaseName, separator: ".") else { return nil }
        var subtitle = ExternalSubtitle(format: format)
        var titleWords: [Substring] = []
        for token in middle.split(separator: ".").prefix(16) {
            switch token.lowercased() {
            case "forced", "foreign": subtitle.isForced = true
            case "sdh", "hi", "cc": subtitle.isHearingImpaired = true
            case "default": subtitle.isDefault = true
            case let word:
                if subtitle.language == nil, let code = LanguageCode.iso6392B(word), code != "und" {
                    subtitle.language = code
                } else {
                    titleWords.append(token)
                }
            }
        }
        subtitle.title = titleWords.isEmpty ? nil : titleWords.joined(separator: ".")
        return subtitle
    }

    /// Artwork names of Jellyfin/Kodi: folder-level (`poster.jpg`, `fanart.jpg`, `backdrop2.jpg`),
    /// per-video (`<base>.jpg`, `<base>-thumb.jpg`, `<base>-fanart.jpg`) and per-season
    /// (`season01-poster.jpg`, `season-specials-poster.jpg`).
    public static func image(fileName: String, videoBaseName: String?) -> SidecarImage? {
        guard fileName.utf8.count <= 1024 else { return nil }
        let (stem, ext) = RelativeMediaPath.splitExtension(fileName)
        guard MediaFileKind.imageExtensions.contains(ext) else { return nil }
        if let videoBaseName, let rest = remainder(of: stem, after: videoBaseName, separator: "-") {
            if rest.isEmpty { return SidecarImage(type: .primary, owner: .video) }
            // An episode's `-thumb` is its main still, hence Primary rather than Thumb.
            if rest.lowercased() == "thumb" { return SidecarImage(type: .primary, owner: .video) }
            if let type = ImageType.fromKeyword(rest.lowercased()) { return SidecarImage(type: type, owner: .video) }
        }
        let lower = stem.lowercased()
        if let seasonImage = seasonImage(lower) { return seasonImage }
        if let type = ImageType.fromKeyword(numberedKeyword(lower)) { return SidecarImage(type: type, owner: .folderItem) }
        return nil
    }

    /// `season01-poster`, `season1`, `season-specials-banner`, `season00-fanart`.
    static func seasonImage(_ lower: String) -> SidecarImage? {
        guard lower.hasPrefix("season") else { return nil }
        let body = lower.dropFirst("season".count)
        let season: Int
        let rest: Substring
        if body.hasPrefix("-specials") {
            season = 0
            rest = body.dropFirst("-specials".count)
        } else {
            let digits = body.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, digits.count <= 4, let number = Int(digits) else { return nil }
            season = number
            rest = body.dropFirst(digits.count)
        }
        if rest.isEmpty { return SidecarImage(type: .primary, owner: .season(season)) }
        guard rest.hasPrefix("-"), let type = ImageType.fromKeyword(String(rest.dropFirst())) else { return nil }
        return SidecarImage(type: type, owner: .season(season))
    }

    /// `backdrop2`, `fanart-1`, `fanart1` → the keyword without its index (extra backdrops).
    static func numberedKeyword(_ lower: String) -> String {
        var word = Substring(lower)
        while let last = word.last, last.isASCIIDigit { word = word.dropLast() }
        if word.count < lower.count, word.hasSuffix("-") { word = word.dropLast() }
        return String(word)
    }

    /// The part of `stem` after `base` + `separator`; "" when `stem` equals `base`; nil otherwise.
    static func remainder(of stem: String, after base: String, separator: Character) -> String? {
        guard !base.isEmpty, stem.count >= base.count else { return nil }
        let head = stem.prefix(base.count)
        guard head.lowercased() == base.lowercased() else { return nil }
        let tail = stem.dropFirst(base.count)
        if tail.isEmpty { return "" }
        guard tail.first == separator else { return nil }
        return String(tail.dropFirst())
    }
}
