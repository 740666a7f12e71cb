// swift-tools-version:6.2
// Kinora: the homelab media stack as one Swift program. Layers (docs/ARCHITECTURE.md):
// Core (pure) → Platform (adapters) → Roles (never import each other) → App (composition root).
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "kinora",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kinora", targets: ["kinora"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // MARK: Core — pure logic, no I/O
        .target(name: "KinoraCore", path: "Sources/Core/KinoraCore", swiftSettings: strictSettings),
        .target(name: "ReleaseParser", path: "Sources/Core/ReleaseParser", swiftSettings: strictSettings),
        .target(
            name: "MediaCore",
            dependencies: [
                "ReleaseParser",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            path: "Sources/Core/MediaCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "ServarrCore",
            dependencies: ["ReleaseParser"],
            path: "Sources/Core/ServarrCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "BitTorrentCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/Core/BitTorrentCore",
            swiftSettings: strictSettings
        ),

        // MARK: Platform — adapters to the world
        .target(
            name: "BitTorrentStorage",
            dependencies: [
                "BitTorrentCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Sources/Platform/BitTorrentStorage",
            swiftSettings: strictSettings
        ),
        .target(
            name: "BitTorrentEngine",
            dependencies: [
                "BitTorrentCore", "BitTorrentStorage",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Sources/Platform/BitTorrentEngine",
            swiftSettings: strictSettings
        ),
        .target(name: "CKinoraSystem", path: "Sources/Platform/CKinoraSystem"),
        .target(
            name: "KinoraSystem",
            dependencies: [
                "KinoraCore", "CKinoraSystem",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/Platform/KinoraSystem",
            swiftSettings: strictSettings
        ),
        .target(
            name: "KinoraStorage",
            dependencies: [
                "KinoraCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/Platform/KinoraStorage",
            swiftSettings: strictSettings
        ),
        .target(
            name: "KinoraWeb",
            dependencies: [
                "KinoraCore",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Sources/Platform/KinoraWeb",
            resources: [.copy("Templates"), .copy("Assets")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "KinoraHTTP",
            dependencies: [
                "KinoraCore", "KinoraStorage", "KinoraWeb",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/Platform/KinoraHTTP",
            swiftSettings: strictSettings
        ),

        .target(
            name: "MetadataProviders",
            dependencies: [
                "KinoraCore", "MediaCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Platform/MetadataProviders",
            swiftSettings: strictSettings
        ),
        .target(
            name: "MediaTools",
            dependencies: [
                "MediaCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            path: "Sources/Platform/MediaTools",
            swiftSettings: strictSettings
        ),

        // MARK: Roles — one module per role; a role never imports another
        role("RequestsRole"),
        role("IndexersRole", extra: ["ServarrCore", "MetadataProviders"]),
        role("LibraryManagerRole", extra: ["ServarrCore", "ReleaseParser", "MetadataProviders", "MediaCore"]),
        role("SubtitlesRole"),
        role("TorrentsRole", extra: ["BitTorrentCore", "BitTorrentEngine", "BitTorrentStorage"]),
        role("MediaRole", extra: ["MediaCore", "MediaTools", .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket")]),
        role("AudiobooksRole"),
        role("GatewayRole", extra: ["KinoraSystem"]),

        // MARK: App — the composition root and the CLI
        .target(
            name: "KinoraApp",
            dependencies: [
                "KinoraCore", "KinoraSystem", "KinoraStorage", "KinoraWeb", "KinoraHTTP",
                "RequestsRole", "IndexersRole", "LibraryManagerRole", "SubtitlesRole",
                "TorrentsRole", "MediaRole", "AudiobooksRole", "GatewayRole",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Sources/App/KinoraApp",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kinora",
            dependencies: [
                "KinoraApp", "KinoraCore", "KinoraSystem", "MediaRole", "ReleaseParser",
                "BitTorrentCore", "BitTorrentEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Sources/App/kinora",
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        .testTarget(name: "KinoraCoreTests", dependencies: ["KinoraCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "ReleaseParserTests",
            dependencies: ["ReleaseParser"],
            exclude: ["conformance-floor.txt"],  // read from disk at test time: a ratchet, raised as the parser improves
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BitTorrentStorageTests",
            dependencies: [
                "BitTorrentStorage", "BitTorrentCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BitTorrentEngineTests",
            dependencies: [
                "BitTorrentEngine", "BitTorrentCore", "BitTorrentStorage",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TorrentsRoleTests",
            dependencies: ["TorrentsRole", "BitTorrentCore", "BitTorrentStorage", "KinoraCore", "KinoraHTTP", "KinoraStorage", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "MediaCoreTests", dependencies: ["MediaCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "LibraryManagerRoleTests",
            dependencies: [
                "LibraryManagerRole", "ServarrCore", "MetadataProviders", "KinoraCore", "KinoraStorage",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MediaRoleTests",
            dependencies: [
                "MediaRole", "MediaCore", "KinoraCore", "KinoraHTTP", "KinoraStorage",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ServarrCoreTests", dependencies: ["ServarrCore", "ReleaseParser"], swiftSettings: strictSettings),
        .testTarget(
            name: "MetadataProvidersTests",
            dependencies: [
                "MetadataProviders",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BitTorrentCoreTests",
            dependencies: ["BitTorrentCore", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KinoraSystemTests",
            dependencies: ["KinoraSystem", "KinoraCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KinoraStorageTests",
            dependencies: ["KinoraStorage", "KinoraCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KinoraAppTests",
            dependencies: [
                "KinoraApp", "KinoraCore", "KinoraHTTP", "KinoraStorage", "KinoraSystem", "GatewayRole", "MediaRole", "BitTorrentCore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)

/// A role module: it may use Core and Platform, never another role.
func role(_ name: String, extra: [Target.Dependency] = []) -> Target {
    .target(
        name: name,
        dependencies: extra + [
            "KinoraCore", "KinoraHTTP", "KinoraStorage", "KinoraWeb",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Sources/Roles/\(name)",
        swiftSettings: strictSettings
    )
}
