extension DHT {
    /// One KRPC datagram (BEP 5): a bencoded dictionary with a transaction id `t`, a type `y` (`q`, `r` or
    /// `e`) and the query, response or error. Decoding is strict and bounded: anything malformed is a
    /// thrown `MessageError`, and a malformed *query* says which error to answer with.
    ///
    /// A response does not name the query it answers: the engine matches it by transaction id and reads
    /// the fields that query expects (`nodes` for find_node; `token` with `values` or `nodes` for get_peers).
    public struct Message: Sendable, Hashable {
        public var transactionID: [UInt8]
        public var body: Body
        /// `v`: the sender's client and version (e.g. "LT" 2 0 8), when given.
        public var clientVersion: [UInt8]?
        /// `ip` (BEP 42): the address the responder saw our query come from.
        public var observedAddress: PeerAddress?

        public enum Body: Sendable, Hashable {
            case query(Query)
            case response(Response)
            case error(ErrorReply)
        }

        public init(transactionID: [UInt8], body: Body, clientVersion: [UInt8]? = nil, observedAddress: PeerAddress? = nil) {
            self.transactionID = transactionID
            self.body = body
            self.clientVersion = clientVersion
            self.observedAddress = observedAddress
        }
    }

    public struct Query: Sendable, Hashable {
        public var sender: NodeID
        public var method: Method
        /// BEP 43 `ro`: the sender answers no queries, so it must stay out of routing tables.
        public var readOnly: Bool

        public init(sender: NodeID, method: Method, readOnly: Bool = false) {
            self.sender = sender
            self.method = method
            self.readOnly = readOnly
        }
    }

    public enum Method: Sendable, Hashable {
        case ping
        case findNode(target: NodeID)
        case getPeers(infoHash: InfoHash)
        /// With `impliedPort`, the peer's port is the UDP source port of the query, not `port`.
        case announcePeer(infoHash: InfoHash, port: UInt16, token: [UInt8], impliedPort: Bool)

        public var name: String {
            switch self {
            case .ping: "ping"
            case .findNode: "find_node"
            case .getPeers: "get_peers"
            case .announcePeer: "announce_peer"
            }
        }
    }

    /// A reply's `r` dictionary: the fields of every kind of reply, those absent left empty.
    public struct Response: Sendable, Hashable {
        public var sender: NodeID
        /// `nodes`: compact IPv4 node infos.
        public var nodes: [NodeInfo]
        /// `values`: peers for a get_peers (compact IPv4 or IPv6 entries).
        public var values: [PeerAddress]
        /// `token`: what an announce_peer to this node must carry.
        public var token: [UInt8]?

        public init(sender: NodeID, nodes: [NodeInfo] = [], values: [PeerAddress] = [], token: [UInt8]? = nil) {
            self.sender = sender
            self.nodes = nodes
            self.values = values
            self.token = token
        }
    }

    /// An `e` reply: `[code, message]`.
    public struct ErrorReply: Sendable, Hashable, CustomStringConvertible {
        public var code: Int
        public var message: String

        public init(code: Int, message: String) {
            self.code = code
            self.message = message
        }

        public static let genericCode = 201
        public static let serverCode = 202
        /// Malformed packet, invalid arguments or a bad token.
        public static let protocolCode = 203
        public static let methodUnknownCode = 204

        public static func generic(_ message: String) -> ErrorReply { ErrorReply(code: genericCode, message: message) }
        public static func server(_ message: String) -> ErrorReply { ErrorReply(code: serverCode, message: message) }
        public static func protocolError(_ message: String) -> ErrorReply { ErrorReply(code: protocolCode, message: message) }
        public static func methodUnknown(_ message: String) -> ErrorReply { ErrorReply(code: methodUnknownCode, message: message) }

        public var description: String { "KRPC error \(code): \(message)" }
    }

    /// Why a datagram is not a usable KRPC message.
    public enum MessageError: Error, Sendable, Hashable, CustomStringConvertible {
        case bencode(BencodeError)
        case notADictionary
        /// No usable `t`: nothing can be answered.
        case missingTransactionID
        /// A query we can answer with this error (203 malformed, 204 unknown method).
        case badQuery(transactionID: [UInt8], reply: ErrorReply)
        /// A malformed response, error or unknown `y`: dropped.
        case malformed(String)

