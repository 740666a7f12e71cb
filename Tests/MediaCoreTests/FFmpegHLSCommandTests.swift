import MediaCore
import Testing

struct FFmpegHLSCommandTests {
    static func plan(_ media: PlayableMedia, _ options: PlaybackOptions = PlaybackOptions()) -> TranscodePlan {
        guard case .transcode(let plan) = PlaybackDecision.decide(media: media, profile: nil, options: options) else {
            fatalError("expected a transcode")
        }
        return plan
    }

    /// The value following `flag`, if present.
    static func value(_ args: [String], _ flag: String) -> String? {
        guard let index = args.firstIndex(of: flag), index + 1 < args.count else { return nil }
        return args[index + 1]
    }

    @Test func remuxFromSegmentFive() {
        let media = Fixtures.h264AC3MKV
        let args = FFmpegHLSCommand(inputPath: "/media/Movie.mkv", media: media, plan: Self.plan(media), outputDirectory: "/tmp/tc",
                                    outputName: "abc", startSegment: 5).arguments
        #expect(args == [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-ss", "15", "-noautorotate", "-i", "file:/media/Movie.mkv",
            "-map_metadata", "-1", "-map_chapters", "-1", "-threads", "0",
            "-map", "0:v:0", "-map", "0:a:0", "-map", "-0:s", "-codec:v:0", "copy", "-bsf:v", "h264_mp4toannexb", "-start_at_zero",
            "-codec:a:0", "aac", "-ac", "2", "-ab", "192000",
            "-copyts", "-avoid_negative_ts", "disabled", "-max_muxing_queue_size", "2048", "-f", "hls", "-max_delay", "5000000",
            "-hls_time", "3", "-hls_segment_type", "mpegts", "-start_number", "5", "-hls_segment_filename", "/tmp/tc/abc%d.ts",
            "-hls_playlist_type", "vod", "-hls_list_size", "0", "-y", "/tmp/tc/abc.m3u8",
        ])
    }

    @Test func encodeWithLibx264() {
        let media = Fixtures.hevcAC3MKV
        let args = FFmpegHLSCommand(inputPath: "/m/a.mkv", media: media, plan: Self.plan(media, PlaybackOptions(maxHeight: 720)),
                                    outputDirectory: "/t", outputName: "x", startSegment: 2).arguments
        #expect(Self.value(args, "-codec:v:0") == "libx264")
        #expect(Self.value(args, "-preset") == "veryfast" && Self.value(args, "-crf") == "23")
        #expect(Self.value(args, "-maxrate") == "13333333" && Self.value(args, "-bufsize") == "26666666")
        #expect(Self.value(args, "-profile:v:0") == "high" && Self.value(args, "-level") == "41" && Self.value(args, "-pix_fmt") == "yuv420p")
        #expect(Self.value(args, "-force_key_frames:0") == "expr:gte(t,6+n_forced*3)")
        #expect(Self.value(args, "-sc_threshold:v:0") == "0")
        #expect(Self.value(args, "-vf") == "scale=1280:720")
        #expect(Self.value(args, "-ss") == "6" && Self.value(args, "-start_number") == "2")
    }

    @Test func fmp4Output() {
        var plan = Self.plan(Fixtures.hevcAC3MKV)
        plan.segmentContainer = "mp4"
        let args = FFmpegHLSCommand(inputPath: "/m/a.mkv", media: Fixtures.hevcAC3MKV, plan: plan, outputDirectory: "/t/", outputName: "x").arguments
        #expect(Self.value(args, "-hls_segment_type") == "fmp4")
        #expect(Self.value(args, "-hls_fmp4_init_filename") == "x-1.mp4")
        #expect(Self.value(args, "-hls_segment_filename") == "/t/x%d.mp4")
        #expect(Self.value(args, "-force_key_frames:0") == "expr:gte(t,n_forced*3)")
        #expect(!args.contains("-ss"))
    }

    @Test func imageSubtitleBurnInUsesOverlay() {
        let pgs = PlayableStream(index: 5, codec: "PGSSUB")
        let media = Fixtures.media("mkv", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")],
                                   subtitles: [PlayableStream(index: 4, codec: "subrip"), pgs])
        let args = FFmpegHLSCommand(inputPath: "/m/a.mkv", media: media, plan: Self.plan(media, PlaybackOptions(subtitleStreamIndex: 5)),
                                    outputDirectory: "/t", outputName: "x").arguments
        #expect(Self.value(args, "-filter_complex") == "[0:v:0][0:s:1]overlay=eof_action=pass:repeatlast=0[vout]")
        #expect(Self.value(args, "-map") == "[vout]")
        #expect(!args.contains("-vf"))
        #expect(Self.value(args, "-codec:a:0") == "copy")
    }

    @Test(arguments: [
        ("/media/Film: Part 1/it's [2020], a; b.mkv", #"subtitles=filename=/media/Film\\: Part 1/it\\\'s \[2020\]\, a\; b.mkv:si=0"#),
        ("/m/Ünïcødé 映画.mkv", "subtitles=filename=/m/Ünïcødé 映画.mkv:si=0"),
        (#"C:\films\a.mkv"#, #"subtitles=filename=C\\:\\\\films\\\\a.mkv:si=0"#),
    ])
    func textSubtitleBurnInEscapesPath(_ path: String, _ expected: String) {
        let media = Fixtures.media("mkv", video: Fixtures.video("h264"), audio: [Fixtures.audio("aac")], subtitles: [PlayableStream(index: 2, codec: "ass")])
        let args = FFmpegHLSCommand(inputPath: path, media: media, plan: Self.plan(media, PlaybackOptions(subtitleStreamIndex: 2, alwaysBurnInSubtitleWhenTranscoding: true)),
                                    outputDirectory: "/t", outputName: "x").arguments
        #expect(Self.value(args, "-vf") == expected)
        #expect(Self.value(args, "-i") == "file:" + path)
    }

    @Test func percentInOutputNamesIsEscapedInPatternOnly() {
        let media = Fixtures.h264AC3MKV
        let args = FFmpegHLSCommand(inputPath: "/m/a.mkv", media: media, plan: Self.plan(media), outputDirectory: "/t/100%", outputName: "n%d").arguments
        #expect(Self.value(args, "-hls_segment_filename") == "/t/100%%/n%%d%d.ts")
        #expect(args.last == "/t/100%/n%d.m3u8")
    }

    @Test(arguments: [
        (HardwareAcceleration.vaapi(device: "/dev/dri/renderD128"), Set(["libx264", "h264_vaapi"]), "h264_vaapi",
         ["-init_hw_device", "vaapi=va:/dev/dri/renderD128"], "format=nv12,hwupload"),
        (.qsv(device: "/dev/dri/renderD129"), Set(["h264_qsv"]), "h264_qsv", ["-init_hw_device", "qsv=qs@va"], "format=nv12,hwupload=extra_hw_frames=64,format=qsv"),
        (.nvenc(deviceIndex: 1), Set(["h264_nvenc"]), "h264_nvenc", ["-init_hw_device", "cuda=cu:1"], nil),
        (.nvenc(deviceIndex: 0), Set(["libx264"]), "libx264", [], nil),
        (.vaapi(device: "/dev/dri/renderD128"), Set<String>(), "libx264", [], nil),
    ] as [(HardwareAcceleration, Set<String>, String, [String], String?)])
    func hardwareEncoders(_ hardware: HardwareAcceleration, _ encoders: Set<String>, _ encoder: String, _ initArgs: [String], _ filters: String?) {
        let media = Fixtures.hevcAC3MKV
        let command = FFmpegHLSCommand(inputPath: "/m/a.mkv", media: media, plan: Self.plan(media), outputDirectory: "/t", outputName: "x",
                                       hardware: hardware, availableEncoders: encoders)
        let args = command.arguments
        #expect(command.videoEncoder == encoder)
        #expect(Self.value(args, "-codec:v:0") == encoder)
        if initArgs.isEmpty { #expect(!args.contains("-init_hw_device")) }
        else { #expect(args.indices.contains { Array(args[$0..<min($0 + initArgs.count, args.count)]) == initArgs }) }
        #expect(Self.value(args, "-vf") == filters)
        #expect(args.firstIndex(of: "-i")! > (args.firstIndex(of: "-init_hw_device") ?? 0))
        if encoder.hasSuffix("qsv") || encoder.hasSuffix("nvenc") { #expect(Self.value(args, "-g:v:0") == "72") }
    }

    @Test func parsesEncoderList() {
        let output = """
        Encoders:
         V..... = Video
         A..... = Audio
         S..... = Subtitle
         .F.... = Frame-level multithreading
         ------
         V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
         V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
         V..... h264_vaapi           H.264/AVC (VAAPI) (codec h264)
         A....D aac                  AAC (Advanced Audio Coding)
         S..... webvtt               WebVTT subtitle
        """
        #expect(FFmpegCapabilities.parse(encodersOutput: output).encoders == ["libx264", "h264_nvenc", "h264_vaapi", "aac", "webvtt"])
    }

    @Test(arguments: [
        (["renderD129", "renderD128", "card0"], [String: String](), false,
         [HardwareAcceleration.vaapi(device: "/dev/dri/renderD128"), .qsv(device: "/dev/dri/renderD128"), .vaapi(device: "/dev/dri/renderD129"), .qsv(device: "/dev/dri/renderD129")]),
        (["/dev/dri/renderD128"], ["renderD128": "0x1002"], true, [.vaapi(device: "/dev/dri/renderD128"), .nvenc(deviceIndex: 0)]),
        (["renderD128"], ["renderD128": "0x10de"], true, [.nvenc(deviceIndex: 0)]),
        ([], [:], false, []),
    ] as [([String], [String: String], Bool, [HardwareAcceleration])])
    func detectsDevices(_ nodes: [String], _ vendors: [String: String], _ nvidia: Bool, _ expected: [HardwareAcceleration]) {
        #expect(HardwareAcceleration.detectableDevices(renderNodes: nodes, vendorIDs: vendors, nvidiaSMIPresent: nvidia) == expected)
    }
}
