import Foundation
import GRDB
import KinoraCore
import KinoraHTTP
import KinoraStorage
import Logging
import MediaCore
@testable import MediaRole
import Testing

/// The media store's in-memory answers (token → caller, item → file to stream) must never outlive what the
/// database says: every case reads once (filling the cache), changes the data, and reads again.
struct MediaStoreCacheTests {
    let store: MediaStore
    let now = Timestamp(secondsSinceEpoch: 1_800_000_000)

    init() throws {
        // An unnamed in-memory database per test: `RoleDatabase.inMemory` names it after the role, and named ones are
        // shared by every connection in the process (tests run in parallel).
        store = MediaStore(database: try RoleDatabase(role: .media, writer: DatabaseQueue(), migrations: MediaRole.definition.migrations))
    }

    func signIn(_ user: MediaUser, device: String = "device-1") async throws -> String {
        try await store.issueToken(for: user, device: JellyfinAuthorization(client: "tests", device: device, deviceID: device), now: now).token
    }

    /// The id of the user `token` signs in, or nil (for an API key or a token that fails).
    func userID(signedInBy token: String) async throws -> String? {
        guard case .user(let user) = try await store.credential(token: token) else { return nil }
        return user.id
    }

    // MARK: Credentials

    @Test func aTokenIsCachedAndARevokedOneFailsAtOnce() async throws {
        let user = try await store.addUser(name: "alice", password: "pw", isAdministrator: true, now: now)
        let token = try await signIn(user)
        #expect(try await userID(signedInBy: token) == user.id)
        #expect(store.caches.credentials.value(for: token) != nil)  // the next look-up needs no database

        try await store.revoke(token: token)
        #expect(try await store.credential(token: token) == nil)
    }

    @Test func signingInAgainFromTheSameDeviceEndsTheOldToken() async throws {
        let user = try await store.addUser(name: "alice", password: "pw", isAdministrator: true, now: now)
        let old = try await signIn(user)
        #expect(try await store.credential(token: old) != nil)
        let new = try await signIn(user)
        #expect(try await store.credential(token: old) == nil)
        #expect(try await store.credential(token: new) != nil)
    }

    @Test func aDeletedUsersTokenFailsAtOnce() async throws {
        _ = try await store.addUser(name: "admin", password: "pw", isAdministrator: true, now: now)
        let bob = try await store.addUser(name: "bob", password: "pw", isAdministrator: false, now: now)
        let token = try await signIn(bob)
        #expect(try await userID(signedInBy: token) == bob.id)
        #expect(try await store.deleteUser(id: bob.id))
        #expect(try await store.credential(token: token) == nil)
    }

    @Test func aChangedPasswordEndsOtherSessionsAndNarrowedAccessShowsAtOnce() async throws {
        _ = try await store.addUser(name: "admin", password: "pw", isAdministrator: true, now: now)
        let bob = try await store.addUser(name: "bob", password: "pw", isAdministrator: false, now: now)
        let phone = try await signIn(bob, device: "phone")
        let tv = try await signIn(bob, device: "tv")
        #expect(try await store.credential(token: phone) != nil)
        #expect(try await store.credential(token: tv) != nil)

        try await store.setAccess(id: bob.id, isAdministrator: false, enabledLibraryIds: ["movies-only"])
        guard case .user(let narrowed) = try await store.credential(token: tv) else { Issue.record("tv token lost"); return }
        #expect(narrowed.canSee(libraryId: "movies-only") && !narrowed.canSee(libraryId: "shows"))

        try await store.setPassword(id: bob.id, password: "new", keepingToken: tv)
        #expect(try await store.credential(token: phone) == nil)
        #expect(try await store.credential(token: tv) != nil)
    }

    @Test func aRevokedAPIKeyFailsAtOnce() async throws {
        let key = try await store.createAPIKey(appName: "Jellyseerr", now: now)
        #expect(try await store.credential(token: key.token) == .apiKey)
        #expect(try await store.revokeAPIKey(token: key.token))
        #expect(try await store.credential(token: key.token) == nil)
    }

    @Test func anUnknownTokenIsNotRememberedSoOneIssuedLaterWorks() async throws {
        #expect(try await store.credential(token: "0123456789abcdef0123456789abcdef") == nil)
        #expect(store.caches.credentials.count == 0)
    }

    // MARK: Stream sources

    @Test func aRescanThatMovesOrRemovesAFileIsSeenAtOnce() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-media-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = root + "/Bench Movie (2020)/Bench Movie (2020).mp4"
        try FileManager.default.createDirectory(atPath: (first as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 1, count: 1000).write(to: URL(fileURLWithPath: first))
        let library = MediaLibrary(id: "library-1", name: "Movies", collectionType: "movies", paths: [root], createdAt: 0)
        try await store.save(library)
        let scanner = LibraryScanner(store: store, prober: nil, logger: Logger(label: "tests"))
        await scanner.scanAll()

        let id = MediaRole.identifier("movie", first)
        #expect(try await store.streamSource(id: id) == .init(libraryId: library.id, path: first, container: nil))
        #expect(store.caches.streamSources.value(for: id) != nil)

        // Replaced by a file of another container: the old item is gone, the new one streams from its path.
        let second = root + "/Bench Movie (2020)/Bench Movie (2020).mkv"
        try FileManager.default.moveItem(atPath: first, toPath: second)
        await scanner.scanAll()
        #expect(try await store.streamSource(id: id) == nil)
        #expect(try await store.streamSource(id: MediaRole.identifier("movie", second))?.path == second)

        // A library removed takes its items with it.
        #expect(try await store.removeLibrary(named: "Movies"))
        #expect(try await store.streamSource(id: MediaRole.identifier("movie", second)) == nil)
    }

    @Test func aFolderHasNoFileToStream() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kinora-media-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let episode = root + "/Some Show/Season 01/Some Show - S01E01 - Pilot.mkv"
        try FileManager.default.createDirectory(atPath: (episode as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 1, count: 1000).write(to: URL(fileURLWithPath: episode))
        try await store.save(MediaLibrary(id: "library-2", name: "Shows", collectionType: "tvshows", paths: [root], createdAt: 0))
        await LibraryScanner(store: store, prober: nil, logger: Logger(label: "tests")).scanAll()

        let items = try await store.items(inLibrary: "library-2").values
        let series = try #require(items.first { $0.type == .series })
        let file = try #require(items.first { $0.type == .episode })
        #expect(try await store.streamSource(id: series.id)?.path == nil)
        #expect(try await store.streamSource(id: file.id)?.path == episode)
    }
}

/// The cache itself: an answer read before an invalidation is not kept after it, and the size stays bounded.
struct InvalidatedCacheTests {
    @Test func anAnswerReadBeforeAnInvalidationIsDropped() {
        let cache = InvalidatedCache<String, Int>(capacity: 4)
        let generation = cache.generation
        cache.invalidateAll()  // a write committed while the answer was being read
        cache.store(1, for: "a", readAt: generation)
        #expect(cache.value(for: "a") == nil)
        cache.store(2, for: "a", readAt: cache.generation)
        #expect(cache.value(for: "a") == 2)
    }

    @Test func itHoldsAtMostItsCapacity() {
        let cache = InvalidatedCache<Int, Int>(capacity: 3)
        for key in 0..<10 { cache.store(key, for: key, readAt: cache.generation) }
        #expect(cache.count == 3)
        #expect(cache.value(for: 9) == 9)
    }
}
