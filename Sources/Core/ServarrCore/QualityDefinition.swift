// Quality definitions: per-quality size limits in MB per minute of runtime, the
// `/qualitydefinition` resource. A nil maximum or preferred size means "no limit".

public struct QualityDefinition: Sendable, Codable, Equatable {
    public var id: Int
    public var quality: ServarrQuality
    public var title: String
    public var weight: Int
    public var minSize: Double?
    public var maxSize: Double?
    public var preferredSize: Double?

    public init(
        id: Int, quality: ServarrQuality, title: String, weight: Int,
        minSize: Double? = 0, maxSize: Double? = nil, preferredSize: Double? = nil
    ) {
        self.id = id
        self.quality = quality
        self.title = title
        self.weight = weight
        self.minSize = minSize
        self.maxSize = maxSize
        self.preferredSize = preferredSize
    }

    enum CodingKeys: String, CodingKey { case id, quality, title, weight, minSize, maxSize, preferredSize }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id) ?? 0
        quality = try c.decode(ServarrQuality.self, forKey: .quality)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? quality.name
        weight = try c.decodeIfPresent(Int.self, forKey: .weight) ?? 0
        minSize = try c.decodeIfPresent(Double.self, forKey: .minSize)
        maxSize = try c.decodeIfPresent(Double.self, forKey: .maxSize)
        preferredSize = try c.decodeIfPresent(Double.self, forKey: .preferredSize)
    }

    /// The originals' slider ranges in MB per minute (`/qualitydefinition/limits`).
    public static func limits(for app: ServarrApp) -> ClosedRange<Double> {
        switch app {
        case .sonarr: 0...1000
        case .radarr: 0...2000
        }
    }

    /// Checks min <= preferred <= max and that each lies in the app's range.
    public func validate(app: ServarrApp) -> [ServarrValidationIssue] {
        validate(limits: Self.limits(for: app))
    }

    /// Same checks against the wider (Radarr) range, when the app is not known.
    public func validate() -> [ServarrValidationIssue] {
        validate(limits: Self.limits(for: .radarr))
    }

    func validate(limits: ClosedRange<Double>) -> [ServarrValidationIssue] {
        var issues: [ServarrValidationIssue] = []
        func check(_ value: Double?, _ property: String) {
            guard let value else { return }
            if !value.isFinite || !limits.contains(value) {
                issues.append(.init(propertyName: property,
                                    errorMessage: "\(property) must be between \(Int(limits.lowerBound)) and \(Int(limits.upperBound)) MB per minute."))
            }
        }
        if title.isEmpty { issues.append(.init(propertyName: "Title", errorMessage: "'Title' must not be empty.")) }
        check(minSize, "MinSize")
        check(maxSize, "MaxSize")
        check(preferredSize, "PreferredSize")
        let minimum = minSize ?? 0
        if let p = preferredSize, p < minimum {
            issues.append(.init(propertyName: "PreferredSize", errorMessage: "Preferred size must be at least the minimum size."))
        }
        if let m = maxSize, m < minimum {
            issues.append(.init(propertyName: "MaxSize", errorMessage: "Maximum size must be at least the minimum size."))
        }
        if let p = preferredSize, let m = maxSize, p > m {
            issues.append(.init(propertyName: "PreferredSize", errorMessage: "Preferred size must not exceed the maximum size."))
        }
        return issues
    }

    /// Size bounds in bytes for a runtime, or nil where the definition sets no limit.
    public func sizeBounds(runtimeMinutes: Int) -> (min: Int64, max: Int64?) {
        let megabyte = 1_048_576.0
        let minutes = Double(max(0, runtimeMinutes))
        let lower = Int64(((minSize ?? 0) * minutes * megabyte).rounded())
        let upper = maxSize.map { Int64(($0 * minutes * megabyte).rounded()) }
        return (lower, upper)
    }
}

extension QualityCatalog {
    /// The definitions a fresh install has: one per quality, ids 1... in weight order.
    public static func defaultDefinitions(for app: ServarrApp) -> [QualityDefinition] {
        table(for: app).entries.enumerated().map { i, e in
            QualityDefinition(id: i + 1, quality: e.quality, title: e.quality.name, weight: e.weight,
                              minSize: e.minSize, maxSize: e.maxSize, preferredSize: e.preferredSize)
        }
    }
}
