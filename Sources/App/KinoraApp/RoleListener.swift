#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import KinoraCore
import NIOCore
import ServiceLifecycle

/// One role's HTTP server as a service; a failure to bind becomes a `StartupError` naming the
/// role and port, and fails the whole group so that nothing stays half-started.
struct RoleListener<Responder: HTTPResponder>: Service where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    let role: Role
    let address: String
    let port: Int
    let application: Application<Responder>

    func run() async throws {
        do {
            try await application.run()
        } catch let error as IOError {
            let reason: String = switch error.errnoCode {
            case EADDRINUSE: "the address is already in use by another program"
            case EACCES: "permission denied (ports below 1024 need privileges)"
            case EADDRNOTAVAIL: "the address is not one of this machine's"
            default: "\(error)"
            }
            throw StartupError.cannotListen(role: role, address: address, port: port, reason: reason)
        }
    }
}
