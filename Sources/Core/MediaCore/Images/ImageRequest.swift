import Foundation

/// The resizing part of Jellyfin's `GET /Items/{id}/Images/{type}[/{index}]` query, checked and bounded.
///
/// Sizes follow Jellyfin's `ImageProcessor` order — fixed `width`/`height`, then `maxWidth`/`maxHeight`,
/// then `fillWidth`/`fillHeight` — with three deliberate differences: the aspect ratio is always kept
/// (`width` and `height` together fit the image inside that box instead of stretching it), an image is
/// never enlarged, and no output side exceeds `ImageRequest.maximumDimension`.
///
/// `fillWidth`/`fillHeight` mean what they mean in Jellyfin: scale down until the image still *covers*
/// the box, without cropping. Clients show it with `object-fit: cover`, so they crop themselves, and the
/// resizer stays one plain scale.
public struct ImageRequest: Sendable, Hashable {
    /// The largest side Kinora renders: 4K UHD width. Caps work and cache size per request.
    public static let maximumDimension = 3840
    /// `maxWidth`/`maxHeight` up to this are accepted and lowered to `maximumDimension`: browsers on
    /// ultrawide or HiDPI screens ask for their pixel width, and a cap can only make the output smaller.
    public static let largestAcceptedBound = 16384
    public static let defaultQuality = 90

    public var width: Int?
    public var height: Int?
    public var maxWidth: Int?
    public var maxHeight: Int?
    public var fillWidth: Int?
    public var fillHeight: Int?
    /// 0…100, as libjpeg's and Jellyfin's quality; lossless PNG ignores it.
    public var quality: Int
    /// The format asked for; nil keeps the source's (see `output(for:)`).
    public var outputFormat: ImageFormat?

    public init(
        width: Int? = nil, height: Int? = nil, maxWidth: Int? = nil, maxHeight: Int? = nil,
        fillWidth: Int? = nil, fillHeight: Int? = nil, quality: Int = ImageRequest.defaultQuality, outputFormat: ImageFormat? = nil
    ) {
        self.width = width
        self.height = height
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.fillWidth = fillWidth
        self.fillHeight = fillHeight
        self.quality = quality
        self.outputFormat = outputFormat
    }

    /// Whether the client asked for any size at all.
    public var constrainsSize: Bool {
        [width, height, maxWidth, maxHeight, fillWidth, fillHeight].contains { $0 != nil }
    }
}

// MARK: - Parsing

extension ImageRequest {
    /// Reads the query of an image URL. Names match in any letter case (`maxWidth`, `MaxWidth`,
    /// `maxwidth`); names this type does not know (`tag`, `api_key`, `blur`, `percentPlayed`…) are
    /// ignored, and an empty value counts as absent, as ASP.NET binds it for Jellyfin.
    public static func parse(_ query: [String: String]) throws(ImageRequestError) -> ImageRequest {
        var values: [String: String] = [:]
        for (name, value) in query where !value.isEmpty {
            let key = name.lowercased()
            // `maxWidth=1&MaxWidth=2` would otherwise depend on dictionary order.
            if let earlier = values[key], earlier != value { throw .givenTwice(parameter: canonicalName(key)) }
            values[key] = value
        }

        func dimension(_ key: String, bound: Int = maximumDimension) throws(ImageRequestError) -> Int? {
            guard let text = values[key] else { return nil }
            let name = canonicalName(key)
            guard let number = Int(text) else { throw .notANumber(parameter: name, value: text) }
            guard (1...bound).contains(number) else { throw .outOfRange(parameter: name, value: number, range: 1...bound) }
            return min(number, maximumDimension)
        }

        var request = ImageRequest()
        request.width = try dimension("width")
        request.height = try dimension("height")
        request.maxWidth = try dimension("maxwidth", bound: largestAcceptedBound)
        request.maxHeight = try dimension("maxheight", bound: largestAcceptedBound)
        request.fillWidth = try dimension("fillwidth")
        request.fillHeight = try dimension("fillheight")
        if let text = values["quality"] {
            guard let quality = Int(text) else { throw .notANumber(parameter: "quality", value: text) }
            // Jellyfin answers 400 outside 0…100 too.
            guard (0...100).contains(quality) else { throw .outOfRange(parameter: "quality", value: quality, range: 0...100) }
            request.quality = quality
        }
        if let text = values["format"], text.lowercased() != "original" {
            guard let format = ImageFormat(name: text) else { throw .unsupportedFormat(text) }
            request.outputFormat = format
        }
        return request
    }

    private static let canonicalNames = [
        "width": "width", "height": "height", "maxwidth": "maxWidth", "maxheight": "maxHeight",
        "fillwidth": "fillWidth", "fillheight": "fillHeight", "quality": "quality", "format": "format",
    ]

    private static func canonicalName(_ key: String) -> String { canonicalNames[key] ?? key }
}

// MARK: - Sizing

