/// A coding key for any name, so Jellyfin JSON can be read whatever the casing of its keys
/// (`MaxStreamingBitrate`, `maxStreamingBitrate`) and whatever extra keys it carries.
public struct JellyfinJSONKey: CodingKey, Sendable, Hashable {
    public var stringValue: String
    public var intValue: Int?

    public init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    public init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}
