import Foundation
import Testing
@testable import MetadataProviders

@Suite("Artwork store")
struct ArtworkStoreTests {
    let directory = NSTemporaryDirectory() + "kinora-artwork-\(UUID().uuidString)"

    func source(_ bytes: [UInt8], name: String = "source.png") throws -> String {
        let folder = NSTemporaryDirectory() + "kinora-artwork-src-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func localImageIsCopiedUnderOwnerAndCoverType() async throws {
        let store = ArtworkStore(directory: directory)
        let path = try await store.store(MetadataImage(coverType: "poster", url: try source(NFOFolderTests.png)), owner: "series-12")
        #expect(path == directory + "/series-12/poster.png")
        #expect(FileManager.default.contents(atPath: path) == Data(NFOFolderTests.png))
        #expect(await store.path(owner: "series-12", coverType: "poster") == path)
        #expect(await store.path(owner: "series-12", coverType: "fanart") == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory + "/series-12")
        #expect(leftovers == ["poster.png"], "no temporary files remain")
    }

    @Test func sampleJPEGPosterIsStoredAsJPEG() async throws {
        let jpeg = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/fixtures/posters/inception.jpg").path
        let store = ArtworkStore(directory: directory)
        let path = try await store.store(MetadataImage(coverType: "Poster", url: jpeg), owner: "movie-27205")
        #expect(path.hasSuffix("/movie-27205/poster.jpg"))
    }

