/// The mount table of /proc/self/mountinfo, parsed: which filesystem type serves a path.
public struct MountInfo: Sendable, Equatable {
    public struct Mount: Sendable, Equatable {
        public let mountPoint: String
        public let filesystemType: String
    }

    public let mounts: [Mount]

    /// Lines look like `36 35 98:0 /root /mnt rw,noatime shared:1 - fuse.sshfs host:/x rw`:
    /// field 5 is the mount point, and the type follows the ` - ` separator.
    public init(parsing text: String) {
        mounts = text.split(separator: "\n").compactMap { line in
            let halves = line.split(separator: " - ", maxSplits: 1)
            guard halves.count == 2 else { return nil }
            let fields = halves[0].split(separator: " ")
            let tail = halves[1].split(separator: " ")
            guard fields.count >= 5, let type = tail.first else { return nil }
            return Mount(mountPoint: Self.unescape(fields[4]), filesystemType: String(type))
        }
    }

    /// The type of the mount that holds `path` (an absolute, resolved path): the longest
    /// matching mount point, the last one mounted winning among equals.
    public func filesystemType(of path: String) -> String? {
        var best: Mount?
        for mount in mounts where Self.path(path, isInside: mount.mountPoint) {
            if best == nil || mount.mountPoint.count >= best!.mountPoint.count { best = mount }
        }
        return best?.filesystemType
    }

    /// The FUSE subtype (`sshfs` for `fuse.sshfs`) of the mount holding `path`, if it is FUSE.
    public func fuseSubtype(of path: String) -> String? {
        guard let type = filesystemType(of: path), type.hasPrefix("fuse") else { return nil }
        return type.hasPrefix("fuse.") ? String(type.dropFirst(5)) : ""
    }

    static func path(_ path: String, isInside mountPoint: String) -> Bool {
        if mountPoint == "/" { return true }
        return path == mountPoint || path.hasPrefix(mountPoint + "/")
    }

    /// mountinfo escapes space, tab, newline and backslash as three octal digits.
    static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3,
                let value = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
