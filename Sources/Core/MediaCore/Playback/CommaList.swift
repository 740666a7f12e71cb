import Foundation

/// Jellyfin's comma-separated name lists (`"mp4,m4v"`, `"aac,mp3"`): lower-cased, trimmed,
/// empties dropped. An empty list means "any" wherever a profile uses one.
public struct CommaList: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let names: [String]

    public init(_ text: String?) {
        names = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var isEmpty: Bool { names.isEmpty }

    /// Whether `name` is listed, or the list is empty (anything allowed).
    public func allows(_ name: String?) -> Bool {
        guard !names.isEmpty else { return true }
        guard let name else { return false }
        return names.contains(name.lowercased())
    }

    /// Whether any of `candidates` is allowed.
    public func allowsAny(of candidates: [String]) -> Bool {
        names.isEmpty || candidates.contains { names.contains($0.lowercased()) }
    }

    public var description: String { names.joined(separator: ",") }
}
