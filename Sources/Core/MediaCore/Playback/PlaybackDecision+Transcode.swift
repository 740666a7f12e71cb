extension PlaybackDecision {
    /// Video codecs HLS carries in each segment container.
    static func hlsCarries(video codec: String, in container: String) -> Bool {
        switch canonicalCodec(codec) {
        case "h264", "hevc": true
        case "av1", "vp9": container == "mp4"
        default: false
        }
    }

    /// Audio codecs HLS carries in each segment container (TS: AAC, AC-3, E-AC-3, MP3; fMP4 also
    /// FLAC, Opus, ALAC, DTS, TrueHD).
    static func hlsCarries(audio codec: String, in container: String) -> Bool {
        switch canonicalCodec(codec) {
        case "aac", "ac3", "eac3", "mp3": true
        case "flac", "opus", "alac", "dts", "truehd": container == "mp4"
        default: false
        }
    }

    /// How many more bits a codec needs than H.264 for the same picture (H.264 = 1).
    static func bitrateFactor(_ codec: String) -> Double {
        switch canonicalCodec(codec) {
        case "hevc", "vp9": 0.6
        case "av1": 0.5
        case "mpeg2video", "mpeg4", "msmpeg4v3", "vc1", "wmv3": 1.5
        default: 1
        }
    }

    /// The bitrate to give an encoded audio stream.
    public static func audioBitrate(codec: String, channels: Int) -> Int {
        let perChannel = 96_000
        switch codec {
        case "mp3": return min(320_000, max(channels, 1) * perChannel + 64_000)
        default: return channels <= 2 ? 192_000 : min(640_000, channels * perChannel)
        }
    }

    static let encodableAudio = ["aac", "mp3", "ac3", "eac3"]

    static func transcodePlan(
        media: PlayableMedia, video: PlayableStream?, audio: PlayableStream?, subtitle: PlayableStream?, profile: DeviceProfile,
        transcoding: TranscodingProfile, options: PlaybackOptions, limit: Int?, videoReasons: Set<TranscodeReason>,
        audioReasons: Set<TranscodeReason>, reasons: Set<TranscodeReason>
    ) -> TranscodePlan {
        var reasons = reasons
        let container = transcoding.segmentContainer

        // Subtitles: burned in when the client cannot take them beside an HLS stream.
        var burnIn: PlayableStream?
        var subtitleDelivery: SubtitleDeliveryMethod?
        if let subtitle {
            let delivery = options.alwaysBurnInSubtitleWhenTranscoding
                ? .encode : Self.subtitleDelivery(for: subtitle, profile: profile, directPlay: false)
            switch delivery {
            case .encode:
                burnIn = subtitle
                if !options.alwaysBurnInSubtitleWhenTranscoding { reasons.insert(.subtitleCodecNotSupported) }
            case .drop: subtitleDelivery = nil
            default: subtitleDelivery = delivery
            }
        }

        // Audio.
        let maxChannels = options.maxAudioChannels ?? transcoding.maxAudioChannels
        var copyAudio = false
        var audioCodec = "aac"
        var audioChannels: Int?
        var audioBitrate: Int?
        if let audio {
            let channelsFit = maxChannels.map { max in (audio.channels ?? 0) <= max } ?? true
            let codecFits = !audio.isExternal && list(transcoding.audioCodec, allows: audio.codec) && hlsCarries(audio: audio.codec, in: container)
            // Too many channels is a reason only when it alone stops the copy.
            if codecFits, !channelsFit { reasons.insert(.audioChannelsNotSupported) }
            copyAudio = options.allowAudioStreamCopy && codecFits && channelsFit && audioReasons.isEmpty
            if copyAudio {
                audioCodec = canonicalCodec(audio.codec)
                audioChannels = audio.channels
                audioBitrate = audio.bitrate
            } else {
                audioCodec = transcoding.audioCodec.names.map(canonicalCodec).first { encodableAudio.contains($0) } ?? "aac"
                let channels = min(audio.channels ?? 2, maxChannels ?? 6)
                audioChannels = max(channels, 1)
                audioBitrate = Self.audioBitrate(codec: audioCodec, channels: max(channels, 1))
            }
        }

        // Video.
        var copyVideo = false
        var videoCodec = "h264"
        var videoBitrate: Int?
        var maxWidth = options.maxWidth
        var maxHeight = options.maxHeight
        if let video {
            let audioShare = audioBitrate ?? 0
            let sourceVideoBitrate = video.bitrate ?? media.effectiveBitrate.map { max($0 - (audio?.bitrate ?? 0), 0) }
            let budget = limit.map { max($0 - audioShare, 64_000) }
            let fitsBudget = budget.map { budget in (sourceVideoBitrate ?? media.effectiveBitrate ?? 0) <= budget } ?? true
            let fitsSize = (maxWidth.map { (video.width ?? 0) <= $0 } ?? true) && (maxHeight.map { (video.height ?? 0) <= $0 } ?? true)
            if !fitsSize { reasons.insert(.videoResolutionNotSupported) }
            copyVideo = options.allowVideoStreamCopy && burnIn == nil && list(transcoding.videoCodec, allows: video.codec)
                && hlsCarries(video: video.codec, in: container) && videoReasons.isEmpty && fitsBudget && fitsSize
            if copyVideo {
                videoCodec = canonicalCodec(video.codec)
                videoBitrate = sourceVideoBitrate
            } else {
                videoCodec = "h264"
                let scaled = sourceVideoBitrate.map { Int(Double($0) / bitrateFactor(video.codec)) }
                videoBitrate = [scaled, budget].compactMap { $0 }.min() ?? 8_000_000
                if videoReasons.contains(.videoResolutionNotSupported) {
                    if let cap = upperLimit(profile.codecProfiles, property: "Width", codec: video.codec) { maxWidth = min(maxWidth ?? cap, cap) }
                    if let cap = upperLimit(profile.codecProfiles, property: "Height", codec: video.codec) { maxHeight = min(maxHeight ?? cap, cap) }
                }
            }
        }

        return TranscodePlan(
            copyVideo: copyVideo, copyAudio: copyAudio, videoCodec: videoCodec, audioCodec: audioCodec, segmentContainer: container,
            audioChannels: audioChannels, videoBitrate: videoBitrate, audioBitrate: audioBitrate,
            maxWidth: copyVideo ? nil : maxWidth, maxHeight: copyVideo ? nil : maxHeight, burnInSubtitleIndex: burnIn?.index,
            videoStreamIndex: video?.index, audioStreamIndex: audio?.index,
            subtitleStreamIndex: burnIn == nil && subtitleDelivery != nil ? subtitle?.index : burnIn?.index,
            subtitleDelivery: burnIn == nil ? subtitleDelivery : .encode,
            segmentLength: transcoding.segmentLength.flatMap { $0 > 0 ? $0 : nil } ?? TranscodePlan.defaultSegmentLength,
            minSegments: transcoding.minSegments, breakOnNonKeyFrames: transcoding.breakOnNonKeyFrames,
            startTimeTicks: max(options.startTimeTicks, 0), reasons: reasons)
    }
}
