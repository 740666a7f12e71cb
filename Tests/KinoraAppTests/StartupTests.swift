#if canImport(Glibc)
import Glibc
#endif
import Foundation
import KinoraApp
import KinoraCore
import KinoraSystem
import Testing

struct StartupTests {
    @Test func networkConfigDirectoryRefusesToOpenDatabases() async throws {
        let directory = try TestDirectory()
        let configuration = KinoraConfiguration(dataDirectory: directory.path)
        await #expect {
            try await KinoraServer.prepare(
                configuration: configuration, inspector: FixedFilesystemInspector(.network(name: "nfs")), checkPorts: false)
        } throws: { error in
            "\(error)".contains("network filesystem (nfs)")
        }
        #expect(!FileManager.default.fileExists(atPath: configuration.layout.databasePath(of: .series)))
        #expect(throws: (any Error).self) {
            try RoleKeys.list(configuration: configuration, inspector: FixedFilesystemInspector(.network(name: "cifs")))
        }

        var allowed = configuration
        allowed.allowNetworkConfig = true
        let server = try await KinoraServer.prepare(
            configuration: allowed, inspector: FixedFilesystemInspector(.network(name: "nfs")), checkPorts: false)
        #expect(server.startup.checks.contains { $0.kind == .error && $0.source == "ConfigFilesystemCheck" })
    }

    @Test func portInUseNamesTheRoleAndOpensNothing() async throws {
        let directory = try TestDirectory()
        let (descriptor, port) = try listenOnFreePort()
        defer { close(descriptor) }
        let configuration = KinoraConfiguration(
            dataDirectory: directory.path, bindAddress: "127.0.0.1", roles: [.series, .movies], ports: [.series: 0, .movies: port])
        await #expect {
            try await KinoraServer.prepare(configuration: configuration)
        } throws: { error in
            guard case .cannotListen(let role, _, let failedPort, let reason) = error as? StartupError else { return false }
            return role == .movies && failedPort == port && reason.contains("already in use")
                && "\(error)".contains("movies (Radarr) cannot listen on 127.0.0.1:\(port)")
        }
        // Nothing was opened: not even the databases.
        #expect(!FileManager.default.fileExists(atPath: configuration.layout.databasePath(of: .series)))
    }

    func listenOnFreePort() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(ok)
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
