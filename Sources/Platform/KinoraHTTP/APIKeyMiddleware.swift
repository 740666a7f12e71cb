import HTTPTypes
import Hummingbird
import KinoraCore

/// The *arr way of authenticating automation: the role's key in an `X-Api-Key` header or an
/// `apikey` query parameter. Which paths need it is the role's decision.
public struct APIKeyMiddleware: RouterMiddleware {
    public typealias Context = KinoraRequestContext

    let key: APIKey
    let isProtected: @Sendable (Request) -> Bool

    public init(key: APIKey, isProtected: @escaping @Sendable (Request) -> Bool) {
        self.key = key
        self.isProtected = isProtected
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard isProtected(request) else { return try await next(request, context) }
        let given = request.headers[.xAPIKey] ?? request.queryValue(named: "apikey")
        guard let given, key.matches(given) else {
            return try .json(
                ["error": given == nil ? "Unauthorized: send the API key in the X-Api-Key header or the apikey query parameter."
                    : "Unauthorized: the API key is wrong; `kinora keys` prints the right one."],
                status: .unauthorized
            )
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    public static let xAPIKey = Self("X-Api-Key")!
}
