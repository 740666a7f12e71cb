import BitTorrentCore
import NIOCore

/// Frames one TCP connection: the 68-byte handshake, then length-prefixed messages, decoded with the
/// bounds of `PeerWireLimits` (an oversized or malformed frame closes the connection). An outgoing
/// connection knows its torrent and sends its handshake at once; an incoming one learns the infohash
/// from the peer's handshake and asks the engine which torrent (if any) it belongs to.
final class PeerWireHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    enum Target {
        case outgoing(TorrentController, PeerAddress)
        case incoming(EngineCore)
    }

    private let target: Target
    private var controller: TorrentController?
    private var link: PeerLink?
    private var cumulation: ByteBuffer?
    private var decoder = PeerMessageDecoder()
    /// Bytes a peer may send before completing its handshake (some send the handshake with the first
    /// messages in one packet; nothing legitimate sends more than this first).
    private static let maxCumulation = 1 << 20 + 64

    init(target: Target) {
        self.target = target
    }

    /// A connection that has not completed its handshake by then is closed (a stuck peer must not hold
    /// an address busy; Transmission, for one, can leave a loopback handshake hanging).
    static let handshakeTimeout = TimeAmount.seconds(15)
    private var handshakeDeadline: Scheduled<Void>?

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        handshakeDeadline = context.eventLoop.scheduleTask(in: Self.handshakeTimeout) { channel.close(promise: nil) }
        if case .outgoing(let controller, _) = target {
            var buffer = context.channel.allocator.buffer(capacity: PeerHandshake.length)
            controller.ourHandshake.encode(into: &buffer)
            context.writeAndFlush(NIOAny(buffer), promise: nil)
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if var buffer = cumulation {
            cumulation = nil
            buffer.writeBuffer(&incoming)
            process(context: context, buffer: &buffer)
        } else {
            process(context: context, buffer: &incoming)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        controller?.flushLinks()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeDeadline?.cancel()
        if let link, let controller {
            controller.linkClosed(link)
        } else if case .outgoing(let controller, let address) = target {
            controller.handshakeFailed(address)  // connected, but no handshake came of it
        }
        link = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func process(context: ChannelHandlerContext, buffer: inout ByteBuffer) {
        do {
            if link == nil {
                guard try acceptHandshake(context: context, buffer: &buffer) else { return keep(&buffer, context: context) }
            }
            guard let link, let controller else { return }
            while !link.isClosing, let message = try decoder.next(from: &buffer) {
                controller.received(message, from: link)
            }
            keep(&buffer, context: context)
        } catch {
            context.close(promise: nil)
        }
    }

    /// Nil-safe handshake step: false while incomplete.
    private func acceptHandshake(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> Bool {
        guard let handshake = try PeerHandshake.decode(from: &buffer) else { return false }
        let remote = context.channel.remoteAddress
        switch target {
        case .outgoing(let controller, let address):
            guard let link = controller.attach(channel: context.channel, address: address, isOutgoing: true, handshake: handshake) else {
                context.close(promise: nil)
                return false
            }
            self.controller = controller
            self.link = link
        case .incoming(let engine):
            guard let controller = engine.controller(for: handshake.infoHash),
                  let address = remote.flatMap(PeerAddress.init(socketAddress:)),
                  controller.acceptsIncoming(from: address)
            else {
                context.close(promise: nil)
                return false
            }
            var reply = context.channel.allocator.buffer(capacity: PeerHandshake.length)
            controller.ourHandshake.encode(into: &reply)
            context.write(NIOAny(reply), promise: nil)
            guard let link = controller.attach(channel: context.channel, address: address, isOutgoing: false, handshake: handshake) else {
                context.close(promise: nil)
                return false
            }
            self.controller = controller
            self.link = link
        }
        decoder.pieceCount = self.controller?.pieceCount
        handshakeDeadline?.cancel()
        handshakeDeadline = nil
        return true
    }

    /// Keeps an incomplete frame for the next read, copied out so the blocks already handed on do not
    /// pin (or get copied along with) the whole receive buffer.
    private func keep(_ buffer: inout ByteBuffer, context: ChannelHandlerContext) {
        guard buffer.readableBytes > 0 else { return }
        guard buffer.readableBytes <= Self.maxCumulation else {
            context.close(promise: nil)
            return
        }
        var kept = context.channel.allocator.buffer(capacity: max(buffer.readableBytes, 32 << 10))
        kept.writeBuffer(&buffer)
        cumulation = kept
    }
}

extension PeerAddress {
    init?(socketAddress: SocketAddress) {
        guard let host = socketAddress.ipAddress, let port = socketAddress.port, port > 0, port <= Int(UInt16.max) else { return nil }
        self.init(host: host, port: UInt16(port))
    }
}
