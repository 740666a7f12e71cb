#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a disk operation for a torrent failed.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A symlink sits where the torrent expects a file or folder: following it could write outside the download directory.
    case symlinkRefused(path: String)
    /// Something other than a folder sits where the torrent needs one (or other than a file where it needs a file).
    case wrongFileType(path: String)
    /// A system call failed; `errno` names the cause.
    case io(operation: String, path: String, errno: Int32)
    /// The request names bytes outside the piece or a piece outside the torrent.
    case outOfRange(piece: Int, offset: Int, length: Int)
    /// Only verified pieces are served to peers.
    case pieceNotVerified(Int)
    /// The storage was closed or its thread pool stopped.
    case closed
    case cancelled

    public var description: String {
        switch self {
        case .symlinkRefused(let path): "refusing to follow the symlink at '\(path)'; remove it so the torrent can write there"
        case .wrongFileType(let path): "'\(path)' is in the torrent's way (a file where a folder is needed, or the reverse); move it"
        case .io(let operation, let path, let errno): "\(operation) failed on '\(path)': \(String(cString: strerror(errno)))"
        case .outOfRange(let piece, let offset, let length): "bytes \(offset)..<\(offset + length) of piece \(piece) are outside the torrent"
        case .pieceNotVerified(let piece): "piece \(piece) is not verified, so it is not served"
        case .closed: "the torrent's storage is closed"
        case .cancelled: "the disk operation was cancelled"
        }
    }
}
