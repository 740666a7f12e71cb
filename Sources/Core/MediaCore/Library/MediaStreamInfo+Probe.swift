import Foundation

extension MediaStreamInfo {
    /// Text subtitle codecs: these can be converted to WebVTT for web clients without burning in.
    public static let textSubtitleCodecs: Set<String> = ["subrip", "srt", "ass", "ssa", "webvtt", "mov_text", "text"]

    /// Builds a stream from ffprobe's description; `fallbackIndex` covers a missing `index`.
    public init(probe stream: ProbeReport.Stream, fallbackIndex: Int) {
        let isAttachedPicture = stream.disposition["attached_pic"] == 1
        let type: MediaStreamType = switch stream.codecType?.lowercased() {
        case "video": isAttachedPicture ? .embeddedImage : .video
        case "audio": .audio
        case "subtitle": .subtitle
        case "attachment": .attachment
        default: .data
        }
        self.init(index: stream.index ?? fallbackIndex, type: type)
        codec = stream.codecName.map(Self.jellyfinCodecName)
        profile = stream.profile
        level = stream.level
        width = stream.width.flatMap { $0 > 0 ? $0 : nil }
        height = stream.height.flatMap { $0 > 0 ? $0 : nil }
        averageFrameRate = Self.frameRate(stream.avgFrameRate)
        realFrameRate = Self.frameRate(stream.realFrameRate)
        pixelFormat = stream.pixelFormat
        bitDepth = Self.bitDepth(stream, type: type)
        channels = stream.channels.flatMap { $0 > 0 ? $0 : nil }
        channelLayout = stream.channelLayout
        sampleRate = stream.sampleRate.flatMap { $0 > 0 ? $0 : nil }
        bitRate = (stream.bitRate ?? stream.tags["bps"].flatMap { Int($0.prefix(19)) }).flatMap { $0 > 0 ? $0 : nil }
        language = stream.tags["language"].flatMap { $0.isEmpty || $0.lowercased() == "und" ? nil : $0 }
        title = stream.tags["title"].flatMap { $0.isEmpty ? nil : $0 }
        isDefault = stream.disposition["default"] == 1
        isForced = stream.disposition["forced"] == 1
        isHearingImpaired = stream.disposition["hearing_impaired"] == 1
        if let order = stream.fieldOrder?.lowercased() { isInterlaced = order != "progressive" && order != "unknown" }
        if type == .video { (videoRange, videoRangeType) = Self.videoRange(stream) }
        if type == .subtitle { isTextSubtitle = stream.codecName.map { Self.textSubtitleCodecs.contains($0.lowercased()) } ?? false }
        displayTitle = makeDisplayTitle()
    }

    /// Jellyfin's names for bitmap subtitle codecs; everything else is ffprobe's name lowercased.
    static func jellyfinCodecName(_ name: String) -> String {
        switch name.lowercased() {
        case "hdmv_pgs_subtitle": "PGSSUB"
        case "dvd_subtitle": "DVDSUB"
        case "dvb_subtitle": "DVBSUB"
        case let other: other
        }
    }

    /// `24000/1001` → 23.976…; `0/0` (no rate) → nil.
    static func frameRate(_ text: String?) -> Double? {
        guard let text, text.utf8.count <= 32 else { return nil }
        let parts = text.split(separator: "/")
        guard let numerator = parts.first.flatMap({ Double($0) }) else { return nil }
        let denominator = parts.count == 2 ? Double(parts[1]) ?? 0 : 1
        guard parts.count <= 2, denominator > 0, numerator > 0 else { return nil }
        let rate = numerator / denominator
        return rate.isFinite && rate < 1000 ? rate : nil
    }

    /// `bits_per_raw_sample` when present, else read from the pixel format (`yuv420p10le` → 10).
    static func bitDepth(_ stream: ProbeReport.Stream, type: MediaStreamType) -> Int? {
        if let raw = stream.bitsPerRawSample, (1...64).contains(raw) { return raw }
        if type == .audio, let bits = stream.bitsPerSample, (1...64).contains(bits) { return bits }
        guard type == .video, let pixelFormat = stream.pixelFormat?.lowercased() else { return nil }
        for depth in [16, 14, 12, 10, 9] where pixelFormat.contains("p\(depth)") { return depth }
        return pixelFormat.hasPrefix("yuv") || pixelFormat.hasPrefix("nv12") || pixelFormat.hasPrefix("yuvj") ? 8 : nil
    }

    /// HDR detection from the transfer characteristic plus Dolby Vision side data.
    static func videoRange(_ stream: ProbeReport.Stream) -> (String, String) {
        let transfer = stream.colorTransfer?.lowercased()
        if stream.hasDolbyVision {
            switch stream.doviCompatibilityID {
            case 1: return ("HDR", "DOVIWithHDR10")
            case 4: return ("HDR", "DOVIWithHLG")
            case 2: return ("SDR", "DOVIWithSDR")
            default: return ("HDR", "DOVI")
            }
        }
        switch transfer {
        case "smpte2084": return ("HDR", "HDR10")
        case "arib-std-b67": return ("HDR", "HLG")
        default: return ("SDR", "SDR")
        }
    }
}
