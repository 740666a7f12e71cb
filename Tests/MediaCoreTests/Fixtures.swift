import MediaCore

enum Fixtures {
    static func video(_ codec: String, profile: String = "High", level: Double = 41, width: Int = 1920, height: Int = 1080, bitDepth: Int = 8,
                      range: String = "SDR", interlaced: Bool = false, bitrate: Int? = 8_000_000) -> PlayableStream {
        PlayableStream(index: 0, codec: codec, profile: profile, level: level, width: width, height: height, bitDepth: bitDepth,
                       frameRate: 23.976, bitrate: bitrate, isDefault: true, videoRangeType: range, isInterlaced: interlaced)
    }

    static func audio(_ codec: String, index: Int = 1, channels: Int = 2, isDefault: Bool = true, bitrate: Int = 384_000) -> PlayableStream {
        PlayableStream(index: index, codec: codec, bitrate: bitrate, channels: channels, language: "eng", isDefault: isDefault)
    }

    static func media(_ container: String, video: PlayableStream?, audio: [PlayableStream], subtitles: [PlayableStream] = [],
                      bitrate: Int = 9_000_000, runtimeSeconds: Int64 = 600) -> PlayableMedia {
        PlayableMedia(container: container, runtimeTicks: runtimeSeconds * 10_000_000, bitrate: bitrate,
                      videoStreams: video.map { [$0] } ?? [], audioStreams: audio, subtitleStreams: subtitles)
    }

    static let h264AAC = media("mp4", video: video("h264"), audio: [audio("aac")])
    static let h264AC3MKV = media("mkv", video: video("h264"), audio: [audio("ac3", channels: 6)])
    static let hevcAC3MKV = media("mkv", video: video("hevc", profile: "Main 10", level: 150, bitDepth: 10), audio: [audio("ac3", channels: 6)])
}
