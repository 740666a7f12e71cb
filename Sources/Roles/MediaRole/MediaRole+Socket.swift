import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import KinoraHTTP
import Logging
import MediaCore

/// Jellyfin's `/socket`: a signed-in client keeps it open to hear of library and played-state
/// changes. The server asks for a keep-alive every 60 s (`ForceKeepAlive`), answers each
/// `KeepAlive`, and closes a socket that stays silent for two periods.
struct MediaSocket: WebSocketEndpoint {
    let role: MediaRole
    static let keepAliveSeconds = 60

    func accepts(_ request: HTTPRequest) async -> Bool {
        guard let path = request.path, Self.isSocketPath(path) else { return false }
        return (try? await caller(of: request)) != nil
    }

    func serve(_ request: HTTPRequest, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger) async throws {
        let subscription = await role.events.subscribe()
        defer { Task { [events = role.events] in await events.unsubscribe(subscription.id) } }
        try await outbound.write(.text(#"{"MessageType":"ForceKeepAlive","Data":\#(Self.keepAliveSeconds)}"#))
        let lastHeard = LastHeard()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 16) {
                    await lastHeard.touch()
                    guard case .text(let text) = message, let type = Self.messageType(of: text) else { continue }
                    if type == "KeepAlive" { try await outbound.write(.text(#"{"MessageType":"KeepAlive"}"#)) }
                }
            }
            group.addTask {
                for await event in subscription.messages { try await outbound.write(.text(event.json)) }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: .seconds(Self.keepAliveSeconds))
                    // Returning ends the handler, which closes the socket.
                    if await lastHeard.silence > .seconds(2 * Self.keepAliveSeconds) { return }
                }
            }
            // The first to end (the client left, or went silent) ends the connection.
            try await group.next()
            group.cancelAll()
        }
    }

    /// `/socket` with or without a query, in any letter case (Jellyfin's routing ignores case).
    static func isSocketPath(_ path: String) -> Bool {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        return bare.lowercased() == "/socket" || bare.lowercased() == "/socket/"
    }

    static func messageType(of text: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        return object.first { $0.key.lowercased() == "messagetype" }?.value as? String
    }

    /// The token in the query (`api_key`, `ApiKey`) or the authorization headers, checked as any request's.
    func caller(of request: HTTPRequest) async throws -> MediaRole.Caller {
        let query = request.path.flatMap { path in URLComponents(string: "http://socket" + path)?.queryItems } ?? []
        let authorization = JellyfinAuthorization.from(
            header: { name in HTTPField.Name(name).flatMap { request.headerFields[$0] } },
            query: { name in query.first { $0.name.lowercased() == name.lowercased() }?.value })
        return try await role.caller(token: authorization.token)
    }
}

/// When the client was last heard from.
private actor LastHeard {
    private var at = ContinuousClock.now
    func touch() { at = .now }
    var silence: Duration { .now - at }
}

extension MediaRole {
    /// `/socket` reached as plain HTTP: the upgrade was declined, so say why.
    func addSocketRoutes(to router: Router<KinoraRequestContext>) {
        router.get("socket") { request, _ in
            _ = try await authenticated(request)
            return Response.text("/socket is a WebSocket: connect with an Upgrade: websocket request.", status: .badRequest)
        }
    }
}
