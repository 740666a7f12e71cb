import MediaCore
import Testing

struct HLSPlaylistTests {
    static func durations(_ playlist: String) -> [String] {
        playlist.split(separator: "\n").filter { $0.hasPrefix("#EXTINF:") }.map { String($0.dropFirst(8).dropLast()) }
    }

    @Test func tenSecondsAtThreeSecondSegments() {
        let text = HLSPlaylist.vod(runtimeTicks: 100_000_000, segmentLength: 3, segmentContainer: "ts") { "hls1/main/\($0.index).ts" }
        #expect(text == """
        #EXTM3U
        #EXT-X-PLAYLIST-TYPE:VOD
        #EXT-X-VERSION:3
        #EXT-X-TARGETDURATION:3
        #EXT-X-MEDIA-SEQUENCE:0
        #EXTINF:3.000000,
        hls1/main/0.ts
        #EXTINF:3.000000,
        hls1/main/1.ts
        #EXTINF:3.000000,
        hls1/main/2.ts
        #EXTINF:1.000000,
        hls1/main/3.ts
        #EXT-X-ENDLIST

        """)
    }

    @Test(arguments: [
        (Int64(100_000_000), 3, ["3.000000", "3.000000", "3.000000", "1.000000"]),
        (Int64(90_000_000), 3, ["3.000000", "3.000000", "3.000000"]),
        (Int64(612_345_678), 6, Array(repeating: "6.000000", count: 10) + ["1.234568"]),
        (Int64(5_000_000), 3, ["0.500000"]),
        (Int64(0), 3, ["0.000000"]),
    ])
    func equalSegments(_ runtime: Int64, _ length: Int, _ expected: [String]) {
        #expect(Self.durations(HLSPlaylist.vod(runtimeTicks: runtime, segmentLength: length, segmentContainer: "ts") { "\($0.index).ts" }) == expected)
    }

    @Test func fmp4HasInitMapAndVersion7() {
        let text = HLSPlaylist.vod(runtimeTicks: 70_000_000, segmentLength: 6, segmentContainer: "mp4") { "hls1/main/\($0.index).mp4?runtimeTicks=\($0.startTicks)" }
        #expect(text.contains("#EXT-X-VERSION:7\n"))
        #expect(text.contains("#EXT-X-MAP:URI=\"hls1/main/-1.mp4?runtimeTicks=0\"\n#EXTINF:6.000000,"))
        #expect(text.contains("#EXT-X-TARGETDURATION:6\n"))
        #expect(Self.durations(text) == ["6.000000", "1.000000"])
    }

    static let keyframes: [Int64] = [0, 1, 2, 3.5, 10, 10.5, 11, 14].map { Int64($0 * 10_000_000) }

    @Test(arguments: [
        // ffmpeg 5.1 cut this exact keyframe layout (stream copy, -hls_time 3) into 3.5, 6.5, 0.5, 3.5, 2.
        (keyframes, Int64(160_000_000), 3, ["3.500000", "6.500000", "0.500000", "3.500000", "2.000000"], 7),
        ((0..<10).map { Int64($0) * 20_000_000 }, Int64(200_000_000), 3,
         ["4.000000", "2.000000", "4.000000", "2.000000", "4.000000", "2.000000", "2.000000"], 4),
        ([Int64(0), 30_000_000, 60_000_000], Int64(75_000_000), 3, ["3.000000", "3.000000", "1.500000"], 3),
        ([], Int64(75_000_000), 3, ["7.500000"], 8),
    ])
    func keyframeSegments(_ keyframes: [Int64], _ runtime: Int64, _ length: Int, _ expected: [String], _ target: Int) {
        let text = HLSPlaylist.vod(runtimeTicks: runtime, segmentLength: length, keyframeTicks: keyframes, segmentContainer: "ts") { "\($0.index).ts" }
        #expect(Self.durations(text) == expected)
        #expect(text.contains("#EXT-X-TARGETDURATION:\(target)\n"))
    }

    @Test(arguments: [(0.0, 0), (2.999, 0), (3.0, 0), (3.5, 1), (9.5, 1), (10.2, 2), (10.5, 3), (15.0, 4), (500.0, 4), (-1.0, 0)])
    func keyframeSegmentLookup(_ seconds: Double, _ index: Int) {
        let map = HLSSegmentMap(runtimeTicks: 160_000_000, segmentLength: 3, keyframeTicks: Self.keyframes)
        #expect(map.segmentIndex(forSeconds: seconds) == index)
        #expect(map.startSeconds(ofSegment: index) <= max(seconds, 0))
    }

    @Test(arguments: [0, 1, 5, 33])
    func equalSegmentLookupRoundTrips(_ index: Int) {
        let map = HLSSegmentMap(runtimeTicks: 1_000_000_000, segmentLength: 3)
        #expect(map.startSeconds(ofSegment: index) == Double(index * 3))
        #expect(map.segmentIndex(forSeconds: map.startSeconds(ofSegment: index)) == index)
        #expect(map.segmentIndex(forSeconds: map.startSeconds(ofSegment: index) + 2.9) == index)
    }

    @Test(arguments: [
        ("h264", "High", 40.0, "avc1.640028"), ("h264", "High", 4.1, "avc1.640029"), ("h264", "Main", 31.0, "avc1.4D401F"),
        ("h264", "Constrained Baseline", 30.0, "avc1.42E01E"), ("hevc", "Main", 120.0, "hvc1.1.4.L120.B0"),
        ("hevc", "Main 10", 5.1, "hvc1.2.4.L153.B0"),
    ])
    func videoCodecStrings(_ codec: String, _ profile: String, _ level: Double, _ expected: String) {
        #expect(HLSCodecString.video(codec: codec, profile: profile, level: level) == expected)
    }

    @Test(arguments: [("aac", "mp4a.40.2"), ("ac3", "ac-3"), ("eac3", "ec-3"), ("mp3", "mp4a.40.34"), ("flac", "fLaC")])
    func audioCodecStrings(_ codec: String, _ expected: String) {
        #expect(HLSCodecString.audio(codec: codec) == expected)
    }

    @Test func masterForRemux() throws {
        guard case .transcode(let plan) = PlaybackDecision.decide(media: Fixtures.h264AC3MKV, profile: nil) else { Issue.record("no plan"); return }
        let text = HLSPlaylist.master(plan: plan, media: Fixtures.h264AC3MKV, uri: "main.m3u8?VideoCodec=h264&AudioCodec=aac")
        #expect(text == """
        #EXTM3U
        #EXT-X-STREAM-INF:BANDWIDTH=8192000,AVERAGE-BANDWIDTH=8192000,VIDEO-RANGE=SDR,CODECS="avc1.640029,mp4a.40.2",RESOLUTION=1920x1080,FRAME-RATE=23.976
        main.m3u8?VideoCodec=h264&AudioCodec=aac

        """)
    }

    @Test func masterForScaledEncode() throws {
        let media = Fixtures.hevcAC3MKV
        guard case .transcode(let plan) = PlaybackDecision.decide(media: media, profile: nil, options: PlaybackOptions(maxWidth: 1280)) else {
            Issue.record("no plan"); return
        }
        let text = HLSPlaylist.master(plan: plan, media: media, uri: "main.m3u8")
        #expect(text.contains(#"CODECS="avc1.640029,mp4a.40.2",RESOLUTION=1280x720"#))
        #expect(!text.contains("VIDEO-RANGE"))
    }
}
