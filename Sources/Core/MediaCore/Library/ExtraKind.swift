import Foundation

/// Kinds of bonus material. Raw values are Jellyfin's `ExtraType` names.
public enum ExtraKind: String, Sendable, Hashable, CaseIterable, Codable {
    case unknown = "Unknown"
    case trailer = "Trailer"
    case featurette = "Featurette"
    case behindTheScenes = "BehindTheScenes"
    case deletedScene = "DeletedScene"
    case interview = "Interview"
    case scene = "Scene"
    case short = "Short"
    case clip = "Clip"
    case sample = "Sample"
    case themeVideo = "ThemeVideo"

    /// The extra kind named by a folder (`Behind The Scenes`, `trailers`), nil for ordinary folders.
    /// Matching ignores case, spaces, dashes and underscores so `deleted_scenes` works too.
    public init?(folderName: String) {
        guard folderName.utf8.count <= 64 else { return nil }
        guard let kind = Self.folderNames[Self.squash(folderName)] else { return nil }
        self = kind
    }

    /// The extra kind named by a file-name suffix such as `Movie (2010)-trailer`, nil otherwise.
    /// Only the part after the last `-` counts, so titles containing these words stay movies.
    public init?(fileStem: String) {
        guard fileStem.utf8.count <= 1024, let dash = fileStem.lastIndex(of: "-") else { return nil }
        let suffix = Self.squash(String(fileStem[fileStem.index(after: dash)...]))
        guard let kind = Self.fileSuffixes[suffix] else { return nil }
        self = kind
    }

    static func squash(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !" -_.".unicodeScalars.contains($0) }.map(Character.init))
    }

    static let folderNames: [String: ExtraKind] = [
        "extras": .unknown, "extra": .unknown, "other": .unknown, "others": .unknown,
        "featurettes": .featurette, "behindthescenes": .behindTheScenes,
        "deletedscenes": .deletedScene, "trailers": .trailer, "interviews": .interview,
        "scenes": .scene, "shorts": .short, "clips": .clip, "backdrops": .themeVideo,
    ]

    static let fileSuffixes: [String: ExtraKind] = [
        "trailer": .trailer, "featurette": .featurette, "behindthescenes": .behindTheScenes,
        "deleted": .deletedScene, "deletedscene": .deletedScene, "interview": .interview,
        "scene": .scene, "short": .short, "clip": .clip, "other": .unknown, "extra": .unknown,
    ]
}
