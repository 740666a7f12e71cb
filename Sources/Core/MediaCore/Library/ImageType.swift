import Foundation

/// Image roles, with Jellyfin's `ImageType` names as raw values so the API can expose them as-is.
public enum ImageType: String, Sendable, Hashable, CaseIterable, Codable {
    case primary = "Primary"
    case art = "Art"
    case backdrop = "Backdrop"
    case banner = "Banner"
    case logo = "Logo"
    case thumb = "Thumb"
    case disc = "Disc"
    case box = "Box"
    case screenshot = "Screenshot"
    case menu = "Menu"
    case chapter = "Chapter"
    case boxRear = "BoxRear"
    case profile = "Profile"

    /// Kodi/Jellyfin file-name keywords (`poster`, `fanart`, `clearlogo`...) → role.
    static func fromKeyword(_ keyword: String) -> ImageType? {
        switch keyword {
        case "poster", "folder", "cover", "default", "movie", "show", "thumb-poster": .primary
        case "fanart", "backdrop", "background": .backdrop
        case "landscape", "thumb": .thumb
        case "logo", "clearlogo": .logo
        case "banner": .banner
        case "clearart", "art": .art
        case "disc", "discart", "cdart": .disc
        default: nil
        }
    }
}
