import Foundation
import Hummingbird
import KinoraCore
import KinoraHTTP
import KinoraStorage
import Logging
import MediaCore
import MediaTools
import ServiceLifecycle

/// Libraries ("virtual folders") and scans: what Sonarr and Radarr call after an import
/// (`Library/Refresh`, `Library/Media/Updated`), and the administration of libraries.
extension MediaRole {
    func addLibraryRoutes(to router: Router<KinoraRequestContext>) {
        router.get("Library/VirtualFolders") { request, _ in
            try await requireAdministrator(request)
            let folders = try await store.libraries().map { library in
                VirtualFolderInfo(Name: library.name, Locations: library.paths, CollectionType: library.collectionType, ItemId: library.id,
                                  RefreshStatus: "Idle")
            }
            return try jellyfinJSON(folders)
        }
        router.post("Library/VirtualFolders") { request, _ in
            try await requireAdministrator(request)
            guard let name = request.queryValue(named: "name")?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw JellyfinError.badRequest("The name query parameter is required")
            }
            let type = (request.queryValue(named: "collectionType") ?? "movies").lowercased()
            guard ["movies", "tvshows", "homevideos"].contains(type) else {
                throw JellyfinError.badRequest("collectionType must be movies, tvshows or homevideos")
            }
            let paths = try request.queryList(named: "paths").map(allowedLibraryPath)
            let library = MediaLibrary(
                id: Self.identifier("library", name.lowercased()), name: name, collectionType: type, paths: paths,
                createdAt: Self.now().millisecondsSinceEpoch)
            try await store.save(library)
            if request.queryValue(named: "refreshLibrary")?.lowercased() == "true" { await scanner.requestScan() }
            return Response(status: .noContent)
        }
        router.delete("Library/VirtualFolders") { request, _ in
            try await requireAdministrator(request)
            guard let name = request.queryValue(named: "name"), try await store.removeLibrary(named: name) else {
                throw JellyfinError.notFound("Library not found")
            }
            return Response(status: .noContent)
        }
        router.post("Library/Refresh") { request, _ in
            try await requireAdministrator(request)
            await scanner.requestScan()
            return Response(status: .noContent)
        }
        // Sonarr's and Radarr's "update library" after an import: `{"Updates":[{"Path":…,"UpdateType":…}]}`.
        router.post("Library/Media/Updated") { request, _ in
            try await requireAdministrator(request)
            await scanner.requestScan()
            return Response(status: .noContent)
        }
        router.get("kinora/media/scan") { request, _ in
            try await requireAdministrator(request)
            return try Response.json(await scanner.lastReport)
        }
    }

    /// A library folder must be inside the data root, like every folder Kinora writes or reads for users.
    func allowedLibraryPath(_ path: String) throws -> String {
        let root = URL(fileURLWithPath: environment.configuration.dataDirectory).standardizedFileURL.resolvingSymlinksInPath().path
        let resolved = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: root + "/")).standardizedFileURL.resolvingSymlinksInPath().path
        guard resolved == root || resolved.hasPrefix(root + "/") else {
            throw JellyfinError.badRequest("Library folders must be inside the data folder \(root)")
        }
        return resolved
    }

    /// The libraries a new server starts with, from the data layout: Shows (tv/), Anime (anime/), Movies (movies/).
    func createDefaultLibraries() async throws {
        guard let database = environment.database, try await database.setting(named: Self.defaultLibrariesSetting) == nil else { return }
        let layout = environment.configuration.layout
        let now = Self.now().millisecondsSinceEpoch
        for (name, folder, type) in [("Shows", DataLayout.MediaFolder.tv, "tvshows"), ("Anime", .anime, "tvshows"), ("Movies", .movies, "movies")] {
            try await store.save(MediaLibrary(
                id: Self.identifier("library", name.lowercased()), name: name, collectionType: type,
                paths: [layout.path(of: folder)], createdAt: now))
        }
        try await database.saveSetting(Self.defaultLibrariesSetting, to: "true")
    }

    static let defaultLibrariesSetting = "default-libraries-created"

    struct VirtualFolderInfo: Encodable {
        let Name: String
        let Locations: [String]
        let CollectionType: String
        let ItemId: String
        let RefreshStatus: String
    }
}

/// Scans at start, on request and every `interval` (never inotify: it does not see changes on NFS),
/// and stops idle transcodes.
struct MediaLibraryService: Service {
    let role: MediaRole
    var interval: Duration = .seconds(15 * 60)

    func run() async throws {
        if let warning = role.toolchain.missingWarning { role.environment.logger.warning("\(warning)") }
        await role.transcodes.learnEncoders()
        do { try await role.createDefaultLibraries() } catch {
            role.environment.logger.error("could not create the default libraries", metadata: ["error": "\(error)"])
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await role.scanner.run(every: interval) }
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: .seconds(10)) } catch { return }
                    await role.transcodes.reapIdle()
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await role.transcodes.stopAll()
    }
}
