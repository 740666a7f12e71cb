// What a profile decides: is a quality wanted, how does it rank, is the cutoff met,
// is a release an upgrade. Plus the originals' default profiles, validation and the
// normalisation that completes partial bodies.

extension QualityProfile {
    // MARK: Decisions

    /// Index of the top-level item holding `quality`, so group members rank equally.
    /// Higher is better; nil when the profile does not list the quality.
    public func rank(of quality: ServarrQuality) -> Int? {
        items.firstIndex { $0.qualities.contains { $0.id == quality.id } }
    }

    /// Wanted by the profile: the quality's item (or its group) is allowed.
    public func isAllowed(_ quality: ServarrQuality) -> Bool {
        guard let index = rank(of: quality) else { return false }
        let item = items[index]
        if item.isGroup { return item.allowed }
        return item.allowed
    }

    /// Rank of the cutoff: the group with that id, or the item holding that quality id.
    public var cutoffRank: Int? {
        if let group = items.firstIndex(where: { $0.isGroup && $0.id == cutoff }) { return group }
        return items.firstIndex { $0.qualities.contains { $0.id == cutoff } }
    }

    /// True when a file of this quality and custom-format score needs no upgrade:
    /// at or above the cutoff quality and at or above the cutoff format score.
    public func cutoffMet(quality: ServarrQuality, formatScore: Int) -> Bool {
        guard let rank = rank(of: quality), let cutoffRank else { return false }
        return rank >= cutoffRank && formatScore >= cutoffFormatScore
    }

    /// A release scoring at least `minFormatScore` is acceptable at all.
    public func meetsMinimumFormatScore(_ score: Int) -> Bool { score >= minFormatScore }

    /// Whether a release (`to`) should replace the existing file (`from`): upgrades must be
    /// allowed, the release acceptable, the existing file below the cutoff, and then either a
    /// better-ranked quality or, at equal rank, a score gain of at least `minUpgradeFormatScore`.
    public func isUpgrade(from current: ServarrQuality, to candidate: ServarrQuality, fromScore: Int, toScore: Int) -> Bool {
        guard upgradeAllowed, isAllowed(candidate), meetsMinimumFormatScore(toScore),
              let newRank = rank(of: candidate) else { return false }
        if cutoffMet(quality: current, formatScore: fromScore) { return false }
        guard let oldRank = rank(of: current) else { return true }
        if newRank != oldRank { return newRank > oldRank }
        return toScore > fromScore && toScore - fromScore >= minUpgradeFormatScore
    }

    /// Sum of the profile's scores for the formats a release matched.
    public func formatScore(matching formatIds: some Sequence<Int>) -> Int {
        let ids = Set(formatIds)
        return formatItems.reduce(0) { ids.contains($1.format) ? $0 + $1.score : $0 }
    }

    // MARK: Defaults

