import Foundation
import KinoraCore
import KinoraSystem
import Testing

struct ConfigurationFileTests {
    @Test func nestedMapsAndListsFlattenToKeys() throws {
        let layer = try ConfigurationFile.layer(
            parsing: """
                bind: 127.0.0.1
                roles: [series, movies]
                ports:
                  series: 9000
                hosts:
                  media: tv
                """, source: .file(path: "kinora.yaml"))
        let values = Dictionary(uniqueKeysWithValues: layer.values.map { ($0.key, $0.value) })
        #expect(values == ["bind": "127.0.0.1", "roles": "series,movies", "ports.series": "9000", "hosts.media": "tv"])
    }

    @Test func unknownSectionIsNamedInFull() {
        #expect(throws: ConfigurationError.unknownKey("plugins", source: .file(path: "kinora.yaml"))) {
            try ConfigurationFile.layer(parsing: "plugins:\n  a: 1\n", source: .file(path: "kinora.yaml"))
        }
    }

    @Test func brokenYamlIsOneLine() {
        #expect {
            try ConfigurationFile.layer(parsing: "ports: [unclosed\n", source: .file(path: "kinora.yaml"))
        } throws: { error in
            "\(error)".hasPrefix("cannot read configuration file kinora.yaml") && !"\(error)".contains("\n")
        }
    }

    @Test func emptyFileIsNoSettings() throws {
        #expect(try ConfigurationFile.layer(parsing: "", source: .file(path: "kinora.yaml")).values.isEmpty)
    }
}

struct ConfigurationLoaderTests {
    @Test func fileThenEnvironmentThenFlags() throws {
        let data = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: data.path + "/config", withIntermediateDirectories: true)
        try "bind: 127.0.0.2\nlog-level: debug\nports:\n  series: 9000\n  movies: 9100\n"
            .write(toFile: data.path + "/config/kinora.yaml", atomically: true, encoding: .utf8)
        let loader = ConfigurationLoader(environment: ["KINORA_PORTS_SERIES": "9001", "KINORA_DATA": data.path], workingDirectory: "/")
        let loaded = try loader.load(flags: ConfigurationLayer(source: .flags, values: [("ports.movies", "9101")]))
        #expect(loaded.configuration.bindAddress == "127.0.0.2")
        #expect(loaded.configuration.logLevel == .debug)
        #expect(loaded.configuration.port(of: .series) == 9001)
        #expect(loaded.configuration.port(of: .movies) == 9101)
        #expect(loaded.configuration.configDirectory == data.path + "/config")
    }

    @Test func relativePathsAreMadeAbsolute() throws {
        let loader = ConfigurationLoader(environment: [:], workingDirectory: "/srv")
        let loaded = try loader.load(flags: ConfigurationLayer(source: .flags, values: [("data", "./media")]))
        #expect(loaded.configuration.dataDirectory == "/srv/media")
        #expect(loaded.configuration.configDirectory == "/srv/media/config")
        #expect(loaded.entries.first { $0.key == "data" }?.displayValue == "/srv/media")
    }

    @Test func unknownEnvironmentVariableIsRefused() {
        let loader = ConfigurationLoader(environment: ["KINORA_PORT_SERIES": "1"], workingDirectory: "/")
        #expect(throws: ConfigurationError.unknownKey("KINORA_PORT_SERIES", source: .environment)) {
            try loader.load(flags: ConfigurationLayer(source: .flags))
        }
    }
}

/// A fresh directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
