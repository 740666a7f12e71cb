#if canImport(Glibc)
import Glibc
#endif
import Foundation
import KinoraCore
@testable import KinoraSystem
import Testing

struct DataDirectoriesTests {
    @Test func prepareCreatesTheLayoutAndHardlinksWork() throws {
        let root = try TemporaryDirectory()
        let layout = DataLayout(dataDirectory: root.path + "/data", configDirectory: root.path + "/data/config")
        let report = try DataDirectories(layout: layout).prepare(allowNetworkConfig: false)
        for folder in DataLayout.MediaFolder.allCases {
            #expect(FileManager.default.fileExists(atPath: layout.path(of: folder)))
        }
        #expect(report.hardlinks.count == DataLayout.MediaFolder.libraries.count)
        #expect(report.hardlinks.allSatisfy { $0.failure == nil })
        #expect(report.checks.isEmpty)
        // The probes are cleaned up.
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.path(of: .downloads)).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.path(of: .tv)).isEmpty)
    }

    @Test func aLibraryOnAnotherFilesystemFailsTheHardlinkTest() throws {
        // /dev/shm is tmpfs, a different filesystem from the temporary directory on most machines.
        let root = try TemporaryDirectory()
        let shm = "/dev/shm/kinora-test-\(UUID().uuidString)"
        guard FileManager.default.fileExists(atPath: "/dev/shm"),
            case let live = LiveFilesystemInspector(),
            (try? live.filesystemKind(of: "/dev/shm"))?.description != (try? live.filesystemKind(of: root.path))?.description
        else {
            Issue.record("this machine has no second filesystem to link across; the EXDEV path was not exercised")
            return
        }
        try FileManager.default.createDirectory(atPath: shm, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: shm) }
        let layout = DataLayout(dataDirectory: root.path, configDirectory: root.path + "/config")
        let directories = DataDirectories(layout: layout)
        _ = try directories.prepare(allowNetworkConfig: false)
        try FileManager.default.removeItem(atPath: layout.path(of: .movies))
        try FileManager.default.createSymbolicLink(atPath: layout.path(of: .movies), withDestinationPath: shm)
        let results = directories.hardlinkSelfTest()
        let movies = try #require(results.first { $0.library == .movies })
        #expect(movies.failure != nil)
        #expect(results.filter { $0.library != .movies }.allSatisfy { $0.failure == nil })
    }

    @Test func networkConfigDirectoryIsRefusedUnlessAllowed() throws {
        let root = try TemporaryDirectory()
        let layout = DataLayout(dataDirectory: root.path, configDirectory: root.path + "/config")
        let directories = DataDirectories(layout: layout, inspector: FixedFilesystemInspector(.network(name: "nfs")))
        #expect {
            try directories.prepare(allowNetworkConfig: false)
        } throws: { error in
            "\(error)".contains("network filesystem (nfs)") && "\(error)".contains("--allow-network-config")
        }
        let report = try directories.prepare(allowNetworkConfig: true)
        #expect(report.checks.contains { $0.source == "ConfigFilesystemCheck" && $0.kind == .error })
    }

    @Test func liveInspectorSeesALocalTemporaryDirectory() throws {
        let root = try TemporaryDirectory()
        #expect(try LiveFilesystemInspector().filesystemKind(of: root.path).isNetwork == false)
        #expect(throws: SystemError.self) { try LiveFilesystemInspector().filesystemKind(of: root.path + "/missing") }
    }
}

struct PortProbeTests {
    @Test func aListeningPortIsReportedInUse() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        #expect(PortProbe.check(address: "127.0.0.1", port: port) == .inUse)
        close(descriptor)
        #expect(PortProbe.check(address: "127.0.0.1", port: port) == nil)
        #expect(PortProbe.check(address: "192.0.2.1", port: port) == .badAddress)
    }
}

struct HostFactsTests {
    @Test func osReleaseIsParsed() {
        let values = HostFacts.parseOSRelease("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nID=debian\n")
        #expect(values["PRETTY_NAME"] == "Debian GNU/Linux 12 (bookworm)")
        #expect(values["VERSION_ID"] == "12")
        #expect(values["ID"] == "debian")
    }

    @Test func currentFactsAreReal() {
        let facts = HostFacts.current()
        #expect(!facts.osName.isEmpty && !facts.kernelRelease.isEmpty && !facts.architecture.isEmpty)
        #expect((HostFacts.residentMemoryBytes() ?? 0) > 1_000_000)
    }
}
