import Foundation
import MediaCore
import Testing

struct DeviceProfileTests {
    static let pascal = """
    {"Name":"Chrome","MaxStreamingBitrate":"120000000","MaxStaticBitrate":100000000,"Unknown":{"x":[1,2]},
     "DirectPlayProfiles":[{"Container":"webm","Type":"Video","VideoCodec":"vp8,vp9,av1","AudioCodec":"vorbis,opus"},
                           {"Container":"mp4,m4v","Type":"Video","VideoCodec":"h264,hevc","AudioCodec":"aac,mp3"}, 42],
     "TranscodingProfiles":[{"Container":"ts","Type":"Video","AudioCodec":"aac,mp3","VideoCodec":"h264","Context":"Streaming",
       "Protocol":"hls","MaxAudioChannels":"2","MinSegments":"1","BreakOnNonKeyFrames":true,"SegmentLength":6}],
     "CodecProfiles":[{"Type":"Video","Codec":"h264","Conditions":[{"Condition":"LessThanEqual","Property":"VideoLevel","Value":"52","IsRequired":false},
       {"Condition":"Bogus","Property":"Width","Value":"1"}],"ApplyConditions":[]}],
     "SubtitleProfiles":[{"Format":"vtt","Method":"External"},{"Format":"pgssub","Method":"Encode"}]}
    """

    static let camel = """
    {"maxStreamingBitrate":8000000,"directPlayProfiles":[{"container":"mp4","type":"video","videoCodec":"h264","audioCodec":"aac"}],
     "transcodingProfiles":[{"container":"mp4","type":"Video","protocol":"hls","videoCodec":"h264","audioCodec":"aac"}],
     "subtitleProfiles":[{"format":"srt","method":"external"}]}
    """

    @Test func decodesPascalCaseWithStringsAndUnknownKeys() throws {
        let profile = try JSONDecoder().decode(DeviceProfile.self, from: Data(Self.pascal.utf8))
        #expect(profile.maxStreamingBitrate == 120_000_000)
        #expect(profile.maxStaticBitrate == 100_000_000)
        #expect(profile.directPlayProfiles.count == 2)
        #expect(profile.directPlayProfiles[1].container.names == ["mp4", "m4v"])
        let transcoding = try #require(profile.transcodingProfiles.first)
        #expect(transcoding.maxAudioChannels == 2 && transcoding.minSegments == 1 && transcoding.segmentLength == 6)
        #expect(transcoding.breakOnNonKeyFrames && transcoding.isHLSVideoStreaming && transcoding.segmentContainer == "ts")
        #expect(profile.codecProfiles.first?.conditions.count == 2)
        #expect(profile.codecProfiles.first?.conditions[1].condition == nil)
        #expect(profile.subtitleProfiles.map(\.method) == [.external, .encode])
    }

    @Test func decodesCamelCase() throws {
        let profile = try JSONDecoder().decode(DeviceProfile.self, from: Data(Self.camel.utf8))
        #expect(profile.maxStreamingBitrate == 8_000_000)
        #expect(profile.directPlayProfiles.first?.type == .video)
        #expect(profile.transcodingProfiles.first?.segmentContainer == "mp4")
        #expect(profile.subtitleProfiles.first == SubtitleProfile(format: "srt", method: .external))
    }

    @Test(arguments: ["{}", #"{"DirectPlayProfiles":null,"MaxStreamingBitrate":"abc"}"#, #"{"CodecProfiles":{"not":"a list"}}"#])
    func toleratesMissingAndMalformed(_ json: String) throws {
        let profile = try JSONDecoder().decode(DeviceProfile.self, from: Data(json.utf8))
        #expect(profile.directPlayProfiles.isEmpty && profile.codecProfiles.isEmpty && profile.maxStreamingBitrate == nil)
    }

    @Test func defaultBrowserLeavesMKVOut() {
        let profile = DeviceProfile.defaultBrowser
        #expect(!profile.directPlayProfiles.contains { $0.type == .video && $0.container.allows("mkv") })
        #expect(profile.transcodingProfiles.first { $0.isHLSVideoStreaming }?.videoCodec.names == ["h264"])
        #expect(profile.subtitleProfiles.contains(SubtitleProfile(format: "vtt", method: .external)))
    }

    static let reasonCases: [(Set<TranscodeReason>, String)] = [
        (Set<TranscodeReason>([.audioCodecNotSupported, .videoCodecNotSupported, .containerNotSupported]),
         "ContainerNotSupported,VideoCodecNotSupported,AudioCodecNotSupported"),
        ([.containerBitrateExceedsLimit, .subtitleCodecNotSupported], "SubtitleCodecNotSupported,ContainerBitrateExceedsLimit"),
        ([.videoRangeTypeNotSupported, .videoLevelNotSupported], "VideoLevelNotSupported,VideoRangeTypeNotSupported"),
        ([], ""),
    ]

    @Test(arguments: reasonCases)
    func reasonsSerialiseInFlagOrder(_ reasons: Set<TranscodeReason>, _ expected: String) {
        #expect(TranscodeReason.serialize(reasons) == expected)
        #expect(TranscodeReason.parse(expected) == reasons)
    }
}
