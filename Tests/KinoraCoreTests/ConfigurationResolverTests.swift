import KinoraCore
import Testing

struct ConfigurationResolverTests {
    @Test func defaultsMatchTheReferenceSetup() throws {
        let (configuration, _) = try ConfigurationResolver.resolve([])
        #expect(configuration.dataDirectory == "./kinora-data")
        #expect(configuration.configDirectory == "./kinora-data/config")
        #expect(configuration.bindAddress == "0.0.0.0")
        #expect(configuration.roles == Role.allCases)
        #expect(configuration.port(of: .series) == 8989)
        #expect(configuration.hostName(of: .media) == "jellyfin.homelab.local")
        #expect(configuration.hostName(of: .gateway) == nil)
    }

    @Test func laterLayersWin() throws {
        let file = ConfigurationLayer(source: .file(path: "/c/kinora.yaml"), values: [("bind", "127.0.0.1"), ("ports.series", "9000"), ("domain", "home.arpa")])
        let environment = ConfigurationLayer(source: .environment, values: [("ports.series", "9001")])
        let flags = ConfigurationLayer(source: .flags, values: [("ports.series", "9002"), ("roles", "series,movies,series")])
        let (configuration, entries) = try ConfigurationResolver.resolve([file, environment, flags])
        #expect(configuration.port(of: .series) == 9002)
        #expect(configuration.bindAddress == "127.0.0.1")
        #expect(configuration.hostName(of: .series) == "sonarr.home.arpa")
        #expect(configuration.roles == [.series, .movies])
        #expect(entries.first { $0.key == "ports.series" }?.source == .flags)
        #expect(entries.first { $0.key == "bind" }?.source == .file(path: "/c/kinora.yaml"))
    }

    @Test func dataMovesTheDefaultConfigDirectory() throws {
        let (configuration, _) = try ConfigurationResolver.resolve([ConfigurationLayer(source: .flags, values: [("data", "/srv/media")])])
        #expect(configuration.configDirectory == "/srv/media/config")
    }

    @Test(arguments: [
        ("ports.series", "99999"), ("ports.series", "http"), ("bind", "not an address"), ("domain", "-bad.local"),
        ("roles", "series,plex"), ("roles", ""), ("log-level", "loud"), ("allow-network-config", "maybe"),
        ("api-keys.series", "short"), ("hosts.media", "jelly_fin"),
    ])
    func invalidValuesNameTheKeyAndWhatIsAllowed(key: String, value: String) throws {
        let layer = ConfigurationLayer(source: .flags, values: [(key, value)])
        #expect {
            try ConfigurationResolver.resolve([layer])
        } throws: { error in
            guard case .invalidValue(let failedKey, _, let allowed, _) = error as? ConfigurationError else { return false }
            return failedKey == key && !allowed.isEmpty && "\(error)".contains(key) && !"\(error)".contains("\n")
        }
    }

    @Test func unknownKeysAreRefused() throws {
        let layer = ConfigurationLayer(source: .file(path: "kinora.yaml"), values: [("bogus", "1")])
        #expect(throws: ConfigurationError.unknownKey("bogus", source: .file(path: "kinora.yaml"))) {
            try ConfigurationResolver.resolve([layer])
        }
    }

    @Test func configCannotBeSetInTheFileItLocates() throws {
        let layer = ConfigurationLayer(source: .file(path: "kinora.yaml"), values: [("config", "/elsewhere")])
        #expect(throws: ConfigurationError.notAllowedInFile(key: "config", source: .file(path: "kinora.yaml"))) {
            try ConfigurationResolver.resolve([layer])
        }
    }

    @Test func secretsAreMaskedInEntries() throws {
        let key = "abcdef0123456789abcdef0123456789"
        let (configuration, entries) = try ConfigurationResolver.resolve([ConfigurationLayer(source: .environment, values: [("api-keys.series", key)])])
        #expect(configuration.apiKeys[.series]?.value == key)
        let shown = try #require(entries.first { $0.key == "api-keys.series" })
        #expect(shown.displayValue == "abcd****************************")
        #expect(!entries.contains { $0.displayValue.contains(key) })
    }

    @Test func environmentVariablesMapToKeys() {
        let (layer, errors) = ConfigurationLayer.environment([
            "KINORA_PORTS_SERIES": "9000", "KINORA_LOG_LEVEL": "debug", "KINORA_API_KEYS_MOVIES": "x", "PATH": "/bin",
            "KINORA_CONFORMANCE": "/vectors", "KINORA_NOPE": "1",
        ])
        #expect(layer.values.map(\.key).sorted() == ["api-keys.movies", "log-level", "ports.series"])
        #expect(errors == [.unknownKey("KINORA_NOPE", source: .environment)])
    }
}
