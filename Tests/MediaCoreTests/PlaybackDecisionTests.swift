import MediaCore
import Testing

struct PlaybackDecisionTests {
    static func plan(_ decision: PlaybackDecision) -> TranscodePlan? {
        if case .transcode(let plan) = decision { return plan }
        return nil
    }

    @Test func pythonClientWithoutProfileUsesDefaultBrowser() {
        let withNil = PlaybackDecision.decide(media: Fixtures.h264AC3MKV, profile: nil)
        let withDefault = PlaybackDecision.decide(media: Fixtures.h264AC3MKV, profile: .defaultBrowser)
        #expect(withNil == withDefault)
        #expect(PlaybackDecision.decide(media: Fixtures.h264AAC, profile: nil) == .directPlay(DirectPlayPlan(audioStreamIndex: 1)))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var media: PlayableMedia
        var options = PlaybackOptions()
        var directPlay = false
        var copyVideo = false
        var copyAudio = false
        var burnIn: Int?
        var reasons: String = ""
        var testDescription: String { name }
    }

    static let pgs = PlayableStream(index: 2, codec: "PGSSUB", language: "eng")
    static let srt = PlayableStream(index: 3, codec: "subrip", language: "eng")
    static let sidecar = PlayableStream(index: 4, codec: "subrip", isExternal: true, path: "/m/Movie.en.srt")