    @Test func replacingKeepsOneFileAndTheOldOneSurvivesARefusedUpdate() async throws {
        let store = ArtworkStore(directory: directory)
        let first = try await store.store(MetadataImage(coverType: "fanart", url: try source(NFOFolderTests.png)), owner: "movie-1")
        await #expect(throws: MetadataError.self) {
            try await store.store(MetadataImage(coverType: "fanart", url: try source(Array("<html>not an image</html>".utf8), name: "x.jpg")), owner: "movie-1")
        }
        #expect(FileManager.default.contents(atPath: first) == Data(NFOFolderTests.png), "a refused image never replaces a good one")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/movie-1") == ["fanart.png"])
    }

    @Test func nonImageContentIsRefused() async throws {
        let store = ArtworkStore(directory: directory)
        let error = await #expect(throws: MetadataError.self) {
            try await store.store(MetadataImage(coverType: "poster", url: try source(Array("GIF89a....".utf8), name: "p.jpg")), owner: "series-1")
        }
        guard case .invalidImage(_, let reason) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("not a JPEG, PNG or WebP"))
        #expect(await store.path(owner: "series-1", coverType: "poster") == nil)
    }

    @Test(arguments: ["../escape", "a/b", "..", ".hidden", "", "series 1", "séries"])
    func traversalAndOddOwnersAreRefused(owner: String) async throws {
        let store = ArtworkStore(directory: directory)
        await #expect(throws: MetadataError.self) {
            try await store.store(MetadataImage(coverType: "poster", url: try source(NFOFolderTests.png)), owner: owner)
        }
        #expect(await store.path(owner: owner, coverType: "poster") == nil)
    }

    @Test(arguments: ["../poster", "poster/x", ".."])
    func traversalInCoverTypeIsRefused(coverType: String) async throws {
        let store = ArtworkStore(directory: directory)
        await #expect(throws: MetadataError.self) {
            try await store.store(MetadataImage(coverType: coverType, url: try source(NFOFolderTests.png)), owner: "series-1")
        }
    }

    @Test func symlinksAndNonFilesAreRefused() async throws {
        let target = try source(NFOFolderTests.png)
        let link = (target as NSString).deletingLastPathComponent + "/link.png"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let store = ArtworkStore(directory: directory)
        for url in [link, (target as NSString).deletingLastPathComponent, "/dev/zero", "relative/poster.png",
                    (target as NSString).deletingLastPathComponent + "/../x/poster.png"] {
            await #expect(throws: MetadataError.self, "\(url)") {
                try await store.store(MetadataImage(coverType: "poster", url: url), owner: "series-2")
            }
        }
    }

    @Test func downloadsGoThroughTheTransportAndStatusIsChecked() async throws {
        let transport = RecordingTransport { url in
            url.path.hasSuffix("/missing.jpg") ? (404, [:], Data()) : (200, ["content-type": "image/png"], Data(NFOFolderTests.png))
        }
        let store = ArtworkStore(directory: directory, transport: transport)
        let path = try await store.store(MetadataImage(coverType: "poster", url: "https://image.tmdb.org/t/p/original/abc.jpg"), owner: "series-3")
        #expect(path == directory + "/series-3/poster.png", "the extension follows the content, not the URL")
        #expect(transport.requests.first?.url.absoluteString == "https://image.tmdb.org/t/p/original/abc.jpg")
        await #expect(throws: MetadataError.self) {
            try await store.store(MetadataImage(coverType: "fanart", url: "https://image.tmdb.org/t/p/original/missing.jpg"), owner: "series-3")
        }
    }

    @Test("a remote image stored from the same address is not downloaded again; a new address replaces it; a failed one waits")
    func refreshesSkipWhatIsAlreadyStored() async throws {
        let transport = RecordingTransport { url in
            url.path.hasSuffix("/down.jpg") ? (503, [:], Data()) : (200, ["content-type": "image/png"], Data(NFOFolderTests.png))
        }
        let store = ArtworkStore(directory: directory, transport: transport)
        let poster = MetadataImage(coverType: "poster", url: "https://image.tmdb.org/t/p/original/a.jpg")
        let path = try await store.store(poster, owner: "series-4")
        #expect(try await store.store(poster, owner: "series-4") == path)
        #expect(transport.requests.count == 1, "the second refresh downloaded the same poster again")
        _ = try await store.store(MetadataImage(coverType: "poster", url: "https://image.tmdb.org/t/p/original/b.jpg"), owner: "series-4")
        #expect(transport.requests.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/series-4").sorted() == ["poster.png", "poster.source"])

        let down = MetadataImage(coverType: "fanart", url: "https://image.tmdb.org/t/p/original/down.jpg")
        await #expect(throws: MetadataError.self) { try await store.store(down, owner: "series-4") }
        await #expect(throws: MetadataError.self) { try await store.store(down, owner: "series-5") }
        #expect(transport.requests.count == 3, "a failed address is asked for again within the hour")
    }

    @Test("a host that does not answer is not asked again for a while, for any image")
    func unreachableHostWaits() async throws {
        let transport = RecordingTransport { url in
            if url.host == "image.example" { throw MetadataError.unreachable(host: "image.example", underlying: "no such host") }
            return (200, ["content-type": "image/png"], Data(NFOFolderTests.png))
        }
        let store = ArtworkStore(directory: directory, transport: transport)
        for id in 1...5 {
            await #expect(throws: MetadataError.self) {
                try await store.store(MetadataImage(coverType: "poster", url: "https://image.example/\(id)/poster.jpg"), owner: "series-\(id)")
            }
        }
        #expect(transport.requests.count == 1, "every image on an unreachable host waited for the same failure")
        _ = try await store.store(MetadataImage(coverType: "poster", url: "https://image.tmdb.org/t/p/original/c.jpg"), owner: "series-9")
        #expect(transport.requests.count == 2, "another host is still asked")
    }

    @Test func oversizedDownloadIsRefused() async throws {
        let big = Data(NFOFolderTests.png) + Data(count: ArtworkStore.maxImageBytes)
        let store = ArtworkStore(directory: directory, transport: RecordingTransport { _ in (200, [:], big) })
        await #expect(throws: MetadataError.self) {
            try await store.store(MetadataImage(coverType: "poster", url: "https://example.test/big.png"), owner: "movie-9")
        }
    }

    @Test func removeDeletesAnOwnersImagesOnly() async throws {
        let store = ArtworkStore(directory: directory)
        _ = try await store.store(MetadataImage(coverType: "poster", url: try source(NFOFolderTests.png)), owner: "series-4")
        _ = try await store.store(MetadataImage(coverType: "poster", url: try source(NFOFolderTests.png)), owner: "series-5")
        await store.remove(owner: "series-4")
        await store.remove(owner: "../series-5")
        #expect(await store.path(owner: "series-4", coverType: "poster") == nil)
        #expect(await store.path(owner: "series-5", coverType: "poster") != nil)
    }
}
