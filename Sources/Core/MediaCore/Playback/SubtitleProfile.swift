/// A subtitle format a client takes and how: `{Format, Method}` (`vtt External`, `pgssub Encode`).
public struct SubtitleProfile: Sendable, Hashable, Decodable {
    /// Lower-cased format name as Jellyfin writes it: `vtt`, `srt`, `ass`, `ssa`, `pgssub`, `dvdsub`…
    public var format: String
    public var method: SubtitleDeliveryMethod?

    public init(format: String, method: SubtitleDeliveryMethod) {
        self.format = format.lowercased()
        self.method = method
    }

    public init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: JellyfinJSONKey.self)
        format = json.lenientString("Format")?.lowercased() ?? ""
        method = SubtitleDeliveryMethod(jellyfinName: json.lenientString("Method"))
    }

    /// Jellyfin's format name for a stream codec: `subrip` → `srt`, `webvtt` → `vtt`, `PGSSUB` → `pgssub`.
    public static func formatName(forCodec codec: String) -> String {
        switch codec.lowercased() {
        case "subrip": "srt"
        case "webvtt": "vtt"
        case "hdmv_pgs_subtitle": "pgssub"
        case "dvd_subtitle": "dvdsub"
        case "dvb_subtitle": "dvbsub"
        default: codec.lowercased()
        }
    }

    /// Text formats the server can produce from any text subtitle.
    public static let convertibleTextFormats: Set<String> = ["vtt", "srt", "ass", "ssa"]
}
