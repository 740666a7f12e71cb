import Foundation
import MediaCore

/// Posters and other artwork cached on disk as `<directory>/<owner>/<coverType>.<ext>`, so pages and
/// the mediacover API serve them without asking TMDb again. Downloads and copies are bounded, the
/// content must be a JPEG, PNG or WebP image, and files are replaced atomically (temp + rename).
public actor ArtworkStore {
    public static let maxImageBytes = 20 << 20
    static let extensions = ImageFormat.allCases.map(\.fileExtension)

    public nonisolated let directory: String
    private let transport: any HTTPTransport
    /// Remote images that failed lately, and until when they are not asked for again: a refresh of
    /// thousands of items must not wait on the same unreachable host thousands of times.
    private var failedUntil: [String: ContinuousClock.Instant] = [:]
    static let retryAfter: Duration = .seconds(3600)
    /// Hosts that did not answer at all (DNS, refused, timeout), and until when: every item's artwork
    /// on such a host would otherwise wait for the same failure once each.
    private var unreachableUntil: [String: ContinuousClock.Instant] = [:]
    static let unreachableRetryAfter: Duration = .seconds(600)

    public init(directory: String, transport: any HTTPTransport = URLSessionTransport(timeout: 30, maxBodyBytes: ArtworkStore.maxImageBytes)) {
        self.directory = directory
        self.transport = transport
    }

    /// Fetches (http/https) or copies (absolute local path) the image and stores it for `owner`
    /// (`series-12`, `movie-7`). Returns the stored file's path.
    public func store(_ image: MetadataImage, owner: String, coverType: String? = nil) async throws -> String {
        let type = (coverType ?? image.coverType).lowercased()
        try Self.validate(name: owner, what: "artwork owner")
        try Self.validate(name: type, what: "cover type")
        let folder = (directory as NSString).appendingPathComponent(owner)
        let sourceFile = (folder as NSString).appendingPathComponent("\(type).source")
        let isRemote = image.url.lowercased().hasPrefix("http://") || image.url.lowercased().hasPrefix("https://")
        // A remote image already stored from the same address is kept: metadata sources (TMDb) give a
        // changed image a new address, and a 12-hourly refresh should not download every poster again.
        if isRemote, let existing = path(owner: owner, coverType: type),
           (try? String(contentsOfFile: sourceFile, encoding: .utf8)) == image.url {
            return existing
        }
        let host = isRemote ? URL(string: image.url)?.host?.lowercased() : nil
        if isRemote, let until = failedUntil[image.url] {
            guard ContinuousClock.now >= until else {
                throw MetadataError.invalidImage(source: image.url, reason: "it failed less than an hour ago; it is tried again later")
            }
            failedUntil[image.url] = nil
        }
        if let host, let until = unreachableUntil[host] {
            guard ContinuousClock.now >= until else {
                throw MetadataError.unreachable(host: host, underlying: "it did not answer a moment ago; tried again in a few minutes")
            }
            unreachableUntil[host] = nil
        }
        let data: Data
        do { data = try await load(image.url) } catch {
            if case .unreachable? = error as? MetadataError, let host {
                unreachableUntil[host] = ContinuousClock.now + Self.unreachableRetryAfter
            } else if isRemote {
                failedUntil[image.url] = ContinuousClock.now + Self.retryAfter
            }
            throw error
        }
        guard data.count <= Self.maxImageBytes else {
            throw MetadataError.invalidImage(source: image.url, reason: "it is \(data.count) bytes, over the \(Self.maxImageBytes)-byte limit")
        }
        guard let header = ImageHeader.parse(Array(data)) else {
            throw MetadataError.invalidImage(source: image.url, reason: "its content is not a JPEG, PNG or WebP image")
        }
        try prepareFolder(folder)
        let destination = (folder as NSString).appendingPathComponent("\(type).\(header.format.fileExtension)")
        let temporary = (folder as NSString).appendingPathComponent(".\(type).\(UUID().uuidString).tmp")
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, destination) != 0 {
                throw MetadataError.invalidInput("\(destination) could not be written (errno \(errno))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? MetadataError { throw error }
            throw MetadataError.invalidInput("\(destination) could not be written: \((error as NSError).localizedDescription)")
        }
        // The same cover in another format is now stale.
        for ext in Self.extensions where ext != header.format.fileExtension {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent("\(type).\(ext)"))
        }
        if isRemote { try? Data(image.url.utf8).write(to: URL(fileURLWithPath: sourceFile), options: .atomic) } else {
            try? FileManager.default.removeItem(atPath: sourceFile)
        }
        return destination
    }

    /// The stored file for an owner's cover type, nil when none (or the names are invalid).
    public func path(owner: String, coverType: String) -> String? {
        let type = coverType.lowercased()
        guard (try? Self.validate(name: owner, what: "")) != nil, (try? Self.validate(name: type, what: "")) != nil else { return nil }
        let folder = (directory as NSString).appendingPathComponent(owner)
        for ext in Self.extensions {
            let candidate = (folder as NSString).appendingPathComponent("\(type).\(ext)")
            if Self.isRegularFile(candidate) { return candidate }
        }
        return nil
    }

    /// Deletes every stored image of `owner`; nothing happens for an unknown or invalid owner.
    public func remove(owner: String) {
        guard (try? Self.validate(name: owner, what: "")) != nil else { return }
        try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(owner))
    }

    // MARK: Loading

    private func load(_ reference: String) async throws -> Data {
        let lower = reference.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let url = URL(string: reference) else { throw MetadataError.invalidInput("\(reference) is not a valid URL") }
            let (status, _, body) = try await transport.get(url, headers: ["Accept": "image/jpeg, image/png, image/webp"])
            guard (200..<300).contains(status) else {
                throw MetadataError.badResponse(host: url.host ?? reference, status: status, reason: "the image \(url.path) was not served")
            }
            return body
        }
        guard reference.hasPrefix("/") else {
            throw MetadataError.invalidInput("\(reference) is neither an http(s) URL nor an absolute path")
        }
        return try Self.readLocal(reference)
    }

    /// Only a regular file, never a symlink (which could point anywhere), and never past the limit.
    static func readLocal(_ path: String) throws -> Data {
        guard !path.split(separator: "/").contains("..") else {
            throw MetadataError.invalidInput("\(path) contains `..`")
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw MetadataError.invalidImage(source: path, reason: "the file does not exist or cannot be read")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw MetadataError.invalidImage(source: path, reason: "it is not a regular file (symlinks and devices are refused)")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxImageBytes else {
            throw MetadataError.invalidImage(source: path, reason: "it is \(size) bytes, over the \(maxImageBytes)-byte limit")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MetadataError.invalidImage(source: path, reason: "the file cannot be opened")
        }
        defer { try? handle.close() }
        // Read one byte past the limit: the file may have grown since the size check.
        let data = (try? handle.read(upToCount: maxImageBytes + 1)) ?? Data()
        guard data.count <= maxImageBytes else {
            throw MetadataError.invalidImage(source: path, reason: "it is over the \(maxImageBytes)-byte limit")
        }
        return data
    }

    // MARK: Names and folders

    /// Letters, digits, `-`, `_` and `.` (not leading), at most 128: no `/`, no `..`, no hidden files.
    static func validate(name: String, what: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        guard allowed, (1...128).contains(name.utf8.count), !name.hasPrefix("."), !name.contains("..") else {
            throw MetadataError.invalidInput("the \(what) \"\(name.prefix(64))\" may only hold letters, digits, `-`, `_` and `.`")
        }
    }

    /// Creates `<directory>/<owner>`, refusing an owner folder that is a symlink to elsewhere.
    private func prepareFolder(_ folder: String) throws {
        if let type = (try? FileManager.default.attributesOfItem(atPath: folder))?[.type] as? FileAttributeType {
            guard type == .typeDirectory else {
                throw MetadataError.invalidInput("\(folder) exists and is not a plain folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw MetadataError.invalidInput("the artwork folder \(folder) could not be created: \((error as NSError).localizedDescription)")
        }
    }

    static func isRegularFile(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeRegular
    }
}