    static let cases: [Case] = [
        Case(name: "H.264/AAC MP4 direct play", media: Fixtures.h264AAC, directPlay: true),
        Case(name: "H.264/AC-3 MKV remux, audio to AAC", media: Fixtures.h264AC3MKV, copyVideo: true,
             reasons: "ContainerNotSupported,AudioCodecNotSupported"),
        Case(name: "HEVC/AC-3 MKV full transcode", media: Fixtures.hevcAC3MKV,
             reasons: "ContainerNotSupported,VideoCodecNotSupported,AudioCodecNotSupported"),
        Case(name: "H.264/AAC MKV remux copies both", media: Fixtures.media("mkv", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")]),
             copyVideo: true, copyAudio: true, reasons: "ContainerNotSupported"),
        Case(name: "PGS chosen burns in", media: Fixtures.media("mp4", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")], subtitles: [pgs]),
             options: PlaybackOptions(subtitleStreamIndex: 2), copyAudio: true, burnIn: 2, reasons: "SubtitleCodecNotSupported"),
        Case(name: "SRT chosen stays direct", media: Fixtures.media("mp4", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")], subtitles: [srt]),
             options: PlaybackOptions(subtitleStreamIndex: 3), directPlay: true),
        Case(name: "sidecar SRT stays direct", media: Fixtures.media("mp4", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")], subtitles: [sidecar]),
             options: PlaybackOptions(subtitleStreamIndex: 4), directPlay: true),
        Case(name: "PGS present but off", media: Fixtures.media("mp4", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")], subtitles: [pgs]),
             options: PlaybackOptions(subtitleStreamIndex: -1), directPlay: true),
        Case(name: "bitrate over limit", media: Fixtures.media("mp4", video: Fixtures.video("h264", bitrate: 30_000_000), audio: [Fixtures.audio("aac")], bitrate: 30_400_000),
             options: PlaybackOptions(maxStreamingBitrate: 10_000_000), copyAudio: true, reasons: "ContainerBitrateExceedsLimit"),
        Case(name: "H.264 level too high", media: Fixtures.media("mp4", video: Fixtures.video("h264", level: 5.3), audio: [Fixtures.audio("aac")]),
             copyAudio: true, reasons: "VideoLevelNotSupported"),
        Case(name: "H.264 High 10", media: Fixtures.media("mp4", video: Fixtures.video("h264", profile: "High 10", bitDepth: 10), audio: [Fixtures.audio("aac")]),
             copyAudio: true, reasons: "VideoProfileNotSupported,VideoBitDepthNotSupported"),
        Case(name: "interlaced H.264", media: Fixtures.media("mp4", video: Fixtures.video("h264", interlaced: true), audio: [Fixtures.audio("aac")]),
             copyAudio: true, reasons: "InterlacedVideoNotSupported"),
        Case(name: "HDR10 VP9 WebM", media: Fixtures.media("webm", video: Fixtures.video("vp9", profile: "Profile 2", range: "DOVI"), audio: [Fixtures.audio("opus")]),
             reasons: "VideoRangeTypeNotSupported"),
        Case(name: "8 channel AAC in MP4", media: Fixtures.media("mp4", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac", channels: 8)]),
             copyVideo: true, reasons: "AudioChannelsNotSupported"),
        Case(name: "second audio track", media: Fixtures.media("mp4", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac"), Fixtures.audio("aac", index: 2, isDefault: false)]),
             options: PlaybackOptions(audioStreamIndex: 2), copyVideo: true, copyAudio: true, reasons: "SecondaryAudioNotSupported"),
        Case(name: "MPEG-2 in TS", media: Fixtures.media("ts", video: Fixtures.video("mpeg2video", profile: "Main", level: 8), audio: [Fixtures.audio("mp2")]),
             reasons: "ContainerNotSupported,VideoCodecNotSupported,AudioCodecNotSupported"),
        Case(name: "direct play disabled", media: Fixtures.h264AAC, options: PlaybackOptions(enableDirectPlay: false), copyVideo: true, copyAudio: true),
        Case(name: "video copy disallowed", media: Fixtures.h264AC3MKV, options: PlaybackOptions(allowVideoStreamCopy: false),
             reasons: "ContainerNotSupported,AudioCodecNotSupported"),
        Case(name: "always burn in text when transcoding", media: Fixtures.media("mkv", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")], subtitles: [srt]),
             options: PlaybackOptions(subtitleStreamIndex: 3, alwaysBurnInSubtitleWhenTranscoding: true), copyAudio: true, burnIn: 3,
             reasons: "ContainerNotSupported"),
    ]

    @Test(arguments: cases)
    func decides(_ test: Case) throws {
        let decision = PlaybackDecision.decide(media: test.media, profile: .defaultBrowser, options: test.options)
        if test.directPlay {
            guard case .directPlay = decision else { Issue.record("expected direct play, got \(decision)"); return }
            return
        }
        let plan = try #require(Self.plan(decision), "expected transcode, got \(decision)")
        #expect(plan.copyVideo == test.copyVideo)
        #expect(plan.copyAudio == test.copyAudio)
        #expect(plan.burnInSubtitleIndex == test.burnIn)
        #expect(plan.serializedReasons == test.reasons)
        #expect(plan.segmentContainer == "ts")
        if !plan.copyVideo { #expect(plan.videoCodec == "h264") }
        if !plan.copyAudio { #expect(plan.audioCodec == "aac" && plan.audioChannels == 2 && plan.audioBitrate == 192_000) }
    }

    @Test func remuxPlanDetails() throws {
        let plan = try #require(Self.plan(PlaybackDecision.decide(media: Fixtures.h264AC3MKV, profile: nil)))
        #expect(plan.videoCodec == "h264" && plan.audioCodec == "aac" && plan.videoStreamIndex == 0 && plan.audioStreamIndex == 1)
        #expect(plan.videoBitrate == 8_000_000 && plan.segmentLength == 3 && plan.breakOnNonKeyFrames)
        #expect(!plan.isRemux)
    }

    @Test func hevcBitrateScaledForH264AndCappedByLimit() throws {
        let plan = try #require(Self.plan(PlaybackDecision.decide(media: Fixtures.hevcAC3MKV, profile: nil)))
        #expect(plan.videoBitrate == 13_333_333)
        let capped = try #require(Self.plan(PlaybackDecision.decide(
            media: Fixtures.hevcAC3MKV, profile: nil, options: PlaybackOptions(maxStreamingBitrate: 4_000_000))))
        #expect(capped.videoBitrate == 4_000_000 - 192_000)
    }

    @Test func resolutionConditionSetsCaps() throws {
        var profile = DeviceProfile.defaultBrowser
        profile.codecProfiles.append(CodecProfile(type: .video, codec: "h264", conditions: [
            ProfileCondition(.lessThanEqual, "Width", "1280"), ProfileCondition(.lessThanEqual, "Height", "720"),
        ]))
        let plan = try #require(Self.plan(PlaybackDecision.decide(media: Fixtures.h264AAC, profile: profile)))
        #expect(plan.reasons == [.videoResolutionNotSupported] && !plan.copyVideo)
        #expect(plan.maxWidth == 1280 && plan.maxHeight == 720)
        #expect(plan.outputSize(sourceWidth: 1920, sourceHeight: 800)! == (1280, 532))
    }

    @Test func transcodingDisabledAllowsOnlyRemux() {
        let noTranscode = PlaybackOptions(enableTranscoding: false)
        let remuxable = Fixtures.media("mkv", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")])
        #expect(Self.plan(PlaybackDecision.decide(media: remuxable, profile: nil, options: noTranscode))?.isRemux == true)
        guard case .unplayable(.noCompatibleStream(let reasons)) = PlaybackDecision.decide(media: Fixtures.hevcAC3MKV, profile: nil, options: noTranscode) else {
            Issue.record("expected unplayable"); return
        }
        #expect(reasons.contains(.videoCodecNotSupported))
    }

    @Test func noTranscodingProfileIsUnplayable() {
        let profile = DeviceProfile(directPlayProfiles: [DirectPlayProfile(container: "mp4", audioCodec: "aac", videoCodec: "h264")])
        #expect(PlaybackDecision.decide(media: Fixtures.hevcAC3MKV, profile: profile)
            == .unplayable(.noCompatibleStream([.containerNotSupported, .videoCodecNotSupported, .audioCodecNotSupported])))
        #expect(PlaybackDecision.decide(media: PlayableMedia(container: "mkv"), profile: profile) == .unplayable(.noMediaStreams))
    }

    @Test func embeddedSubtitleForClientThatReadsContainer() {
        let profile = DeviceProfile(
            directPlayProfiles: [DirectPlayProfile(container: "mkv", audioCodec: "", videoCodec: "")],
            subtitleProfiles: [SubtitleProfile(format: "pgssub", method: .embed)])
        let media = Fixtures.media("mkv", video: Fixtures.video("hevc"), audio: [Fixtures.audio("truehd")], subtitles: [Self.pgs])
        #expect(PlaybackDecision.decide(media: media, profile: profile, options: PlaybackOptions(subtitleStreamIndex: 2))
            == .directPlay(DirectPlayPlan(audioStreamIndex: 1, subtitleStreamIndex: 2, subtitleDelivery: .embed)))
    }

    struct ConditionCase: Sendable {
        var condition: ProfileCondition
        var satisfied: Bool
    }

    static let stream = PlayableStream(index: 0, codec: "h264", profile: "High", level: 41, width: 1920, height: 1080, bitDepth: 8, refFrames: 4)
    static let conditionCases: [ConditionCase] = [
        .init(condition: .init(.lessThanEqual, "Width", "1920"), satisfied: true),
        .init(condition: .init(.lessThanEqual, "Height", "720"), satisfied: false),
        .init(condition: .init(.greaterThanEqual, "VideoBitDepth", "10"), satisfied: false),
        .init(condition: .init(.equals, "VideoProfile", "high"), satisfied: true),
        .init(condition: .init(.notEquals, "VideoProfile", "High"), satisfied: false),
        .init(condition: .init(.equalsAny, "VideoProfile", "main|high"), satisfied: true),
        .init(condition: .init(.equalsAny, "VideoRangeType", "HDR10|DOVI"), satisfied: false),
        .init(condition: .init(.lessThanEqual, "VideoLevel", "40"), satisfied: false),
        .init(condition: .init(.notEquals, "IsInterlaced", "true"), satisfied: true),
        .init(condition: .init(.lessThanEqual, "RefFrames", "4"), satisfied: true),
        .init(condition: .init(.lessThanEqual, "VideoFramerate", "30"), satisfied: true),
        .init(condition: .init(.lessThanEqual, "VideoFramerate", "30", isRequired: true), satisfied: false),
        .init(condition: .init(.equals, "SomethingNew", "1", isRequired: true), satisfied: true),
    ]

    @Test(arguments: conditionCases)
    func evaluatesConditions(_ test: ConditionCase) {
        #expect(test.condition.isSatisfied(by: .init(video: Self.stream)) == test.satisfied)
    }

    @Test(arguments: [(4.1, "h264", 41), (41.0, "h264", 41), (5.1, "hevc", 153), (150.0, "hevc", 150)])
    func normalisesLevels(_ level: Double, _ codec: String, _ expected: Int) {
        #expect(PlayableStream(index: 0, codec: codec, level: level).normalizedLevel == expected)
    }
}
