import Hummingbird

/// One failed rule, as Sonarr, Radarr and Prowlarr report validation errors (FluentValidation):
/// the answer to a bad request is 400 with a list of these.
public struct ServarrValidationFailure: Codable, Sendable, Equatable, Error {
    public var propertyName: String
    public var errorMessage: String
    public var attemptedValue: String?
    public var severity: String
    public var errorCode: String

    public init(propertyName: String, errorMessage: String, attemptedValue: String?, errorCode: String) {
        self.propertyName = propertyName
        self.errorMessage = errorMessage
        self.attemptedValue = attemptedValue
        self.severity = "error"
        self.errorCode = errorCode
    }
}

/// Thrown by a handler to answer 400 with the failures.
public struct ServarrValidationError: Error, Sendable, HTTPResponseError {
    public let failures: [ServarrValidationFailure]

    public init(_ failures: [ServarrValidationFailure]) {
        self.failures = failures
    }

    public var status: HTTPResponse.Status { .badRequest }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try .json(failures, status: .badRequest)
    }
}

/// Sonarr's answer to a missing resource: 404 with `{"message": …}`.
public struct ServarrNotFound: Error, Sendable, HTTPResponseError {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var status: HTTPResponse.Status { .notFound }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try .json(["message": message], status: .notFound)
    }
}

extension Request {
    /// Decodes a JSON body, answering 400 in the Servarr shape when it is not the expected JSON.
    public func decodeServarrBody<Body: Decodable>(_ type: Body.Type, context: some RequestContext) async throws -> Body {
        do {
            return try await decode(as: type, context: context)
        } catch {
            throw ServarrValidationError([
                ServarrValidationFailure(
                    propertyName: "", errorMessage: "The request body is not valid JSON for this resource.",
                    attemptedValue: nil, errorCode: "InvalidJson")
            ])
        }
    }
}
