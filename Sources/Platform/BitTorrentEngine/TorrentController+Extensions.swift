import BitTorrentCore
import NIOCore

extension TorrentController {
    // MARK: Before the metadata is known (magnet links)

    /// Actions of a connection that has no session yet: sends go out, everything about pieces waits for
    /// the adoption (the state machine keeps the peer's announcements), and ut_metadata is spoken here.
    func performPending(_ actions: [PeerConnection.Action], link: PeerLink) {
        for action in actions {
            switch action {
            case .send(let message):
                link.enqueue(message)
                markDirty(link)
            case .close:
                link.close()
            case .extensionHandshakeReceived(let handshake):
                link.listenPort = handshake.listenPort
                metadataSizeAnnounced(handshake.metadataSize, by: link)
            case .extensionMessage(let name, let payload):
                extensionMessage(name: name, payload: payload, from: link)
            default:
                break
            }
        }
    }

    private func metadataSizeAnnounced(_ size: Int?, by link: PeerLink) {
        guard let size, assembler != nil else { return }
        do {
            guard try assembler!.sizeAnnounced(size) else { return }
        } catch {
            link.close()  // an absurd metadata size
            return
        }
        requestMetadata(from: link)
    }

    /// Keeps up to two metadata requests in flight to a peer.
    private func requestMetadata(from link: PeerLink) {
        guard assembler != nil, let connection = link.pendingConnection else { return }
        for _ in 0..<2 {
            guard let request = assembler!.nextRequest(for: link.handle) else { return }
            guard let message = connection.extensionMessage("ut_metadata", payload: request.encoded()) else {
                assembler!.peerDropped(link.handle)
                return
            }
            link.enqueue(message)
            markDirty(link)
        }
    }

    // MARK: Extension messages (both phases)

    func extensionMessage(name: String, payload: ByteBuffer, from link: PeerLink) {
        switch name {
        case "ut_metadata":
            guard let message = try? MetadataMessage(decoding: payload) else { return link.close() }
            metadataMessage(message, from: link)
        case "ut_pex":
            guard !isPrivate, let message = try? PEXMessage(decoding: payload) else { return }
            addressBook.add(message.added.map(\.address).filter(isDialable), source: .pex)
        default:
            break
        }
    }

    private func metadataMessage(_ message: MetadataMessage, from link: PeerLink) {
        if case .request(let piece) = message {
            return serveMetadata(piece: piece, to: link)
        }
        guard assembler != nil else { return }
        let outcome: MetadataAssembler.Outcome
        do {
            outcome = try assembler!.received(message, from: link.handle)
        } catch {
            return link.close()
        }
        switch outcome {
        case .incomplete:
            requestMetadata(from: link)
        case .failed(_, let senders):
            for sender in senders { links[sender]?.close() }
        case .complete(let metainfo):
            metadataReceived(metainfo)
        }
    }

    private func metadataReceived(_ metainfo: TorrentMetainfo) {
        self.metainfo = metainfo
        assembler = nil
        engine.emit(.metadataReceived(infoHash, metainfo))
        check()
    }

    /// BEP 9: pieces of our info dictionary to peers that ask; a reject while we do not have it.
    private func serveMetadata(piece: Int, to link: PeerLink) {
        let connection = session?.peers[link.handle] ?? link.pendingConnection
        guard let connection else { return }
        let reply: MetadataMessage
        if let bytes = metainfo?.infoBytes, piece >= 0, piece * MetadataMessage.pieceLength < bytes.count {
            let start = piece * MetadataMessage.pieceLength
            let end = min(bytes.count, start + MetadataMessage.pieceLength)
            reply = .data(piece: piece, totalSize: bytes.count, data: ByteBuffer(bytes: bytes[start..<end]))
        } else {
            reply = .reject(piece: piece)
        }
        guard let message = connection.extensionMessage("ut_metadata", payload: reply.encoded()) else { return }
        link.enqueue(message)
        markDirty(link)
    }

    /// Addresses worth dialling: not ourselves, not port 0.
    func isDialable(_ address: PeerAddress) -> Bool {
        guard address.port != 0 else { return false }
        if Int(address.port) == engine.listenPort, engine.isLocal(address.host) { return false }
        return true
    }

    // MARK: PEX (BEP 11)

    /// Tells each ut_pex peer about the other peers we are connected to (at most 50 new ones a minute).
    func sendPEX() {
        guard !isPrivate, let session else { return }
        let current = Set(links.values.compactMap(\.advertisedAddress))
        for link in links.values {
            guard let connection = session.peers[link.handle] else { continue }
            let others = current.subtracting([link.advertisedAddress].compactMap { $0 })
            let added = Array(others.subtracting(link.pexAdvertised).prefix(PEXMessage.maxEntries))
            let dropped = Array(link.pexAdvertised.subtracting(others).prefix(PEXMessage.maxEntries))
            guard !added.isEmpty || !dropped.isEmpty else { continue }
            let message = PEXMessage(added: added.map { PEXMessage.Entry(address: $0) }, dropped: dropped)
            guard let wire = connection.extensionMessage("ut_pex", payload: message.encoded()) else { continue }
            link.pexAdvertised.formUnion(added)
            link.pexAdvertised.subtract(dropped)
            link.enqueue(wire)
            markDirty(link)
        }
    }
}
