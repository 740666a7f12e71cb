import HTTPTypes
import HummingbirdWebSocket
import Logging

/// A role's WebSocket: which upgrade requests it takes, and the conversation after the upgrade. The
/// composition root puts it on the role's listener (and the gateway's, for the role's host name).
public protocol WebSocketEndpoint: Sendable {
    /// Whether this request opens the socket. A request it declines goes on to the role's routes as
    /// plain HTTP (which answer why: no token, or not an upgrade).
    func accepts(_ request: HTTPRequest) async -> Bool

    func serve(_ request: HTTPRequest, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger) async throws
}

extension WebSocketEndpoint {
    /// What hummingbird-websocket asks at each upgrade request.
    public func upgradeDecision(_ request: HTTPRequest) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard await accepts(request) else { return .dontUpgrade }
        return .upgrade([:]) { inbound, outbound, context in
            try await serve(request, inbound: inbound, outbound: outbound, logger: context.logger)
        }
    }
}
