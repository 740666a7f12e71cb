import KinoraCore
import Testing

struct APIKeyTests {
    @Test func generatedKeysAreWellFormedAndDistinct() {
        let keys = (0..<50).map { _ in APIKey.generate().value }
        #expect(keys.allSatisfy(APIKey.isWellFormed))
        #expect(keys.allSatisfy { $0 == $0.lowercased() })
        #expect(Set(keys).count == keys.count)
    }

    @Test(arguments: [
        ("0123456789abcdef0123456789abcdef", true), ("0123456789ABCDEF0123456789ABCDEF", true),
        ("0123456789abcdef0123456789abcde", false), ("0123456789abcdef0123456789abcdeg", false), ("", false),
    ])
    func wellFormedness(text: String, valid: Bool) {
        #expect(APIKey.isWellFormed(text) == valid)
    }

    @Test func matchingIgnoresCaseAndRejectsOthers() throws {
        let key = try #require(APIKey("0123456789abcdef0123456789abcdef"))
        #expect(key.matches("0123456789ABCDEF0123456789ABCDEF"))
        #expect(!key.matches("0123456789abcdef0123456789abcdee"))
        #expect(!key.matches("0123456789abcdef"))
        #expect(key.masked == "0123****************************")
    }
}

struct TimestampTests {
    @Test(arguments: [
        (Int64(0), 3, "1970-01-01T00:00:00.000Z"),
        (Int64(1_795_561_471_123_456_789), 7, "2026-11-24T23:04:31.1234567Z"),
        (Int64(951_782_400_000_000_000), 0, "2000-02-29T00:00:00Z"),
        (Int64(-1_000_000), 3, "1969-12-31T23:59:59.999Z"),
    ])
    func iso8601(nanoseconds: Int64, digits: Int, expected: String) {
        #expect(Timestamp(nanosecondsSinceEpoch: nanoseconds).iso8601(fractionDigits: digits) == expected)
    }
}

struct FilesystemKindTests {
    @Test(arguments: [
        (UInt(0x6969), nil as String?, true, "nfs"),
        (UInt(0xFF53_4D42), nil, true, "cifs"),
        (UInt(0xFE53_4D42), nil, true, "smb2"),
        (UInt(0xEF53), nil, false, "ext4"),
        (UInt(0x2FC1_2FC1), nil, false, "zfs"),
        (FilesystemKind.fuseMagic, "sshfs", true, "fuse.sshfs"),
        (FilesystemKind.fuseMagic, "mergerfs", false, "fuse.mergerfs"),
        (FilesystemKind.fuseMagic, nil, false, "fuse"),
    ])
    func classification(magic: UInt, subtype: String?, isNetwork: Bool, name: String) {
        let kind = FilesystemKind.classify(magic: magic, fuseSubtype: subtype)
        #expect(kind.isNetwork == isNetwork)
        #expect(kind.description == name)
    }

    @Test func mountInfoFindsTheLongestMountPoint() {
        let table = MountInfo(parsing: """
            22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            40 22 0:40 / /mnt/media rw,relatime shared:2 - nfs4 nas:/pool rw
            41 40 0:41 / /mnt/media/remote\\040box rw,relatime shared:3 - fuse.sshfs me@box:/ rw
            """)
        #expect(table.filesystemType(of: "/home/me") == "ext4")
        #expect(table.filesystemType(of: "/mnt/media/tv") == "nfs4")
        #expect(table.filesystemType(of: "/mnt/mediax") == "ext4")
        #expect(table.fuseSubtype(of: "/mnt/media/remote box/x") == "sshfs")
        #expect(table.fuseSubtype(of: "/mnt/media/tv") == nil)
    }
}

struct StartupReportTests {
    @Test func cleanReportHasNoChecks() {
        let report = StartupReport(hardlinks: [.init(library: .tv, failure: nil)], configFilesystem: .local(name: "ext4"))
        #expect(report.checks.isEmpty)
    }

    @Test func failuresBecomeOneSentenceChecks() {
        let report = StartupReport(
            hardlinks: [.init(library: .movies, failure: "Invalid cross-device link")],
            configFilesystem: .network(name: "nfs"), missingPrograms: ["ffmpeg"])
        #expect(report.checks.map(\.kind) == [.warning, .error, .warning])
        #expect(report.checks[0].message.contains("movies/"))
        #expect(report.checks[1].message.contains("nfs"))
        #expect(report.checks.allSatisfy { !$0.message.contains("\n") })
    }
}

struct RoleTests {
    @Test func everyRoleHasItsOriginalsPortAndAUniqueHost() {
        #expect(Role.allCases.count == 9)
        #expect(Set(Role.allCases.map(\.defaultPort)).count == 9)
        #expect(Role.series.defaultPort == 8989 && Role.media.defaultPort == 8096 && Role.gateway.defaultPort == 8080)
        let labels = Role.allCases.compactMap(\.defaultHostLabel)
        #expect(Set(labels).count == 8)
        #expect(Role.allCases.filter(\.usesAPIKey) == [.requests, .indexers, .series, .movies, .subtitles])
    }
}
