extension DeviceProfile {
    /// What a Chromium-based jellyfin-web session can play; used when a client sends no profile
    /// (jellyfin-apiclient-python sends none by default).
    ///
    /// Chromium's `<video>` plays H.264, VP8, VP9 and AV1 with AAC, MP3, Opus, FLAC and Vorbis in
    /// MP4 and WebM. Matroska is left out on purpose: Chromium opens some MKV files as WebM but
    /// not reliably (AC-3, subtitles, odd codec IDs), so MKV goes through an HLS remux instead.
    /// H.264 must be 8-bit SDR progressive (High 10 is not decoded by browsers); HLS output is
    /// MPEG-TS with H.264 and stereo AAC (hls.js); text subtitles are fetched as WebVTT (ASS/SSA
    /// raw, for the web client's renderer); image subtitles are burned in.
    public static let defaultBrowser = DeviceProfile(
        name: "Kinora default (Chromium web)",
        maxStreamingBitrate: 120_000_000,
        maxStaticBitrate: 100_000_000,
        directPlayProfiles: [
            DirectPlayProfile(container: "mp4,m4v", audioCodec: "aac,mp3,opus,flac,vorbis", videoCodec: "h264,vp8,vp9,av1", type: .video),
            DirectPlayProfile(container: "webm", audioCodec: "vorbis,opus", videoCodec: "vp8,vp9,av1", type: .video),
            DirectPlayProfile(container: "mp3", audioCodec: "mp3", type: .audio),
            DirectPlayProfile(container: "aac,m4a,m4b", audioCodec: "aac", type: .audio),
            DirectPlayProfile(container: "flac", audioCodec: "flac", type: .audio),
            DirectPlayProfile(container: "webma,webm,ogg,oga", audioCodec: "opus,vorbis", type: .audio),
            DirectPlayProfile(container: "wav", audioCodec: "", type: .audio),
        ],
        transcodingProfiles: [
            TranscodingProfile(
                container: "ts", type: .video, videoCodec: "h264", audioCodec: "aac,mp3", protocol: "hls", context: "Streaming",
                maxAudioChannels: 2, minSegments: 1, segmentLength: nil, breakOnNonKeyFrames: true),
            TranscodingProfile(
                container: "aac", type: .audio, videoCodec: "", audioCodec: "aac", protocol: "hls", context: "Streaming",
                maxAudioChannels: 2, minSegments: 1),
            TranscodingProfile(container: "mp3", type: .audio, videoCodec: "", audioCodec: "mp3", protocol: "http", context: "Static", maxAudioChannels: 2),
        ],
        codecProfiles: [
            CodecProfile(
                type: .video, codec: "h264",
                conditions: [
                    ProfileCondition(.notEquals, "IsAnamorphic", "true"),
                    ProfileCondition(.equalsAny, "VideoProfile", "high|main|baseline|constrained baseline"),
                    ProfileCondition(.equalsAny, "VideoRangeType", "SDR"),
                    ProfileCondition(.lessThanEqual, "VideoLevel", "52"),
                    ProfileCondition(.notEquals, "IsInterlaced", "true"),
                    ProfileCondition(.lessThanEqual, "VideoBitDepth", "8"),
                ]),
            CodecProfile(
                type: .video, codec: "vp9,av1",
                conditions: [ProfileCondition(.equalsAny, "VideoRangeType", "SDR|HDR10|HLG")]),
            CodecProfile(
                type: .videoAudio,
                conditions: [
                    ProfileCondition(.equals, "IsSecondaryAudio", "false"),
                    ProfileCondition(.lessThanEqual, "AudioChannels", "6"),
                ]),
        ],
        subtitleProfiles: [
            SubtitleProfile(format: "vtt", method: .external),
            SubtitleProfile(format: "ass", method: .external),
            SubtitleProfile(format: "ssa", method: .external),
            SubtitleProfile(format: "pgssub", method: .encode),
            SubtitleProfile(format: "dvdsub", method: .encode),
            SubtitleProfile(format: "dvbsub", method: .encode),
        ]
    )
}
