import Foundation
import Hummingbird
import KinoraHTTP
import MediaCore
import MediaTools

/// `PlaybackInfo`: how a client gets an item — the file itself when its device profile can play it,
/// else HLS from the transcoder (video copied whenever the client plays its codec) — then the HLS
/// playlists, the segments and subtitles as WebVTT or SRT.
extension MediaRole {
    func addPlaybackRoutes(to router: Router<KinoraRequestContext>) {
        router.post("Items/{id}/PlaybackInfo") { request, context in try await playbackInfo(request, context) }
        router.get("Items/{id}/PlaybackInfo") { request, context in try await playbackInfo(request, context) }
        router.get("Videos/{id}/hls1/{playlist}/{segment}") { request, context in try await hlsSegment(request, context) }
        router.get("Videos/{id}/{source}/Subtitles/{index}/Stream.{format}") { request, context in try await subtitle(request, context) }
        router.get("Videos/{id}/{source}/Subtitles/{index}/{start}/Stream.{format}") { request, context in try await subtitle(request, context) }
        router.delete("Videos/ActiveEncodings") { request, _ in
            _ = try await authenticated(request)
            if let session = request.queryValue(named: "PlaySessionId") { await transcodes.stop(playSession: session) }
            return Response(status: .noContent)
        }
    }

    func playbackInfo(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        let caller = try await authenticated(request)
        let item = try await visibleItem(try itemID(context), to: caller)
        guard !item.type.isFolder else { throw JellyfinError.notFound("Item not found") }
        var body = CaseInsensitiveJSON()
        if request.method == .post, let parsed = try? await Self.body(of: request, context: context) { body = parsed }
        let profile = body.values["deviceprofile"].flatMap { try? JSONSerialization.data(withJSONObject: $0) }
            .flatMap { try? JSONDecoder().decode(DeviceProfile.self, from: $0) }
        let options = PlaybackOptions(
            maxStreamingBitrate: body.int("MaxStreamingBitrate") ?? request.queryValue(named: "MaxStreamingBitrate").flatMap(Int.init),
            audioStreamIndex: body.int("AudioStreamIndex") ?? request.queryValue(named: "AudioStreamIndex").flatMap(Int.init),
            subtitleStreamIndex: body.int("SubtitleStreamIndex") ?? request.queryValue(named: "SubtitleStreamIndex").flatMap(Int.init),
            enableDirectPlay: body.bool("EnableDirectPlay") ?? true, enableDirectStream: body.bool("EnableDirectStream") ?? true,
            enableTranscoding: body.bool("EnableTranscoding") ?? true, allowVideoStreamCopy: body.bool("AllowVideoStreamCopy") ?? true,
            allowAudioStreamCopy: body.bool("AllowAudioStreamCopy") ?? true,
            alwaysBurnInSubtitleWhenTranscoding: body.bool("AlwaysBurnInSubtitleWhenTranscoding") ?? false,
            startTimeTicks: body.int64("StartTimeTicks") ?? 0, maxAudioChannels: body.int("MaxAudioChannels"))
        let playSession = Self.tag(UUID().uuidString)
        var source = mediaSource(for: item)
        let media = Self.playable(item)
        switch PlaybackDecision.decide(media: media, profile: profile, options: options) {
        case .directPlay(let plan):
            source.SupportsDirectPlay = true
            source.SupportsDirectStream = true
            source.DefaultAudioStreamIndex = plan.audioStreamIndex ?? source.DefaultAudioStreamIndex
        case .transcode(let plan):
            source.SupportsDirectPlay = false
            source.SupportsDirectStream = false
            await transcodes.remember(plan, playSession: playSession)
            var query = [
                "DeviceId": Self.authorization(of: request).deviceID ?? "", "MediaSourceId": item.id, "PlaySessionId": playSession,
                "VideoCodec": plan.videoCodec, "AudioCodec": plan.audioCodec, "SegmentContainer": plan.segmentContainer,
                "TranscodeReasons": plan.serializedReasons, "api_key": caller.token,
            ]
            if let audio = plan.audioStreamIndex { query["AudioStreamIndex"] = String(audio) }
            if let subtitle = plan.subtitleStreamIndex { query["SubtitleStreamIndex"] = String(subtitle) }
            source.TranscodingUrl = "/videos/\(item.id)/master.m3u8?" + Self.queryString(query)
            source.TranscodingSubProtocol = "hls"
            source.TranscodingContainer = plan.segmentContainer
            source.TranscodeReasons = plan.serializedReasons
        case .unplayable:
            return try jellyfinJSON(PlaybackInfoResponse(MediaSources: [source], PlaySessionId: playSession, ErrorCode: "NoCompatibleStream"))
        }
        return try jellyfinJSON(PlaybackInfoResponse(MediaSources: [source], PlaySessionId: playSession, ErrorCode: nil))
    }

