/// What kind of filesystem a directory is on, as far as safety of SQLite goes.
public enum FilesystemKind: Sendable, Equatable, CustomStringConvertible {
    case local(name: String)
    case network(name: String)

    public var isNetwork: Bool {
        if case .network = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .local(let name), .network(let name): name
        }
    }

    /// Classifies `statfs(2)`'s `f_type`. FUSE reports one magic number for every FUSE
    /// filesystem, so its subtype from /proc/self/mountinfo (`fuse.sshfs`) decides.
    public static func classify(magic: UInt, fuseSubtype: String? = nil) -> FilesystemKind {
        if let network = networkMagics[magic] { return .network(name: network) }
        if magic == fuseMagic {
            let subtype = fuseSubtype?.lowercased() ?? ""
            let name = subtype.isEmpty ? "fuse" : "fuse.\(subtype)"
            return networkFuseSubtypes.contains(subtype) ? .network(name: name) : .local(name: name)
        }
        return .local(name: localMagics[magic] ?? "local")
    }

    public static let fuseMagic: UInt = 0x6573_5546

    static let networkMagics: [UInt: String] = [
        0x6969: "nfs",
        0x517B: "smb",
        0xFF53_4D42: "cifs",
        0xFE53_4D42: "smb2",
        0x564C: "ncp",
        0x0102_1997: "9p",
        0x00C3_6400: "ceph",
        0x5346_414F: "afs",
        0x7375_7245: "coda",
        0x0BD0_0BD0: "lustre",
        0x4732_4753: "gfs2",
        0x0B_EEFD: "ocfs2",  // not network strictly, but a cluster filesystem with the same locking hazards
    ]

    static let localMagics: [UInt: String] = [
        0xEF53: "ext4",
        0x9123_683E: "btrfs",
        0x5846_5342: "xfs",
        0x2FC1_2FC1: "zfs",
        0x0102_1994: "tmpfs",
        0x794C_7630: "overlayfs",
        0xF2F5_2010: "f2fs",
        0x4D44: "vfat",
        0x5346_544E: "ntfs",
    ]

    /// FUSE filesystems that reach another machine.
    static let networkFuseSubtypes: Set<String> = [
        "sshfs", "glusterfs", "s3fs", "rclone", "davfs", "gcsfuse", "goofys", "juicefs", "seaweedfs",
        "moosefs", "mfs", "lizardfs", "cephfs", "ceph-fuse", "smbnetfs", "curlftpfs", "nfs", "cifs",
    ]
}