    /// The profiles a fresh install creates, ids 1...; `formats` adds a zero score for each.
    public static func defaults(for app: ServarrApp, formats: [CustomFormat] = []) -> [QualityProfile] {
        let specs: [(String, String, [String])]
        switch app {
        case .sonarr:
            let sd = ["SDTV", "WEBRip-480p", "WEBDL-480p", "DVD", "Bluray-480p", "Bluray-576p"]
            let hd720 = ["HDTV-720p", "WEBRip-720p", "WEBDL-720p", "Bluray-720p"]
            let hd1080 = ["HDTV-1080p", "WEBRip-1080p", "WEBDL-1080p", "Bluray-1080p"]
            specs = [
                ("Any", "SDTV", sd + hd720 + hd1080),
                ("SD", "SDTV", sd),
                ("HD-720p", "HDTV-720p", hd720),
                ("HD-1080p", "HDTV-1080p", hd1080),
                ("Ultra-HD", "HDTV-2160p", ["HDTV-2160p", "WEBRip-2160p", "WEBDL-2160p", "Bluray-2160p"]),
                ("HD - 720p/1080p", "HDTV-720p", hd720 + hd1080),
            ]
        case .radarr:
            let sd = ["WORKPRINT", "CAM", "TELESYNC", "TELECINE", "DVDSCR", "REGIONAL", "SDTV", "DVD",
                      "WEBDL-480p", "WEBRip-480p", "Bluray-480p", "Bluray-576p"]
            let hd720 = ["HDTV-720p", "WEBDL-720p", "WEBRip-720p", "Bluray-720p"]
            let hd1080 = ["HDTV-1080p", "WEBDL-1080p", "WEBRip-1080p", "Bluray-1080p", "Remux-1080p"]
            let uhd = ["HDTV-2160p", "WEBDL-2160p", "WEBRip-2160p", "Bluray-2160p", "Remux-2160p"]
            specs = [
                ("Any", "Bluray-480p", sd + ["DVD-R"] + hd720 + hd1080 + uhd + ["BR-DISK"]),
                ("SD", "Bluray-480p", sd),
                ("HD-720p", "Bluray-720p", hd720),
                ("HD-1080p", "Bluray-1080p", hd1080),
                ("Ultra-HD", "Remux-2160p", uhd),
                ("HD - 720p/1080p", "Bluray-720p", hd720 + hd1080 + ["Remux-2160p"]),
            ]
        }
        return specs.enumerated().map { index, spec in
            var profile = defaultProfile(app: app, name: spec.0, cutoff: spec.1, allowed: Set(spec.2.map { $0.lowercased() }))
            profile.id = index + 1
            profile.formatItems = formats.compactMap { f in f.id.map { ProfileFormatItem(format: $0, name: f.name, score: 0) } }
            return profile
        }
    }

    /// Items in weight order; qualities of equal weight form the originals' groups (ids from 1000).
    static func defaultProfile(app: ServarrApp, name: String, cutoff cutoffName: String, allowed: Set<String>) -> QualityProfile {
        let entries = QualityCatalog.table(for: app).entries
        var items: [QualityProfileItem] = []
        var cutoff = QualityCatalog.quality(named: cutoffName, for: app)?.id ?? 0
        var groupId = 1000
        var i = 0
        while i < entries.count {
            var j = i
            while j + 1 < entries.count, entries[j + 1].weight == entries[i].weight { j += 1 }
            let members = entries[i...j].map(\.quality)
            let isAllowed = members.contains { allowed.contains($0.name.lowercased()) }
            if members.count == 1 {
                items.append(.quality(members[0], allowed: isAllowed))
            } else {
                items.append(.group(id: groupId, name: entries[i].group ?? members[0].name, members, allowed: isAllowed))
                if members.contains(where: { $0.id == cutoff }) { cutoff = groupId }
                groupId += 1
            }
            i = j + 1
        }
        return QualityProfile(name: name, upgradeAllowed: false, cutoff: cutoff, items: items,
                              minFormatScore: 0, cutoffFormatScore: 0, minUpgradeFormatScore: 1,
                              formatItems: [], language: app == .radarr ? .english : nil)
    }

    // MARK: Normalisation