    // MARK: HLS

    /// The plan of a play session (from its PlaybackInfo), or one made now for a browser from the URL's
    /// own parameters (a session the server no longer remembers, such as after a restart).
    func transcodePlan(for item: MediaItem, _ request: Request) async -> TranscodePlan? {
        if let session = request.queryValue(named: "PlaySessionId"), let plan = await transcodes.plan(playSession: session) { return plan }
        let options = PlaybackOptions(
            audioStreamIndex: request.queryValue(named: "AudioStreamIndex").flatMap(Int.init),
            subtitleStreamIndex: request.queryValue(named: "SubtitleStreamIndex").flatMap(Int.init), enableDirectPlay: false)
        if case .transcode(let plan) = PlaybackDecision.decide(media: Self.playable(item), profile: nil, options: options) { return plan }
        return nil
    }

    func hlsItem(_ request: Request, _ context: KinoraRequestContext) async throws -> (MediaItem, TranscodePlan, HLSSegmentMap) {
        let item = try await visibleItem(try itemID(context), to: try await authenticated(request))
        guard item.path != nil, let runtime = item.runtimeTicks, runtime > 0,
            let plan = await transcodePlan(for: item, request)
        else { throw JellyfinError.notFound("Item not found") }
        return (item, plan, HLSSegmentMap(runtimeTicks: runtime, segmentLength: plan.segmentLength))
    }

    func hlsMaster(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        let (item, plan, _) = try await hlsItem(request, context)
        let text = HLSPlaylist.master(plan: plan, media: Self.playable(item), uri: "main.m3u8?" + (request.uri.query ?? ""))
        return Response(status: .ok, headers: [.contentType: "application/vnd.apple.mpegurl"], body: .init(byteBuffer: .init(string: text)))
    }

    func hlsPlaylist(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        let (_, plan, map) = try await hlsItem(request, context)
        let query = request.uri.query ?? ""
        let text = HLSPlaylist.vod(map: map, segmentContainer: plan.segmentContainer) { segment in
            "hls1/main/\(segment.index).\(plan.segmentContainer)?" + query
        }
        return Response(status: .ok, headers: [.contentType: "application/vnd.apple.mpegurl"], body: .init(byteBuffer: .init(string: text)))
    }

    func hlsSegment(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        let (item, plan, map) = try await hlsItem(request, context)
        guard let name = context.parameters.get("segment"), let dot = name.firstIndex(of: "."),
            let index = Int(name[..<dot]), let path = item.path
        else { throw JellyfinError.notFound("Not found") }
        let session = request.queryValue(named: "PlaySessionId") ?? "\(Self.authorization(of: request).deviceID ?? "anonymous")-\(item.id)"
        let media = Self.playable(item)
        let hardware = await configuredHardware()
        let encoders = await transcodes.encoders
        let job = TranscodeManager.Request(
            playSession: session, itemId: item.id,
            arguments: { start, folder in
                FFmpegHLSCommand(
                    inputPath: path, media: media, plan: plan, outputDirectory: folder, outputName: TranscodeManager.segmentPrefix,
                    startSegment: start, segmentMap: map, hardware: hardware, availableEncoders: encoders
                ).arguments
            },
            segmentExtension: plan.segmentContainer == "mp4" ? "mp4" : "ts", segmentCount: map.count)
        let file: String
        do { file = try await transcodes.segment(index, for: job) } catch let error as TranscodeError {
            switch error {
            case .noSuchSegment: throw JellyfinError.notFound("Not found")
            default: return Response.text(error.description, status: .internalServerError)
            }
        }
        let contentType = plan.segmentContainer == "mp4" ? "video/mp4" : "video/mp2t"
        return try await serveFile(file, contentType: contentType, request: request, context: context)
    }

