import BitTorrentCore

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
