import Foundation
import Hummingbird
import KinoraCore
import KinoraHTTP

/// `/api/v3/rootfolder`: where series or movies live. Jellyseerr lists them (with free space) to
/// let a requester pick one; the add flow of issue 6 files series under them.
extension LibraryManagerRole {
    struct RootFolderResource: Codable, Sendable, Equatable {
        struct UnmappedFolder: Codable, Sendable, Equatable {
            var name: String
            var path: String
            var relativePath: String
        }

        var id: Int64?
        var path: String
        var accessible: Bool?
        var freeSpace: Int64?
        var totalSpace: Int64?
        var unmappedFolders: [UnmappedFolder]?
    }

    func addRootFolderRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.get("rootfolder") { _, _ in
            let claimed = try await store.claimedPaths()
            return try Response.json(try await store.rootFolders().map { Self.resource($0, claimed: claimed) })
        }
        api.get("rootfolder/{id}") { _, context in
            guard let folder = try await store.rootFolder(id: try Self.id(context)) else { throw ServarrNotFound("Root folder not found") }
            return try Response.json(Self.resource(folder, claimed: try await store.claimedPaths()))
        }
        api.post("rootfolder") { request, context in
            let body = try await request.decodeServarrBody(RootFolderResource.self, context: context)
            let path = try await validatedRootFolder(body.path)
            let added = try await store.addRootFolder(path: path)
            return try Response.json(Self.resource(added, claimed: try await store.claimedPaths()), status: .created)
        }
        api.delete("rootfolder/{id}") { _, context in
            guard try await store.deleteRootFolder(id: try Self.id(context)) else { throw ServarrNotFound("Root folder not found") }
            return Response(status: .ok)
        }
    }

    /// The checks Sonarr makes, plus Kinora's own: a root folder must not hold the downloads,
    /// or imports would move files inside the torrent client's tree.
    func validatedRootFolder(_ raw: String) async throws -> String {
        func failure(_ message: String, _ code: String) -> ServarrValidationError {
            ServarrValidationError([ServarrValidationFailure(propertyName: "Path", errorMessage: message, attemptedValue: raw, errorCode: code)])
        }
        guard raw.hasPrefix("/"), !raw.contains("\0") else { throw failure("Invalid Path: use an absolute path such as /srv/media/tv", "PathValidator") }
        let path = Self.normalised(raw)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw failure("Folder '\(path)' does not exist", "FolderValidator")
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw failure("Folder '\(path)' is not writable by the user Kinora runs as", "FolderWritableValidator")
        }
        let existing = try await store.rootFolders().map(\.path)
        if existing.contains(path) { throw failure("Path is already configured as a root folder", "RootFolderValidator") }
        if let overlap = existing.first(where: { Self.isInside(path, $0) || Self.isInside($0, path) }) {
            throw failure("Path overlaps the root folder '\(overlap)': root folders cannot contain one another", "RootFolderAncestorValidator")
        }
        let downloads = Self.normalised(environment.layout.path(of: .downloads))
        if path == downloads || Self.isInside(path, downloads) || Self.isInside(downloads, path) {
            throw failure("Path overlaps the downloads folder '\(downloads)': keep downloads and the library apart", "DownloadFolderValidator")
        }
        return path
    }

    static func resource(_ folder: RootFolder, claimed: Set<String>) -> RootFolderResource {
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder.path)
        var isDirectory: ObjCBool = false
        let accessible = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue
        return RootFolderResource(
            id: folder.id, path: folder.path, accessible: accessible,
            freeSpace: (attributes?[.systemFreeSize] as? NSNumber)?.int64Value,
            totalSpace: (attributes?[.systemSize] as? NSNumber)?.int64Value,
            unmappedFolders: accessible ? unmappedFolders(in: folder.path).filter { !claimed.contains($0.path) } : [])
    }

    /// Folders in the root (the caller leaves out those a series or movie claims).
    static func unmappedFolders(in root: String) -> [RootFolderResource.UnmappedFolder] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().compactMap { name in
            guard !name.hasPrefix(".") else { return nil }
            var isDirectory: ObjCBool = false
            let path = root + "/" + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
            return .init(name: name, path: path, relativePath: name)
        }
    }

    static func normalised(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        return standard.count > 1 && standard.hasSuffix("/") ? String(standard.dropLast()) : standard
    }

    static func isInside(_ path: String, _ ancestor: String) -> Bool {
        ancestor == "/" ? path != "/" : path.hasPrefix(ancestor + "/")
    }
}
