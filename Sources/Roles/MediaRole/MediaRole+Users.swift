import Foundation
import Hummingbird
import HTTPTypes
import KinoraCore
import KinoraHTTP
import KinoraStorage
import Logging
import MediaCore
import NIOCore

/// Users, sign-in and the first-run wizard, as Jellyfin's clients drive them.
extension MediaRole {
    func addUserRoutes(to router: Router<KinoraRequestContext>) {
        router.post("Users/AuthenticateByName") { request, context in
            let body = try await Self.body(of: request, context: context)
            guard let name = body.string("Username"), !name.isEmpty else { throw JellyfinError.badRequest("Username is required") }
            let device = Self.authorization(of: request)
            guard let user = try await store.authenticate(name: name, password: body.string("Pw") ?? "") else {
                environment.logger.notice("failed sign-in", metadata: ["user": "\(name)", "client": "\(device.client ?? "?")"])
                throw JellyfinError.unauthorized("Invalid username or password entered.")
            }
            let now = Self.now()
            let token = try await store.issueToken(for: user, device: device, now: now)
            let signedIn = try await store.user(id: user.id) ?? user
            return try Response.json(
                AuthenticationResult(
                    User: UserDto(signedIn, serverID: serverID),
                    SessionInfo: sessionInfo(token: token, user: signedIn),
                    AccessToken: token.token,
                    ServerId: serverID),
                encoder: .jellyfin)
        }
        router.get("Users/Me") { request, _ in
            guard let user = try await authenticated(request).user else { throw JellyfinError.badRequest("An API key has no user") }
            return try Response.json(UserDto(user, serverID: serverID), encoder: .jellyfin)
        }
        router.get("Users") { request, _ in
            let caller = try await authenticated(request)
            let users = caller.isAdministrator ? try await store.users() : caller.user.map { [$0] } ?? []
            return try Response.json(users.map { UserDto($0, serverID: serverID) }, encoder: .jellyfin)
        }
        router.get("Users/Public") { _, _ in
            // Shown on the sign-in screen of the apps, like Jellyfin's users that are not hidden.
            try Response.json(await store.users().map { UserDto($0, serverID: serverID) }, encoder: .jellyfin)
        }
        router.get("Users/{userId}") { request, context in
            let caller = try await authenticated(request)
            guard let id = context.parameters.get("userId").flatMap(JellyfinIdentifier.init)?.hex,
                caller.isAdministrator || caller.user?.id == id, let user = try await store.user(id: id)
            else { throw JellyfinError.notFound("User not found") }
            return try Response.json(UserDto(user, serverID: serverID), encoder: .jellyfin)
        }
        addUserAdministrationRoutes(to: router)
        router.post("Sessions/Logout") { request, _ in
            try await store.revoke(token: try await authenticated(request).token)
            return Response(status: .noContent)
        }
        router.get("QuickConnect/Enabled") { _, _ in try Response.json(false) }
        router.get("System/Info") { request, _ in
            _ = try await authenticated(request)
            return try Response.json(await systemInfo(requestHost: request.requestedHost), encoder: .jellyfin)
        }
        addStartupRoutes(to: router)
        addAPIKeyRoutes(to: router)
    }

