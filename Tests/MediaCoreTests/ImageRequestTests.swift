import Testing
import MediaCore

// MARK: - Parsing

@Test(arguments: [
    ([:], ImageRequest()),
    (["tag": "abc123", "api_key": "k", "percentPlayed": "40"], ImageRequest()),
    (["maxWidth": "300"], ImageRequest(maxWidth: 300)),
    (["MaxWidth": "300", "MAXHEIGHT": "450"], ImageRequest(maxWidth: 300, maxHeight: 450)),
    (["fillWidth": "397", "fillHeight": "595", "quality": "96"], ImageRequest(fillWidth: 397, fillHeight: 595, quality: 96)),
    (["width": "1", "height": "3840"], ImageRequest(width: 1, height: 3840)),
    (["quality": "0"], ImageRequest(quality: 0)),
    (["quality": "100"], ImageRequest(quality: 100)),
    (["format": "Jpg"], ImageRequest(outputFormat: .jpeg)),
    (["format": "jpeg"], ImageRequest(outputFormat: .jpeg)),
    (["format": "PNG"], ImageRequest(outputFormat: .png)),
    (["format": "webp"], ImageRequest(outputFormat: .webp)),
    (["format": "original"], ImageRequest()),
    // Empty values are absent, as ASP.NET binds them.
    (["maxWidth": "", "format": ""], ImageRequest()),
    // Caps above 4K are lowered, not refused: a 5K screen asks for its width.
    (["maxWidth": "5120", "maxHeight": "16384"], ImageRequest(maxWidth: 3840, maxHeight: 3840)),
    (["maxWidth": "300", "maxwidth": "300"], ImageRequest(maxWidth: 300)),
] as [([String: String], ImageRequest)])
func acceptedQueries(query: [String: String], expected: ImageRequest) throws {
    #expect(try ImageRequest.parse(query) == expected)
}

@Test(arguments: [
    (["maxWidth": "0"], ImageRequestError.outOfRange(parameter: "maxWidth", value: 0, range: 1...16384)),
    (["width": "-5"], .outOfRange(parameter: "width", value: -5, range: 1...3840)),
    (["fillHeight": "3841"], .outOfRange(parameter: "fillHeight", value: 3841, range: 1...3840)),
    (["maxHeight": "16385"], .outOfRange(parameter: "maxHeight", value: 16385, range: 1...16384)),
    (["height": "99999999999999999999999"], .notANumber(parameter: "height", value: "99999999999999999999999")),
    (["width": "abc"], .notANumber(parameter: "width", value: "abc")),
    (["width": "300.5"], .notANumber(parameter: "width", value: "300.5")),
    (["WIDTH": " 300"], .notANumber(parameter: "width", value: " 300")),
    (["quality": "101"], .outOfRange(parameter: "quality", value: 101, range: 0...100)),
    (["quality": "-1"], .outOfRange(parameter: "quality", value: -1, range: 0...100)),
    (["quality": "high"], .notANumber(parameter: "quality", value: "high")),
    (["format": "gif"], .unsupportedFormat("gif")),
    (["format": "svg"], .unsupportedFormat("svg")),
    (["maxWidth": "300", "MaxWidth": "400"], .givenTwice(parameter: "maxWidth")),
] as [([String: String], ImageRequestError)])
func refusedQueries(query: [String: String], expected: ImageRequestError) {
    #expect(throws: expected) { try ImageRequest.parse(query) }
}

@Test func errorsAreOneSentence() {
    let errors: [ImageRequestError] = [
        .notANumber(parameter: "width", value: String(repeating: "9", count: 500)),
        .outOfRange(parameter: "quality", value: 101, range: 0...100),
        .unsupportedFormat("gif"),
        .givenTwice(parameter: "maxWidth"),
    ]
    for error in errors {
        #expect(error.description.count < 100)
        #expect(error.description.hasSuffix("."))
        #expect(!error.description.contains("\n"))
    }
    #expect(ImageRequestError.outOfRange(parameter: "quality", value: 101, range: 0...100).description == "quality must be from 0 to 100, not 101.")
}

// MARK: - Sizing

struct SizeCase: Sendable, CustomTestStringConvertible {
    var note: String
    var request: ImageRequest
    var source: (Int, Int)
    var expected: (Int, Int)?

    init(_ note: String, _ request: ImageRequest, _ source: (Int, Int), _ expected: (Int, Int)?) {
        self.note = note
        self.request = request
        self.source = source
        self.expected = expected
    }

    var testDescription: String { note }
}

