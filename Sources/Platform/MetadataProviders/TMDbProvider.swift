import Foundation
import MediaCore

/// TMDb v3 as a metadata source for series and movies. A v3 API key goes in the `api_key` query
/// parameter; a v4 read access token (a JWT, starting with `eyJ`) goes in `Authorization: Bearer`.
public struct TMDbProvider: MetadataProvider {
    /// The configuration key the API key comes from; named in `notConfigured` errors.
    public static let apiKeyConfigKey = "metadata.tmdb-api-key"
    /// Search results whose TVDb id is looked up (one extra request each): Sonarr keys series by it.
    static let searchExternalIdLimit = 10
    /// Season requests in flight at once for one series.
    static let seasonConcurrency = 4

    let apiKey: String
    let baseURL: URL
    let imageBaseURL: String
    let transport: any HTTPTransport
    let language: String
    let now: @Sendable () -> Date

    public init(
        apiKey: String,
        baseURL: URL = URL(string: "https://api.themoviedb.org/3")!,
        imageBaseURL: String = "https://image.tmdb.org/t/p/original",
        transport: any HTTPTransport = URLSessionTransport(),
        language: String = "en-US",
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.apiKey = apiKey.trimmingCharacters(in: .whitespacesAndNewlines)
        self.baseURL = baseURL
        self.imageBaseURL = imageBaseURL.hasSuffix("/") ? String(imageBaseURL.dropLast()) : imageBaseURL
        self.transport = transport
        self.language = language
        self.now = now
    }

    /// Reads `/configuration` and returns the `original`-size image base URL to pass as `imageBaseURL`.
    public func fetchImageBaseURL() async throws -> String? {
        guard let configuration: TMDb.Configuration = try await get("configuration") else { return nil }
        guard let base = configuration.images?.secure_base_url ?? configuration.images?.base_url, !base.isEmpty else { return nil }
        return (base.hasSuffix("/") ? base : base + "/") + "original"
    }

    // MARK: Requests

    /// GETs `path` under the base URL and decodes it; nil on 404.
    func get<Body: Decodable>(_ path: String, query: [String: String] = [:]) async throws -> Body? {
        guard !apiKey.isEmpty else { throw MetadataError.notConfigured(provider: "TMDb", configKey: Self.apiKeyConfigKey) }
        let url = try url(for: path, query: query)
        let host = url.host ?? "TMDb"
        var headers = ["Accept": "application/json"]
        if isReadAccessToken { headers["Authorization"] = "Bearer \(apiKey)" }
        let (status, answerHeaders, body) = try await transport.get(url, headers: headers)
        switch status {
        case 200..<300:
            break
        case 404:
            return nil
        case 401:
            throw MetadataError.unauthorized(host: host, detail: Self.statusMessage(in: body))
        case 429:
            throw MetadataError.rateLimited(host: host, retryAfterSeconds: answerHeaders["retry-after"].flatMap(Self.retryAfterSeconds))
        default:
            let reason = Self.statusMessage(in: body).map { "TMDb says \"\($0)\"" } ?? "unexpected status for /\(path)"
            throw MetadataError.badResponse(host: host, status: status, reason: reason)
        }
        do {
            return try JSONDecoder().decode(Body.self, from: body)
        } catch {
            throw MetadataError.badResponse(host: host, status: status, reason: "the JSON for /\(path) is invalid (\(Self.describe(error)))")
        }
    }

    private var isReadAccessToken: Bool { apiKey.hasPrefix("eyJ") }

    private func url(for path: String, query: [String: String]) throws -> URL {
        guard var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false) else {
            throw MetadataError.invalidInput("the TMDb base URL \(baseURL.absoluteString) cannot be extended with /\(path)")
        }
        var items = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        items.append(URLQueryItem(name: "language", value: language))
        if !isReadAccessToken { items.insert(URLQueryItem(name: "api_key", value: apiKey), at: 0) }
        components.queryItems = items
        guard let url = components.url else { throw MetadataError.invalidInput("/\(path) does not form a valid URL") }
        return url
    }

    /// TMDb error bodies: `{"status_code": 7, "status_message": "Invalid API key..."}`.
    static func statusMessage(in body: Data) -> String? {
        struct ErrorBody: Decodable { var status_message: String? }
        guard let message = (try? JSONDecoder().decode(ErrorBody.self, from: body.prefix(64 * 1024)))?.status_message,
              !message.isEmpty else { return nil }
        return String(message.prefix(200))
    }

    /// `Retry-After` as delta-seconds; the HTTP-date form is turned into seconds from now.
    static func retryAfterSeconds(_ value: String) -> Int? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, Int(date.timeIntervalSinceNow.rounded(.up)))
    }

    /// A decoding error in a sentence fragment: which key, and what was wrong.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the top level" : "`" + text + "`"
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)) is not a \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)) is null, expected a \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)) lacks the required key `\(key.stringValue)`"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "not valid JSON at \(path(context))" + (underlying.map { ": \($0)" } ?? "")
        @unknown default: return String(describing: error)
        }
    }

    // MARK: Mapping helpers

    func image(_ path: String?, _ coverType: String) -> MetadataImage? {
        guard let path, !path.isEmpty else { return nil }
        return MetadataImage(coverType: coverType, url: imageBaseURL + (path.hasPrefix("/") ? path : "/" + path))
    }

    static func languageName(_ code: String?) -> String? {
        guard let code, !code.isEmpty else { return nil }
        return LanguageCode.englishName(for: code) ?? code
    }

    /// `YYYY-MM-DD` from TMDb dates, which may be empty or carry a time (`2010-07-15T00:00:00.000Z`).
    static func day(_ text: String?) -> String? {
        guard let text, let date = AirDate(parsing: text) else { return nil }
        return date.description
    }

    static func year(_ text: String?) -> Int? {
        guard let text, let date = AirDate(parsing: text) else { return nil }
        return date.year
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func validIMDbId(_ raw: String) throws -> String {
        guard let id = MediaCore.MetadataProvider.imdb.normalizedID(raw) else {
            throw MetadataError.invalidInput("\"\(raw.prefix(40))\" is not an IMDb id (tt followed by digits)")
        }
        return id
    }
}