    /// Users managed by an administrator (and a user's own password), at Jellyfin's paths.
    func addUserAdministrationRoutes(to router: Router<KinoraRequestContext>) {
        router.post("Users/New") { request, context in
            try await requireAdministrator(request)
            let body = try await Self.body(of: request, context: context)
            guard let name = body.string("Name"), !name.isEmpty else { throw JellyfinError.badRequest("Name is required") }
            let user = try await Self.storeFailureAsBadRequest {
                try await store.addUser(name: name, password: body.string("Password"), isAdministrator: false, now: Self.now())
            }
            return try Response.json(UserDto(user, serverID: serverID), encoder: .jellyfin)
        }
        router.delete("Users/{userId}") { request, context in
            try await requireAdministrator(request)
            let id = try userID(context)
            guard try await Self.storeFailureAsBadRequest({ try await store.deleteUser(id: id) }) else { throw JellyfinError.notFound("User not found") }
            return Response(status: .noContent)
        }
        router.post("Users/{userId}/Policy") { request, context in
            try await requireAdministrator(request)
            let id = try userID(context)
            guard let user = try await store.user(id: id) else { throw JellyfinError.notFound("User not found") }
            let body = try await Self.body(of: request, context: context)
            let isAdministrator = body.bool("IsAdministrator") ?? user.isAdministrator
            let allFolders = body.bool("EnableAllFolders") ?? (user.enabledLibraryIds == nil)
            let folders = (body.strings("EnabledFolders") ?? user.enabledLibraryIds ?? []).compactMap { JellyfinIdentifier($0)?.hex }
            try await Self.storeFailureAsBadRequest {
                try await store.setAccess(id: id, isAdministrator: isAdministrator, enabledLibraryIds: allFolders ? nil : folders)
            }
            return Response(status: .noContent)
        }
        router.post("Users/{userId}/Password") { request, context in
            let caller = try await authenticated(request)
            let id = try userID(context)
            guard caller.isAdministrator || caller.user?.id == id, let user = try await store.user(id: id) else { throw JellyfinError.notFound("User not found") }
            let body = try await Self.body(of: request, context: context)
            let reset = body.bool("ResetPassword") ?? false
            if !caller.isAdministrator, user.hasPassword, try await store.authenticate(name: user.name, password: body.string("CurrentPw") ?? "") == nil {
                throw JellyfinError.forbidden
            }
            try await store.setPassword(id: id, password: reset ? nil : body.string("NewPw"), keepingToken: caller.user?.id == id ? caller.token : nil)
            return Response(status: .noContent)
        }
    }

    func userID(_ context: KinoraRequestContext) throws -> String {
        guard let id = context.parameters.get("userId").flatMap(JellyfinIdentifier.init)?.hex else { throw JellyfinError.notFound("User not found") }
        return id
    }

