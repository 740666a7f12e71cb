import Foundation
import MediaCore
import Testing

struct SubtitleConverterTests {
    let converter = SubtitleConverter()

    func vtt(_ input: String, from format: TextSubtitleFormat, offset: Int = 0, keepIdentifiers: Bool = false) throws -> String {
        try converter.convert(Data(input.utf8), from: format, to: .vtt, offsetMilliseconds: offset, keepIdentifiers: keepIdentifiers)
    }

    @Test func srtToWebVTTWithBOMAndCRLF() throws {
        let input = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,500\r\nHello <i>world</i>\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n{\\an8}<font color=\"#ff0000\">Top</font> & <b>bold</b>\r\n"
        #expect(try vtt(input, from: .srt) == "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello <i>world</i>\n\n00:00:03.000 --> 00:00:04.000\nTop &amp; <b>bold</b>\n\n")
        #expect(try vtt(input, from: .srt, keepIdentifiers: true).hasPrefix("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\n"))
    }

    @Test(arguments: [
        ("<i>a</i>", "<i>a</i>"),
        ("<I>a</I>", "<i>a</i>"),
        ("<u>a", "<u>a</u>"),
        ("a</b>", "a"),
        ("<font face=\"x\">a</font>", "a"),
        ("x < y > z", "x &lt; y &gt; z"),
        ("Tom &amp; Jerry & co", "Tom &amp; Jerry &amp; co"),
        ("{\\an8}{\\pos(1,2)}top", "top"),
        ("line1\n\nline2", "line1\nline2"),
        ("<b><i>a</b></i>", "<b><i>a</i></b>"),
        ("<c.yellow>x</c>", "x"),
    ])
    func srtCueText(_ text: String, _ expected: String) throws {
        let cues = try converter.cues(from: Data("1\n00:00:01,000 --> 00:00:02,000\n\(text)\n".utf8), format: .srt)
        #expect(cues.map(\.text) == [expected])
    }

    @Test func malformedSRTCuesAreSkipped() throws {
        let input = """
        1
        00:00:01,000 --> 00:00:02,000
        good

        2
        00:00:xx,000 --> 00:00:03,000
        bad time

        3
        00:00:05,000 --> 00:00:04,000
        backwards

        4
        00:00:06,000 --> 00:00:07,000
        first line

        after blank line
        """
        let cues = try converter.cues(from: Data(input.utf8), format: .srt)
        #expect(cues.map(\.text) == ["good", "first line\nafter blank line"])
        #expect(cues.map(\.identifier) == ["1", "4"])
    }

    static let ass = """
    [Script Info]
    ScriptType: v4.00+

    [V4+ Styles]
    Format: Name, Fontname, Fontsize
    Style: Default,Arial,20

    [Events]
    Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
    Dialogue: 0,0:00:05.00,0:00:06.50,Default,,0,0,0,,Later line
    Comment: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,not shown
    Dialogue: 0,0:00:01.10,0:00:02.20,Default,,0,0,0,,{\\an8\\i1}Hello, world{\\i0}\\Nsecond\\hline
    Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100{\\p0}
    Dialogue: 0,bad,0:00:04.00,Default,,0,0,0,,broken
    Dialogue: 0,1:02:03.45,1:02:04.00,Default,,0,0,0,,{\\b1}x < y
    """

    @Test func assToWebVTT() throws {
        #expect(try vtt(Self.ass, from: .ass) == """
        WEBVTT

        00:00:01.100 --> 00:00:02.200
        <i>Hello, world</i>
        second line

        00:00:05.000 --> 00:00:06.500
        Later line

        01:02:03.450 --> 01:02:04.000
        <b>x &lt; y</b>


        """)
    }

    @Test func ssaWithOwnColumnOrder() throws {
        let ssa = "[Events]\nFormat: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: Marked=0,0:00:01.00,0:00:02.00,*Default,NTP,0000,0000,0000,,Hi\n"
        #expect(try converter.cues(from: Data(ssa.utf8), format: .ssa) == [SubtitleCue(startMilliseconds: 1000, endMilliseconds: 2000, text: "Hi")])
    }

    @Test(arguments: [(-1500, ["00:00:00.000 --> 00:00:01.000", "00:00:01.500 --> 00:00:02.500"]),
                      (2000, ["00:00:03.000 --> 00:00:04.500", "00:00:05.000 --> 00:00:06.000"]),
                      (-10_000, [])])
    func offsets(_ offset: Int, _ expected: [String]) throws {
        let input = "1\n00:00:01,000 --> 00:00:02,500\na\n\n2\n00:00:03,000 --> 00:00:04,000\nb\n"
        let lines = try vtt(input, from: .srt, offset: offset).split(separator: "\n").filter { $0.contains("-->") }.map(String.init)
        #expect(lines == expected)
    }

    @Test func webVTTPassthroughNormalises() throws {
        let input = "WEBVTT - title\r\n\r\nNOTE a comment\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\nintro\r\n00:01.000 --> 00:02.000 align:start line:0\r\n<c.yellow>Hi</c>\r\n\r\n00:00:05.000 --> broken\r\nskip\r\n\r\n00:03.5 --> 00:04.25\r\nShort\r\n"
        #expect(try vtt(input, from: .vtt, keepIdentifiers: true) == "WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.000 align:start line:0\n<c.yellow>Hi</c>\n\n00:00:03.500 --> 00:00:04.250\nShort\n\n")
    }

    @Test func srtOutput() throws {
        let srt = try converter.convert(Data(Self.ass.utf8), from: .ass, to: .srt)
        #expect(srt.hasPrefix("1\n00:00:01,100 --> 00:00:02,200\n<i>Hello, world</i>\nsecond line\n\n2\n00:00:05,000 --> 00:00:06,500\nLater line\n\n3\n"))
        #expect(srt.contains("<b>x < y</b>"))
    }

    @Test func refusesOversizedInput() {
        let small = SubtitleConverter(maximumInputBytes: 10)
        #expect(throws: SubtitleConversionError.tooLarge(bytes: 11, limit: 10)) {
            try small.convert(Data(repeating: 65, count: 11), from: .srt, to: .vtt)
        }
        #expect(throws: SubtitleConversionError.unsupportedFormat("ass")) {
            try small.convert(Data(), from: .srt, to: .ass)
        }
    }

    @Test func decodesWindows1252() throws {
        var data = Data("1\n00:00:01,000 --> 00:00:02,000\nCaf".utf8)
        data.append(0xE9)  // é in Windows-1252, invalid as UTF-8
        #expect(try converter.cues(from: data, format: .srt).first?.text == "Café")
    }

    @Test(arguments: [("00:00:01,5", 1500), ("1:02:03.45", 3_723_450), ("00:01.001", 1001), ("123:00:00.000", 442_800_000), ("00:61:00,000", nil), ("aa:00", nil)] as [(String, Int?)])
    func timestamps(_ text: String, _ expected: Int?) throws {
        let input = "00:00:00.000 --> \(text)\nx\n"
        let cues = try converter.cues(from: Data(input.utf8), format: .srt)
        #expect(cues.first?.endMilliseconds == expected)
    }

    @Test(arguments: [("subrip", TextSubtitleFormat.srt), ("WebVTT", .vtt), ("ass", .ass), ("ssa", .ssa)])
    func formatNames(_ name: String, _ format: TextSubtitleFormat) {
        #expect(TextSubtitleFormat(name: name) == format)
    }
}
