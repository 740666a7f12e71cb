import BitTorrentCore
import NIOCore

/// The RC4 layer of an encrypted (MSE) connection once its handshake is done: decrypts every read,
/// encrypts every write, in order, in place. Sits between the socket and `PeerWireHandler` for the rest of
/// the connection; `MSEHandshakeHandler` puts it there with the two streams positioned by the handshake.
///
/// Writes are encrypted in the order they pass, which is the order they reach the socket: a write that
/// fails means a closed channel, so no later byte is ever sent under a keystream that skipped one.
final class PeerCipherHandler: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var encryptor: MSE.RC4
    private var decryptor: MSE.RC4

    init(encryptor: MSE.RC4, decryptor: MSE.RC4) {
        self.encryptor = encryptor
        self.decryptor = decryptor
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        decryptor.process(&buffer)
        context.fireChannelRead(wrapInboundOut(buffer))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var buffer = unwrapOutboundIn(data)
        encryptor.process(&buffer)
        context.write(wrapOutboundOut(buffer), promise: promise)
    }
}

extension PeerLink {
    /// Whether the connection's payload is RC4-encrypted (MSE with RC4 selected). An MSE handshake that
    /// settled on plaintext counts as not encrypted, as Transmission reports it.
    var isEncrypted: Bool {
        (try? channel.pipeline.syncOperations.handler(type: PeerCipherHandler.self)) != nil
    }
}
