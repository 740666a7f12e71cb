import Foundation
import Hummingbird
import HummingbirdTesting
import KinoraApp
import KinoraCore
import KinoraHTTP
import Testing

/// A fresh data root for one test, removed afterwards.
final class TestDirectory: Sendable {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-app-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The real composition root with every role on a fresh data root, served in memory.
struct TestServer: Sendable {
    let directory: TestDirectory
    let server: KinoraServer

    init(configure: (inout KinoraConfiguration) -> Void = { _ in }) async throws {
        directory = try TestDirectory()
        var configuration = KinoraConfiguration(dataDirectory: directory.path)
        configure(&configuration)
        server = try await KinoraServer.prepare(configuration: configuration, checkPorts: false)
    }

    /// A second server on the same data root: a restart.
    static func reopening(_ other: TestServer) async throws -> TestServer {
        try await TestServer(directory: other.directory, configuration: other.server.configuration)
    }

    private init(directory: TestDirectory, configuration: KinoraConfiguration) async throws {
        self.directory = directory
        server = try await KinoraServer.prepare(configuration: configuration, checkPorts: false)
    }

    func key(_ role: Role) throws -> String { try #require(server.environments[role]?.apiKey?.value) }

    /// Runs `body` against one role's router through HummingbirdTesting.
    func test(_ role: Role, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let responder = try #require(server.responders[role])
        try await Application(responder: responder).test(.router, body)
    }
}
