import Foundation

/// Why a stream cannot be played as it is, with Jellyfin's names. The raw value is Jellyfin's
/// flag bit, which fixes the order of the serialised list (Jellyfin lists set flags in ascending
/// bit order): `ContainerNotSupported,VideoCodecNotSupported,AudioCodecNotSupported`.
public enum TranscodeReason: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case containerNotSupported = 0
    case videoCodecNotSupported = 1
    case audioCodecNotSupported = 2
    case subtitleCodecNotSupported = 3
    case audioIsExternal = 4
    case secondaryAudioNotSupported = 5
    case videoProfileNotSupported = 6
    case videoLevelNotSupported = 7
    case videoResolutionNotSupported = 8
    case videoBitDepthNotSupported = 9
    case videoFramerateNotSupported = 10
    case refFramesNotSupported = 11
    case anamorphicVideoNotSupported = 12
    case interlacedVideoNotSupported = 13
    case audioChannelsNotSupported = 14
    case audioProfileNotSupported = 15
    case audioSampleRateNotSupported = 16
    case audioBitDepthNotSupported = 17
    case containerBitrateExceedsLimit = 18
    case videoBitrateNotSupported = 19
    case audioBitrateNotSupported = 20
    case unknownVideoStreamInfo = 21
    case unknownAudioStreamInfo = 22
    case directPlayError = 23
    case videoRangeTypeNotSupported = 24
    case videoCodecTagNotSupported = 25
    case streamCountExceedsLimit = 26
    case videoRotationNotSupported = 27

    /// Jellyfin's name, e.g. `VideoCodecNotSupported`.
    public var jellyfinName: String {
        switch self {
        case .containerNotSupported: "ContainerNotSupported"
        case .videoCodecNotSupported: "VideoCodecNotSupported"
        case .audioCodecNotSupported: "AudioCodecNotSupported"
        case .subtitleCodecNotSupported: "SubtitleCodecNotSupported"
        case .audioIsExternal: "AudioIsExternal"
        case .secondaryAudioNotSupported: "SecondaryAudioNotSupported"
        case .videoProfileNotSupported: "VideoProfileNotSupported"
        case .videoLevelNotSupported: "VideoLevelNotSupported"
        case .videoResolutionNotSupported: "VideoResolutionNotSupported"
        case .videoBitDepthNotSupported: "VideoBitDepthNotSupported"
        case .videoFramerateNotSupported: "VideoFramerateNotSupported"
        case .refFramesNotSupported: "RefFramesNotSupported"
        case .anamorphicVideoNotSupported: "AnamorphicVideoNotSupported"
        case .interlacedVideoNotSupported: "InterlacedVideoNotSupported"
        case .audioChannelsNotSupported: "AudioChannelsNotSupported"
        case .audioProfileNotSupported: "AudioProfileNotSupported"
        case .audioSampleRateNotSupported: "AudioSampleRateNotSupported"
        case .audioBitDepthNotSupported: "AudioBitDepthNotSupported"
        case .containerBitrateExceedsLimit: "ContainerBitrateExceedsLimit"
        case .videoBitrateNotSupported: "VideoBitrateNotSupported"
        case .audioBitrateNotSupported: "AudioBitrateNotSupported"
        case .unknownVideoStreamInfo: "UnknownVideoStreamInfo"
        case .unknownAudioStreamInfo: "UnknownAudioStreamInfo"
        case .directPlayError: "DirectPlayError"
        case .videoRangeTypeNotSupported: "VideoRangeTypeNotSupported"
        case .videoCodecTagNotSupported: "VideoCodecTagNotSupported"
        case .streamCountExceedsLimit: "StreamCountExceedsLimit"
        case .videoRotationNotSupported: "VideoRotationNotSupported"
        }
    }

    public var description: String { jellyfinName }

    public init?(jellyfinName: String) {
        let wanted = jellyfinName.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = Self.allCases.first(where: { $0.jellyfinName.lowercased() == wanted }) else { return nil }
        self = match
    }

    public static func < (lhs: TranscodeReason, rhs: TranscodeReason) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The `TranscodeReasons` value Jellyfin puts in URLs and `MediaSourceInfo`: names in flag order, comma-joined.
    public static func serialize(_ reasons: Set<TranscodeReason>) -> String {
        reasons.sorted().map(\.jellyfinName).joined(separator: ",")
    }

    /// Reads a serialised list back; unknown names are skipped.
    public static func parse(_ text: String) -> Set<TranscodeReason> {
        Set(text.split(separator: ",").compactMap { TranscodeReason(jellyfinName: String($0)) })
    }
}
