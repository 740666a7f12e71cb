import Foundation

/// Stream kinds with Jellyfin's `MediaStreamType` names.
public enum MediaStreamType: String, Sendable, Hashable, CaseIterable, Codable {
    case video = "Video"
    case audio = "Audio"
    case subtitle = "Subtitle"
    /// Cover art stored as a one-frame video stream (`attached_pic`); not playable video.
    case embeddedImage = "EmbeddedImage"
    case data = "Data"
    /// Fonts and other files carried in Matroska, which ASS subtitles need.
    case attachment = "Attachment"
}
