import Foundation
import Hummingbird
import KinoraCore
import Logging
import MetadataProviders
import KinoraHTTP
import ServarrCore

/// `/api/v1/indexer`: the generic Torznab and Newznab indexers. Adding or testing one reads its
/// capabilities (`t=caps`), which decide the applications it is synced to.
extension IndexersRole {
    func addIndexerRoutes(to api: RouterGroup<KinoraRequestContext>) {
        let templates = ProwlarrSchemas.indexerTemplates
        addResourceRoutes(
            to: api, path: "indexer", table: .indexer, noun: "Indexer", templates: templates, syncAfterDelete: true,
            prepare: { body, stored, forceSave in
                // Validated, with its capabilities read now (required unless `forceSave`).
                var resource = try Self.validated(stored.map { body.merging(secretsFrom: $0) } ?? body, against: templates)
                resource.extra["added"] = stored?.extra["added"] ?? .string(Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970).iso8601(fractionDigits: 0))
                do {
                    resource.extra["capabilities"] = try await capabilities(of: resource).resourceValue
                } catch let error where forceSave {
                    // Saved anyway, as asked; the feed's categories stay as they were until a test reads them.
                    resource.extra["capabilities"] = stored?.extra["capabilities"]
                    environment.logger.warning("indexer saved without its capabilities", metadata: ["indexer": "\(resource.name ?? "")", "error": "\(error)"])
                }
                return resource
            },
            test: { resource in _ = try await capabilities(of: resource) })
    }

    /// `GET {baseUrl}{apiPath}?t=caps&apikey=…` of an indexer, parsed; failures answer as a 400 list.
    func capabilities(of resource: ProviderResource) async throws -> TorznabCapabilities {
        guard let url = feedURL(of: resource, query: [("t", "caps")]) else {
            throw Self.failure("BaseUrl", "Invalid indexer URL '\(resource.string("baseUrl") ?? "")'")
        }
        let answer: (status: Int, headers: [String: String], body: Data)
        do { answer = try await upstream.get(url, headers: [:]) } catch {
            throw Self.failure("BaseUrl", "Unable to connect to indexer at \(url.host ?? ""): \(error)")
        }
        if answer.status == 401 || answer.status == 403 { throw Self.failure("ApiKey", "The indexer refused the API key (HTTP \(answer.status))") }
        guard (200..<300).contains(answer.status) else { throw Self.failure("BaseUrl", "The indexer answered HTTP \(answer.status)") }
        do {
            return try TorznabCapabilities.parse(String(decoding: answer.body, as: UTF8.self))
        } catch .indexerError(let code, let text) where code.map({ (100..<200).contains($0) }) ?? false {
            throw Self.failure("ApiKey", "The indexer refused the API key: \(text)")
        } catch {
            throw Self.failure("BaseUrl", "\(error)")
        }
    }

    /// The indexer's own API address with `query` and its key (and any additional parameters).
    func feedURL(of resource: ProviderResource, query: [(String, String)]) -> URL? {
        var base = resource.string("baseUrl") ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        let path = resource.string("apiPath").flatMap { $0.isEmpty ? nil : $0 } ?? "/api"
        guard var components = URLComponents(string: base + (path.hasPrefix("/") ? path : "/" + path)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else { return nil }
        var items = components.queryItems ?? []
        items += query.map { URLQueryItem(name: $0.0, value: $0.1) }
        if let extra = resource.string("additionalParameters"), !extra.isEmpty {
            items += URLComponents(string: "?" + extra.drop { $0 == "&" || $0 == "?" })?.queryItems ?? []
        }
        if let key = resource.string("apiKey"), !key.isEmpty { items.append(URLQueryItem(name: "apikey", value: key)) }
        components.queryItems = items
        return components.url
    }
}

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
