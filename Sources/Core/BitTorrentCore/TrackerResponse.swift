/// What a tracker answered.
public struct TrackerResponse: Sendable, Hashable {
    /// Seconds until the next regular announce.
    public var interval: Int
    public var minInterval: Int?
    public var trackerID: String?
    /// Seeders and leechers, when the tracker says.
    public var seeders: Int?
    public var leechers: Int?
    public var peers: [PeerAddress]
    public var warning: String?

    public init(interval: Int, minInterval: Int? = nil, trackerID: String? = nil, seeders: Int? = nil, leechers: Int? = nil, peers: [PeerAddress] = [], warning: String? = nil) {
        self.interval = interval
        self.minInterval = minInterval
        self.trackerID = trackerID
        self.seeders = seeders
        self.leechers = leechers
        self.peers = peers
        self.warning = warning
    }
}

extension TrackerResponse {
    /// Bounds for an HTTP tracker reply: it is a small flat dictionary with a peer list.
    public static let bencodeLimits = BencodeLimits(maxInputSize: 4 << 20, maxDepth: 8, maxStringLength: 4 << 20, maxElementCount: 200_000)

    /// Reads an HTTP announce reply body: compact peers (BEP 23), `peers6` (BEP 7) or the original
    /// list of dictionaries. A `failure reason` becomes `TrackerError.failure`.
    public init(httpBody: [UInt8]) throws(TrackerError) {
        let value: BencodeValue
        do { value = try BencodeDecoder.decode(httpBody, limits: Self.bencodeLimits) } catch { throw .bencode(error) }
        guard case .dictionary = value else { throw .malformedResponse("not a dictionary") }
        if let reason = value["failure reason"] {
            throw .failure(reason.stringValue ?? "(not text)")
        }
        guard let interval = value["interval"]?.integerValue, interval >= 0, interval <= Int64(Int32.max) else {
            throw .malformedResponse("no valid 'interval'")
        }
        var peers: [PeerAddress] = []
        switch value["peers"] {
        case .string(let bytes)?:
            peers = PeerAddress.compactList(bytes, entryLength: 6)
        case .list(let entries)?:
            for entry in entries {
                guard let host = entry["ip"]?.stringValue, !host.isEmpty, let port = entry["port"]?.integerValue,
                    (1...65535).contains(port)
                else { continue }
                peers.append(PeerAddress(host: host, port: UInt16(port)))
            }
        default:
            break
        }
        if let bytes = value["peers6"]?.bytesValue { peers += PeerAddress.compactList(bytes, entryLength: 18) }
        self.init(
            interval: Int(interval),
            minInterval: value["min interval"]?.integerValue.flatMap { $0 >= 0 && $0 <= Int64(Int32.max) ? Int($0) : nil },
            trackerID: value["tracker id"]?.stringValue,
            seeders: value["complete"]?.integerValue.flatMap { $0 >= 0 ? Int(clamping: $0) : nil },
            leechers: value["incomplete"]?.integerValue.flatMap { $0 >= 0 ? Int(clamping: $0) : nil },
            peers: peers,
            warning: value["warning message"]?.stringValue
        )
    }
}
