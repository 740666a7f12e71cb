import Foundation
import Hummingbird
import KinoraCore
import Logging
import MetadataProviders
import KinoraHTTP
import NIOCore
import ServarrCore

/// Each indexer again as a Torznab/Newznab feed at `/{id}/api` (and `/api/v1/indexer/{id}/newznab`),
/// which is what the applications' synced copies point at: the request goes on to the indexer with
/// its own key, and the answer comes back as it was given.
extension IndexersRole {
    func addFeedRoutes(to router: Router<KinoraRequestContext>, api: RouterGroup<KinoraRequestContext>) {
        router.get("{id}/api") { request, context in try await feed(request, context: context, checkKey: true) }
        // Under /api/v1 the key middleware has checked the key already.
        api.get("indexer/{id}/newznab") { request, context in try await feed(request, context: context, checkKey: false) }
    }

    func feed(_ request: Request, context: KinoraRequestContext, checkKey: Bool) async throws -> Response {
        if checkKey, let key = environment.apiKey?.value, request.queryValue(named: "apikey") != key {
            return Self.newznabError(100, "Invalid API Key")
        }
        guard let id = Int(context.parameters.get("id") ?? ""), let indexer = try await store.one(.indexer, id: id) else {
            return Self.newznabError(201, "Incorrect parameter: no indexer with this id")
        }
        guard indexer.extraBool("enable") ?? true else { return Self.newznabError(910, "This indexer is disabled") }
        guard let function = request.queryValue(named: "t"), !function.isEmpty else { return Self.newznabError(200, "Missing parameter (t)") }
        let forwarded = request.uri.queryParameters
            .filter { $0.key.lowercased() != "apikey" }
            .map { (String($0.key), String($0.value)) }
        guard let url = feedURL(of: indexer, query: forwarded) else { return Self.newznabError(900, "The indexer's URL is not usable; fix it in the indexer's settings") }
        let answer: (status: Int, headers: [String: String], body: Data)
        do { answer = try await upstream.get(url, headers: ["Accept": "application/rss+xml, application/xml, text/xml"]) } catch {
            environment.logger.warning("indexer unreachable", metadata: ["indexer": "\(indexer.name ?? "")", "error": "\(error)"])
            return Self.newznabError(900, "The indexer \(indexer.name ?? "") could not be reached: \(error)")
        }
        guard (200..<300).contains(answer.status) else {
            return Self.newznabError(900, "The indexer \(indexer.name ?? "") answered HTTP \(answer.status)")
        }
        var headers = HTTPFields()
        headers[.contentType] = answer.headers["content-type"] ?? "application/rss+xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Newznab's error answer: HTTP 200 with `<error code description/>`, which the *arrs read.
    static func newznabError(_ code: Int, _ description: String) -> Response {
        let escaped = description.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error code=\"\(code)\" description=\"\(escaped)\" />\n"
        var headers = HTTPFields()
        headers[.contentType] = "application/xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }
}
