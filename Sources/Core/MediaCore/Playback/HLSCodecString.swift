/// RFC 6381 codec strings for the `CODECS` attribute of a master playlist.
public enum HLSCodecString {
    /// H.264: `avc1.` + profile_idc, constraint flags and level_idc in hex. High 4.0 →
    /// `avc1.640028`, Main 3.1 → `avc1.4D401F`, Baseline 3.0 → `avc1.42E01E`.
    /// `level` is ffprobe's integer form (40) or a decimal (4.0).
    public static func h264(profile: String?, level: Double?) -> String {
        let prefix: String
        switch (profile ?? "high").lowercased() {
        case "main": prefix = "4D40"
        case "baseline", "constrained baseline": prefix = "42E0"
        case "high 10", "high10": prefix = "6E00"
        case "high 4:2:2", "high 422": prefix = "7A00"
        case "high 4:4:4 predictive", "high 4:4:4", "high 444": prefix = "F400"
        default: prefix = "6400"
        }
        let levelIDC = PlayableStream(index: 0, codec: "h264", level: level ?? 41).normalizedLevel ?? 41
        return "avc1.\(prefix)\(hex(levelIDC))"
    }

    /// HEVC in the `hvc1` form: Main → `hvc1.1.4.L120.B0`, Main 10 → `hvc1.2.4.L153.B0`.
    /// `level` is ffprobe's form (level × 30, e.g. 120 for 4.0) or a decimal (4.0).
    public static func hevc(profile: String?, level: Double?) -> String {
        let profileIDC = (profile ?? "main").lowercased().contains("10") ? 2 : 1
        let levelIDC = PlayableStream(index: 0, codec: "hevc", level: level ?? 120).normalizedLevel ?? 120
        return "hvc1.\(profileIDC).4.L\(levelIDC).B0"
    }

    /// The string for an audio codec: `mp4a.40.2` (AAC-LC), `mp4a.40.5` (HE-AAC), `ac-3`, `ec-3`…
    public static func audio(codec: String, profile: String? = nil) -> String? {
        switch PlaybackDecision.canonicalCodec(codec) {
        case "aac":
            switch profile?.lowercased() {
            case "he-aac", "he-aacv1": return "mp4a.40.5"
            case "he-aacv2": return "mp4a.40.29"
            default: return "mp4a.40.2"
            }
        case "mp3": return "mp4a.40.34"
        case "ac3": return "ac-3"
        case "eac3": return "ec-3"
        case "flac": return "fLaC"
        case "opus": return "Opus"
        case "alac": return "alac"
        default: return nil
        }
    }

    /// The string for a video stream, or nil for codecs HLS does not name.
    public static func video(codec: String, profile: String?, level: Double?, bitDepth: Int? = nil) -> String? {
        switch PlaybackDecision.canonicalCodec(codec) {
        case "h264": return h264(profile: profile, level: level)
        case "hevc": return hevc(profile: profile, level: level)
        case "av1": return "av01.0.\(twoDigits(Int(level ?? 8)))M.\(twoDigits(bitDepth ?? 8))"
        case "vp9": return "vp09.00.\(twoDigits(level.map { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 40)).\(twoDigits(bitDepth ?? 8))"
        default: return nil
        }
    }

    static func hex(_ value: Int) -> String {
        let digits = String(max(0, min(value, 255)), radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    static func twoDigits(_ value: Int) -> String { value < 10 && value >= 0 ? "0\(value)" : String(value) }
}
