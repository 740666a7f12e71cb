import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a .torrent named by URL in `torrent-add` (indexers hand out such links), bounded in size and time.
enum TorrentFileFetcher {
    static func fetch(_ text: String, limit: Int, timeout: TimeInterval = 30) async throws -> [UInt8] {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw RPCError("invalid or corrupt torrent file")
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.setValue("application/x-bittorrent", forHTTPHeaderField: "Accept")
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw RPCError("could not fetch \(text): \(error.localizedDescription)")
        }
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw RPCError("could not fetch \(text): the server answered HTTP \(http.statusCode)")
        }
        guard data.count <= limit else { throw RPCError("invalid or corrupt torrent file") }
        return Array(data)
    }
}
