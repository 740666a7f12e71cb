import Foundation
import KinoraCore
import Synchronization

/// Who may call the RPC, checked in Transmission 4.0.6's order: address whitelist (403), Basic auth
/// (401 with its realm), host whitelist against DNS rebinding (421), session id (409 with the id).
struct RPCAccess: Sendable {
    /// Client addresses allowed, with `*` wildcards (`192.168.*.*`); nil lets every address in.
    var addressWhitelist: [String]?
    var username: String?
    var password: String?
    /// Host names allowed besides IP literals and `localhost`, with `*.` wildcards; nil lets every host in.
    var hostWhitelist: [String]?

    enum Verdict: Equatable, Sendable {
        case allowed
        case forbiddenAddress(String)
        case unauthorized
        case misdirectedHost(String)
    }

    func check(address: String?, authorization: String?, host: String?) -> Verdict {
        if let whitelist = addressWhitelist, let address, !whitelist.contains(where: { Self.matches(address, pattern: $0) }) {
            return .forbiddenAddress(address)
        }
        if let username, let password {
            guard let credentials = Self.basicCredentials(authorization), credentials.user == username, credentials.password == password else {
                return .unauthorized
            }
        }
        if let whitelist = hostWhitelist, let host {
            let name = Self.hostName(host)
            if !Self.isAddressLiteral(name), name != "localhost", !whitelist.contains(where: { Self.matches(name, pattern: $0) }) {
                return .misdirectedHost(name)
            }
        }
        return .allowed
    }

    static func basicCredentials(_ header: String?) -> (user: String, password: String)? {
        guard let header, header.lowercased().hasPrefix("basic "),
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// `*` matches any run of characters; comparison ignores case.
    static func matches(_ value: String, pattern: String) -> Bool {
        let value = Array(value.lowercased())
        let pattern = Array(pattern.lowercased().trimmingCharacters(in: .whitespaces))
        var memo: [Int: Bool] = [:]
        func match(_ v: Int, _ p: Int) -> Bool {
            if let known = memo[v * (pattern.count + 1) + p] { return known }
            let result: Bool
            if p == pattern.count {
                result = v == value.count
            } else if pattern[p] == "*" {
                result = match(v, p + 1) || (v < value.count && match(v + 1, p))
            } else {
                result = v < value.count && value[v] == pattern[p] && match(v + 1, p + 1)
            }
            memo[v * (pattern.count + 1) + p] = result
            return result
        }
        return match(0, 0)
    }

    /// The host of a `Host` header, without its port (IPv6 literals keep their brackets' content).
    static func hostName(_ header: String) -> String {
        if header.hasPrefix("["), let close = header.firstIndex(of: "]") {
            return String(header[header.index(after: header.startIndex)..<close])
        }
        if let colon = header.lastIndex(of: ":"), header.firstIndex(of: ":") == colon { return String(header[..<colon]) }
        return header
    }

    static func isAddressLiteral(_ host: String) -> Bool {
        if host.contains(":") { return host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// The `X-Transmission-Session-Id` a client must echo: one at a time, replaced every hour. The
/// previous one stays valid for a minute so a client mid-request is not bounced twice.
final class RPCSessionIDs: Sendable {
    private struct State {
        var current: String
        var previous: String?
        var issuedAt: Date
    }

    private let state: Mutex<State>
    let lifetime: TimeInterval

    init(lifetime: TimeInterval = 3600, now: Date = Date()) {
        self.lifetime = lifetime
        self.state = Mutex(State(current: Self.make(), previous: nil, issuedAt: now))
    }

    func current(now: Date = Date()) -> String {
        state.withLock { state in
            if now.timeIntervalSince(state.issuedAt) >= lifetime {
                state.previous = state.current
                state.current = Self.make()
                state.issuedAt = now
            }
            return state.current
        }
    }

    func isValid(_ id: String?, now: Date = Date()) -> Bool {
        guard let id else { return false }
        let current = current(now: now)
        return state.withLock { state in
            id == current || (id == state.previous && now.timeIntervalSince(state.issuedAt) < 60)
        }
    }

    /// 48 random characters, as Transmission's ids look.
    private static func make() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<48).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
