import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of every Kinora router: Hummingbird's core storage and nothing else yet;
/// roles add authentication state here as they need it.
public struct KinoraRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address (nil in in-process tests): for address whitelists such as Transmission's.
    public let remoteAddress: SocketAddress?
    /// The connection the request came on: file bodies hand their bytes to its kernel socket (`ResponseBody.file`).
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.channel = source.channel
    }
}

extension Request {
    /// A query parameter by name, ignoring case as ASP.NET (Sonarr, Jellyfin) does.
    public func queryValue(named name: String) -> String? {
        for (key, value) in uri.queryParameters where key.caseInsensitiveEquals(name) {
            return String(value)
        }
        return nil
    }

    /// A list parameter as ASP.NET binds it: repeated keys and comma-separated values, any case of the name.
    public func queryList(named name: String) -> [String] {
        uri.queryParameters.filter { $0.key.caseInsensitiveEquals(name) }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { $0.asciiLowercased == $1.asciiLowercased }
    }
}

extension UInt8 {
    var asciiLowercased: UInt8 { (65...90).contains(self) ? self + 32 : self }
}

extension Request {
    /// The host the client asked for: the `Host` header where it is still a header (in-process
    /// tests), else the authority HTTP/1 moved it into.
    public var requestedHost: String? {
        headers[HTTPField.Name.host] ?? head.authority
    }
}

extension HTTPField.Name {
    /// `Host`, spelled out: HTTPTypes hides it in favour of `authority`, which in-process test
    /// requests fix to `localhost`.
    public static let host = Self("Host")!
}
