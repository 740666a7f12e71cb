import Foundation

extension ProfileCondition {
    /// A property's value on a stream, as conditions compare it.
    public enum Value: Sendable, Hashable {
        case number(Double)
        case text(String)
        case flag(Bool)
    }

    /// The facts a condition can ask about: the stream under test plus what it is played with.
    public struct Subject: Sendable {
        public var video: PlayableStream?
        public var audio: PlayableStream?
        public var isSecondaryAudio: Bool

        public init(video: PlayableStream? = nil, audio: PlayableStream? = nil, isSecondaryAudio: Bool = false) {
            self.video = video
            self.audio = audio
            self.isSecondaryAudio = isSecondaryAudio
        }

        /// The value of a Jellyfin `ProfileConditionValue`; nil when unknown or unsupported.
        public func value(of property: String) -> Value? {
            switch property.lowercased() {
            case "width": video?.width.map { .number(Double($0)) }
            case "height": video?.height.map { .number(Double($0)) }
            case "videobitdepth": video?.bitDepth.map { .number(Double($0)) }
            case "videolevel": video?.normalizedLevel.map { .number(Double($0)) }
            case "videoprofile": video?.profile.map { .text($0) }
            case "videorangetype": video.map { .text($0.videoRangeType ?? "SDR") }
            case "isinterlaced": video.map { .flag($0.isInterlaced) }
            case "refframes": video?.refFrames.map { .number(Double($0)) }
            case "videoframerate": video?.frameRate.map { .number($0) }
            case "videobitrate": video?.bitrate.map { .number(Double($0)) }
            case "audiochannels": audio?.channels.map { .number(Double($0)) }
            case "audioprofile": audio?.profile.map { .text($0) }
            case "audiobitrate": audio?.bitrate.map { .number(Double($0)) }
            case "issecondaryaudio": audio.map { _ in .flag(isSecondaryAudio) }
            default: nil
            }
        }
    }

    /// Whether `subject` satisfies this condition. Unknown comparisons and properties pass (they
    /// cannot be checked); an unknown value fails only when the condition `IsRequired`.
    public func isSatisfied(by subject: Subject) -> Bool {
        guard let condition, Self.reason(forProperty: property) != nil || property.lowercased() == "issecondaryaudio" else { return true }
        guard let actual = subject.value(of: property) else { return !isRequired }
        let expected = (value ?? "").trimmingCharacters(in: .whitespaces)
        switch condition {
        case .equals: return Self.matches(actual, expected)
        case .notEquals: return !Self.matches(actual, expected)
        case .equalsAny: return expected.split(separator: "|").contains { Self.matches(actual, String($0).trimmingCharacters(in: .whitespaces)) }
        case .lessThanEqual, .greaterThanEqual:
            guard case .number(let number) = actual, let limit = Double(expected) else { return true }
            return condition == .lessThanEqual ? number <= limit : number >= limit
        }
    }

    static func matches(_ actual: Value, _ expected: String) -> Bool {
        switch actual {
        case .number(let number): if let other = Double(expected) { number == other } else { false }
        case .text(let text): text.lowercased() == expected.lowercased()
        case .flag(let flag): if let other = Bool(expected.lowercased()) { flag == other } else { false }
        }
    }

    /// The transcode reason a failed condition on `property` gives.
    public static func reason(forProperty property: String) -> TranscodeReason? {
        switch property.lowercased() {
        case "width", "height": .videoResolutionNotSupported
        case "videobitdepth": .videoBitDepthNotSupported
        case "videolevel": .videoLevelNotSupported
        case "videoprofile": .videoProfileNotSupported
        case "videorangetype": .videoRangeTypeNotSupported
        case "isinterlaced": .interlacedVideoNotSupported
        case "refframes": .refFramesNotSupported
        case "videoframerate": .videoFramerateNotSupported
        case "videobitrate": .videoBitrateNotSupported
        case "isanamorphic": .anamorphicVideoNotSupported
        case "audiochannels": .audioChannelsNotSupported
        case "audioprofile": .audioProfileNotSupported
        case "audiobitrate": .audioBitrateNotSupported
        case "issecondaryaudio": .secondaryAudioNotSupported
        default: nil
        }
    }
}
