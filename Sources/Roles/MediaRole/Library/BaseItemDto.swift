import Foundation
import MediaCore

/// Jellyfin's `BaseItemDto` with the fields its clients read to browse and play; nil fields are left
/// out, as Jellyfin leaves them out.
struct BaseItemDto: Encodable, Sendable {
    var Name: String
    var OriginalTitle: String?
    var ServerId: String
    var Id: String
    var Etag: String?
    var DateCreated: String?
    var Container: String?
    var SortName: String?
    var PremiereDate: String?
    var ProductionYear: Int?
    var OfficialRating: String?
    var CommunityRating: Double?
    var Overview: String?
    var Genres: [String]?
    var Studios: [NameIdPair]?
    var ProviderIds: [String: String]?
    var RunTimeTicks: Int64?
    var IsFolder: Bool
    var ParentId: String?
    var `Type`: String
    var MediaType: String?
    var CollectionType: String?
    var UserData: UserItemDataDto?
    var ChildCount: Int?
    var RecursiveItemCount: Int?
    var IndexNumber: Int?
    var IndexNumberEnd: Int?
    var ParentIndexNumber: Int?
    var SeriesName: String?
    var SeriesId: String?
    var SeasonId: String?
    var SeasonName: String?
    var SeriesPrimaryImageTag: String?
    var ImageTags: [String: String]?
    var BackdropImageTags: [String]?
    var PrimaryImageAspectRatio: Double?
    var LocationType: String?
    var VideoType: String?
    var HasSubtitles: Bool?
    var CanDelete: Bool?
    var CanDownload: Bool?
    var Width: Int?
    var Height: Int?
    var Path: String?
    var MediaSources: [MediaSourceInfo]?
    var MediaStreams: [MediaStreamDto]?
    var Chapters: [ChapterInfo]?
    var DisplayPreferencesId: String?
    var LocalTrailerCount: Int?
    var PlayAccess: String?

    struct NameIdPair: Encodable, Sendable {
        var Name: String
        var Id: String
    }

    struct ChapterInfo: Encodable, Sendable {
        var StartPositionTicks: Int64
        var Name: String?
    }
}

/// `UserItemDataDto`: a user's state of an item.
struct UserItemDataDto: Encodable, Sendable {
    var PlaybackPositionTicks: Int64
    var PlayCount: Int
    var IsFavorite: Bool
    var Played: Bool
    var Key: String
    var ItemId: String
    var LastPlayedDate: String?
    var PlayedPercentage: Double?
    var UnplayedItemCount: Int?
}

/// `MediaSourceInfo`: one playable version of an item and how a client may get it.
struct MediaSourceInfo: Encodable, Sendable {
    var `Protocol` = "File"
    var Id: String
    var Path: String?
    var `Type` = "Default"
    var Container: String?
    var Size: Int64?
    var Name: String
    var IsRemote = false
    var ETag: String?
    var RunTimeTicks: Int64?
    var ReadAtNativeFramerate = false
    var IgnoreDts = false
    var IgnoreIndex = false
    var GenPtsInput = false
    var SupportsTranscoding: Bool
    var SupportsDirectStream: Bool
    var SupportsDirectPlay: Bool
    var IsInfiniteStream = false
    var RequiresOpening = false
    var RequiresClosing = false
    var RequiresLooping = false
    var SupportsProbing = true
    var VideoType: String? = "VideoFile"
    var MediaStreams: [MediaStreamDto]
    var MediaAttachments: [String] = []
    var Formats: [String] = []
    var Bitrate: Int?
    var RequiredHttpHeaders: [String: String] = [:]
    var TranscodingUrl: String?
    var TranscodingSubProtocol: String?
    var TranscodingContainer: String?
    var TranscodeReasons: String?
    var DefaultAudioStreamIndex: Int?
    var DefaultSubtitleStreamIndex: Int?
    var HasSegments = false
}

/// `MediaStream`: one stream of a file, or an external subtitle file.
struct MediaStreamDto: Encodable, Sendable {
    var Codec: String?
    var Language: String?
    var Title: String?
    var DisplayTitle: String?
    var Profile: String?
    var Level: Double?
    var BitRate: Int?
    var BitDepth: Int?
    var Channels: Int?
    var ChannelLayout: String?
    var SampleRate: Int?
    var Height: Int?
    var Width: Int?
    var AverageFrameRate: Double?
    var RealFrameRate: Double?
    var PixelFormat: String?
    var VideoRange: String?
    var VideoRangeType: String?
    var IsInterlaced: Bool
    var IsDefault: Bool
    var IsForced: Bool
    var IsHearingImpaired: Bool
    var `Type`: String
    var Index: Int
    var IsExternal: Bool
    var IsTextSubtitleStream: Bool
    var SupportsExternalStream: Bool
    var Path: String?
    var DeliveryMethod: String?
    var DeliveryUrl: String?
    var IsExternalUrl: Bool?
}

extension MediaStreamDto {
    init(_ stream: MediaStreamInfo) {
        self.init(
            Codec: stream.codec, Language: stream.language, Title: stream.title, DisplayTitle: stream.displayTitle,
            Profile: stream.profile, Level: stream.level.map(Double.init), BitRate: stream.bitRate, BitDepth: stream.bitDepth,
            Channels: stream.channels, ChannelLayout: stream.channelLayout, SampleRate: stream.sampleRate,
            Height: stream.height, Width: stream.width, AverageFrameRate: stream.averageFrameRate, RealFrameRate: stream.realFrameRate,
            PixelFormat: stream.pixelFormat, VideoRange: stream.videoRange, VideoRangeType: stream.videoRangeType,
            IsInterlaced: stream.isInterlaced, IsDefault: stream.isDefault, IsForced: stream.isForced,
            IsHearingImpaired: stream.isHearingImpaired, Type: stream.type.rawValue, Index: stream.index,
            IsExternal: stream.path != nil, IsTextSubtitleStream: stream.isTextSubtitle,
            SupportsExternalStream: stream.type == .subtitle && stream.isTextSubtitle, Path: nil)
    }
}
