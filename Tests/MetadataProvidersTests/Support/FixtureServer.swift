import Foundation
import Hummingbird
import Logging
import NIOCore

/// A request the fixture server saw.
struct RecordedRequest: Sendable {
    var path: String
    var query: [String: String]
    var authorization: String?
}

actor RequestLog {
    private(set) var requests: [RecordedRequest] = []
    func append(_ request: RecordedRequest) { requests.append(request) }
}

/// Serves the recorded TMDb responses in `Fixtures/tmdb` on 127.0.0.1 at a free port, the way
/// api.themoviedb.org/3 would: `/3/tv/1396/season/1` → `tv_1396_season_1.json`, 404 (with TMDb's
/// error body) for anything not recorded, 401 when the key is not the expected one.
enum FixtureServer {
    static let apiKey = "0123456789abcdef0123456789abcdef"
    static let readAccessToken = "eyJhbGciOiJIUzI1NiJ9.fixture.token"

    static var fixtures: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw MetadataTestError("the Fixtures resource folder is missing from the test bundle")
            }
            return url
        }
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: try fixtures.appendingPathComponent("tmdb").appendingPathComponent(name))
    }

    /// Runs `body` with the base URL (`http://127.0.0.1:<port>/3`) and the log of requests.
    static func with<T: Sendable>(_ body: @Sendable (URL, RequestLog) async throws -> T) async throws -> T {
        let folder = try fixtures.appendingPathComponent("tmdb")
        let log = RequestLog()
        let router = Router()
        router.get("**") { request, _ -> Response in
            let components = URLComponents(string: request.uri.description)
            var query: [String: String] = [:]
            for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
            let authorization = request.headers[.authorization]
            await log.append(RecordedRequest(path: request.uri.path, query: query, authorization: authorization))
            let keyOK = query["api_key"] == apiKey || authorization == "Bearer \(readAccessToken)"
            guard keyOK else { return try json(folder, "error_401.json", status: .unauthorized) }
            let relative = request.uri.path.split(separator: "/").dropFirst().joined(separator: "_")  // drop "3"
            let file = folder.appendingPathComponent(relative + ".json")
            guard request.uri.path.hasPrefix("/3/"), FileManager.default.fileExists(atPath: file.path) else {
                return try json(folder, "error_404.json", status: .notFound)
            }
            return try json(folder, relative + ".json", status: .ok)
        }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: quietLogger
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0, let base = URL(string: "http://127.0.0.1:\(port)/3") else {
                group.cancelAll()
                throw MetadataTestError("the fixture server did not report its port")
            }
            do {
                let result = try await body(base, log)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// Cancelling the server at the end of a test is its normal stop; its shutdown notices are noise.
    private static let quietLogger: Logger = {
        var logger = Logger(label: "metadata-fixture-server")
        logger.logLevel = .critical
        return logger
    }()

    private static func json(_ folder: URL, _ name: String, status: HTTPResponse.Status) throws -> Response {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return Response(status: status, headers: [.contentType: "application/json;charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(data))))
    }
}

struct MetadataTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
