import Foundation

/// The ffmpeg argument list that turns a media file into HLS segments for a `TranscodePlan`,
/// laid out like Jellyfin's (input options, maps, video, audio, HLS muxer). Arguments are an
/// array for `Process`/`posix_spawn`: no shell, so paths need no quoting; only text embedded in
/// filter graphs is escaped (`FFmpegFilterEscaping`).
public struct FFmpegHLSCommand: Sendable {
    public var inputPath: String
    public var media: PlayableMedia
    public var plan: TranscodePlan
    /// Absolute directory the playlist and segments are written to.
    public var outputDirectory: String
    /// Base name of the playlist (`NAME.m3u8`), segments (`NAME%d.ts`) and init segment (`NAME-1.mp4`).
    public var outputName: String
    /// The segment ffmpeg starts at: input is sought to its start and numbering starts there.
    public var startSegment: Int
    /// Where segments start; nil means equal segments of `plan.segmentLength` over the runtime.
    public var segmentMap: HLSSegmentMap?
    public var hardware: HardwareAcceleration
    /// Encoders the installed ffmpeg has (`FFmpegCapabilities`); a hardware encoder missing from
    /// it falls back to libx264. Nil means "not probed": the hardware encoder is trusted.
    public var availableEncoders: Set<String>?
    public var threads: Int
    public var preset: String
    public var crf: Int

    /// The profile and level the H.264 encoders are asked for; the master playlist advertises them.
    public static let h264Profile = "high"
    public static let h264Level = 41

    public init(
        inputPath: String, media: PlayableMedia, plan: TranscodePlan, outputDirectory: String, outputName: String,
        startSegment: Int = 0, segmentMap: HLSSegmentMap? = nil, hardware: HardwareAcceleration = .none,
        availableEncoders: Set<String>? = nil, threads: Int = 0, preset: String = "veryfast", crf: Int = 23
    ) {
        self.inputPath = inputPath
        self.media = media
        self.plan = plan
        self.outputDirectory = outputDirectory
        self.outputName = outputName
        self.startSegment = startSegment
        self.segmentMap = segmentMap
        self.hardware = hardware
        self.availableEncoders = availableEncoders
        self.threads = threads
        self.preset = preset
        self.crf = crf
    }

    /// The hardware path actually used: `hardware` when its encoder is available, else `.none`.
    public var effectiveHardware: HardwareAcceleration {
        guard hardware != .none else { return .none }
        if let availableEncoders, !availableEncoders.contains(hardware.h264Encoder) { return .none }
        return hardware
    }

    /// The video encoder used when the plan encodes video.
    public var videoEncoder: String { effectiveHardware.h264Encoder }

    /// Seconds into the media where this run starts: the start of `startSegment`.
    public var startSeconds: Double {
        guard startSegment > 0 else { return 0 }
        if let segmentMap { return segmentMap.startSeconds(ofSegment: startSegment) }
        if let runtime = media.runtimeTicks, runtime > 0 {
            return HLSSegmentMap(runtimeTicks: runtime, segmentLength: plan.segmentLength).startSeconds(ofSegment: startSegment)
        }
        return Double(startSegment * plan.segmentLength)
    }

    public var video: PlayableStream? { plan.videoStreamIndex.flatMap { index in media.videoStreams.first { $0.index == index } } }
    public var audio: PlayableStream? { plan.audioStreamIndex.flatMap { index in media.audioStreams.first { $0.index == index } } }
    public var burnInSubtitle: PlayableStream? {
        plan.burnInSubtitleIndex.flatMap { index in media.subtitleStreams.first { $0.index == index } }
    }

    /// The playlist ffmpeg writes.
    public var playlistPath: String { join(outputDirectory, outputName + ".m3u8") }

