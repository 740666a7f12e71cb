import Foundation
import KinoraCore

/// Jellyfin's DTOs as its clients read them: PascalCase names, nulls left out, 7-digit UTC dates.
extension MediaRole {
    struct UserDto: Encodable {
        struct UserPolicy: Encodable {
            let IsAdministrator: Bool
            let IsHidden = false
            let IsDisabled = false
            let EnableAllFolders: Bool
            let EnabledFolders: [String]
            let EnableRemoteAccess = true
            let EnableMediaPlayback = true
            let EnableAudioPlaybackTranscoding = true
            let EnableVideoPlaybackTranscoding = true
            let EnablePlaybackRemuxing = true
            let EnableContentDownloading = true
            let AuthenticationProviderId = "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider"
            let PasswordResetProviderId = "Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider"
        }

        struct UserConfiguration: Encodable {
            let PlayDefaultAudioTrack = true
            let SubtitleMode = "Default"
            let HidePlayedInLatest = true
            let RememberAudioSelections = true
            let RememberSubtitleSelections = true
            let EnableNextEpisodeAutoPlay = true
            let DisplayMissingEpisodes = false
            let OrderedViews: [String] = []
            let LatestItemsExcludes: [String] = []
            let MyMediaExcludes: [String] = []
        }

        let Name: String
        let ServerId: String
        let Id: String
        let HasPassword: Bool
        let HasConfiguredPassword: Bool
        let HasConfiguredEasyPassword = false
        let EnableAutoLogin = false
        let LastLoginDate: String?
        let LastActivityDate: String?
        let Configuration = UserConfiguration()
        let Policy: UserPolicy

        init(_ user: MediaUser, serverID: String) {
            Name = user.name
            ServerId = serverID
            Id = user.id
            HasPassword = user.hasPassword
            HasConfiguredPassword = user.hasPassword
            LastLoginDate = user.lastLoginAt.map { jellyfinDate(millisecondsSinceEpoch: $0) }
            LastActivityDate = user.lastActivityAt.map { jellyfinDate(millisecondsSinceEpoch: $0) }
            Policy = .init(
                IsAdministrator: user.isAdministrator, EnableAllFolders: user.isAdministrator || user.enabledLibraryIds == nil,
                EnabledFolders: user.isAdministrator ? [] : user.enabledLibraryIds ?? [])
        }
    }

    struct SessionInfoDto: Encodable {
        let Id: String
        let UserId: String
        let UserName: String
        let Client: String
        let DeviceId: String
        let DeviceName: String
        let ApplicationVersion: String
        let LastActivityDate: String
        let IsActive = true
        let ServerId: String
        let PlayableMediaTypes: [String] = []
        let SupportedCommands: [String] = []
        let SupportsMediaControl = false
        let SupportsRemoteControl = false
    }

    struct AuthenticationResult: Encodable {
        let User: UserDto
        let SessionInfo: SessionInfoDto
        let AccessToken: String
        let ServerId: String
    }

    /// A page of results, as Jellyfin returns lists.
    struct QueryResult<Item: Encodable>: Encodable {
        let Items: [Item]
        let TotalRecordCount: Int
        let StartIndex: Int
    }

    /// One API key of `GET /Auth/Keys`.
    struct AuthenticationInfo: Encodable {
        let Id: Int
        let AccessToken: String
        let DeviceId = ""
        let AppName: String
        let AppVersion = ""
        let DeviceName = ""
        let IsActive = true
        let DateCreated: String
    }

    struct StartupConfiguration: Encodable {
        let UICulture = "en-US"
        let MetadataCountryCode = "US"
        let PreferredMetadataLanguage = "en"
    }

    struct StartupUser: Encodable {
        let Name: String
        let Password: String?
    }

    /// `GET /System/Info`: the public info plus the server's paths and state.
    struct SystemInfo: Encodable {
        let LocalAddress: String
        let ServerName: String
        let Version: String
        let ProductName = "Jellyfin Server"
        let OperatingSystem = ""
        let Id: String
        let StartupWizardCompleted: Bool
        let OperatingSystemDisplayName: String
        let PackageName = "kinora"
        let HasPendingRestart = false
        let IsShuttingDown = false
        let SupportsLibraryMonitor = false
        let WebSocketPortNumber: Int
        let CompletedInstallations: [String] = []
        let CanSelfRestart = false
        let CanLaunchWebBrowser = false
        let ProgramDataPath: String
        let WebPath: String
        let ItemsByNamePath: String
        let CachePath: String
        let LogPath: String
        let InternalMetadataPath: String
        let TranscodingTempPath: String
        let HasUpdateAvailable = false
        let EncoderLocation = "System"
        let SystemArchitecture: String
    }
}

/// A stored time (milliseconds since the epoch) as Jellyfin writes dates: UTC with 7 fractional digits.
func jellyfinDate(millisecondsSinceEpoch milliseconds: Int64) -> String {
    Timestamp(nanosecondsSinceEpoch: milliseconds * 1_000_000).iso8601(fractionDigits: 7)
}

/// A JSON request body read the way ASP.NET binds it: property names ignoring case.
struct CaseInsensitiveJSON {
    let values: [String: Any]

    /// No body (a GET): every property absent.
    init() { values = [:] }

    init(_ data: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw JellyfinError.badRequest("the request body must be a JSON object")
        }
        values = Dictionary(object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    func string(_ name: String) -> String? { values[name.lowercased()] as? String }

    /// An array of strings; anything else in it is ignored.
    func strings(_ name: String) -> [String]? { (values[name.lowercased()] as? [Any])?.compactMap { $0 as? String } }
}
