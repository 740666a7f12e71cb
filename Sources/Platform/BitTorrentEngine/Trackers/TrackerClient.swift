import BitTorrentCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Announces to one tracker URL and returns its answer; the engine decides which URL and when
/// (`TrackerTiers`, `AnnounceSchedule`).
public protocol TrackerClient: Sendable {
    func announce(_ announce: TrackerAnnounce, to url: String) async throws(TrackerError) -> TrackerResponse
}

/// The HTTP and UDP clients behind one `TrackerClient`, chosen by the URL's scheme.
public struct TrackerClients: TrackerClient {
    public let http: any TrackerClient
    public let udp: any TrackerClient

    public init(http: any TrackerClient = HTTPTrackerClient(), udp: any TrackerClient = UDPTrackerClient()) {
        self.http = http
        self.udp = udp
    }

    public func announce(_ announce: TrackerAnnounce, to url: String) async throws(TrackerError) -> TrackerResponse {
        switch try TrackerURL(parsing: url).scheme {
        case .http: try await http.announce(announce, to: url)
        case .udp: try await udp.announce(announce, to: url)
        }
    }
}

extension TrackerError {
    /// A socket or NIO error as a tracker error a user can read: "127.0.0.1:6969: Connection refused"
    /// rather than NIO's nested descriptions.
    static func reaching(_ host: String, port: UInt16, failedWith error: any Error) -> TrackerError {
        if let error = error as? TrackerError { return error }
        if case ChannelError.connectTimeout = error { return .timedOut }
        var underlying = error
        if let connection = error as? NIOConnectionError {
            guard let first = connection.connectionErrors.first else { return .network("cannot resolve '\(host)'") }
            underlying = first.error
        }
        let reason = (underlying as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? String(describing: underlying)
        return .network("\(TrackerURL.authority(host: host, port: port)): \(reason)")
    }
}

extension TrackerURL {
    static func authority(host: String, port: UInt16) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
