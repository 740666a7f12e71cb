import Foundation
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

@Suite("Torznab search results")
struct TorznabFeedTests {
    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:torznab="http://torznab.com/schemas/2015/feed">
         <channel><title>Indexer</title>
          <item>
           <title><![CDATA[Show.Name.S01E02.1080p.WEB.h264-GRP & <friends>]]></title>
           <guid>https://site/details/123</guid>
           <comments>https://site/details/123</comments>
           <pubDate>Sat, 11 Apr 2015 21:34:00 -0600</pubDate>
           <size>1460985071</size>
           <link>https://host/dl/123.torrent?apikey=x&amp;id=1</link>
           <enclosure url="https://host/dl/123.nzb" length="5" type="application/x-nzb"/>
           <enclosure url="https://host/dl/123.torrent" length="1460985071" type="application/x-bittorrent"/>
           <torznab:attr name="category" value="5040"/><torznab:attr name="category" value="5000"/>
           <torznab:attr name="seeders" value="35"/><torznab:attr name="peers" value="40"/>
           <torznab:attr name="infohash" value="C12FE1C06BBA254A9DC9F519B335AA7C1367A88A"/>
           <torznab:attr name="imdb" value="0944947"/><torznab:attr name="tvdbid" value="121361"/>
           <torznab:attr name="downloadvolumefactor" value="0"/>
          </item>
          <item><title>Caf&#233; &#x2014; Movie 2019</title><link>magnet:?xt=urn:btih:abc</link></item>
          <item><guid>no title: skipped</guid></item>
         </channel>
        </rss>
        """

    @Test("items with their attributes: enclosure preferred, CDATA and entities decoded, magnets from the link")
    func parsesItems() throws {
        let releases = try TorznabFeed.parse(Self.feed)
        #expect(releases.count == 2)
        let first = try #require(releases.first)
        #expect(first.title == "Show.Name.S01E02.1080p.WEB.h264-GRP & <friends>")
        #expect(first.downloadUrl == "https://host/dl/123.torrent" && first.infoUrl == "https://site/details/123")
        #expect(first.size == 1_460_985_071 && first.categories == [5040, 5000])
        #expect(first.seeders == 35 && first.leechers == 5 && first.infoHash == "c12fe1c06bba254a9dc9f519b335aa7c1367a88a")
        #expect(first.imdbId == "tt0944947" && first.tvdbId == 121_361 && first.downloadVolumeFactor == 0)
        #expect(first.publishDate == Date(timeIntervalSince1970: 1_428_809_640))
        #expect(releases[1].title == "Café — Movie 2019" && releases[1].magnetUrl == "magnet:?xt=urn:btih:abc")
    }

    @Test("an error answer and documents that are not feeds are refused", arguments: [
        (#"<error code="100" description="Invalid API Key"/>"#, TorznabCapabilities.ParseError.indexerError(code: 100, description: "Invalid API Key")),
        ("<html>login</html>", .notCapabilities), ("", .notCapabilities),
    ])
    func refuses(xml: String, expected: TorznabCapabilities.ParseError) {
        #expect(throws: expected) { try TorznabFeed.parse(xml) }
    }

    @Test("hostile feeds end without a crash", arguments: [
        "<rss><item><title>unterminated", "<rss><![CDATA[", "<rss><!-- x", "<rss>&#xFFFFFFFF;&#0;&;&#;</rss>",
        String(repeating: "<rss><item>", count: 20_000), "<rss>" + String(repeating: "&amp;", count: 50_000),
    ])
    func hostile(xml: String) {
        _ = try? TorznabFeed.parse(xml)
    }

    @Test("RFC 822 dates", arguments: [
        ("Sat, 11 Apr 2015 21:34:00 -0600", 1_428_809_640.0), ("11 Apr 2015 21:34:00 +0000", 1_428_788_040),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0), ("Mon, 29 Feb 2016 12:00 +0130", 1_456_741_800), ("Wed, 1 Jan 99 00:00:00 Z", 915_148_800),
    ])
    func dates(text: String, seconds: Double) {
        #expect(RFC822Date.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test("dates that are not", arguments: ["", "yesterday", "Sat, 32 Apr 2015 21:34:00", "Sat, 11 Foo 2015 21:34:00", "11 Apr 2015 25:00:00"])
    func badDates(text: String) {
        #expect(RFC822Date.parse(text) == nil)
    }
}
