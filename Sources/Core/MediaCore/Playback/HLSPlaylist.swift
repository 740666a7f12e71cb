/// HLS playlist text: the synthetic VOD media playlist served before ffmpeg has written anything
/// (Jellyfin's `main.m3u8`), and the master playlist pointing at it (`master.m3u8`).
public enum HLSPlaylist {
    /// A VOD playlist of equal segments computed from the runtime.
    public static func vod(
        runtimeTicks: Int64, segmentLength: Int, segmentContainer: String, uriForSegment: (HLSSegment) -> String
    ) -> String {
        vod(map: HLSSegmentMap(runtimeTicks: runtimeTicks, segmentLength: segmentLength), segmentContainer: segmentContainer, uriForSegment: uriForSegment)
    }

    /// A VOD playlist cut on keyframes, for stream copy.
    public static func vod(
        runtimeTicks: Int64, segmentLength: Int, keyframeTicks: [Int64], segmentContainer: String, uriForSegment: (HLSSegment) -> String
    ) -> String {
        vod(
            map: HLSSegmentMap(runtimeTicks: runtimeTicks, segmentLength: segmentLength, keyframeTicks: keyframeTicks),
            segmentContainer: segmentContainer, uriForSegment: uriForSegment)
    }

    /// A VOD playlist for any segment map. fMP4 (`segmentContainer` `mp4`) adds version 7 and
    /// `#EXT-X-MAP` naming the init segment, which `uriForSegment` receives as index -1.
    public static func vod(map: HLSSegmentMap, segmentContainer: String, uriForSegment: (HLSSegment) -> String) -> String {
        let fmp4 = segmentContainer.lowercased() == "mp4"
        var lines = [
            "#EXTM3U",
            "#EXT-X-PLAYLIST-TYPE:VOD",
            "#EXT-X-VERSION:\(fmp4 ? 7 : 3)",
            "#EXT-X-TARGETDURATION:\(max(map.targetDuration, 1))",
            "#EXT-X-MEDIA-SEQUENCE:0",
        ]
        if fmp4 {
            lines.append("#EXT-X-MAP:URI=\"\(uriForSegment(HLSSegment(index: -1, startTicks: 0, durationTicks: 0)))\"")
        }
        for segment in map.segments {
            lines.append("#EXTINF:\(seconds(segment.durationTicks)),")
            lines.append(uriForSegment(segment))
        }
        lines.append("#EXT-X-ENDLIST")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Ticks as seconds with six decimals (`3.000000`), computed without floating point so the
    /// text is the same on every platform and locale.
    public static func seconds(_ ticks: Int64) -> String {
        let micros = (max(ticks, 0) + 5) / 10
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}
