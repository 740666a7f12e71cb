/// What we tell a tracker when announcing (BEP 3 over HTTP, BEP 15 over UDP).
public struct TrackerAnnounce: Sendable, Hashable {
    public enum Event: Sendable, Hashable {
        case none, started, completed, stopped

        /// The number BEP 15 uses.
        public var udpCode: UInt32 {
            switch self {
            case .none: 0
            case .completed: 1
            case .started: 2
            case .stopped: 3
            }
        }
    }

    public var infoHash: InfoHash
    /// 20 bytes.
    public var peerID: [UInt8]
    public var port: UInt16
    public var uploaded: Int
    public var downloaded: Int
    public var left: Int
    public var event: Event
    /// Nil lets the tracker choose (usually 50).
    public var numWant: Int?
    /// A random value that stays the same for the session, so the tracker knows us across address changes.
    public var key: UInt32
    /// From an earlier HTTP response's `tracker id`.
    public var trackerID: String?

    public init(
        infoHash: InfoHash,
        peerID: [UInt8],
        port: UInt16,
        uploaded: Int = 0,
        downloaded: Int = 0,
        left: Int,
        event: Event = .none,
        numWant: Int? = nil,
        key: UInt32 = 0,
        trackerID: String? = nil
    ) {
        precondition(peerID.count == 20, "a peer id is 20 bytes")
        self.infoHash = infoHash
        self.peerID = peerID
        self.port = port
        self.uploaded = uploaded
        self.downloaded = downloaded
        self.left = left
        self.event = event
        self.numWant = numWant
        self.key = key
        self.trackerID = trackerID
    }

    /// The HTTP announce URL: the tracker's URL with our query appended (binary fields percent-encoded).
    public func url(announceURL: String) -> String {
        var query = "info_hash=" + Self.percentEncoded(infoHash.bytes) + "&peer_id=" + Self.percentEncoded(peerID)
        query += "&port=\(port)&uploaded=\(uploaded)&downloaded=\(downloaded)&left=\(left)&compact=1"
        switch event {
        case .none: break
        case .started: query += "&event=started"
        case .completed: query += "&event=completed"
        case .stopped: query += "&event=stopped"
        }
        if let numWant { query += "&numwant=\(numWant)" }
        query += "&key=" + String(key, radix: 16)
        if let trackerID { query += "&trackerid=" + Self.percentEncoded(Array(trackerID.utf8)) }
        return announceURL + (announceURL.contains("?") ? "&" : "?") + query
    }

    /// RFC 3986 unreserved characters stay, every other byte becomes %XX.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.append(byte)
            default:
                output.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Why a tracker exchange failed.
public enum TrackerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The tracker refused, in its own words (`failure reason`, or a UDP error).
    case failure(String)
    case bencode(BencodeError)
    case malformedResponse(String)
    case transactionMismatch
    case unexpectedAction(UInt32)
    /// A scheme we cannot announce to yet (https, wss…) or do not know.
    case unsupportedScheme(String)
    case invalidURL(String)
    /// No reply in time, after every retry.
    case timedOut
    /// The connection failed: resolving, connecting, or the peer closing early.
    case network(String)
    /// An HTTP tracker answered with a status other than 200.
    case httpStatus(Int)
    case responseTooLarge(limit: Int)
    case tooManyRedirects(limit: Int)

    public var description: String {
        switch self {
        case .failure(let reason): "the tracker refused: \(reason)"
        case .bencode(let error): "the tracker's reply is not valid bencode: \(error)"
        case .malformedResponse(let detail): "the tracker's reply is malformed: \(detail)"
        case .transactionMismatch: "the tracker's reply is for another transaction"
        case .unexpectedAction(let action): "the tracker replied with unexpected action \(action)"
        case .unsupportedScheme(let scheme): "'\(scheme)' trackers are not supported yet; only http and udp trackers are"
        case .invalidURL(let url): "the tracker URL '\(url)' is not a valid http or udp URL with a host"
        case .timedOut: "the tracker did not answer in time"
        case .network(let detail): "the tracker could not be reached: \(detail)"
        case .httpStatus(let status): "the tracker answered HTTP status \(status) instead of 200"
        case .responseTooLarge(let limit): "the tracker's reply is larger than the \(limit)-byte limit"
        case .tooManyRedirects(let limit): "the tracker redirected more than \(limit) times"
        }
    }
}
