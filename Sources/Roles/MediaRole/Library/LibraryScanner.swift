import Foundation
import KinoraCore
import Logging
import MediaCore
import MediaTools

/// Scans libraries into items: walks the folders, names files by Jellyfin's conventions (and the
/// release parser for scene names), reads NFO files and images beside them, and probes each video with
/// ffprobe — only when its size or mtime changed, so an unchanged library rescans without one probe.
/// A library folder that is missing or empty while items are known (an NFS share not mounted) is left
/// as it was, never emptied.
actor LibraryScanner {
    struct Report: Codable, Sendable {
        var started: String?
        var finished: String?
        var libraries = 0
        var videos = 0
        var probed = 0
        var unchanged = 0
        var added = 0
        var updated = 0
        var removed = 0
        /// Files that could not be read, with why; they stay listed.
        var failures: [String: String] = [:]
        var skippedLibraries: [String: String] = [:]
    }

    let store: MediaStore
    let prober: MediaProber?
    let logger: Logger
    private(set) var lastReport = Report()
    private var scanRequested = false
    private var waiter: CheckedContinuation<Void, Never>?
    private(set) var scans = 0

    /// Told when a scan changed the library, so connected clients refresh (`LibraryChanged`).
    let events: MediaEvents?

    init(store: MediaStore, prober: MediaProber?, events: MediaEvents? = nil, logger: Logger) {
        self.events = events
        self.store = store
        self.prober = prober
        self.logger = logger
    }

    /// Asks for a scan soon; requests while one runs fold into one more scan after it.
    func requestScan() {
        scanRequested = true
        waiter?.resume()
        waiter = nil
    }

    /// Scans now, then whenever asked and every `interval`, until cancelled.
    func run(every interval: Duration) async {
        scanRequested = true
        while !Task.isCancelled {
            if scanRequested {
                scanRequested = false
                await scanAll()
            }
            if scanRequested { continue }
            let timer = Task { [weak self] in
                try? await Task.sleep(for: interval)
                await self?.requestScan()
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    if scanRequested { continuation.resume() } else { waiter = continuation }
                }
            } onCancel: {
                Task { await self.requestScan() }
            }
            timer.cancel()
        }
    }

    func scanAll() async {
        var report = Report(started: Self.now())
        do {
            for library in try await store.libraries() {
                report.libraries += 1
                await scan(library, into: &report)
            }
        } catch {
            logger.error("library scan failed", metadata: ["error": "\(error)"])
        }
        report.finished = Self.now()
        lastReport = report
        scans += 1
        if report.added + report.updated + report.removed > 0, let events {
            await events.publish(.libraryChanged(libraryIds: (try? await store.libraries().map(\.id)) ?? []))
        }
        logger.info("library scan done", metadata: [
            "videos": "\(report.videos)", "probed": "\(report.probed)", "added": "\(report.added)", "removed": "\(report.removed)",
        ])
    }

    func scan(_ library: MediaLibrary, into report: inout Report) async {
        guard let kind = LibraryKind(rawValue: library.collectionType) else { return }
        let known: [String: MediaItem]
        do { known = try await store.items(inLibrary: library.id) } catch {
            report.skippedLibraries[library.name] = "\(error)"
            return
        }
        var builder = LibraryItemBuilder(library: library, kind: kind, known: known)
        for root in library.paths {
            let listing = FolderListing.walk(root)
            if listing.isUnavailable || (listing.files.isEmpty && known.values.contains { $0.path?.hasPrefix(root + "/") == true }) {
                // Not mounted, or emptied: keep what is known rather than wipe every user's state.
                report.skippedLibraries[library.name] = "\(root) is missing or empty; its items were kept"
                builder.keepEverything(under: root)
                continue
            }
            builder.add(listing, root: root)
        }
        // Probe what is new or changed, two at a time (ffprobe is mostly waiting on the disk).
        let toProbe = builder.videosNeedingProbe()
        report.videos += builder.videoCount
        report.unchanged += builder.videoCount - toProbe.count
        if let prober {
            await withTaskGroup(of: (String, Result<MediaDescription, any Error>).self) { group in
                var pending = toProbe.makeIterator()
                func next() {
                    guard let path = pending.next() else { return }
                    group.addTask {
                        do {
                            let bytes = try await prober.probe(path)
                            let description = try MediaDescription.fromFFprobe(Data(bytes), fileExtension: (path as NSString).pathExtension)
                            return (path, .success(description))
                        } catch {
                            return (path, .failure(error))
                        }
                    }
                }
                next()
                next()
                for await (path, result) in group {
                    report.probed += 1
                    switch result {
                    case .success(let description): builder.setProbe(path, media: description, error: nil)
                    case .failure(let error):
                        report.failures[path] = "\(error)"
                        builder.setProbe(path, media: nil, error: "\(error)")
                    }
                    next()
                }
            }
        }
        let (changed, removed) = builder.finish()
        report.added += changed.filter { known[$0.id] == nil }.count
        report.updated += changed.filter { known[$0.id] != nil }.count
        report.removed += removed.count
        do { try await store.applyScan(upserting: changed, deleting: removed) } catch {
            logger.error("could not save the library scan", metadata: ["library": "\(library.name)", "error": "\(error)"])
        }
    }

    static func now() -> String {
        Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970).iso8601(fractionDigits: 0)
    }
}

/// The files below a library folder, with size and mtime, without descending into system, sample or
/// hidden folders, or through symlinked folders (loops).
struct FolderListing: Sendable {
    struct File: Sendable {
        var relative: [String]
        var path: String
        var size: Int64
        var modified: Int64
    }

    var files: [File] = []
    var isUnavailable = false
    /// Beyond this many files a library folder is cut short (and says so in the log) rather than eat memory.
    static let maximumFiles = 500_000

    static func walk(_ root: String) -> FolderListing {
        var listing = FolderListing()
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            listing.isUnavailable = true
            return listing
        }
        var stack: [[String]] = [[]]
        let manager = FileManager.default
        while let folder = stack.popLast(), listing.files.count < maximumFiles {
            let path = ([root] + folder).joined(separator: "/")
            guard let names = try? manager.contentsOfDirectory(atPath: path) else { continue }
            for name in names.sorted() {
                let full = path + "/" + name
                guard lstat(full, &info) == 0 else { continue }
                var mode = info.st_mode & S_IFMT
                if mode == S_IFLNK {
                    // A symlinked file is followed; a symlinked folder is not (it could loop).
                    guard stat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                    mode = S_IFREG
                }
                if mode == S_IFDIR {
                    if case .skip = MediaFileClassifier.decide(folderNamed: name) { continue }
                    stack.append(folder + [name])
                } else if mode == S_IFREG {
                    let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                    listing.files.append(File(relative: folder + [name], path: full, size: Int64(info.st_size), modified: modified))
                }
            }
        }
        return listing
    }
}
