import BitTorrentCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// fdatasync where it exists (Linux): file data and the size, without the mtime journal write.
func syncData(_ descriptor: Int32) -> Int32 {
    #if canImport(Darwin)
    fsync(descriptor)
    #else
    fdatasync(descriptor)
    #endif
}

/// Closes a descriptor; at file scope so that `PieceStore.close()` does not shadow the system call.
func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

extension PieceStore {
    /// A descriptor for a file from the cache, or opened (and cached). Nil when the file does not exist
    /// and only a read was asked for: it reads as zeros and is not created.
    func descriptor(for file: Int, writable: Bool, disk: inout DiskState) throws(StorageError) -> Int32? {
        if let cached = disk.handles.lookup(file: file, writable: writable) { return cached }
        guard let descriptor = try openFile(metainfo.files[file], writable: writable, disk: &disk) else { return nil }
        for (evictedFile, evicted) in disk.handles.insert(file: file, descriptor: descriptor, writable: writable) {
            // A dirty file is synced before its descriptor goes, so a writeback error is not lost with it.
            if disk.dirtyFiles.contains(evictedFile) {
                guard syncData(evicted) == 0 else {
                    let code = errno
                    closeDescriptor(evicted)
                    throw .io(operation: "fdatasync", path: metainfo.files[evictedFile].path.description, errno: code)
                }
                disk.dirtyFiles.remove(evictedFile)
            }
            closeDescriptor(evicted)
        }
        return descriptor
    }

    /// Opens a torrent file by walking its path one component at a time with `O_NOFOLLOW`: a symlink at
    /// any depth below the download directory is refused, so a planted link cannot send a write elsewhere.
    /// The download directory itself may be a symlink: that is the user's choice, not the torrent's.
    func openFile(_ file: TorrentFile, writable: Bool, disk: inout DiskState) throws(StorageError) -> Int32? {
        let components = file.path.components
        let parent = Array(components.dropLast())
        let folder: Int32
        do {
            folder = try openDirectory(components: parent, create: writable, created: { disk.directoriesToSync.insert($0) })
        } catch {
            switch error {
            case .missing: return nil
            case .failed(let error): throw error
            }
        }
        defer { closeDescriptor(folder) }
        let name = components[components.count - 1]
        let flags = (writable ? O_RDWR | O_CREAT : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC
        var descriptor: Int32
        repeat { descriptor = openat(folder, name, flags, 0o644) } while descriptor < 0 && errno == EINTR
        if descriptor < 0 {
            let code = errno
            if code == ENOENT, !writable { return nil }
            throw refusal(code, at: parent + [name], operation: "open")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            closeDescriptor(descriptor)
            throw .wrongFileType(path: file.path.description)
        }
        // A new file (or an empty one, which costs only a spare folder sync) needs its folder entry synced.
        if writable, info.st_size == 0 { disk.directoriesToSync.insert(parent) }
        // Sparse to its full length at once, as Transmission's default preallocation does: with
        // rarest-first order nearly every write would otherwise extend the file (an i_size update each),
        // and a partial download shows its final size. Holes stay unallocated, and recheck skips them.
        if writable, info.st_size < off_t(file.length) {
            var result: Int32
            repeat { result = ftruncate(descriptor, off_t(file.length)) } while result != 0 && errno == EINTR
            if result != 0 {
                let code = errno
                closeDescriptor(descriptor)
                throw refusal(code, at: parent + [name], operation: "extend")
            }
        }
        return descriptor
    }

    enum WalkError: Error {
        case missing
        case failed(StorageError)
    }

    /// Opens a folder below the download directory, creating missing components when asked.
    func openDirectory(components: [String], create: Bool) throws(StorageError) -> Int32 {
        do {
            return try openDirectory(components: components, create: create, created: { _ in })
        } catch {
            switch error {
            case .missing: throw .io(operation: "open", path: components.joined(separator: "/"), errno: ENOENT)
            case .failed(let error): throw error
            }
        }
    }

    func openDirectory(components: [String], create: Bool, created: (_ parent: [String]) -> Void) throws(WalkError) -> Int32 {
        if create { try makeDownloadDirectory() }
        var current = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard current >= 0 else {
            if errno == ENOENT { throw .missing }
            throw .failed(.io(operation: "open", path: directory, errno: errno))
        }
        for (depth, name) in components.enumerated() {
            var next = openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT {
                guard create else {
                    closeDescriptor(current)
                    throw .missing
                }
                if mkdirat(current, name, 0o755) == 0 {
                    created(Array(components.prefix(depth)))
                } else if errno != EEXIST {
                    let code = errno
                    closeDescriptor(current)
                    throw .failed(.io(operation: "mkdir", path: components.prefix(depth + 1).joined(separator: "/"), errno: code))
                }
                next = openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let code = errno
            closeDescriptor(current)
            guard next >= 0 else { throw .failed(refusal(code, at: Array(components.prefix(depth + 1)), operation: "open")) }
            current = next
        }
        return current
    }

    /// Creates the download directory (and its parents) when missing; it is the user's, so links are followed.
    func makeDownloadDirectory() throws(WalkError) {
        var path = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            path += "/" + part
            if mkdir(path, 0o755) != 0, errno != EEXIST {
                throw .failed(.io(operation: "mkdir", path: path, errno: errno))
            }
        }
    }

    /// ELOOP (O_NOFOLLOW met a link) and ENOTDIR (O_DIRECTORY met a link or a file) become clear refusals.
    func refusal(_ code: Int32, at components: [String], operation: String) -> StorageError {
        let path = components.joined(separator: "/")
        switch code {
        case ELOOP: return .symlinkRefused(path: path)
        case ENOTDIR, EISDIR: return isSymlink(components) ? .symlinkRefused(path: path) : .wrongFileType(path: path)
        default: return .io(operation: operation, path: path, errno: code)
        }
    }

    func isSymlink(_ components: [String]) -> Bool {
        var info = stat()
        let full = directory + "/" + components.joined(separator: "/")
        return lstat(full, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}