    /// A store refusal (a taken name, the last administrator) is the client's to fix: 400 with its sentence.
    static func storeFailureAsBadRequest<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let failure as MediaStore.Failure { throw JellyfinError.badRequest(failure.description) }
    }

    /// `/Auth/Keys`: API keys for other programs; Jellyseerr creates one after signing in as an administrator.
    func addAPIKeyRoutes(to router: Router<KinoraRequestContext>) {
        router.get("Auth/Keys") { request, _ in
            try await requireAdministrator(request)
            let keys = try await store.apiKeys().map { key in
                AuthenticationInfo(
                    Id: 0, AccessToken: key.token, AppName: key.appName,
                    DateCreated: jellyfinDate(millisecondsSinceEpoch: key.createdAt))
            }
            return try Response.json(QueryResult(Items: keys, TotalRecordCount: keys.count, StartIndex: 0), encoder: .jellyfin)
        }
        router.post("Auth/Keys") { request, _ in
            try await requireAdministrator(request)
            guard let app = request.queryValue(named: "App"), !app.isEmpty else { throw JellyfinError.badRequest("The App query parameter is required") }
            _ = try await store.createAPIKey(appName: app, now: Self.now())
            return Response(status: .noContent)
        }
        router.delete("Auth/Keys/{key}") { request, context in
            try await requireAdministrator(request)
            guard let key = context.parameters.get("key"), try await store.revokeAPIKey(token: key) else { throw JellyfinError.notFound("API key not found") }
            return Response(status: .noContent)
        }
    }

    /// The first-run wizard (`/Startup/*`): open until it is completed, then for administrators.
    func addStartupRoutes(to router: Router<KinoraRequestContext>) {
        router.get("Startup/Configuration") { request, _ in
            try await requireSetupAccess(request)
            return try Response.json(StartupConfiguration(), encoder: .jellyfin)
        }
        router.post("Startup/Configuration") { request, _ in
            try await requireSetupAccess(request)
            return Response(status: .noContent)
        }
        router.get("Startup/User") { request, _ in
            try await requireSetupAccess(request)
            let first = try await store.users().first { $0.isAdministrator }
            return try Response.json(StartupUser(Name: first?.name ?? "admin", Password: nil), encoder: .jellyfin)
        }
        router.post("Startup/User") { request, context in
            try await requireSetupAccess(request)
            let body = try await Self.body(of: request, context: context)
            guard let name = body.string("Name"), !name.isEmpty else { throw JellyfinError.badRequest("Name is required") }
            try await Self.storeFailureAsBadRequest {
                if let first = try await store.users().first(where: { $0.isAdministrator }) {
                    try await store.updateUser(id: first.id, name: name, password: body.string("Password"))
                } else {
                    try await store.addUser(name: name, password: body.string("Password"), isAdministrator: true, now: Self.now())
                }
            }
            return Response(status: .noContent)
        }
        router.post("Startup/Complete") { request, _ in
            try await requireSetupAccess(request)
            guard try await store.users().contains(where: \.isAdministrator) else {
                throw JellyfinError.badRequest("Create the first user (POST /Startup/User) before completing the wizard")
            }
            try await environment.database?.saveSetting(Self.wizardCompletedSetting, to: "true")
            return Response(status: .noContent)
        }
    }

    static let wizardCompletedSetting = "startup-wizard-completed"

    func isWizardCompleted() async -> Bool {
        guard let database = environment.database else { return false }
        return (try? await database.setting(named: Self.wizardCompletedSetting)) == "true"
    }

    func requireSetupAccess(_ request: Request) async throws {
        guard await isWizardCompleted() else { return }
        try await requireAdministrator(request)
    }

    /// Who is calling: a signed-in user, or a program with an API key.
    struct Caller {
        let token: String
        let user: MediaUser?
        var isAdministrator: Bool { user?.isAdministrator ?? true }
        /// The libraries the caller may see; nil is all (administrators and API keys).
        var libraryIds: [String]? { user.flatMap { $0.isAdministrator ? nil : $0.enabledLibraryIds } }

        func canSee(libraryId: String) -> Bool { user?.canSee(libraryId: libraryId) ?? true }
    }

    /// The caller of a request, or a 401 as Jellyfin answers it.
    func authenticated(_ request: Request) async throws -> Caller {
        try await caller(token: Self.authorization(of: request).token)
    }

    /// Who holds `token`: a signed-in user's session or an API key; else a 401.
    func caller(token: String?) async throws -> Caller {
        guard let token else { throw JellyfinError.unauthorized("Authentication required") }
        switch try await store.credential(token: token) {
        case .user(let user): return Caller(token: token, user: user)
        case .apiKey: return Caller(token: token, user: nil)
        case nil: throw JellyfinError.unauthorized("Authentication required")
        }
    }

    func requireAdministrator(_ request: Request) async throws {
        guard try await authenticated(request).isAdministrator else { throw JellyfinError.forbidden }
    }

    static func authorization(of request: Request) -> JellyfinAuthorization {
        JellyfinAuthorization.from(
            header: { name in HTTPField.Name(name).flatMap { request.headers[$0] } },
            query: { request.queryValue(named: $0) })
    }

    static func body(of request: Request, context: KinoraRequestContext) async throws -> CaseInsensitiveJSON {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return try CaseInsensitiveJSON(Data(buffer.readableBytesView))
    }

    static func now() -> Timestamp { Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970) }

    func sessionInfo(token: MediaAccessToken, user: MediaUser) -> SessionInfoDto {
        SessionInfoDto(
            Id: String(token.token.prefix(32)), UserId: user.id, UserName: user.name, Client: token.client,
            DeviceId: token.deviceId, DeviceName: token.deviceName, ApplicationVersion: token.version,
            LastActivityDate: jellyfinDate(millisecondsSinceEpoch: token.lastActivityAt),
            ServerId: serverID)
    }

    func systemInfo(requestHost: String?) async -> SystemInfo {
        let configDirectory = environment.configuration.configDirectory
        return SystemInfo(
            LocalAddress: await publicSystemInfo(requestHost: requestHost).LocalAddress, ServerName: environment.facts.hostName,
            Version: KinoraVersion.compatibleVersion(of: .media), Id: serverID, StartupWizardCompleted: await isWizardCompleted(),
            OperatingSystemDisplayName: environment.facts.osName, WebSocketPortNumber: environment.port,
            ProgramDataPath: configDirectory, WebPath: environment.facts.startupDirectory,
            ItemsByNamePath: configDirectory + "/media", CachePath: configDirectory + "/cache",
            LogPath: configDirectory + "/log", InternalMetadataPath: configDirectory + "/media",
            TranscodingTempPath: configDirectory + "/transcodes", SystemArchitecture: environment.facts.architecture)
    }
}

/// Errors in the shapes Jellyfin answers them.
enum JellyfinError: Error, HTTPResponseError {
    case unauthorized(String)
    case forbidden
    case notFound(String)
    case badRequest(String)

    var status: HTTPResponse.Status {
        switch self {
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch self {
        case .unauthorized(let message), .notFound(let message), .badRequest(let message):
            return .text(message, status: status)
        case .forbidden:
            return .text("Access to this resource is restricted to administrators.", status: status)
        }
    }
}
