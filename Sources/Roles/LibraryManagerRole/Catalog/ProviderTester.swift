import Foundation
import KinoraHTTP
import ServarrCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The "Test" button of indexers, download clients and connections: one real request to the
/// configured service, bounded in time, its failure as the originals word it (a 400 list).
enum ProviderTester {
    static let timeout: TimeInterval = 15

    static func test(_ resource: ProviderResource, kind: ProviderKind) async throws {
        switch resource.implementation.lowercased() {
        case "torznab", "newznab": try await testNewznab(resource)
        case "transmission": try await testTransmission(resource)
        case "mediabrowser": try await testMediaBrowser(resource)
        default: break
        }
    }

    /// `GET {baseUrl}{apiPath}?t=caps&apikey=…` must answer a Newznab capabilities document.
    static func testNewznab(_ resource: ProviderResource) async throws {
        let base = resource.string("baseUrl") ?? ""
        let apiPath = resource.string("apiPath") ?? "/api"
        var text = base.hasSuffix("/") ? String(base.dropLast()) : base
        text += apiPath.hasPrefix("/") ? apiPath : "/" + apiPath
        guard var components = URLComponents(string: text) else { throw failure("BaseUrl", "Invalid indexer URL '\(text)'") }
        var items = components.queryItems ?? []
        items.append(URLQueryItem(name: "t", value: "caps"))
        if let key = resource.string("apiKey"), !key.isEmpty { items.append(URLQueryItem(name: "apikey", value: key)) }
        components.queryItems = items
        guard let url = components.url else { throw failure("BaseUrl", "Invalid indexer URL '\(text)'") }
        let (status, body) = try await get(url, headers: [:], property: "BaseUrl", what: "indexer")
        if status == 401 || status == 403 { throw failure("ApiKey", "The indexer refused the API key (HTTP \(status))") }
        guard (200..<300).contains(status) else { throw failure("BaseUrl", "The indexer answered HTTP \(status)") }
        let xml = String(decoding: body.prefix(65_536), as: UTF8.self)
        if xml.contains("<error") { throw failure("ApiKey", "The indexer answered with an error: " + String(xml.prefix(200))) }
        guard xml.contains("<caps") else { throw failure("BaseUrl", "The indexer's answer is not a Newznab/Torznab capabilities document") }
    }

    /// Transmission's RPC: a `session-get` through the 409 session-id handshake.
    static func testTransmission(_ resource: ProviderResource) async throws {
        let host = resource.string("host") ?? "localhost"
        let port = resource.int("port") ?? 9091
        let ssl = resource.bool("useSsl") ?? false
        var base = resource.string("urlBase") ?? "/transmission/"
        if !base.hasPrefix("/") { base = "/" + base }
        if !base.hasSuffix("/") { base += "/" }
        guard let url = URL(string: "\(ssl ? "https" : "http")://\(host):\(port)\(base)rpc") else {
            throw failure("Host", "Invalid download client address \(host):\(port)")
        }
        var headers: [String: String] = ["Content-Type": "application/json"]
        if let user = resource.string("username"), !user.isEmpty {
            let token = Data("\(user):\(resource.string("password") ?? "")".utf8).base64EncodedString()
            headers["Authorization"] = "Basic \(token)"
        }
        let body = Data(#"{"method":"session-get","arguments":{"fields":["version","rpc-version"]}}"#.utf8)
        var (status, answerHeaders, answer) = try await post(url, headers: headers, body: body)
        if status == 409, let id = answerHeaders["x-transmission-session-id"] {
            headers["X-Transmission-Session-Id"] = id
            (status, answerHeaders, answer) = try await post(url, headers: headers, body: body)
        }
        if status == 401 { throw failure("Username", "Authentication failed: check the user name and password") }
        guard status == 200 else { throw failure("Host", "Transmission answered HTTP \(status)") }
        guard let object = try? JSONSerialization.jsonObject(with: answer) as? [String: Any], object["result"] as? String == "success" else {
            throw failure("Host", "The answer is not Transmission's RPC")
        }
    }

    /// Jellyfin or Emby: `GET /System/Info` with the API key.
    static func testMediaBrowser(_ resource: ProviderResource) async throws {
        let host = resource.string("host") ?? "localhost"
        let port = resource.int("port") ?? 8096
        let ssl = resource.bool("useSsl") ?? false
        var base = resource.string("urlBase") ?? ""
        if !base.isEmpty, !base.hasPrefix("/") { base = "/" + base }
        guard let url = URL(string: "\(ssl ? "https" : "http")://\(host):\(port)\(base)/System/Info") else {
            throw failure("Host", "Invalid media server address \(host):\(port)")
        }
        let (status, _) = try await get(url, headers: ["X-MediaBrowser-Token": resource.string("apiKey") ?? ""], property: "Host", what: "media server")
        if status == 401 { throw failure("ApiKey", "The media server refused the API key") }
        guard (200..<300).contains(status) else { throw failure("Host", "The media server answered HTTP \(status)") }
    }

    static func failure(_ property: String, _ message: String) -> ServarrValidationError {
        ServarrValidationError([ServarrValidationFailure(propertyName: property, errorMessage: message, attemptedValue: nil, errorCode: "ConnectionTest")])
    }

    private static func get(_ url: URL, headers: [String: String], property: String, what: String) async throws -> (Int, Data) {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        } catch {
            throw failure(property, "Unable to connect to \(what) at \(url.host ?? ""):\(url.port.map(String.init) ?? ""): \(error.localizedDescription)")
        }
    }

    private static func post(_ url: URL, headers: [String: String], body: Data) async throws -> (Int, [String: String], Data) {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = response as? HTTPURLResponse
            var fields: [String: String] = [:]
            for (name, value) in http?.allHeaderFields ?? [:] {
                if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
            }
            return (http?.statusCode ?? 0, fields, data)
        } catch {
            throw failure("Host", "Unable to connect to Transmission at \(url.host ?? ""):\(url.port.map(String.init) ?? ""): \(error.localizedDescription)")
        }
    }
}
