import Foundation
import ServarrCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The calls Prowlarr's Sonarr and Radarr proxies make to an application's API v3, with its API key
/// in `X-Api-Key`. Bounded in time; every failure is one sentence naming the application.
struct ApplicationClient: Sendable {
    let name: String
    let baseURL: String
    let apiKey: String
    var timeout: TimeInterval = 15

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// From an application resource of the role's API.
    init(resource: ProviderResource) {
        name = resource.name ?? resource.implementation
        var base = resource.string("baseUrl") ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        apiKey = resource.string("apiKey") ?? ""
    }

    func status() async throws -> [String: ProviderValue] {
        try decode([String: ProviderValue].self, try await call("GET", "/api/v3/system/status", expecting: [200]).body)
    }

    func indexerSchema() async throws -> [ProviderResource] {
        try decode([ProviderResource].self, try await call("GET", "/api/v3/indexer/schema", expecting: [200]).body)
    }

    func indexers() async throws -> [ProviderResource] {
        try decode([ProviderResource].self, try await call("GET", "/api/v3/indexer", expecting: [200]).body)
    }

    /// POSTs an indexer; when the application's own test of it fails (400), saves it anyway with
    /// `forceSave`, as Prowlarr does — the feed may be unreachable from here but not from there.
    func addIndexer(_ resource: ProviderResource) async throws -> ProviderResource {
        let body = try JSONEncoder().encode(resource)
        let first = try await call("POST", "/api/v3/indexer", body: body, expecting: [200, 201, 400])
        if first.status != 400 { return try decode(ProviderResource.self, first.body) }
        return try decode(ProviderResource.self, try await call("POST", "/api/v3/indexer?forceSave=true", body: body, expecting: [200, 201]).body)
    }

    func updateIndexer(_ resource: ProviderResource, id: Int) async throws {
        var resource = resource
        resource.id = id
        _ = try await call("PUT", "/api/v3/indexer/\(id)?forceSave=true", body: try JSONEncoder().encode(resource), expecting: [200, 202])
    }

    /// Deletes a copy; one already gone counts as deleted.
    func deleteIndexer(id: Int) async throws {
        _ = try await call("DELETE", "/api/v3/indexer/\(id)", expecting: [200, 204, 404])
    }

    private func call(_ method: String, _ path: String, body: Data? = nil, expecting accepted: Set<Int>) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: baseURL + path), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw Failure(description: "\(name): '\(baseURL)' is not an http(s) address; set the application's server URL")
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue(apiKey, forHTTPHeaderField: "X-Api-Key")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw Failure(description: "\(name) at \(baseURL) could not be reached: \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if status == 401 { throw Failure(description: "\(name) refused the API key: copy it from \(name)'s Settings/General") }
        guard accepted.contains(status) else {
            throw Failure(description: "\(name) answered \(method) \(path) with HTTP \(status): \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        return (status, data)
    }

    private func decode<Value: Decodable>(_ type: Value.Type, _ data: Data) throws -> Value {
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw Failure(description: "\(name) at \(baseURL) did not answer like Sonarr/Radarr's API v3 (\(error))")
        }
    }
}
