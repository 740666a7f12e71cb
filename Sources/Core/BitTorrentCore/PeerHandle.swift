/// The engine's name for one peer connection, handed to the picker and the choker; opaque to them.
public struct PeerHandle: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    public static func < (lhs: PeerHandle, rhs: PeerHandle) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "peer#\(rawValue)" }
}