    /// The complete argument list, without the `ffmpeg` program name.
    public var arguments: [String] {
        var inputs = Inputs()
        var args = ["-hide_banner", "-nostdin", "-loglevel", "error"]
        let encodeVideo = video != nil && !plan.copyVideo
        if encodeVideo { args += effectiveHardware.inputArguments }
        let start = startSeconds
        let seek = start > 0 ? ["-ss", Self.decimal(start)] : []
        args += seek + ["-noautorotate", "-i", "file:" + inputPath]
        if let audio, audio.isExternal, let path = audio.path {
            inputs.audio = inputs.add()
            args += seek + ["-i", "file:" + path]
        }
        if let subtitle = burnInSubtitle, subtitle.isExternal, !subtitle.isText, let path = subtitle.path {
            inputs.subtitle = inputs.add()
            args += seek + ["-i", "file:" + path]
        }
        args += ["-map_metadata", "-1", "-map_chapters", "-1", "-threads", String(max(threads, 0))]
        args += mapAndVideoArguments(inputs: inputs, start: start)
        args += audioArguments(inputs: inputs)
        args += muxerArguments()
        return args
    }

    // MARK: - Pieces

    struct Inputs {
        var count = 1
        var audio: Int?
        var subtitle: Int?
        mutating func add() -> Int {
            count += 1
            return count - 1
        }
    }

    func mapAndVideoArguments(inputs: Inputs, start: Double) -> [String] {
        guard let video else { return audioMap(inputs: inputs) + ["-map", "-0:s", "-vn"] }
        let videoSpecifier = "0:v:\(media.relativeIndex(of: video) ?? 0)"
        if plan.copyVideo {
            var args = ["-map", videoSpecifier] + audioMap(inputs: inputs) + ["-map", "-0:s", "-codec:v:0", "copy"]
            let codec = PlaybackDecision.canonicalCodec(video.codec)
            if plan.segmentContainer == "ts", codec == "h264" || codec == "hevc" { args += ["-bsf:v", "\(codec)_mp4toannexb"] }
            if plan.segmentContainer == "mp4", codec == "hevc" { args += ["-tag:v:0", "hvc1"] }
            return args + ["-start_at_zero"]
        }
        var chain = softwareFilters(video: video)
        chain += hardwareUploadFilters()
        var args: [String] = []
        if let subtitle = burnInSubtitle, !subtitle.isText {
            let subtitleSpecifier = inputs.subtitle.map { "\($0):s:0" } ?? "0:s:\(media.relativeIndex(of: subtitle) ?? 0)"
            var graph = "[\(videoSpecifier)][\(subtitleSpecifier)]overlay=eof_action=pass:repeatlast=0"
            if !chain.isEmpty { graph += "," + chain.joined(separator: ",") }
            args += ["-filter_complex", graph + "[vout]", "-map", "[vout]"] + audioMap(inputs: inputs) + ["-map", "-0:s"]
        } else {
            args += ["-map", videoSpecifier] + audioMap(inputs: inputs) + ["-map", "-0:s"]
        }
        args += encoderArguments(video: video, start: start)
        if !chain.isEmpty, burnInSubtitle.map({ $0.isText }) ?? true { args += ["-vf", chain.joined(separator: ",")] }
        return args
    }

    func audioMap(inputs: Inputs) -> [String] {
        guard let audio else { return [] }
        if let external = inputs.audio { return ["-map", "\(external):a:0"] }
        return ["-map", "0:a:\(media.relativeIndex(of: audio) ?? 0)"]
    }

    /// Filters applied to decoded frames in system memory: deinterlace, scale, text subtitles.
    func softwareFilters(video: PlayableStream) -> [String] {
        var chain: [String] = []
        if video.isInterlaced { chain.append("yadif=0:-1:0") }
        if plan.maxWidth != nil || plan.maxHeight != nil {
            if let size = plan.outputSize(sourceWidth: video.width, sourceHeight: video.height) {
                if size.width != video.width || size.height != video.height { chain.append("scale=\(size.width):\(size.height)") }
            } else {
                let width = plan.maxWidth.map { "min(iw\\,\($0))" } ?? "iw"
                let height = plan.maxHeight.map { "min(ih\\,\($0))" } ?? "ih"
                chain.append("scale=w=\(width):h=\(height):force_original_aspect_ratio=decrease:force_divisible_by=2")
            }
        }
        if let subtitle = burnInSubtitle, subtitle.isText {
            if subtitle.isExternal, let path = subtitle.path {
                chain.append(FFmpegFilterEscaping.subtitlesFilter(path: path, streamIndex: nil))
            } else {
                chain.append(FFmpegFilterEscaping.subtitlesFilter(path: inputPath, streamIndex: media.relativeIndex(of: subtitle) ?? 0))
            }
        }
        return chain
    }

