/// Why a metadata source or the artwork store could not answer. Each description is one sentence
/// that says what failed and, where possible, what to change.
public enum MetadataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No API key: `configKey` names the setting to fill in.
    case notConfigured(provider: String, configKey: String)
    /// The host did not answer (DNS, refused connection, TLS, timeout).
    case unreachable(host: String, underlying: String)
    /// The service refused the credentials (HTTP 401).
    case unauthorized(host: String, detail: String?)
    /// A status or body we cannot use; `status` is nil when the HTTP exchange itself was fine.
    case badResponse(host: String, status: Int?, reason: String)
    /// HTTP 429; `retryAfterSeconds` from the `Retry-After` header when it was sent.
    case rateLimited(host: String, retryAfterSeconds: Int?)
    /// A caller-supplied value that cannot be used (an empty term, an owner with `/`...).
    case invalidInput(String)
    /// The offline catalog file could not be read or decoded.
    case invalidCatalog(file: String, reason: String)
    /// Artwork that is not a JPEG, PNG or WebP image, or is too large.
    case invalidImage(source: String, reason: String)

    public var description: String {
        switch self {
        case .notConfigured(let provider, let key):
            "\(provider) is not configured: set `\(key)` to an API key (a v3 key or a v4 read access token)."
        case .unreachable(let host, let underlying):
            "Could not reach \(host): \(underlying)."
        case .unauthorized(let host, let detail):
            "\(host) refused the API key (HTTP 401\(detail.map { ": \($0)" } ?? "")); check that the key is valid and not revoked."
        case .badResponse(let host, let status, let reason):
            "\(host) sent an unusable response\(status.map { " (HTTP \($0))" } ?? ""): \(reason)."
        case .rateLimited(let host, let seconds):
            "\(host) is rate limiting requests; retry \(seconds.map { "in \($0) seconds" } ?? "later")."
        case .invalidInput(let reason):
            "Invalid input: \(reason)."
        case .invalidCatalog(let file, let reason):
            "The metadata catalog \(file) could not be read: \(reason)."
        case .invalidImage(let source, let reason):
            "The image \(source) was refused: \(reason)."
        }
    }
}
