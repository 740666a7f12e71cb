import Foundation

/// An image's format and pixel size, read from the first bytes of the file: JPEG's frame header,
/// PNG's `IHDR`, or WebP's `VP8 `/`VP8L`/`VP8X` chunk. Reading a few kilobytes is enough to decide
/// whether a resize is needed, without starting ffprobe for every poster a client scrolls past.
public struct ImageHeader: Sendable, Hashable {
    public var format: ImageFormat
    public var width: Int
    public var height: Int

    public init(format: ImageFormat, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// The header at the start of `bytes`, or nil when they are not a JPEG, PNG or WebP, are cut off
    /// before the size, or state a zero size. The file extension is not consulted: `.tbn` thumbnails
    /// are JPEGs, and a `poster.jpg` may well be a PNG.
    public static func parse(_ bytes: [UInt8]) -> ImageHeader? {
        let header: ImageHeader? =
            if bytes.starts(with: [0xFF, 0xD8]) { jpeg(bytes) }
            else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { png(bytes) }
            else if bytes.starts(with: Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) { webp(bytes) }
            else { nil }
        guard let header, header.width > 0, header.height > 0 else { return nil }
        return header
    }

    /// Walks the marker segments up to the first start-of-frame; the size may follow large EXIF, ICC
    /// or XMP segments, so the caller may need more than the first few kilobytes.
    private static func jpeg(_ bytes: [UInt8]) -> ImageHeader? {
        var index = 2
        while index + 1 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            switch marker {
            case 0xFF:
                index += 1  // fill byte before a marker
                continue
            case 0x01, 0xD0...0xD7:
                index += 2  // markers without a length
                continue
            case 0xD9, 0xDA:
                return nil  // end of image or scan data before any frame header
            default:
                break
            }
            guard let length = bigEndian(bytes, at: index + 2, count: 2), length >= 2 else { return nil }
            // SOF0…SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = bigEndian(bytes, at: index + 5, count: 2),
                      let width = bigEndian(bytes, at: index + 7, count: 2) else { return nil }
                return ImageHeader(format: .jpeg, width: width, height: height)
            }
            index += 2 + length
        }
        return nil
    }

    /// `IHDR` is always the first chunk: width and height at bytes 16 and 20.
    private static func png(_ bytes: [UInt8]) -> ImageHeader? {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8),
              let width = bigEndian(bytes, at: 16, count: 4), let height = bigEndian(bytes, at: 20, count: 4) else { return nil }
        return ImageHeader(format: .png, width: width, height: height)
    }

    /// The first chunk after `RIFF….WEBP` says which of the three WebP layouts follows.
    private static func webp(_ bytes: [UInt8]) -> ImageHeader? {
        guard bytes.count >= 30 else { return nil }
        switch String(decoding: bytes[12..<16], as: UTF8.self) {
        case "VP8 ":
            // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
            guard bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A,
                  let width = littleEndian(bytes, at: 26, count: 2), let height = littleEndian(bytes, at: 28, count: 2) else { return nil }
            return ImageHeader(format: .webp, width: width & 0x3FFF, height: height & 0x3FFF)
        case "VP8L":
            // Lossless: signature 0x2F, then width-1 and height-1 as two 14-bit fields.
            guard bytes[20] == 0x2F, let bits = littleEndian(bytes, at: 21, count: 4) else { return nil }
            return ImageHeader(format: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            // Extended (alpha, animation, metadata): 24-bit canvas width-1 and height-1.
            guard let width = littleEndian(bytes, at: 24, count: 3), let height = littleEndian(bytes, at: 27, count: 3) else { return nil }
            return ImageHeader(format: .webp, width: width + 1, height: height + 1)
        default:
            return nil
        }
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int? {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        return bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int? {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        return bytes[offset..<offset + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
