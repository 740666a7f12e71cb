/// What the installed ffmpeg can do, read from its own listings.
public struct FFmpegCapabilities: Sendable, Hashable {
    public var encoders: Set<String>

    public init(encoders: Set<String>) { self.encoders = encoders }

    /// Reads `ffmpeg -hide_banner -encoders`: each encoder line is six flag columns
    /// (`V....D`) then the encoder name.
    public static func parse(encodersOutput: String) -> FFmpegCapabilities {
        var names = Set<String>()
        for line in encodersOutput.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            // Legend rows (` V..... = Video`) have `=` where a name would be.
            guard fields.count >= 2, isFlags(fields[0]), fields[1] != "=" else { continue }
            names.insert(String(fields[1]))
        }
        return FFmpegCapabilities(encoders: names)
    }

    static func isFlags(_ field: Substring) -> Bool {
        guard field.count == 6, let kind = field.first, "VAS".contains(kind) else { return false }
        return field.dropFirst().allSatisfy { $0 == "." || $0.isLetter }
    }

    public func supports(encoder: String) -> Bool { encoders.contains(encoder) }
}