    func hardwareUploadFilters() -> [String] {
        switch effectiveHardware {
        case .none, .nvenc: []
        case .vaapi: ["format=nv12", "hwupload"]
        case .qsv: ["format=nv12", "hwupload=extra_hw_frames=64", "format=qsv"]
        }
    }

    func encoderArguments(video: PlayableStream, start: Double) -> [String] {
        let bitrate = max(plan.videoBitrate ?? 8_000_000, 64_000)
        let rate = ["-maxrate", String(bitrate), "-bufsize", String(bitrate * 2)]
        let segment = plan.segmentLength
        let expression = start > 0 ? "expr:gte(t,\(Self.decimal(start))+n_forced*\(segment))" : "expr:gte(t,n_forced*\(segment))"
        let gop = String(Int((Double(segment) * (video.frameRate.flatMap { $0 > 0 ? $0 : nil } ?? 24)).rounded(.up)))
        let profile = ["-profile:v:0", Self.h264Profile]
        switch effectiveHardware {
        case .none:
            return ["-codec:v:0", "libx264", "-preset", preset, "-crf", String(crf)] + rate + profile
                + ["-level", String(Self.h264Level), "-pix_fmt", "yuv420p", "-force_key_frames:0", expression, "-sc_threshold:v:0", "0"]
        case .vaapi:
            return ["-codec:v:0", "h264_vaapi", "-rc_mode", "VBR", "-b:v", String(bitrate)] + rate + profile
                + ["-level", String(Self.h264Level), "-force_key_frames:0", expression]
        case .qsv:
            return ["-codec:v:0", "h264_qsv", "-preset", preset, "-b:v", String(bitrate)] + rate + profile
                + ["-g:v:0", gop, "-keyint_min:v:0", gop]
        case .nvenc(let index):
            return ["-codec:v:0", "h264_nvenc", "-gpu", String(index), "-preset", "p1", "-b:v", String(bitrate)] + rate + profile
                + ["-pix_fmt", "yuv420p", "-g:v:0", gop, "-keyint_min:v:0", gop]
        }
    }

    func audioArguments(inputs: Inputs) -> [String] {
        guard let audio else { return ["-an"] }
        if plan.copyAudio {
            let needsStrict = plan.segmentContainer == "mp4"
                && ["opus", "flac", "dts", "truehd"].contains(PlaybackDecision.canonicalCodec(audio.codec))
            return ["-codec:a:0", "copy"] + (needsStrict ? ["-strict", "-2"] : [])
        }
        let encoder: String
        switch plan.audioCodec {
        case "mp3": encoder = "libmp3lame"
        case "ac3", "eac3": encoder = plan.audioCodec
        default: encoder = "aac"
        }
        let channels = plan.audioChannels ?? 2
        let bitrate = plan.audioBitrate ?? PlaybackDecision.audioBitrate(codec: plan.audioCodec, channels: channels)
        return ["-codec:a:0", encoder, "-ac", String(channels), "-ab", String(bitrate)]
    }

    func muxerArguments() -> [String] {
        let fmp4 = plan.segmentContainer == "mp4"
        var args = [
            "-copyts", "-avoid_negative_ts", "disabled", "-max_muxing_queue_size", "2048",
            "-f", "hls", "-max_delay", "5000000", "-hls_time", String(plan.segmentLength),
            "-hls_segment_type", fmp4 ? "fmp4" : "mpegts",
        ]
        if fmp4 { args += ["-hls_fmp4_init_filename", outputName + "-1.mp4"] }
        let pattern = join(Self.escapePercent(outputDirectory), Self.escapePercent(outputName) + "%d." + (fmp4 ? "mp4" : "ts"))
        args += [
            "-start_number", String(max(startSegment, 0)), "-hls_segment_filename", pattern,
            "-hls_playlist_type", "vod", "-hls_list_size", "0", "-y", playlistPath,
        ]
        return args
    }

    func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `%` is a template character in segment file names.
    static func escapePercent(_ text: String) -> String { text.replacingOccurrences(of: "%", with: "%%") }

    /// Seconds with up to three decimals and no trailing zeros: `15`, `15.5`, `12.345`.
    static func decimal(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        guard millis % 1000 != 0 else { return String(millis / 1000) }
        var fraction = String(millis % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(millis / 1000).\(fraction)"
    }
}