        public var description: String {
            switch self {
            case .bencode(let error): "KRPC message is not bencode: \(error)"
            case .notADictionary: "KRPC message is not a dictionary"
            case .missingTransactionID: "KRPC message has no usable transaction id"
            case .badQuery(_, let reply): "KRPC query refused: \(reply)"
            case .malformed(let reason): "KRPC message is malformed: \(reason)"
            }
        }
    }
}

extension DHT.Message {
    /// A UDP payload is at most 65,507 bytes; DHT messages are small and shallow.
    public static let limits = BencodeLimits(maxInputSize: 65_507, maxDepth: 8, maxStringLength: 65_507, maxElementCount: 4_096)
    /// Transaction ids are echoed back: a long one is refused rather than copied around.
    public static let maxTransactionIDLength = 16
    public static let maxTokenLength = 64
    /// Peers kept from one `values` list (replies carry tens; more is ignored).
    public static let maxValues = 512

    // MARK: Encoding

    public func encoded() -> [UInt8] {
        var entries: [[UInt8]: BencodeValue] = [Array("t".utf8): .string(transactionID)]
        if let clientVersion { entries[Array("v".utf8)] = .string(clientVersion) }
        if let observed = observedAddress?.compactBytes { entries[Array("ip".utf8)] = .string(observed) }
        switch body {
        case .query(let query):
            entries[Array("y".utf8)] = .text("q")
            entries[Array("q".utf8)] = .text(query.method.name)
            var arguments: [[UInt8]: BencodeValue] = [Array("id".utf8): .string(query.sender.bytes)]
            switch query.method {
            case .ping:
                break
            case .findNode(let target):
                arguments[Array("target".utf8)] = .string(target.bytes)
            case .getPeers(let infoHash):
                arguments[Array("info_hash".utf8)] = .string(infoHash.bytes)
            case .announcePeer(let infoHash, let port, let token, let impliedPort):
                arguments[Array("info_hash".utf8)] = .string(infoHash.bytes)
                arguments[Array("port".utf8)] = .integer(Int64(port))
                arguments[Array("token".utf8)] = .string(token)
                if impliedPort { arguments[Array("implied_port".utf8)] = .integer(1) }
            }
            if query.readOnly { entries[Array("ro".utf8)] = .integer(1) }
            entries[Array("a".utf8)] = .dictionary(arguments)
        case .response(let response):
            entries[Array("y".utf8)] = .text("r")
            var values: [[UInt8]: BencodeValue] = [Array("id".utf8): .string(response.sender.bytes)]
            if !response.nodes.isEmpty { values[Array("nodes".utf8)] = .string(DHT.NodeInfo.compactString(response.nodes)) }
            if !response.values.isEmpty { values[Array("values".utf8)] = .list(response.values.compactMap { $0.compactBytes.map(BencodeValue.string) }) }
            if let token = response.token { values[Array("token".utf8)] = .string(token) }
            entries[Array("r".utf8)] = .dictionary(values)
        case .error(let reply):
            entries[Array("y".utf8)] = .text("e")
            entries[Array("e".utf8)] = .list([.integer(Int64(reply.code)), .text(reply.message)])
        }
        return BencodeValue.dictionary(entries).encoded()
    }

    // MARK: Decoding

    public init(decoding bytes: [UInt8]) throws(DHT.MessageError) {
        let value: BencodeValue
        do { value = try BencodeDecoder.decode(bytes, limits: Self.limits) } catch { throw .bencode(error) }
        guard case .dictionary = value else { throw .notADictionary }
        guard let transactionID = value["t"]?.bytesValue, !transactionID.isEmpty, transactionID.count <= Self.maxTransactionIDLength else {
            throw .missingTransactionID
        }
        let version = value["v"]?.bytesValue.flatMap { $0.count <= 32 ? $0 : nil }
        let observed = value["ip"]?.bytesValue.flatMap { PeerAddress(compact: $0) }
        let body: Body
        switch value["y"]?.stringValue {
        case "q":
            body = .query(try Self.query(from: value, transactionID: transactionID))
        case "r":
            body = .response(try Self.response(from: value))
        case "e":
            body = .error(try Self.errorReply(from: value))
        default:
            throw .malformed("message type `y` is missing or unknown")
        }
        self.init(transactionID: transactionID, body: body, clientVersion: version, observedAddress: observed)
    }

