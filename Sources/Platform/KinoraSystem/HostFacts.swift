#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Facts about the machine and the process that status endpoints report, read once at start.
public struct HostFacts: Sendable, Equatable {
    /// `Debian GNU/Linux 12 (bookworm)`, from /etc/os-release.
    public let osName: String
    /// The os-release VERSION_ID, or the kernel release.
    public let osVersion: String
    public let kernelRelease: String
    public let architecture: String
    public let hostName: String
    public let runtimeName: String
    public let runtimeVersion: String
    public let isContainer: Bool
    public let processID: Int32
    public let executablePath: String

    public init(
        osName: String, osVersion: String, kernelRelease: String, architecture: String, hostName: String,
        runtimeName: String = "swift", runtimeVersion: String = HostFacts.swiftVersion, isContainer: Bool = false,
        processID: Int32 = getpid(), executablePath: String = ""
    ) {
        self.osName = osName
        self.osVersion = osVersion
        self.kernelRelease = kernelRelease
        self.architecture = architecture
        self.hostName = hostName
        self.runtimeName = runtimeName
        self.runtimeVersion = runtimeVersion
        self.isContainer = isContainer
        self.processID = processID
        self.executablePath = executablePath
    }

    public static func current() -> HostFacts {
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)).map(parseOSRelease) ?? [:]
        var names = utsname()
        uname(&names)
        let kernel = withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let machine = withUnsafeBytes(of: &names.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let system = withUnsafeBytes(of: &names.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return HostFacts(
            osName: release["PRETTY_NAME"] ?? release["NAME"] ?? system,
            osVersion: release["VERSION_ID"] ?? kernel,
            kernelRelease: kernel,
            architecture: machine,
            hostName: ProcessInfo.processInfo.hostName,
            isContainer: FileManager.default.fileExists(atPath: "/.dockerenv")
                || FileManager.default.fileExists(atPath: "/run/.containerenv"),
            executablePath: CommandLine.arguments.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ""
        )
    }

    /// `KEY=value` and `KEY="value"` lines of os-release(5).
    static func parseOSRelease(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = line[line.index(after: equals)...]
            if value.first == "\"" || value.first == "'" { value = value.dropFirst().dropLast() }
            values[String(line[..<equals])] = String(value)
        }
        return values
    }

    /// The compiler that built this binary: the Swift runtime it ships with.
    public static var swiftVersion: String {
        #if swift(>=6.4)
        "6.4"
        #elseif swift(>=6.3)
        "6.3"
        #elseif swift(>=6.2)
        "6.2"
        #else
        "6"
        #endif
    }

    /// Resident memory of this process in bytes, from /proc/self/statm.
    public static func residentMemoryBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Open file descriptors of this process, from /proc/self/fd.
    public static func openFileDescriptorCount() -> Int? {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")).map(\.count)
    }

    /// CPU time this process has used, in seconds, from getrusage(2).
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
