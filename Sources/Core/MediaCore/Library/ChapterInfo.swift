import Foundation

/// A chapter marker in Jellyfin's units (100 ns ticks).
public struct ChapterInfo: Sendable, Hashable, Codable {
    public var startPositionTicks: Int64
    public var name: String?

    public init(startPositionTicks: Int64, name: String?) {
        self.startPositionTicks = startPositionTicks
        self.name = name
    }
}
