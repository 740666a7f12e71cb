#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Checks before anything starts that a TCP port can be listened on, so that a port in use is
/// one clear error and no other role has started serving meanwhile.
public enum PortProbe {
    public enum Failure: Error, Sendable, Equatable {
        case inUse
        case notPermitted
        case badAddress
        case other(String)

        public var reason: String {
            switch self {
            case .inUse: "the address is already in use by another program"
            case .notPermitted: "permission denied (ports below 1024 need privileges)"
            case .badAddress: "the address is not one of this machine's"
            case .other(let text): text
            }
        }
    }

    /// Binds and listens on `address:port` with the options the servers use, then closes.
    public static func check(address: String, port: Int) -> Failure? {
        guard port != 0 else { return nil }
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(address, String(port), &hints, &results) == 0, let info = results else { return .badAddress }
        defer { freeaddrinfo(results) }
        let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard descriptor >= 0 else { return .other(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if bind(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 || listen(descriptor, 1) != 0 {
            switch errno {
            case EADDRINUSE: return .inUse
            case EACCES, EPERM: return .notPermitted
            case EADDRNOTAVAIL: return .badAddress
            default: return .other(String(cString: strerror(errno)))
            }
        }
        return nil
    }
}