@Test(arguments: [
    SizeCase("nothing asked", ImageRequest(), (1000, 1500), nil),
    SizeCase("quality alone is no size", ImageRequest(quality: 50), (1000, 1500), nil),
    SizeCase("maxWidth shrinks", ImageRequest(maxWidth: 300), (1000, 1500), (300, 450)),
    SizeCase("maxHeight shrinks", ImageRequest(maxHeight: 300), (1000, 1500), (200, 300)),
    SizeCase("the tighter cap wins", ImageRequest(maxWidth: 400, maxHeight: 300), (1000, 1500), (200, 300)),
    SizeCase("a cap above the source is the original", ImageRequest(maxWidth: 2000), (1000, 1500), nil),
    SizeCase("a cap equal to the source is the original", ImageRequest(maxWidth: 1000), (1000, 1500), nil),
    SizeCase("never upscaled", ImageRequest(width: 2000), (1000, 1500), nil),
    SizeCase("fixed width keeps aspect", ImageRequest(width: 500), (1000, 1500), (500, 750)),
    SizeCase("fixed height keeps aspect", ImageRequest(height: 300), (1920, 1080), (533, 300)),
    SizeCase("width and height fit inside, no stretch", ImageRequest(width: 400, height: 400), (1920, 1080), (400, 225)),
    SizeCase("fixed width then capped", ImageRequest(width: 800, maxHeight: 600), (1000, 1500), (400, 600)),
    SizeCase("fill covers the box: portrait into square", ImageRequest(fillWidth: 400, fillHeight: 400), (1000, 1500), (400, 600)),
    SizeCase("fill covers the box: wide into poster", ImageRequest(fillWidth: 200, fillHeight: 300), (1920, 1080), (533, 300)),
    SizeCase("fill width alone", ImageRequest(fillWidth: 320), (1920, 1080), (320, 180)),
    SizeCase("fill height alone", ImageRequest(fillHeight: 90), (1920, 1080), (160, 90)),
    SizeCase("fill larger than the source", ImageRequest(fillWidth: 3000, fillHeight: 2000), (1920, 1080), nil),
    SizeCase("fill after a cap only shrinks", ImageRequest(maxWidth: 1280, fillWidth: 640, fillHeight: 360), (3840, 2160), (640, 360)),
    SizeCase("cap tighter than fill wins", ImageRequest(maxWidth: 300, fillWidth: 640, fillHeight: 360), (3840, 2160), (300, 169)),
    SizeCase("odd sizes are fine", ImageRequest(maxWidth: 333), (999, 1500), (333, 500)),
    SizeCase("a thin strip keeps one pixel", ImageRequest(maxWidth: 10), (10000, 10), (10, 1)),
    SizeCase("the long side stays within 4K", ImageRequest(maxWidth: 100), (300, 20000), (58, 3840)),
    SizeCase("unknown source size", ImageRequest(maxWidth: 300), (0, 0), nil),
])
func targetSizes(size: SizeCase) {
    let result = size.request.targetSize(sourceWidth: size.source.0, sourceHeight: size.source.1)
    #expect(result?.width == size.expected?.0)
    #expect(result?.height == size.expected?.1)
}

@Test(arguments: [
    (ImageRequest(), ImageHeader(format: .jpeg, width: 1000, height: 1500), nil),
    (ImageRequest(maxWidth: 2000, outputFormat: .jpeg), ImageHeader(format: .jpeg, width: 1000, height: 1500), nil),
    (ImageRequest(maxWidth: 300), ImageHeader(format: .png, width: 1000, height: 500), ImageHeader(format: .png, width: 300, height: 150)),
    (ImageRequest(maxWidth: 300, outputFormat: .webp), ImageHeader(format: .jpeg, width: 1000, height: 500), ImageHeader(format: .webp, width: 300, height: 150)),
    // A format change alone still needs a render, at the source size.
    (ImageRequest(outputFormat: .jpeg), ImageHeader(format: .webp, width: 640, height: 360), ImageHeader(format: .jpeg, width: 640, height: 360)),
] as [(ImageRequest, ImageHeader, ImageHeader?)])
func outputs(request: ImageRequest, source: ImageHeader, expected: ImageHeader?) {
    #expect(request.output(for: source) == expected)
}

// MARK: - Cache keys

@Test func cacheKeysNameEveryResizeInput() throws {
    let full = ImageRequest(width: 1, height: 2, maxWidth: 3, maxHeight: 4, fillWidth: 5, fillHeight: 6, quality: 70, outputFormat: .webp)
    #expect(full.cacheKey == "w1-h2-mw3-mh4-fw5-fh6-q70-webp")
    #expect(ImageRequest().cacheKey == "q90-src")

    // The tag, letter case and spelling of a format do not split the cache.
    let a = try ImageRequest.parse(["maxWidth": "300", "tag": "one", "format": "jpeg"])
    let b = try ImageRequest.parse(["MAXWIDTH": "300", "tag": "two", "format": "Jpg", "quality": "90"])
    #expect(a.cacheKey == b.cacheKey)

    let variants = [
        ImageRequest(maxWidth: 300), ImageRequest(maxHeight: 300), ImageRequest(width: 300), ImageRequest(height: 300),
        ImageRequest(fillWidth: 300), ImageRequest(fillHeight: 300), ImageRequest(maxWidth: 300, quality: 80),
        ImageRequest(maxWidth: 300, outputFormat: .png), ImageRequest(maxWidth: 300, maxHeight: 300),
    ]
    #expect(Set(variants.map(\.cacheKey)).count == variants.count)
    for key in variants.map(\.cacheKey) + [full.cacheKey] {
        #expect(key.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "-_.".contains($0)) })
    }
}

