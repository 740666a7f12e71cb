import KinoraCore

/// Why `kinora serve` could not start, in one sentence that says what to fix.
public enum StartupError: Error, Sendable, CustomStringConvertible {
    case cannotListen(role: Role, address: String, port: Int, reason: String)
    case noRoles

    public var description: String {
        switch self {
        case .cannotListen(let role, let address, let port, let reason):
            "\(role.rawValue) (\(role.replaces)) cannot listen on \(address):\(port): \(reason); stop the other program "
                + "or choose another port with --port \(role.rawValue)=PORT"
        case .noRoles:
            "no role to run: name at least one with --role"
        }
    }
}