extension ImageRequest {
    /// The size to render a `sourceWidth`×`sourceHeight` image at, or nil to serve the original as it
    /// is: no size was asked, the source size is unknown, or the asked size is not smaller.
    public func targetSize(sourceWidth: Int, sourceHeight: Int) -> (width: Int, height: Int)? {
        guard constrainsSize, sourceWidth > 0, sourceHeight > 0 else { return nil }
        let sourceW = Double(sourceWidth), sourceH = Double(sourceHeight)
        // One scale factor for both sides keeps the aspect ratio; starting at 1 never enlarges.
        var scale = 1.0
        if let width { scale = min(scale, Double(width) / sourceW) }
        if let height { scale = min(scale, Double(height) / sourceH) }
        if let maxWidth { scale = min(scale, Double(maxWidth) / sourceW) }
        if let maxHeight { scale = min(scale, Double(maxHeight) / sourceH) }
        if fillWidth != nil || fillHeight != nil {
            // Covering the box needs the larger of the two ratios; a missing side asks nothing.
            let cover = max(Double(fillWidth ?? 0) / sourceW, Double(fillHeight ?? 0) / sourceH)
            scale = min(scale, cover)
        }
        // A 300×20000 strip asked at maxWidth=100 must not come out 100×6667.
        let cap = Double(Self.maximumDimension)
        scale = min(scale, cap / sourceW, cap / sourceH)

        let width = max(1, Int((sourceW * scale).rounded()))
        let height = max(1, Int((sourceH * scale).rounded()))
        return width < sourceWidth || height < sourceHeight ? (width, height) : nil
    }

    /// What to produce from `source`, or nil when its bytes already answer the request (same size and
    /// format). Without an asked format the source's is kept: a PNG logo stays transparent.
    public func output(for source: ImageHeader) -> ImageHeader? {
        let size = targetSize(sourceWidth: source.width, sourceHeight: source.height) ?? (source.width, source.height)
        let output = ImageHeader(format: outputFormat ?? source.format, width: size.width, height: size.height)
        return output == source ? nil : output
    }

    /// A file-name-safe key (`[a-z0-9-]` only) naming everything that changes the rendered bytes, so
    /// equal requests share a cache file; `tag` is left out because it only busts client caches. Add
    /// the item, image type, index and the source's own tag to name the file.
    public var cacheKey: String {
        let sizes: [(String, Int?)] = [
            ("w", width), ("h", height), ("mw", maxWidth), ("mh", maxHeight), ("fw", fillWidth), ("fh", fillHeight),
        ]
        let parts = sizes.compactMap { name, value in value.map { "\(name)\($0)" } }
        return (parts + ["q\(quality)", outputFormat?.rawValue ?? "src"]).joined(separator: "-")
    }
}

// MARK: - Errors

/// Why an image query was refused (a 400); one sentence naming the parameter to fix.
public enum ImageRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    case notANumber(parameter: String, value: String)
    case outOfRange(parameter: String, value: Int, range: ClosedRange<Int>)
    case unsupportedFormat(String)
    case givenTwice(parameter: String)

    public var description: String {
        switch self {
        case .notANumber(let parameter, let value):
            "\(parameter) must be a whole number, not \"\(Self.shortened(value))\"."
        case .outOfRange(let parameter, let value, let range):
            "\(parameter) must be from \(range.lowerBound) to \(range.upperBound), not \(value)."
        case .unsupportedFormat(let value):
            "format must be jpg, png or webp, not \"\(Self.shortened(value))\"."
        case .givenTwice(let parameter):
            "\(parameter) is given twice with different values."
        }
    }

    /// Echoing a client's value back is useful; echoing a megabyte of it is not.
    private static func shortened(_ value: String) -> String {
        value.count > 32 ? String(value.prefix(32)) + "…" : value
    }
}

// MARK: - Formats

/// The formats Kinora writes; each is also read by `ImageHeader`.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case jpeg = "jpg"
    case png
    case webp

    /// Jellyfin's `ImageFormat` names and file extensions, in any letter case (`Jpg`, `jpeg`, `WEBP`).
    public init?(name: String) {
        switch name.lowercased() {
        case "jpg", "jpeg": self = .jpeg
        case "png": self = .png
        case "webp": self = .webp
        default: return nil
        }
    }

    public var fileExtension: String { rawValue }

    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }
}

// MARK: - Image types in URLs

extension ImageType {
    /// Reads the `{type}` path component, in any letter case (`Primary`, `primary`).
    public init?(jellyfinName name: String) {
        let lowered = name.lowercased()
        guard let type = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = type
    }

    /// Every image type Jellyfin defines, lowercased. A name in here that `init(jellyfinName:)` refuses
    /// is one Kinora stores no image of — a 404 — while any other name is a bad request.
    public static let jellyfinNames: Set<String> = [
        "primary", "art", "backdrop", "banner", "logo", "thumb", "disc", "box", "screenshot", "menu", "chapter",
        "boxrear", "profile",
    ]
}