    /// Completes a client-sent profile as the originals store it: qualities resolved to the
    /// catalog, group members following their group's `allowed`, every missing quality added
    /// as not allowed (at its weight position), a zero score for every known format without
    /// one, and Radarr's language defaulting to English (Sonarr has none).
    public func normalized(app: ServarrApp, formats: [CustomFormat]? = nil) -> QualityProfile {
        var profile = self
        profile.items = items.map { item in
            var item = item
            if let q = item.quality { item.quality = QualityCatalog.resolved(q, for: app) }
            item.items = item.items.map { member in
                var member = member
                if let q = member.quality { member.quality = QualityCatalog.resolved(q, for: app) }
                member.allowed = item.allowed
                return member
            }
            return item
        }
        let present = Set(profile.items.flatMap(\.qualities).map(\.id))
        for quality in QualityCatalog.qualities(for: app) where !present.contains(quality.id) {
            let weight = QualityCatalog.weight(of: quality, for: app) ?? 0
            // Before the first item whose lowest weight is higher than this quality's.
            let index = profile.items.firstIndex { item in
                let weights = item.qualities.compactMap { QualityCatalog.weight(of: $0, for: app) }
                return (weights.min() ?? Int.max) > weight
            } ?? profile.items.count
            profile.items.insert(.quality(quality, allowed: false), at: index)
        }
        if let formats {
            var byId: [Int: Int] = [:]
            for (i, item) in profile.formatItems.enumerated() where byId[item.format] == nil { byId[item.format] = i }
            for format in formats {
                guard let id = format.id else { continue }
                if let i = byId[id] {
                    profile.formatItems[i].name = format.name
                } else {
                    profile.formatItems.append(ProfileFormatItem(format: id, name: format.name, score: 0))
                }
            }
        }
        profile.language = app == .radarr ? (language ?? .english) : nil
        return profile
    }

    // MARK: Validation

    /// The originals' checks, with their property names. Run on a `normalized` profile.
    public func validate(app: ServarrApp, knownFormatIds: Set<Int>) -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        func fail(_ property: String, _ message: String) { issues.append(.init(propertyName: property, errorMessage: message)) }

        if name.trimmingWhitespaceAndNewlines().isEmpty { fail("Name", "'Name' must not be empty.") }
        if !items.contains(where: \.allowed) { fail("Items", "Must contain at least one allowed quality") }

        var counts: [Int: Int] = [:]
        for q in items.flatMap(\.qualities) { counts[q.id, default: 0] += 1 }
        let catalog = QualityCatalog.qualities(for: app)
        let known = Set(catalog.map(\.id))
        for id in counts.keys.sorted() where !known.contains(id) { fail("Items", "Unknown quality id \(id)") }
        if catalog.contains(where: { counts[$0.id] == nil }) { fail("Items", "Must contain all qualities") }
        if counts.values.contains(where: { $0 > 1 }) { fail("Items", "Must not contain duplicate qualities") }

        var groupIds = Set<Int>()
        for item in items where item.isGroup {
            if item.items.isEmpty { fail("Items", "Groups must not be empty") }
            else if item.items.count < 2 { fail("Items", "Groups must contain multiple qualities") }
            if (item.name ?? "").isEmpty { fail("Items", "Groups must have a name") }
            guard let id = item.id, id >= 1000 else { fail("Items", "Groups must have an id of 1000 or more"); continue }
            if !groupIds.insert(id).inserted { fail("Items", "Groups must have unique ids") }
            if item.items.contains(where: \.isGroup) { fail("Items", "Groups must not contain groups") }
        }

        if let cutoffRank {
            if !items[cutoffRank].allowed { fail("Cutoff", "Cutoff must be an allowed quality or group") }
        } else {
            fail("Cutoff", "Cutoff must be an allowed quality or group")
        }

        if minUpgradeFormatScore < 1 {
            fail("MinUpgradeFormatScore", "'Min Upgrade Format Score' must be greater than or equal to '1'.")
        }
        var formatIds = Set<Int>()
        for item in formatItems {
            if !knownFormatIds.contains(item.format) { fail("FormatItems", "Unknown custom format id \(item.format)") }
            if !formatIds.insert(item.format).inserted { fail("FormatItems", "Custom format \(item.format) is listed more than once") }
        }
        if app == .radarr, let language, LanguageCatalog.language(id: language.id, for: .radarr) == nil {
            fail("Language", "Unknown language id \(language.id)")
        }
        return issues
    }
}

extension String {
    func trimmingWhitespaceAndNewlines() -> Substring {
        let trimmed = drop { $0.isWhitespace }
        return trimmed.dropLast(trimmed.reversed().prefix { $0.isWhitespace }.count)
    }
}