// MARK: - Image types

@Test(arguments: [
    ("Primary", ImageType.primary), ("primary", .primary), ("BACKDROP", .backdrop), ("Logo", .logo),
    ("thumb", .thumb), ("Banner", .banner), ("Art", .art), ("disc", .disc),
] as [(String, ImageType)])
func imageTypeNames(name: String, expected: ImageType) {
    #expect(ImageType(jellyfinName: name) == expected)
}

@Test func imageTypeNamesKnownToJellyfin() {
    for type in ImageType.allCases {
        #expect(ImageType.jellyfinNames.contains(type.rawValue.lowercased()))
    }
    #expect(ImageType.jellyfinNames.count == 13)
    #expect(ImageType(jellyfinName: "Poster") == nil)
    #expect(!ImageType.jellyfinNames.contains("poster"))
    #expect(ImageType.jellyfinNames.contains("boxrear"))
}

// MARK: - Headers

/// A JPEG start: SOI, an APP0 (JFIF) segment, a DQT-sized filler, then a baseline or progressive frame header.
private func jpegBytes(width: Int, height: Int, frameMarker: UInt8 = 0xC0, fillBytes: Int = 0) -> [UInt8] {
    var bytes: [UInt8] = [0xFF, 0xD8]
    bytes += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0]
    bytes += [0xFF, 0xE1, 0x01, 0x02] + [UInt8](repeating: 0xAB, count: 0x0100)  // an EXIF-sized segment
    bytes += [UInt8](repeating: 0xFF, count: fillBytes)
    bytes += [0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00]  // a DHT: in the SOF range, but not a frame
    bytes += [0xFF, frameMarker, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 0x03]
    bytes += [UInt8](repeating: 0, count: 9)
    return bytes
}

private func pngBytes(width: UInt32, height: UInt32) -> [UInt8] {
    func be(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + Array("IHDR".utf8) + be(width) + be(height) + [8, 6, 0, 0, 0]
}

private func webpBytes(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
    Array("RIFF".utf8) + [0x40, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8) + [UInt8(payload.count), 0, 0, 0] + payload
}

@Test(arguments: [
    ("baseline JPEG", jpegBytes(width: 1000, height: 1500), ImageHeader(format: .jpeg, width: 1000, height: 1500)),
    ("progressive JPEG", jpegBytes(width: 1920, height: 1080, frameMarker: 0xC2), ImageHeader(format: .jpeg, width: 1920, height: 1080)),
    ("JPEG with fill bytes", jpegBytes(width: 5, height: 7, fillBytes: 3), ImageHeader(format: .jpeg, width: 5, height: 7)),
    ("PNG", pngBytes(width: 640, height: 360), ImageHeader(format: .png, width: 640, height: 360)),
    ("large PNG", pngBytes(width: 70000, height: 1), ImageHeader(format: .png, width: 70000, height: 1)),
    ("lossy WebP", webpBytes("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0x68, 0x41, 0, 0]),
     ImageHeader(format: .webp, width: 640, height: 360)),
    // 14-bit fields: width-1 = 639 (0x27F), height-1 = 359 (0x167) → bits 0x27F | 0x167 << 14.
    ("lossless WebP", webpBytes("VP8L", [0x2F, 0x7F, 0xC2, 0x59, 0x00, 0, 0, 0, 0, 0]),
     ImageHeader(format: .webp, width: 640, height: 360)),
    ("extended WebP", webpBytes("VP8X", [0x10, 0, 0, 0, 0x7F, 0x02, 0x00, 0x67, 0x01, 0x00]),
     ImageHeader(format: .webp, width: 640, height: 360)),
] as [(String, [UInt8], ImageHeader)])
func headers(name: String, bytes: [UInt8], expected: ImageHeader) {
    #expect(ImageHeader.parse(bytes) == expected, "\(name)")
}

@Test(arguments: [
    ("empty", []),
    ("text", Array("<html>not an image</html>".utf8)),
    ("GIF", Array("GIF89a".utf8) + [0x80, 0x02, 0x68, 0x01]),
    ("JPEG cut before the frame", Array(jpegBytes(width: 10, height: 10).prefix(290))),
    ("JPEG with a zero height", jpegBytes(width: 10, height: 0)),
    ("JPEG scan before any frame", [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02]),
    ("JPEG with a broken length", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01]),
    ("PNG cut short", Array(pngBytes(width: 640, height: 360).prefix(20))),
    ("PNG without IHDR first", Array(pngBytes(width: 640, height: 360).prefix(12)) + Array("gAMA".utf8) + [0, 0, 0, 1, 0, 0, 0, 1]),
    ("WebP of an unknown layout", webpBytes("VP9 ", [UInt8](repeating: 0, count: 10))),
    ("lossy WebP without its start code", webpBytes("VP8 ", [UInt8](repeating: 0, count: 10))),
] as [(String, [UInt8])])
func notHeaders(name: String, bytes: [UInt8]) {
    #expect(ImageHeader.parse(bytes) == nil, "\(name)")
}
