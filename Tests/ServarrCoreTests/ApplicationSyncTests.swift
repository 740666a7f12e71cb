import ServarrCore
import Testing

@Suite("Prowlarr-style application sync: the plan")
struct ApplicationSyncTests {
    static let key = "0123456789abcdef0123456789abcdef"
    static let sonarr = SyncedApplication(app: .sonarr, prowlarrUrl: "http://indexers.homelab.local/", prowlarrApiKey: key)

    static func template(_ implementation: String) -> ProviderResource? {
        IndexerSchemas.template(implementation: implementation, app: .sonarr)
    }

    /// The application's copy of an indexer, as a GET answers it (key masked).
    static func remote(id: Int, baseUrl: String, name: String = "Remote") -> ProviderResource {
        var resource = IndexerSchemas.torznab(for: .sonarr)
        resource.id = id
        resource.name = name
        resource.setField("baseUrl", to: .string(baseUrl))
        resource.setField("apiKey", to: .string(ProviderResource.secretMask))
        return resource
    }

    static func applied(_ action: ApplicationSyncAction) -> ProviderResource? {
        switch action {
        case .add(_, let resource), .update(_, _, let resource): resource
        default: nil
        }
    }

    @Test("a new indexer is added with the synced fields; categories are the intersection with the app's")
    func addsWithSyncedFields() throws {
        let indexer = SyncedIndexer(id: 3, name: "Feed", categories: [2000, 2040, 5000, 5040, 5070])
        let actions = ApplicationSync.plan(indexers: [indexer], application: Self.sonarr, remote: [], known: [:], template: Self.template)
        #expect(actions.count == 1)
        guard case .add(3, let resource) = try #require(actions.first) else { Issue.record("\(actions)"); return }
        #expect(resource.id == nil && resource.name == "Feed (Prowlarr)" && resource.implementation == "Torznab")
        #expect(resource.string("baseUrl") == "http://indexers.homelab.local/3/")
        #expect(resource.string("apiPath") == "/api" && resource.string("apiKey") == Self.key)
        #expect(resource.ints("categories") == [5000, 5040] && resource.ints("animeCategories") == [5070])
        #expect(resource.extraBool("enableRss") == true && resource.extraInt("priority") == 25)
    }

    @Test("which indexers reach an application", arguments: [
        // (sync level, indexer enabled, its categories, expected action kinds)
        (ApplicationSyncLevel.fullSync, true, [5040], ["add"]),
        (.fullSync, true, [2040], []),  // nothing the series app syncs
        (.fullSync, false, [5040], []),  // disabled
        (.addOnly, true, [5040], ["add"]),
        (.disabled, true, [5040], []),
    ])
    func whichIndexersAreAdded(level: ApplicationSyncLevel, enabled: Bool, categories: [Int], expected: [String]) {
        var application = Self.sonarr
        application.syncLevel = level
        let indexer = SyncedIndexer(id: 1, name: "Feed", enabled: enabled, categories: categories)
        let actions = ApplicationSync.plan(indexers: [indexer], application: application, remote: [], known: [:], template: Self.template)
        #expect(actions.map(Self.kind) == expected)
    }

    static func kind(_ action: ApplicationSyncAction) -> String {
        switch action {
        case .add: "add"
        case .update: "update"
        case .remove: "remove"
        case .claim: "claim"
        case .forget: "forget"
        }
    }

    @Test("a known copy is left alone when it matches, rewritten under full sync when it does not, kept under add-only")
    func updatesOnlyUnderFullSync() throws {
        let indexer = SyncedIndexer(id: 1, name: "Feed", categories: [5040])
        let add = try #require(ApplicationSync.plan(indexers: [indexer], application: Self.sonarr, remote: [], known: [:], template: Self.template).first)
        var current = try #require(Self.applied(add))
        current.id = 40
        current.setField("apiKey", to: .string(ProviderResource.secretMask))
        #expect(ApplicationSync.plan(indexers: [indexer], application: Self.sonarr, remote: [current], known: [1: 40], template: Self.template).isEmpty)

        var edited = current
        edited.setField("categories", to: .ints([5030]))
        edited.extra["priority"] = 1
        let actions = ApplicationSync.plan(indexers: [indexer], application: Self.sonarr, remote: [edited], known: [1: 40], template: Self.template)
        guard case .update(1, 40, let resource) = try #require(actions.first), actions.count == 1 else { Issue.record("\(actions)"); return }
        #expect(resource.id == 40 && resource.ints("categories") == [5040] && resource.extraInt("priority") == 25)

        var addOnly = Self.sonarr
        addOnly.syncLevel = .addOnly
        #expect(ApplicationSync.plan(indexers: [indexer], application: addOnly, remote: [edited], known: [1: 40], template: Self.template).isEmpty)
    }

