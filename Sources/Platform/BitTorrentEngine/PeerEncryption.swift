import BitTorrentCore
import NIOCore

// Where MSE/PE meets the engine: the handlers of accepted and dialled connections, by the engine's
// `encryption` policy, and the retry in the other kind of handshake when a peer refuses the first.

extension EngineCore {
    /// An accepted connection: `MSEHandshakeHandler` tells plaintext from MSE by the first bytes (and
    /// refuses plaintext under `required`), then `PeerWireHandler` frames the BitTorrent protocol.
    func addIncomingPeerHandlers(to channel: any Channel) throws {
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(MSEHandshakeHandler(mode: .incoming(self), policy: configuration.encryption))
        try pipeline.addHandler(PeerWireHandler(target: .incoming(self)))
    }
}

extension TorrentController {
    /// A dialled connection opening with `handshake` (the policy's first kind unless this is the retry).
    /// When the policy allows a retry in the other kind, a refusal of this one dials again with it.
    func addOutgoingPeerHandlers(to channel: any Channel, address: PeerAddress, handshake: EncryptionPolicy.Handshake?) throws {
        let policy = configuration.encryption
        let handshake = handshake ?? policy.firstHandshake
        let onRefused: (() -> Void)? = policy.retry(after: handshake).map { next in { [self] in retryDial(address, handshake: next) } }
        let pipeline = channel.pipeline.syncOperations
        switch handshake {
        case .encrypted:
            try pipeline.addHandler(MSEHandshakeHandler(mode: .initiator(infoHash, provide: policy.provide), policy: policy, onRefused: onRefused))
        case .plaintext:
            if let onRefused {
                try pipeline.addHandler(MSEHandshakeHandler(mode: .plaintextWatch, policy: policy, onRefused: onRefused))
            }
        }
        try pipeline.addHandler(PeerWireHandler(target: .outgoing(self, address)))
    }

    /// Dials `address` again at once with the other kind of handshake (the failed attempt has just
    /// backed the address off; the retry holds it busy until it ends).
    func retryDial(_ address: PeerAddress, handshake: EncryptionPolicy.Handshake) {
        guard isActive, !addressBook.isBanned(address), links.count + halfOpen < configuration.maxPeersPerTorrent,
              !links.values.contains(where: { $0.isOutgoing && $0.address == address })
        else { return }
        addressBook.markBusy(address)
        dial(address, handshake: handshake)
    }
}
