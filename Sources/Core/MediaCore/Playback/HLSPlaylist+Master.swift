extension HLSPlaylist {
    /// A master playlist listing `variants`.
    public static func master(variants: [HLSVariant]) -> String {
        var lines = ["#EXTM3U"]
        for variant in variants {
            var attributes = ["BANDWIDTH=\(max(variant.bandwidth, 1))"]
            if let average = variant.averageBandwidth { attributes.append("AVERAGE-BANDWIDTH=\(max(average, 1))") }
            if let range = variant.videoRange { attributes.append("VIDEO-RANGE=\(range)") }
            if !variant.codecs.isEmpty { attributes.append("CODECS=\"\(variant.codecs.joined(separator: ","))\"") }
            if let width = variant.width, let height = variant.height { attributes.append("RESOLUTION=\(width)x\(height)") }
            if let rate = variant.frameRate, rate > 0 { attributes.append("FRAME-RATE=\(threeDecimals(rate))") }
            lines.append("#EXT-X-STREAM-INF:" + attributes.joined(separator: ","))
            lines.append(variant.uri)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The one-variant master playlist for a transcode plan, e.g. pointing at `main.m3u8?<query>`.
    public static func master(plan: TranscodePlan, media: PlayableMedia, uri: String) -> String {
        master(variants: [variant(plan: plan, media: media, uri: uri)])
    }

    /// What a transcode will produce, as a master playlist entry: the codecs (the source's when
    /// copied, H.264 High 4.1 and the output audio codec otherwise), the output resolution and bitrate.
    public static func variant(plan: TranscodePlan, media: PlayableMedia, uri: String) -> HLSVariant {
        let video = plan.videoStreamIndex.flatMap { index in media.videoStreams.first { $0.index == index } }
        let audio = plan.audioStreamIndex.flatMap { index in media.audioStreams.first { $0.index == index } }
        var codecs: [String] = []
        if let video {
            if plan.copyVideo {
                if let text = HLSCodecString.video(codec: video.codec, profile: video.profile, level: video.level, bitDepth: video.bitDepth) {
                    codecs.append(text)
                }
            } else {
                codecs.append(HLSCodecString.h264(profile: FFmpegHLSCommand.h264Profile, level: Double(FFmpegHLSCommand.h264Level)))
            }
        }
        if audio != nil, let text = HLSCodecString.audio(codec: plan.audioCodec, profile: plan.copyAudio ? audio?.profile : nil) {
            codecs.append(text)
        }
        let total = (plan.videoBitrate ?? 0) + (plan.audioBitrate ?? 0)
        let bitrate = total > 0 ? total : (media.effectiveBitrate ?? 0)
        let size = plan.outputSize(sourceWidth: video?.width, sourceHeight: video?.height)
        var range: String?
        if plan.copyVideo, let video {
            switch (video.videoRangeType ?? "SDR").uppercased() {
            case "SDR": range = "SDR"
            case "HLG": range = "HLG"
            default: range = "PQ"
            }
        }
        return HLSVariant(
            bandwidth: bitrate, averageBandwidth: bitrate, codecs: codecs, width: size?.width, height: size?.height,
            frameRate: video?.frameRate, videoRange: range, uri: uri)
    }

    static func threeDecimals(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
