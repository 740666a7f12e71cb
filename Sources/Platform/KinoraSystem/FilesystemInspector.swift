#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CKinoraSystem
import Foundation
import KinoraCore

/// Tells what filesystem a directory is on. A protocol so that tests can pretend a directory is
/// on NFS without mounting one.
public protocol FilesystemInspecting: Sendable {
    func filesystemKind(of path: String) throws -> FilesystemKind
}

public struct LiveFilesystemInspector: FilesystemInspecting {
    public init() {}

    public func filesystemKind(of path: String) throws -> FilesystemKind {
        var magic: UInt = 0
        guard ckinora_filesystem_magic(path, &magic) == 0 else {
            throw SystemError.call("statfs", path: path, errno: errno)
        }
        var fuseSubtype: String?
        if magic == FilesystemKind.fuseMagic,
            let mountinfo = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            fuseSubtype = MountInfo(parsing: mountinfo).fuseSubtype(of: resolved)
        }
        return FilesystemKind.classify(magic: magic, fuseSubtype: fuseSubtype)
    }
}

/// A fixed answer, for tests of what Kinora does on a network filesystem.
public struct FixedFilesystemInspector: FilesystemInspecting {
    public let kind: FilesystemKind
    public init(_ kind: FilesystemKind) { self.kind = kind }
    public func filesystemKind(of path: String) throws -> FilesystemKind { kind }
}

/// A failed system call, told as one sentence.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public static func call(_ name: String, path: String, errno code: Int32) -> SystemError {
        SystemError(description: "\(name) on \(path) failed: \(String(cString: strerror(code)))")
    }
}
