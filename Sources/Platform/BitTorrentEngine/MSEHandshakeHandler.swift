import BitTorrentCore
import NIOCore

/// Runs the MSE/PE handshake in front of `PeerWireHandler`, then steps aside: it removes itself, leaving a
/// `PeerCipherHandler` in its place when RC4 was selected, or nothing when the payload is plaintext. The
/// protocol itself is `MSE.Initiator` / `MSE.Responder` (BitTorrentCore); this performs their actions.
///
/// - Incoming: the first bytes decide. 19 + "BitTorrent protocol" is a plaintext handshake (passed on
///   untouched, or refused when the policy is `required`); anything else is an MSE handshake, answered for
///   the torrents the engine serves.
/// - Outgoing, encrypted: Ya and PadA go out at once; what `PeerWireHandler` writes meanwhile (our
///   BitTorrent handshake) becomes the initial payload IA, and anything later waits until the responder
///   has selected a method.
/// - Outgoing, plaintext: only watches. A connection that closes before the peer sent a single byte was
///   refused (a peer that insists on encryption): `onRefused` dials again the other way.
///
/// Bounds: the handshake state machines bound what they buffer; writes held during the handshake are
/// bounded by `maxHeldBytes`; the whole handshake is bounded in time by `PeerWireHandler.handshakeTimeout`.
final class MSEHandshakeHandler: ChannelDuplexHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Mode {
        case incoming(EngineCore)
        case initiator(InfoHash, provide: MSE.CryptoMethods)
        case plaintextWatch
    }

    private enum State {
        /// Incoming, before the first bytes tell plaintext from MSE (at most 20 bytes held).
        case sniffing(ByteBuffer?)
        /// Outgoing MSE, before channelActive.
        case awaitingActive
        case initiating(MSE.Initiator)
        case responding(MSE.Responder)
        case watching
        /// Established, passed on, or failed: the handler is leaving the pipeline.
        case done
    }

    private let mode: Mode
    private let policy: EncryptionPolicy
    private var state: State
    /// Called (once, on the loop, after the close has run its course) when an outgoing connection ends
    /// before its handshake got anywhere.
    private var onRefused: (() -> Void)?
    private var held: [(ByteBuffer, EventLoopPromise<Void>?)] = []
    private var heldBytes = 0
    /// Promises of the writes that went into IA: completed by the write of step 3.
    private var initialPayloadPromises: [EventLoopPromise<Void>] = []
    private var wasActive = false
    /// The peer got past the opening: MSE established, or a plaintext peer answered / opened plaintext.
    private var handshakeDone = false
    private(set) var failure: MSE.Failure?

    /// Writes held while the handshake runs; more than this is not a BitTorrent peer's opening.
    static let maxHeldBytes = 1 << 20

    init(mode: Mode, policy: EncryptionPolicy, onRefused: (() -> Void)? = nil) {
        self.mode = mode
        self.policy = policy
        self.onRefused = onRefused
        switch mode {
        case .incoming: state = .sniffing(nil)
        case .initiator: state = .awaitingActive
        case .plaintextWatch: state = .watching
        }
    }

    // MARK: Inbound

    func channelActive(context: ChannelHandlerContext) {
        wasActive = true
        guard case .initiator(let infoHash, let provide) = mode, case .awaitingActive = state else {
            context.fireChannelActive()
            return
        }
        // PeerWireHandler writes our BitTorrent handshake as it sees the channel go active: held, it
        // becomes IA inside step 3.
        context.fireChannelActive()
        var initialPayload: [UInt8] = []
        while let (buffer, promise) = held.first, initialPayload.count + buffer.readableBytes <= MSE.maxInitialPayload {
            held.removeFirst()
            heldBytes -= buffer.readableBytes
            initialPayload += buffer.readableBytesView
            if let promise { initialPayloadPromises.append(promise) }
        }
        var generator = SystemRandomNumberGenerator()
        var initiator = MSE.Initiator(infoHash: infoHash, provide: provide, initialPayload: initialPayload, using: &generator)
        let actions = initiator.start()
        state = .initiating(initiator)
        perform(actions, context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        switch state {
        case .sniffing(let earlier):
            if var joined = earlier {
                joined.writeBuffer(&buffer)
                buffer = joined
            }
            sniff(context: context, buffer: buffer)
        case .initiating(var initiator):
            state = .done  // no copy of the state machine left in `state` while it mutates
            let actions = initiator.receive(buffer.readableBytesView)
            state = .initiating(initiator)
            perform(actions, context: context)
        case .responding(var responder):
            state = .done
            let actions = responder.receive(buffer.readableBytesView)
            state = .responding(responder)
            perform(actions, context: context)
        case .watching:
            state = .done
            handshakeDone = true
            context.fireChannelRead(data)
            leave(context: context)
        case .awaitingActive, .done:
            context.fireChannelRead(data)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let refused = wasActive && !handshakeDone
        failHeldWrites()
        // PeerWireHandler reports the failed handshake first (the address backs off), then the retry
        // marks it busy again and dials.
        context.fireChannelInactive()
        if refused, let onRefused {
            self.onRefused = nil
            onRefused()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failHeldWrites()
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch state {
        case .awaitingActive, .initiating, .responding, .sniffing:
            let buffer = unwrapOutboundIn(data)
            heldBytes += buffer.readableBytes
            guard heldBytes <= Self.maxHeldBytes else {
                promise?.fail(ChannelError.outputClosed)
                context.close(promise: nil)
                return
            }
            held.append((buffer, promise))
        case .watching, .done:
            context.write(data, promise: promise)
        }
    }

    func flush(context: ChannelHandlerContext) {
        switch state {
        case .awaitingActive, .initiating, .responding, .sniffing:
            break  // held writes are flushed when the handshake is done
        case .watching, .done:
            context.flush()
        }
    }

    // MARK: Steps

    private func sniff(context: ChannelHandlerContext, buffer: ByteBuffer) {
        guard case .incoming(let engine) = mode else { return }
        switch MSE.classify(buffer.readableBytesView.prefix(20)) {
        case .undecided:
            state = .sniffing(buffer)
        case .plaintext:
            guard policy.acceptsPlaintextHandshake else { return fail(.plaintextRefused, context: context) }
            state = .done
            handshakeDone = true
            context.fireChannelRead(wrapInboundOut(buffer))
            leave(context: context)
        case .encrypted:
            var generator = SystemRandomNumberGenerator()
            var responder = MSE.Responder(infoHashes: engine.servedInfoHashes, policy: policy, using: &generator)
            state = .done
            let actions = responder.receive(buffer.readableBytesView)
            state = .responding(responder)
            perform(actions, context: context)
        }
    }

    private func perform(_ actions: [MSE.Action], context: ChannelHandlerContext) {
        var wrote = false
        var established = false
        for action in actions {
            switch action {
            case .send(let bytes):
                var buffer = context.channel.allocator.buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                if initialPayloadPromises.isEmpty {
                    context.write(wrapOutboundOut(buffer), promise: nil)
                } else {
                    let promise = context.eventLoop.makePromise(of: Void.self)
                    for waiting in initialPayloadPromises { promise.futureResult.cascade(to: waiting) }
                    initialPayloadPromises.removeAll()
                    context.write(wrapOutboundOut(buffer), promise: promise)
                }
                wrote = true
            case .established(let stream):
                established = true
                handshakeDone = true
                state = .done
                if case .rc4(let encryptor, let decryptor) = stream {
                    do {
                        try context.pipeline.syncOperations.addHandler(
                            PeerCipherHandler(encryptor: encryptor, decryptor: decryptor),
                            position: .before(self)
                        )
                    } catch {
                        context.close(promise: nil)
                        return
                    }
                }
                // What waited for the handshake, through the cipher now in place (or as it is).
                for (buffer, promise) in held { context.write(wrapOutboundOut(buffer), promise: promise) }
                held.removeAll()
                heldBytes = 0
                wrote = true
            case .deliver(let bytes):
                if wrote {
                    context.flush()
                    wrote = false
                }
                var buffer = context.channel.allocator.buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                context.fireChannelRead(wrapInboundOut(buffer))
            case .fail(let failure):
                return fail(failure, context: context)
            }
        }
        if wrote { context.flush() }
        if established { leave(context: context) }
    }

    private func fail(_ failure: MSE.Failure, context: ChannelHandlerContext) {
        self.failure = failure
        state = .done
        failHeldWrites()
        context.close(promise: nil)
    }

    private func failHeldWrites() {
        let writes = held
        let promises = initialPayloadPromises
        held.removeAll()
        initialPayloadPromises.removeAll()
        heldBytes = 0
        for (_, promise) in writes { promise?.fail(ChannelError.ioOnClosedChannel) }
        for promise in promises { promise.fail(ChannelError.ioOnClosedChannel) }
    }

    private func leave(context: ChannelHandlerContext) {
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}

extension EngineCore {
    /// The torrents an incoming MSE handshake may name (SKEY candidates).
    var servedInfoHashes: [InfoHash] {
        controllers.compactMap { $0.value.isActive ? $0.key : nil }
    }
}
