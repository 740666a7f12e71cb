// Quality profiles (`/qualityprofile`): which qualities are wanted, in which order,
// where upgrades stop, and how custom formats score. Items are ordered lowest quality
// first, as the originals store them; a group (id >= 1000, with a name) ranks its
// members equally.

/// One entry of a profile: a single quality, or a named group of qualities.
public struct QualityProfileItem: Sendable, Codable, Equatable {
    public var id: Int?
    public var name: String?
    public var quality: ServarrQuality?
    public var items: [QualityProfileItem]
    public var allowed: Bool

    public init(id: Int? = nil, name: String? = nil, quality: ServarrQuality? = nil, items: [QualityProfileItem] = [], allowed: Bool) {
        self.id = id
        self.name = name
        self.quality = quality
        self.items = items
        self.allowed = allowed
    }

    public static func quality(_ quality: ServarrQuality, allowed: Bool) -> QualityProfileItem {
        QualityProfileItem(quality: quality, allowed: allowed)
    }

    public static func group(id: Int, name: String, _ qualities: [ServarrQuality], allowed: Bool) -> QualityProfileItem {
        QualityProfileItem(id: id, name: name, items: qualities.map { .quality($0, allowed: allowed) }, allowed: allowed)
    }

    /// Groups carry no quality of their own.
    public var isGroup: Bool { quality == nil }

    /// The qualities this item stands for: itself, or the group's members.
    public var qualities: [ServarrQuality] {
        if let quality { return [quality] }
        return items.flatMap(\.qualities)
    }

    enum CodingKeys: String, CodingKey { case id, name, quality, items, allowed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        quality = try c.decodeIfPresent(ServarrQuality.self, forKey: .quality)
        items = try c.decodeIfPresent([QualityProfileItem].self, forKey: .items) ?? []
        allowed = try c.decodeIfPresent(Bool.self, forKey: .allowed) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        // The originals send `id`/`name` only for groups and `quality` only for single items.
        if let quality {
            try c.encode(quality, forKey: .quality)
        } else {
            try c.encodeIfPresent(id, forKey: .id)
            try c.encodeIfPresent(name, forKey: .name)
        }
        try c.encode(items, forKey: .items)
        try c.encode(allowed, forKey: .allowed)
    }
}

/// A custom format's score in a profile.
public struct ProfileFormatItem: Sendable, Codable, Equatable {
    public var format: Int
    public var name: String
    public var score: Int

    public init(format: Int, name: String, score: Int) {
        self.format = format
        self.name = name
        self.score = score
    }

    enum CodingKeys: String, CodingKey { case format, name, score }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(Int.self, forKey: .format)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        score = try c.decodeIfPresent(Int.self, forKey: .score) ?? 0
    }
}

public struct QualityProfile: Sendable, Codable, Equatable {
    public var id: Int?
    public var name: String
    public var upgradeAllowed: Bool
    /// Id of the quality or group where upgrades stop.
    public var cutoff: Int
    public var items: [QualityProfileItem]
    public var minFormatScore: Int
    public var cutoffFormatScore: Int
    public var minUpgradeFormatScore: Int
    public var formatItems: [ProfileFormatItem]
    /// Radarr only; nil for Sonarr and then not encoded.
    public var language: ServarrLanguage?

    public init(
        id: Int? = nil, name: String, upgradeAllowed: Bool = false, cutoff: Int, items: [QualityProfileItem],
        minFormatScore: Int = 0, cutoffFormatScore: Int = 0, minUpgradeFormatScore: Int = 1,
        formatItems: [ProfileFormatItem] = [], language: ServarrLanguage? = nil
    ) {
        self.id = id
        self.name = name
        self.upgradeAllowed = upgradeAllowed
        self.cutoff = cutoff
        self.items = items
        self.minFormatScore = minFormatScore
        self.cutoffFormatScore = cutoffFormatScore
        self.minUpgradeFormatScore = minUpgradeFormatScore
        self.formatItems = formatItems
        self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case id, name, upgradeAllowed, cutoff, items, minFormatScore, cutoffFormatScore, minUpgradeFormatScore, formatItems, language
    }

    // pyarr and Jellyseerr send partial bodies: missing keys take the originals' defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        upgradeAllowed = try c.decodeIfPresent(Bool.self, forKey: .upgradeAllowed) ?? false
        cutoff = try c.decodeIfPresent(Int.self, forKey: .cutoff) ?? 0
        items = try c.decodeIfPresent([QualityProfileItem].self, forKey: .items) ?? []
        minFormatScore = try c.decodeIfPresent(Int.self, forKey: .minFormatScore) ?? 0
        cutoffFormatScore = try c.decodeIfPresent(Int.self, forKey: .cutoffFormatScore) ?? 0
        minUpgradeFormatScore = try c.decodeIfPresent(Int.self, forKey: .minUpgradeFormatScore) ?? 1
        formatItems = try c.decodeIfPresent([ProfileFormatItem].self, forKey: .formatItems) ?? []
        language = try c.decodeIfPresent(ServarrLanguage.self, forKey: .language)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(upgradeAllowed, forKey: .upgradeAllowed)
        try c.encode(cutoff, forKey: .cutoff)
        try c.encode(items, forKey: .items)
        try c.encode(minFormatScore, forKey: .minFormatScore)
        try c.encode(cutoffFormatScore, forKey: .cutoffFormatScore)
        try c.encode(minUpgradeFormatScore, forKey: .minUpgradeFormatScore)
        try c.encode(formatItems, forKey: .formatItems)
        try c.encodeIfPresent(language, forKey: .language)
    }
}
