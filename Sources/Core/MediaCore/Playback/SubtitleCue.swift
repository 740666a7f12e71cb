/// One timed subtitle: times in milliseconds, text as WebVTT cue text (`<i>`, `<b>`, `<u>` kept,
/// `&`, `<`, `>` escaped), lines separated by `\n`.
public struct SubtitleCue: Sendable, Hashable {
    public var identifier: String?
    public var startMilliseconds: Int
    public var endMilliseconds: Int
    public var text: String
    /// WebVTT cue settings (`align:start line:0`), kept for WebVTT output only.
    public var settings: String?

    public init(identifier: String? = nil, startMilliseconds: Int, endMilliseconds: Int, text: String, settings: String? = nil) {
        self.identifier = identifier
        self.startMilliseconds = startMilliseconds
        self.endMilliseconds = endMilliseconds
        self.text = text
        self.settings = settings
    }
}
