import Hummingbird
import KinoraCore
import KinoraHTTP

/// The audiobooks role (Audiobookshelf). Tokens come with its issue.
public struct AudiobooksRole: KinoraRole {
    let environment: RoleEnvironment

    public var role: Role { .audiobooks }

    public static let definition = RoleDefinition(role: .audiobooks) { AudiobooksRole(environment: $0) }

    public func requiresAPIKey(_ request: Request) -> Bool { false }

    /// Audiobookshelf answers `{"success":true}`.
    public func pingResponse() throws -> Response { try .json(["success": true]) }

    public func addRoutes(to router: Router<KinoraRequestContext>) {
        router.get("status") { _, _ in
            try Response.json(
                AudiobookshelfStatus(
                    app: "audiobookshelf",
                    serverVersion: KinoraVersion.compatibleVersion(of: .audiobooks),
                    isInit: false,
                    language: "en-us",
                    authMethods: ["local"],
                    authFormData: [:]
                ))
        }
        // Audiobookshelf answers 200 "OK" while it can serve; startup warnings do not change that.
        router.get("healthcheck") { _, _ in Response.text("OK") }
    }
}

struct AudiobookshelfStatus: Encodable {
    let app: String
    let serverVersion: String
    /// True once the root user exists (the audiobooks issue adds users).
    let isInit: Bool
    let language: String
    let authMethods: [String]
    let authFormData: [String: String]
}
