import Foundation

/// The raw shape of `ffprobe -print_format json -show_format -show_streams -show_chapters`.
/// Decoding is lenient per field (ffprobe prints some numbers as strings, and versions differ):
/// a field of an unexpected type is dropped rather than failing the whole file.
public struct ProbeReport: Sendable, Hashable, Decodable {
    public var streams: [Stream]
    public var format: Format?
    public var chapters: [Chapter]

    enum CodingKeys: String, CodingKey { case streams, format, chapters }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        streams = (try? container.decodeIfPresent([Stream].self, forKey: .streams)) ?? []
        format = try? container.decodeIfPresent(Format.self, forKey: .format)
        chapters = (try? container.decodeIfPresent([Chapter].self, forKey: .chapters)) ?? []
    }

    public struct Format: Sendable, Hashable, Decodable {
        public var formatName: String?
        public var duration: String?
        public var size: String?
        public var bitRate: String?
        public var tags: [String: String]

        enum CodingKeys: String, CodingKey { case format_name, duration, size, bit_rate, tags }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            formatName = c.lenientString(.format_name)
            duration = c.lenientString(.duration)
            size = c.lenientString(.size)
            bitRate = c.lenientString(.bit_rate)
            tags = c.lenientTags(.tags)
        }
    }

    public struct Stream: Sendable, Hashable, Decodable {
        public var index: Int?
        public var codecName: String?
        public var codecType: String?
        public var profile: String?
        public var level: Int?
        public var width: Int?
        public var height: Int?
        public var avgFrameRate: String?
        public var realFrameRate: String?
        public var pixelFormat: String?
        public var bitsPerRawSample: Int?
        public var bitsPerSample: Int?
        public var fieldOrder: String?
        public var colorTransfer: String?
        public var colorPrimaries: String?
        public var channels: Int?
        public var channelLayout: String?
        public var sampleRate: Int?
        public var bitRate: Int?
        public var disposition: [String: Int]
        public var tags: [String: String]
        /// Dolby Vision compatibility id from the `DOVI configuration record` side data, if any.
        public var doviCompatibilityID: Int?
        public var hasDolbyVision: Bool

        enum CodingKeys: String, CodingKey {
            case index, codec_name, codec_type, profile, level, width, height, avg_frame_rate, r_frame_rate
            case pix_fmt, bits_per_raw_sample, bits_per_sample, field_order, color_transfer, color_primaries
            case channels, channel_layout, sample_rate, bit_rate, disposition, tags, side_data_list
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            index = c.lenientInt(.index)
            codecName = c.lenientString(.codec_name)
            codecType = c.lenientString(.codec_type)
            profile = c.lenientString(.profile)
            level = c.lenientInt(.level)
            width = c.lenientInt(.width)
            height = c.lenientInt(.height)
            avgFrameRate = c.lenientString(.avg_frame_rate)
            realFrameRate = c.lenientString(.r_frame_rate)
            pixelFormat = c.lenientString(.pix_fmt)
            bitsPerRawSample = c.lenientInt(.bits_per_raw_sample)
            bitsPerSample = c.lenientInt(.bits_per_sample)
            fieldOrder = c.lenientString(.field_order)
            colorTransfer = c.lenientString(.color_transfer)
            colorPrimaries = c.lenientString(.color_primaries)
            channels = c.lenientInt(.channels)
            channelLayout = c.lenientString(.channel_layout)
            sampleRate = c.lenientInt(.sample_rate)
            bitRate = c.lenientInt(.bit_rate)
            disposition = (try? c.decodeIfPresent([String: Int].self, forKey: .disposition)) ?? [:]
            tags = c.lenientTags(.tags)
            let sideData = (try? c.decodeIfPresent([SideData].self, forKey: .side_data_list)) ?? []
            let dovi = sideData.first { $0.dvProfile != nil || $0.type?.hasPrefix("DOVI") == true }
            hasDolbyVision = dovi != nil
            doviCompatibilityID = dovi?.compatibilityID
        }
    }

    struct SideData: Decodable {
        var type: String?
        var dvProfile: Int?
        var compatibilityID: Int?
        enum CodingKeys: String, CodingKey { case side_data_type, dv_profile, dv_bl_signal_compatibility_id }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            type = c.lenientString(.side_data_type)
            dvProfile = c.lenientInt(.dv_profile)
            compatibilityID = c.lenientInt(.dv_bl_signal_compatibility_id)
        }
    }

    public struct Chapter: Sendable, Hashable, Decodable {
        public var startTime: String?
        public var tags: [String: String]
        enum CodingKeys: String, CodingKey { case start_time, tags }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            startTime = c.lenientString(.start_time)
            tags = c.lenientTags(.tags)
        }
    }
}

extension KeyedDecodingContainer {
    /// A string, or a number printed as one; nil when absent or of another type.
    func lenientString(_ key: Key) -> String? {
        if let value = try? decodeIfPresent(String.self, forKey: key) { return String(value.prefix(1024)) }
        if let value = try? decodeIfPresent(Int64.self, forKey: key) { return String(value) }
        if let value = try? decodeIfPresent(Double.self, forKey: key) { return String(value) }
        return nil
    }

    /// An integer, or a string holding one (`"bits_per_raw_sample": "10"`).
    func lenientInt(_ key: Key) -> Int? {
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Int(text.prefix(19)) }
        return nil
    }

    /// ffprobe tag dictionaries; keys lowercased because Matroska writes `DURATION`, MP4 `language`.
    func lenientTags(_ key: Key) -> [String: String] {
        guard let raw = try? decodeIfPresent([String: String].self, forKey: key) else { return [:] }
        var tags: [String: String] = [:]
        for (name, value) in raw.prefix(256) { tags[name.lowercased()] = String(value.prefix(1024)) }
        return tags
    }
}
