import Foundation
@testable import MetadataProviders

/// A transport that answers from a closure and records every request, for error cases a real
/// server makes awkward (timeouts, oversized bodies).
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    typealias Answer = (status: Int, headers: [String: String], body: Data)
    private let lock = NSLock()
    private var recorded: [(url: URL, headers: [String: String])] = []
    private let answer: @Sendable (URL) throws -> Answer

    init(_ answer: @escaping @Sendable (URL) throws -> Answer) {
        self.answer = answer
    }

    convenience init(status: Int, headers: [String: String] = [:], body: String) {
        self.init { _ in (status, headers, Data(body.utf8)) }
    }

    var requests: [(url: URL, headers: [String: String])] { lock.withLock { recorded } }

    func get(_ url: URL, headers: [String: String]) async throws -> (status: Int, headers: [String: String], body: Data) {
        lock.withLock { recorded.append((url, headers)) }
        return try answer(url)
    }
}

extension URL {
    var queryItems: [String: String] {
        var items: [String: String] = [:]
        for item in URLComponents(url: self, resolvingAgainstBaseURL: false)?.queryItems ?? [] { items[item.name] = item.value ?? "" }
        return items
    }
}