    // MARK: Subtitles

    /// A text subtitle (external file) as WebVTT or SRT; embedded text subtitles are extracted with ffmpeg.
    func subtitle(_ request: Request, _ context: KinoraRequestContext) async throws -> Response {
        let item = try await visibleItem(try itemID(context), to: try await authenticated(request))
        guard
            let index = context.parameters.get("index").flatMap(Int.init),
            let stream = item.media?.streams.first(where: { $0.index == index && $0.type == .subtitle }),
            let output = context.parameters.get("format").flatMap(TextSubtitleFormat.init(name:)), output == .vtt || output == .srt
        else { throw JellyfinError.notFound("Subtitle not found") }
        let data: Data
        let format: TextSubtitleFormat
        if let path = stream.path {
            guard let contents = FileManager.default.contents(atPath: path), let source = stream.codec.flatMap(TextSubtitleFormat.init(name:)) else {
                throw JellyfinError.notFound("Subtitle not found")
            }
            (data, format) = (contents, source)
        } else {
            guard stream.isTextSubtitle, let ffmpeg = toolchain.ffmpeg, let path = item.path else { throw JellyfinError.notFound("Subtitle not found") }
            data = try await Self.extractSubtitle(ffmpeg: ffmpeg, path: path, streamIndex: index)
            format = .srt
        }
        let offset = -Int((context.parameters.get("start").flatMap(Int64.init) ?? 0) / 10_000)
        do {
            let text = try SubtitleConverter().convert(data, from: format, to: output, offsetMilliseconds: offset)
            let type = output == .vtt ? "text/vtt; charset=utf-8" : "application/x-subrip; charset=utf-8"
            return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: .init(string: text)))
        } catch {
            throw JellyfinError.notFound("The subtitle could not be read: \(error)")
        }
    }

    static func extractSubtitle(ffmpeg: String, path: String, streamIndex: Int) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-sub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("s.srt").path
        let outcome = try await FFmpegProcess.run(ffmpeg, arguments: ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", "file:" + path, "-map", "0:\(streamIndex)", "-c:s", "srt", "-y", output])
        guard outcome.succeeded, let data = FileManager.default.contents(atPath: output) else { throw JellyfinError.notFound("The subtitle could not be extracted") }
        return data
    }

    // MARK: Helpers

    /// What the decision needs to know of an item's file.
    static func playable(_ item: MediaItem) -> PlayableMedia {
        let streams = item.media?.streams ?? []
        func playable(_ stream: MediaStreamInfo) -> PlayableStream {
            PlayableStream(
                index: stream.index, codec: stream.codec ?? "", profile: stream.profile, level: stream.level.map(Double.init),
                width: stream.width, height: stream.height, bitDepth: stream.bitDepth, frameRate: stream.averageFrameRate,
                bitrate: stream.bitRate, channels: stream.channels, language: stream.language, title: stream.title,
                isDefault: stream.isDefault, isForced: stream.isForced, isExternal: stream.path != nil, path: stream.path,
                isText: stream.isTextSubtitle, videoRangeType: stream.videoRangeType, isInterlaced: stream.isInterlaced)
        }
        return PlayableMedia(
            container: item.container ?? (item.path.map { ($0 as NSString).pathExtension.lowercased() } ?? ""),
            runtimeTicks: item.runtimeTicks, bitrate: item.media?.bitrate, size: item.size,
            videoStreams: streams.filter { $0.type == .video }.map(playable),
            audioStreams: streams.filter { $0.type == .audio }.map(playable),
            subtitleStreams: streams.filter { $0.type == .subtitle }.map(playable))
    }

    static func queryString(_ values: [String: String]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+,")
        return values.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }

    struct PlaybackInfoResponse: Encodable {
        let MediaSources: [MediaSourceInfo]
        let PlaySessionId: String
        let ErrorCode: String?
    }
}
