import NIOCore

/// BEP 15 datagrams. The engine owns sockets, retries (15 × 2ⁿ seconds) and the one-minute life of a
/// connection id; this encodes requests and checks replies against the transaction they answer.
public enum UDPTrackerMessage {
    static let protocolID: UInt64 = 0x417_2710_1980
    static let connectAction: UInt32 = 0
    static let announceAction: UInt32 = 1
    static let errorAction: UInt32 = 3

    public static func connectRequest(transactionID: UInt32) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(protocolID)
        buffer.writeInteger(connectAction)
        buffer.writeInteger(transactionID)
        return buffer
    }

    /// The connection id from a connect reply.
    public static func connectionID(fromReply reply: ByteBuffer, transactionID: UInt32) throws(TrackerError) -> UInt64 {
        var reply = reply
        let action = try header(of: &reply, transactionID: transactionID)
        guard action == connectAction else { throw .unexpectedAction(action) }
        guard let connectionID = reply.readInteger(as: UInt64.self) else { throw .malformedResponse("connect reply is too short") }
        return connectionID
    }

    public static func announceRequest(_ announce: TrackerAnnounce, connectionID: UInt64, transactionID: UInt32) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(connectionID)
        buffer.writeInteger(announceAction)
        buffer.writeInteger(transactionID)
        buffer.writeBytes(announce.infoHash.bytes)
        buffer.writeBytes(announce.peerID)
        buffer.writeInteger(UInt64(max(0, announce.downloaded)))
        buffer.writeInteger(UInt64(max(0, announce.left)))
        buffer.writeInteger(UInt64(max(0, announce.uploaded)))
        buffer.writeInteger(announce.event.udpCode)
        buffer.writeInteger(UInt32(0))  // IP: the sender's
        buffer.writeInteger(announce.key)
        buffer.writeInteger(Int32(clamping: announce.numWant ?? -1))
        buffer.writeInteger(announce.port)
        return buffer
    }

    /// An announce reply; peers are 6-byte entries over IPv4 and 18-byte entries over IPv6 (`ipv6: true`).
    public static func announceResponse(fromReply reply: ByteBuffer, transactionID: UInt32, ipv6: Bool) throws(TrackerError) -> TrackerResponse {
        var reply = reply
        let action = try header(of: &reply, transactionID: transactionID)
        guard action == announceAction else { throw .unexpectedAction(action) }
        guard let interval = reply.readInteger(as: UInt32.self), let leechers = reply.readInteger(as: UInt32.self),
            let seeders = reply.readInteger(as: UInt32.self)
        else { throw .malformedResponse("announce reply is too short") }
        let peers = PeerAddress.compactList(reply.readableBytesView, entryLength: ipv6 ? 18 : 6)
        return TrackerResponse(interval: Int(interval), seeders: Int(seeders), leechers: Int(leechers), peers: peers)
    }

    /// Reads action and transaction id; an error reply becomes `TrackerError.failure`.
    private static func header(of reply: inout ByteBuffer, transactionID: UInt32) throws(TrackerError) -> UInt32 {
        guard let action = reply.readInteger(as: UInt32.self), let transaction = reply.readInteger(as: UInt32.self) else {
            throw .malformedResponse("reply is shorter than 8 bytes")
        }
        guard transaction == transactionID else { throw .transactionMismatch }
        if action == errorAction {
            throw .failure(String(decoding: reply.readableBytesView, as: UTF8.self))
        }
        return action
    }
}
