/// How a client will play a media file, decided the way Jellyfin's StreamBuilder does: play the
/// file as it is when the client takes its container, codecs and codec limits and the chosen
/// subtitle can travel beside it; otherwise HLS, copying the video when the client can take it
/// (the remux case) and encoding H.264 otherwise, re-encoding audio to AAC when needed, and
/// burning in subtitles the client cannot render.
public enum PlaybackDecision: Sendable, Hashable {
    case directPlay(DirectPlayPlan)
    case transcode(TranscodePlan)
    case unplayable(UnplayableReason)

    /// Decides for `media` on a client described by `profile`; a nil profile (the python
    /// client sends none) means `DeviceProfile.defaultBrowser`.
    public static func decide(media: PlayableMedia, profile: DeviceProfile?, options: PlaybackOptions = PlaybackOptions()) -> PlaybackDecision {
        let profile = profile ?? .defaultBrowser
        let video = media.primaryVideo
        let audio = chooseAudio(media, requested: options.audioStreamIndex)
        guard video != nil || audio != nil else { return .unplayable(.noMediaStreams) }
        let subtitle = chooseSubtitle(media, requested: options.subtitleStreamIndex)
        let isSecondaryAudio = audio.map { $0.index != media.defaultAudio?.index } ?? false

        let limit = [options.maxStreamingBitrate, profile.maxStreamingBitrate].compactMap { $0 }.filter { $0 > 0 }.min()
        let bitrateExceeded = limit.map { limit in (media.effectiveBitrate ?? 0) > limit } ?? false

        // Reasons the file cannot be played as it is.
        var videoReasons = Set<TranscodeReason>()
        if let video {
            videoReasons = conditionFailures(
                profile.codecProfiles, kind: .video, codec: video.codec, media: media, subject: .init(video: video, audio: audio))
        }
        var audioReasons = Set<TranscodeReason>()
        if let audio {
            let subject = ProfileCondition.Subject(video: video, audio: audio, isSecondaryAudio: isSecondaryAudio)
            audioReasons = conditionFailures(
                profile.codecProfiles, kind: video == nil ? .audio : .videoAudio, codec: audio.codec, media: media, subject: subject)
            if audio.isExternal { audioReasons.insert(.audioIsExternal) }
        }
        var reasons = directPlayProfileFailures(profile, media: media, video: video, audio: audio)
        reasons.formUnion(videoReasons)
        reasons.formUnion(audioReasons)
        if bitrateExceeded { reasons.insert(.containerBitrateExceedsLimit) }

        let directDelivery = subtitle.map { subtitleDelivery(for: $0, profile: profile, directPlay: true) }
        if directDelivery == .encode { reasons.insert(.subtitleCodecNotSupported) }

        if options.enableDirectPlay, reasons.isEmpty {
            let delivery = directDelivery == .drop ? nil : directDelivery
            return .directPlay(DirectPlayPlan(
                audioStreamIndex: audio?.index, subtitleStreamIndex: delivery == nil ? nil : subtitle?.index, subtitleDelivery: delivery))
        }

        guard let transcoding = profile.transcodingProfiles.first(where: \.isHLSVideoStreaming) else {
            return .unplayable(.noCompatibleStream(reasons))
        }
        let plan = transcodePlan(
            media: media, video: video, audio: audio, subtitle: subtitle, profile: profile, transcoding: transcoding,
            options: options, limit: limit, videoReasons: videoReasons, audioReasons: audioReasons.subtracting([.secondaryAudioNotSupported, .audioIsExternal]),
            reasons: reasons)
        if !options.enableTranscoding {
            guard options.enableDirectStream, plan.copyVideo || video == nil, plan.copyAudio || audio == nil else {
                return .unplayable(.noCompatibleStream(reasons))
            }
        }
        return .transcode(plan)
    }

    static func chooseAudio(_ media: PlayableMedia, requested: Int?) -> PlayableStream? {
        if let requested, let match = media.audioStreams.first(where: { $0.index == requested }) { return match }
        return media.defaultAudio
    }

    static func chooseSubtitle(_ media: PlayableMedia, requested: Int?) -> PlayableStream? {
        guard let requested, requested >= 0 else { return nil }
        return media.subtitleStreams.first { $0.index == requested }
    }

    /// Codec names as profiles spell them, with common aliases folded.
    static func canonicalCodec(_ codec: String) -> String {
        switch codec.lowercased() {
        case "h265", "hev1", "hvc1": "hevc"
        case "avc", "avc1": "h264"
        case "mpeg2": "mpeg2video"
        case "dca": "dts"
        default: codec.lowercased()
        }
    }

    static func list(_ list: CommaList, allows codec: String) -> Bool {
        list.isEmpty || list.names.contains { canonicalCodec($0) == canonicalCodec(codec) }
    }
}
