import KinoraCore
import KinoraWeb

/// Links between the roles of this process. Through the gateway a role is reached by its host
/// name (`sonarr.homelab.local:8080`); directly, by its port on whatever host the browser used.
public struct Navigation: Sendable {
    let configuration: KinoraConfiguration
    let requestHost: String?

    public init(configuration: KinoraConfiguration, requestHost: String?) {
        self.configuration = configuration
        self.requestHost = requestHost
    }

    /// The request's host name and port, split (`[::1]:8989` → `::1`, 8989).
    var host: (name: String, port: Int?) {
        guard let authority = requestHost?.lowercased(), !authority.isEmpty else { return ("localhost", nil) }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let name = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            return (name, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        let parts = authority.split(separator: ":", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? Int(parts[1]) : nil)
    }

    /// Whether the browser came through the gateway: the host is a role's host name.
    var viaGateway: Bool {
        let name = host.name
        return Role.allCases.contains { configuration.hostName(of: $0) == name }
    }

    public func url(of role: Role) -> String {
        if viaGateway, let hostName = configuration.hostName(of: role) {
            let port = host.port.map { ":\($0)" } ?? ""
            return "//\(hostName)\(port)/"
        }
        let name = host.name.contains(":") ? "[\(host.name)]" : host.name
        return "//\(name):\(configuration.port(of: role))/"
    }

    public var homeURL: String {
        if viaGateway {
            return "//\(configuration.domain)\(host.port.map { ":\($0)" } ?? "")/"
        }
        return configuration.roles.contains(.gateway) ? url(of: .gateway) : "/"
    }

    public func links(current: Role) -> [WebShell.NavigationLink] {
        configuration.roles.filter { $0 != .gateway }.map {
            WebShell.NavigationLink(title: $0.title, url: url(of: $0), isCurrent: $0 == current)
        }
    }
}