    @Test("copies of indexers we removed or disabled are deleted; a copy the app lost is forgotten and added again")
    func removesAndForgets() {
        let kept = SyncedIndexer(id: 1, name: "Kept", categories: [5040])
        let disabled = SyncedIndexer(id: 2, name: "Off", enabled: false, categories: [5040])
        let remote = [
            Self.remote(id: 11, baseUrl: "http://indexers.homelab.local/1/"),
            Self.remote(id: 12, baseUrl: "http://indexers.homelab.local/2/"),
            Self.remote(id: 13, baseUrl: "http://indexers.homelab.local/7/api"),  // ours by URL, indexer 7 is gone
            Self.remote(id: 14, baseUrl: "https://someone-else.example/1/"),  // not ours: never touched
        ]
        let actions = ApplicationSync.plan(
            indexers: [kept, disabled], application: Self.sonarr, remote: remote, known: [1: 11, 2: 12, 9: 99], template: Self.template)
        #expect(actions.contains(.forget(indexerId: 9)))
        #expect(actions.contains(.remove(indexerId: nil, remoteId: 13)))
        #expect(actions.contains(.remove(indexerId: 2, remoteId: 12)))
        #expect(!actions.contains { if case .remove(_, 14) = $0 { true } else { false } })
        #expect(!actions.contains { if case .add = $0 { true } else { false } })
    }

    @Test("an unremembered copy that points at our feed is claimed, not added twice")
    func claimsByFeedURL() {
        let indexer = SyncedIndexer(id: 5, name: "Feed", categories: [5040])
        var copy = Self.remote(id: 21, baseUrl: "http://indexers.homelab.local/5/", name: "Feed (Prowlarr)")
        copy.setField("categories", to: .ints([5040]))
        copy.setField("animeCategories", to: .ints([]))
        let actions = ApplicationSync.plan(indexers: [indexer], application: Self.sonarr, remote: [copy], known: [:], template: Self.template)
        #expect(actions == [.claim(indexerId: 5, remoteId: 21)])
    }

    @Test("feed URLs recognised as ours", arguments: [
        ("http://indexers.homelab.local/12/", 12), ("http://indexers.homelab.local/12", 12),
        ("http://INDEXERS.homelab.local/12/api", 12), ("http://indexers.homelab.local/12/api/", 12),
        ("http://indexers.homelab.local/1234/", nil), ("http://indexers.homelab.local/12/other", nil),
        ("http://indexers.homelab.local/x/", nil), ("http://other.local/12/", nil), ("", nil),
    ])
    func ownership(url: String, id: Int?) {
        var resource = IndexerSchemas.torznab(for: .sonarr)
        resource.setField("baseUrl", to: .string(url))
        #expect(Self.sonarr.ownedIndexerId(of: resource) == id)
    }

    @Test("an application resource of the role's API reads into sync settings")
    func applicationSettings() throws {
        var resource = ProwlarrSchemas.application(for: .radarr)
        resource.setField("prowlarrUrl", to: "http://127.0.0.1:9696")
        resource.setField("syncCategories", to: .ints([2000]))
        resource.extra["syncLevel"] = "addOnly"
        let application = try #require(SyncedApplication(resource: resource, prowlarrApiKey: Self.key))
        #expect(application.app == .radarr && application.syncLevel == .addOnly && application.syncCategories == [2000])
        #expect(application.animeSyncCategories.isEmpty && application.feedURL(of: 4) == "http://127.0.0.1:9696/4/")
        #expect(SyncedApplication(resource: ProviderResource(implementation: "Lidarr"), prowlarrApiKey: Self.key) == nil)
    }
}

@Suite("Torznab capabilities")
struct TorznabCapabilitiesTests {
    @Test("categories with subcategories and the searches, from a caps document")
    func parsesCaps() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <caps><!-- <category id="1" name="commented out"/> -->
              <server title="A &amp; B" />
              <searching>
                <search available="yes" supportedParams="q" />
                <tv-search available="yes" supportedParams="q, season,ep,TVDBID" />
                <movie-search available="no" supportedParams="q" />
              </searching>
              <categories>
                <category id="2000" name="Movies"><subcat id="2040" name="Movies/HD"/></category>
                <category id="5000" name="TV"><subcat id="5070" name='TV/Anime'/><subcat id="oops" name="bad"/></category>
                <category name="no id"/>
              </categories>
            </caps>
            """
        let caps = try TorznabCapabilities.parse(xml)
        #expect(caps.categoryIds == [2000, 2040, 5000, 5070])
        #expect(caps.categories.map(\.name) == ["Movies", "TV"] && caps.categories[1].subCategories.map(\.name) == ["TV/Anime"])
        #expect(caps.searching["tv-search"] == .init(available: true, supportedParams: ["q", "season", "ep", "tvdbid"]))
        #expect(caps.searching["movie-search"]?.available == false)
    }

    @Test("an error answer and non-caps documents are refused", arguments: [
        (#"<?xml version="1.0"?><error code="100" description="Invalid API Key" />"#, TorznabCapabilities.ParseError.indexerError(code: 100, description: "Invalid API Key")),
        ("<html><body>login</body></html>", .notCapabilities), ("", .notCapabilities), ("<<<>>>\"=", .notCapabilities),
        (String(repeating: "<category id=\"1\" ", count: 10_000), .notCapabilities),
    ])
    func refuses(xml: String, expected: TorznabCapabilities.ParseError) {
        #expect(throws: expected) { try TorznabCapabilities.parse(xml) }
    }
}
