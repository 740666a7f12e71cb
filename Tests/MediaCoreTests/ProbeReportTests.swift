import Foundation
import Testing
import MediaCore

@Test func realMP4Probe() throws {
    let media = try MediaDescription.fromFFprobe(Data(ffprobeMP4.utf8), fileExtension: "mp4")
    #expect(media.container == "mp4")
    #expect(media.runTimeTicks == 20_000_000 || media.runTimeTicks.map { abs($0 - 20_000_000) < 500_000 } == true)
    #expect(media.size == 32538)
    #expect(media.streams.map(\.type) == [.video, .audio])
    let video = try #require(media.streams.first)
    #expect(video.codec == "h264")
    #expect(video.width == 320 && video.height == 240)
    #expect(video.averageFrameRate == 25)
    #expect(video.bitDepth == 8)
    #expect(video.isInterlaced == false)
    #expect(video.videoRange == "SDR" && video.videoRangeType == "SDR")
    #expect(video.displayTitle == "240p H264 SDR")
    let audio = media.streams[1]
    #expect(audio.codec == "aac" && audio.channels == 1 && audio.sampleRate == 44100)
    #expect(audio.language == "eng")
    #expect(audio.displayTitle == "English - AAC - Mono - Default")
}

@Test func realMKVProbe() throws {
    let media = try MediaDescription.fromFFprobe(Data(ffprobeMKV.utf8), fileExtension: "mkv")
    #expect(media.container == "mkv")
    #expect(media.runTimeTicks == 20_210_000)
    #expect(media.bitrate == 659_285)
    let video = media.streams[0]
    #expect(video.codec == "hevc" && video.profile == "Main 10")
    #expect(video.bitDepth == 10)
    #expect(video.videoRange == "HDR" && video.videoRangeType == "HDR10")
    #expect(abs((video.averageFrameRate ?? 0) - 23.976) < 0.001)
    #expect(video.displayTitle == "1080p HEVC HDR10")
    let surround = media.streams[1]
    #expect(surround.codec == "ac3" && surround.channels == 6 && surround.channelLayout == "5.1(side)")
    #expect(surround.isDefault && surround.language == "ger")
    #expect(surround.displayTitle == "Surround - German - AC3 - 5.1 - Default")
    #expect(media.streams[2].codec == "flac" && media.streams[2].bitDepth == 16)
    let subtitle = media.streams[3]
    #expect(subtitle.type == .subtitle && subtitle.isTextSubtitle && subtitle.isForced)
    #expect(subtitle.displayTitle == "English - SUBRIP - Forced")
    #expect(media.chapters == [ChapterInfo(startPositionTicks: 0, name: "Opening"), ChapterInfo(startPositionTicks: 10_000_000, name: "Credits")])
}

@Test func handwrittenProbe() throws {
    let media = try MediaDescription.fromFFprobe(Data(ffprobeHandwritten.utf8), fileExtension: "m2ts")
    #expect(media.container == "m2ts")
    #expect(media.size == 4_294_967_296)
    #expect(media.bitrate == 12_084_000)
    #expect(media.runTimeTicks == 28_431_200_000)
    #expect(media.streams.map(\.type) == [.video, .audio, .subtitle, .embeddedImage, .data, .video])
    let video = media.streams[0]
    #expect(video.isInterlaced && video.videoRangeType == "HLG" && video.language == nil)
    #expect(video.displayTitle == "1080i H264 HLG")
    #expect(media.streams[1].bitDepth == 24)
    #expect(media.streams[1].displayTitle == "French - DTS-HD MA - 7.1")
    let pgs = media.streams[2]
    #expect(pgs.codec == "PGSSUB" && !pgs.isTextSubtitle && pgs.isHearingImpaired)
    #expect(pgs.displayTitle == "English - PGSSUB - SDH")
    #expect(media.streams[5].videoRangeType == "DOVIWithHDR10")
    #expect(media.streams[5].displayTitle == "4K H264 DOVIWithHDR10")
}

@Test(arguments: [
    ("matroska,webm", "webm", "webm"), ("matroska,webm", "mkv", "mkv"), ("matroska,webm", "MKV", "mkv"),
    ("mov,mp4,m4a,3gp,3g2,mj2", "mp4", "mp4"), ("mov,mp4,m4a,3gp,3g2,mj2", "mov", "mov"),
    ("mov,mp4,m4a,3gp,3g2,mj2", "m4v", "m4v"), ("mpegts", "ts", "ts"), ("mpegts", "m2ts", "m2ts"),
    ("avi", "avi", "avi"), ("asf", "wmv", "wmv"), ("mpeg", "mpg", "mpeg"), ("flv", "flv", "flv"),
])
func containerNames(formatName: String, ext: String, expected: String) {
    #expect(MediaDescription.containerName(formatName: formatName, fileExtension: ext) == expected)
}

@Test(arguments: [
    ("", ProbeReportError.empty),
    ("   \n", .empty),
    ("{\"streams\": [", .malformedJSON("")),
    ("[1, 2]", .malformedJSON("")),
    ("{}", .noMediaInformation),
    ("not json at all", .malformedJSON("")),
])
func corruptProbeOutput(json: String, expected: ProbeReportError) {
    do {
        _ = try ProbeReport.decode(Data(json.utf8))
        Issue.record("decoded corrupt input \(json)")
    } catch {
        switch (error, expected) {
        case (.malformedJSON(let detail), .malformedJSON): #expect(!detail.isEmpty)
        default: #expect(error == expected)
        }
        #expect(error.description.hasSuffix(".") || error.description.hasSuffix(")."))
    }
}

@Test func lenientFieldTypes() throws {
    // Wrong types for single fields must not sink the whole report.
    let json = #"{"streams":[{"index":"x","codec_type":"audio","codec_name":"opus","channels":"2","sample_rate":48000,"disposition":"bad"}],"format":{"duration":"abc"}}"#
    let media = try MediaDescription.fromFFprobe(Data(json.utf8), fileExtension: "webm")
    #expect(media.runTimeTicks == nil)
    #expect(media.streams.first?.index == 0)
    #expect(media.streams.first?.channels == 2)
    #expect(media.streams.first?.sampleRate == 48000)
    #expect(media.streams.first?.displayTitle == "OPUS - Stereo")
}

@Test func oversizedProbeOutputIsRefused() {
    let big = Data(repeating: 0x20, count: ProbeReport.maxByteCount + 1)
    #expect(throws: ProbeReportError.tooLarge(byteCount: big.count, limit: ProbeReport.maxByteCount)) {
        try ProbeReport.decode(big)
    }
}

@Test func scanSignatureEquality() {
    let a = ScanSignature(path: "Movies/A (2010)/A.mkv", size: 100, modificationSeconds: 1_700_000_000, modificationNanoseconds: 5)
    #expect(a == ScanSignature(path: "Movies/A (2010)/A.mkv", size: 100, modificationSeconds: 1_700_000_000, modificationNanoseconds: 5))
    #expect(a != ScanSignature(path: "Movies/A (2010)/A.mkv", size: 100, modificationSeconds: 1_700_000_000, modificationNanoseconds: 6))
    #expect(a != ScanSignature(path: "Movies/A (2010)/A.mkv", size: 101, modificationSeconds: 1_700_000_000, modificationNanoseconds: 5))
}
