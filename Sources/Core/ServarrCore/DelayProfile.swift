// Delay profiles (`/delayprofile`): how long to wait for a better release per protocol.
// The untagged default profile sorts last (order Int32.max) and applies when no tagged
// profile matches.

public struct DelayProfile: Sendable, Codable, Equatable {
    public var id: Int?
    public var enableUsenet: Bool
    public var enableTorrent: Bool
    /// "usenet" or "torrent".
    public var preferredProtocol: String
    /// Minutes.
    public var usenetDelay: Int
    public var torrentDelay: Int
    public var bypassIfHighestQuality: Bool
    public var bypassIfAboveCustomFormatScore: Bool
    public var minimumCustomFormatScore: Int
    public var order: Int
    public var tags: [Int]

    public static let defaultOrder = Int(Int32.max)

    public init(
        id: Int? = nil, enableUsenet: Bool = true, enableTorrent: Bool = true, preferredProtocol: String = "usenet",
        usenetDelay: Int = 0, torrentDelay: Int = 0, bypassIfHighestQuality: Bool = false,
        bypassIfAboveCustomFormatScore: Bool = false, minimumCustomFormatScore: Int = 0, order: Int, tags: [Int] = []
    ) {
        self.id = id
        self.enableUsenet = enableUsenet
        self.enableTorrent = enableTorrent
        self.preferredProtocol = preferredProtocol
        self.usenetDelay = usenetDelay
        self.torrentDelay = torrentDelay
        self.bypassIfHighestQuality = bypassIfHighestQuality
        self.bypassIfAboveCustomFormatScore = bypassIfAboveCustomFormatScore
        self.minimumCustomFormatScore = minimumCustomFormatScore
        self.order = order
        self.tags = tags
    }

    /// The profile a fresh install has: both protocols, usenet preferred, no delays, no tags.
    public static let defaultProfile = DelayProfile(id: 1, order: defaultOrder)

    public var isDefault: Bool { order == Self.defaultOrder || id == 1 }

    enum CodingKeys: String, CodingKey {
        case id, enableUsenet, enableTorrent, preferredProtocol, usenetDelay, torrentDelay, bypassIfHighestQuality
        case bypassIfAboveCustomFormatScore, minimumCustomFormatScore, order, tags
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id)
        enableUsenet = try c.decodeIfPresent(Bool.self, forKey: .enableUsenet) ?? true
        enableTorrent = try c.decodeIfPresent(Bool.self, forKey: .enableTorrent) ?? true
        preferredProtocol = try c.decodeIfPresent(String.self, forKey: .preferredProtocol) ?? "usenet"
        usenetDelay = try c.decodeIfPresent(Int.self, forKey: .usenetDelay) ?? 0
        torrentDelay = try c.decodeIfPresent(Int.self, forKey: .torrentDelay) ?? 0
        bypassIfHighestQuality = try c.decodeIfPresent(Bool.self, forKey: .bypassIfHighestQuality) ?? false
        bypassIfAboveCustomFormatScore = try c.decodeIfPresent(Bool.self, forKey: .bypassIfAboveCustomFormatScore) ?? false
        minimumCustomFormatScore = try c.decodeIfPresent(Int.self, forKey: .minimumCustomFormatScore) ?? 0
        order = try c.decodeIfPresent(Int.self, forKey: .order) ?? 0
        tags = try c.decodeIfPresent([Int].self, forKey: .tags) ?? []
    }

    /// Delay in minutes for a protocol ("usenet"/"torrent"); nil when that protocol is disabled.
    public func delay(forProtocol name: String) -> Int? {
        switch name.lowercased() {
        case "usenet": enableUsenet ? usenetDelay : nil
        case "torrent": enableTorrent ? torrentDelay : nil
        default: nil
        }
    }

    public func validate() -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        func fail(_ property: String, _ message: String) { issues.append(.init(propertyName: property, errorMessage: message)) }
        if !enableUsenet && !enableTorrent { fail("EnableUsenet", "Either Usenet or Torrent should be enabled") }
        if !["usenet", "torrent"].contains(preferredProtocol) {
            fail("PreferredProtocol", "Preferred protocol must be 'usenet' or 'torrent'.")
        }
        if usenetDelay < 0 { fail("UsenetDelay", "'Usenet Delay' must be greater than or equal to '0'.") }
        if torrentDelay < 0 { fail("TorrentDelay", "'Torrent Delay' must be greater than or equal to '0'.") }
        if isDefault {
            if !tags.isEmpty { fail("Tags", "The default profile must not have tags.") }
        } else if tags.isEmpty {
            fail("Tags", "'Tags' must not be empty.")
        }
        return issues
    }

    /// The profile that applies to an item with `tags`: the lowest-ordered tagged profile
    /// sharing a tag, else the default one.
    public static func applicable(_ profiles: [DelayProfile], forTags tags: Set<Int>) -> DelayProfile {
        profiles.sorted { $0.order < $1.order }.first { !$0.isDefault && !tags.isDisjoint(with: $0.tags) }
            ?? profiles.first(where: \.isDefault) ?? defaultProfile
    }
}
