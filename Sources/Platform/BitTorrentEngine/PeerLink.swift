import BitTorrentCore
import NIOCore

/// One peer connection as the torrent sees it. Lives on the engine's loop (never touched elsewhere).
/// Outgoing messages are batched into one buffer and flushed once per batch of actions, so a burst of
/// 16-byte requests is one write; a block's bytes are written as their own buffer, never copied.
final class PeerLink: @unchecked Sendable {
    let handle: PeerHandle
    let channel: any Channel
    /// The dialled address, or the remote address of an incoming connection.
    let address: PeerAddress
    let isOutgoing: Bool
    var peerID: [UInt8]?
    /// From the peer's extension handshake (`p`): where it accepts connections, for PEX.
    var listenPort: UInt16?
    /// Before a magnet's metadata is known, the connection's state machine lives here; the session adopts it.
    var pendingConnection: PeerConnection.StateMachine?
    var lastReceived: ContinuousClock.Instant
    var lastSent: ContinuousClock.Instant
    /// The last time a requested block arrived (or requests began): for request time-outs.
    var lastBlock: ContinuousClock.Instant
    var downloadMeter: RateMeter
    var uploadMeter: RateMeter
    /// Addresses already told to this peer by PEX.
    var pexAdvertised: Set<PeerAddress> = []
    var isClosing = false
    /// Mirrors the channel's autoRead, so pausing and resuming touch only links that change.
    var isReading = true

    private var pending: ByteBuffer
    private var hasUnflushedWrites = false

    init(handle: PeerHandle, channel: any Channel, address: PeerAddress, isOutgoing: Bool, now: ContinuousClock.Instant) {
        self.handle = handle
        self.channel = channel
        self.address = address
        self.isOutgoing = isOutgoing
        self.lastReceived = now
        self.lastSent = now
        self.lastBlock = now
        self.downloadMeter = RateMeter(now: now)
        self.uploadMeter = RateMeter(now: now)
        self.pending = channel.allocator.buffer(capacity: 512)
    }

    /// The address PEX should advertise: where the peer listens, when known.
    var advertisedAddress: PeerAddress? {
        if isOutgoing { return address }
        return listenPort.map { PeerAddress(host: address.host, port: $0) }
    }

    /// Queues a message; `flush()` sends the batch.
    func enqueue(_ message: PeerMessage) {
        guard !isClosing else { return }
        switch message {
        case .piece(let piece, let offset, let block):
            PeerMessage.writePieceHeader(piece: piece, offset: offset, blockLength: block.readableBytes, into: &pending)
            writePending()
            channel.write(block, promise: nil)
        default:
            message.encode(into: &pending)
        }
        hasUnflushedWrites = true
    }

    func flush(now: ContinuousClock.Instant) {
        guard hasUnflushedWrites, !isClosing else { return }
        writePending()
        channel.flush()
        hasUnflushedWrites = false
        lastSent = now
    }

    func close() {
        guard !isClosing else { return }
        flush(now: .now)
        isClosing = true
        channel.close(promise: nil)
    }

    private func writePending() {
        guard pending.readableBytes > 0 else { return }
        channel.write(pending, promise: nil)
        pending = channel.allocator.buffer(capacity: 512)
    }
}