    private static func query(from value: BencodeValue, transactionID: [UInt8]) throws(DHT.MessageError) -> DHT.Query {
        func refuse(_ message: String) -> DHT.MessageError { .badQuery(transactionID: transactionID, reply: .protocolError(message)) }
        guard let name = value["q"]?.stringValue else { throw refuse("query has no method name") }
        guard let arguments = value["a"], case .dictionary = arguments else { throw refuse("query has no argument dictionary") }
        guard let sender = arguments["id"]?.bytesValue.flatMap({ DHT.NodeID(bytes: $0) }) else { throw refuse("id must be 20 bytes") }
        func hash(_ key: String) throws(DHT.MessageError) -> [UInt8] {
            guard let bytes = arguments[key]?.bytesValue, bytes.count == 20 else { throw refuse("\(key) must be 20 bytes") }
            return bytes
        }
        let method: DHT.Method
        switch name {
        case "ping":
            method = .ping
        case "find_node":
            method = .findNode(target: DHT.NodeID(bytes: try hash("target"))!)
        case "get_peers":
            method = .getPeers(infoHash: InfoHash(bytes: try hash("info_hash"))!)
        case "announce_peer":
            let infoHash = InfoHash(bytes: try hash("info_hash"))!
            let impliedPort = (arguments["implied_port"]?.integerValue ?? 0) != 0
            guard let token = arguments["token"]?.bytesValue, !token.isEmpty, token.count <= maxTokenLength else { throw refuse("token is missing") }
            let port: UInt16
            if let given = arguments["port"]?.integerValue, let valid = UInt16(exactly: given), valid != 0 || impliedPort {
                port = valid
            } else if impliedPort, arguments["port"] == nil {
                port = 0
            } else {
                throw refuse("port must be from 1 to 65535")
            }
            method = .announcePeer(infoHash: infoHash, port: port, token: token, impliedPort: impliedPort)
        default:
            throw .badQuery(transactionID: transactionID, reply: .methodUnknown("method unknown: \(name.prefix(32))"))
        }
        return DHT.Query(sender: sender, method: method, readOnly: (value["ro"]?.integerValue ?? 0) != 0)
    }

    private static func response(from value: BencodeValue) throws(DHT.MessageError) -> DHT.Response {
        guard let values = value["r"], case .dictionary = values else { throw .malformed("response has no `r` dictionary") }
        guard let sender = values["id"]?.bytesValue.flatMap({ DHT.NodeID(bytes: $0) }) else { throw .malformed("response id must be 20 bytes") }
        var nodes: [DHT.NodeInfo] = []
        if let compact = values["nodes"] {
            guard let bytes = compact.bytesValue, let list = DHT.NodeInfo.compactList(bytes) else {
                throw .malformed("nodes must be a multiple of 26 bytes")
            }
            nodes = list
        }
        var peers: [PeerAddress] = []
        if let list = values["values"] {
            guard let entries = list.listValue else { throw .malformed("values must be a list") }
            for entry in entries.prefix(maxValues) {
                guard let bytes = entry.bytesValue else { throw .malformed("values must hold strings") }
                if let peer = PeerAddress(compact: bytes) { peers.append(peer) }  // odd lengths and port 0: skipped
            }
        }
        var token: [UInt8]?
        if let given = values["token"] {
            guard let bytes = given.bytesValue, bytes.count <= maxTokenLength else { throw .malformed("token must be a string of at most \(maxTokenLength) bytes") }
            token = bytes
        }
        return DHT.Response(sender: sender, nodes: nodes, values: peers, token: token)
    }

    private static func errorReply(from value: BencodeValue) throws(DHT.MessageError) -> DHT.ErrorReply {
        guard let list = value["e"]?.listValue, let code = list.first?.integerValue, let small = Int(exactly: code) else {
            throw .malformed("error must be a list of a code and a message")
        }
        let message = list.count > 1 ? list[1].bytesValue.map { String(decoding: $0.prefix(256), as: UTF8.self) } ?? "" : ""
        return DHT.ErrorReply(code: small, message: message)
    }
}
