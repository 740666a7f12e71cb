extension PlaybackDecision {
    /// Container and codec mismatches against the direct-play profiles: those of the best
    /// matching profile (fewest failures, earliest on ties), empty when one matches outright.
    static func directPlayProfileFailures(
        _ profile: DeviceProfile, media: PlayableMedia, video: PlayableStream?, audio: PlayableStream?
    ) -> Set<TranscodeReason> {
        let type: MediaProfileType = video == nil ? .audio : .video
        let candidates = profile.directPlayProfiles.filter { $0.type == type }
        var best: Set<TranscodeReason>?
        for candidate in candidates {
            var failures = Set<TranscodeReason>()
            if !candidate.container.allowsAny(of: media.containerNames) { failures.insert(.containerNotSupported) }
            if let video, !list(candidate.videoCodec, allows: video.codec) { failures.insert(.videoCodecNotSupported) }
            if let audio, !list(candidate.audioCodec, allows: audio.codec) { failures.insert(.audioCodecNotSupported) }
            if failures.isEmpty { return [] }
            if best == nil || failures.count < best!.count { best = failures }
        }
        return best ?? [.containerNotSupported]
    }

    /// The reasons from codec profiles of `kind` that apply to `codec` in this container and whose
    /// conditions fail.
    static func conditionFailures(
        _ profiles: [CodecProfile], kind: CodecProfile.Kind, codec: String, media: PlayableMedia, subject: ProfileCondition.Subject
    ) -> Set<TranscodeReason> {
        var failures = Set<TranscodeReason>()
        for codecProfile in profiles where codecProfile.type == kind {
            guard list(codecProfile.codec, allows: codec), codecProfile.container.allowsAny(of: media.containerNames) else { continue }
            guard codecProfile.applyConditions.allSatisfy({ $0.isSatisfied(by: subject) }) else { continue }
            for condition in codecProfile.conditions where !condition.isSatisfied(by: subject) {
                if let reason = ProfileCondition.reason(forProperty: condition.property) { failures.insert(reason) }
            }
        }
        return failures
    }

    /// Failed `LessThanEqual` limits on a property, the tightest first: caps for scaling.
    static func upperLimit(_ profiles: [CodecProfile], property: String, codec: String) -> Int? {
        profiles.filter { $0.type == .video && list($0.codec, allows: codec) }
            .flatMap(\.conditions)
            .filter { $0.condition == .lessThanEqual && $0.property.lowercased() == property.lowercased() }
            .compactMap { $0.value.flatMap { Int($0) } }
            .min()
    }

    /// How `subtitle` can reach the client. Direct play may leave it embedded when the client
    /// reads that format from the container; a sidecar of the exact format, or any text subtitle
    /// converted to a text format the client takes, goes External/Hls; anything else is burned in.
    public static func subtitleDelivery(for subtitle: PlayableStream, profile: DeviceProfile, directPlay: Bool) -> SubtitleDeliveryMethod {
        let format = SubtitleProfile.formatName(forCodec: subtitle.codec)
        if directPlay, !subtitle.isExternal,
            profile.subtitleProfiles.contains(where: { $0.method == .embed && $0.format == format })
        {
            return .embed
        }
        let separate = profile.subtitleProfiles.filter { $0.method == .external || $0.method == .hls || $0.method == .drop }
        if let exact = separate.first(where: { $0.format == format }), let method = exact.method { return method }
        if subtitle.isText, let converted = separate.first(where: { SubtitleProfile.convertibleTextFormats.contains($0.format) && $0.method != .drop }),
            let method = converted.method
        {
            return method
        }
        return .encode
    }
}
