import NIOCore

/// The BEP 10 extension handshake (extended message id 0): which extensions a peer speaks and under
/// which message ids it wants to receive them, plus a few facts about the peer.
public struct ExtensionHandshake: Sendable, Hashable {
    /// `m`: extension name → the id the sender wants to receive it under; 0 means "disabled".
    public var extensions: [String: UInt8]
    /// `p`: the sender's listen port.
    public var listenPort: UInt16?
    /// `v`: client name and version.
    public var client: String?
    /// `reqq`: how many outstanding requests the sender accepts.
    public var requestQueueLength: Int?
    /// `metadata_size` (BEP 9): size of the info dictionary, when the sender has it.
    public var metadataSize: Int?
    /// `yourip`: our address as the sender sees it (4 or 16 bytes).
    public var yourIP: [UInt8]?

    public init(
        extensions: [String: UInt8] = [:],
        listenPort: UInt16? = nil,
        client: String? = nil,
        requestQueueLength: Int? = nil,
        metadataSize: Int? = nil,
        yourIP: [UInt8]? = nil
    ) {
        self.extensions = extensions
        self.listenPort = listenPort
        self.client = client
        self.requestQueueLength = requestQueueLength
        self.metadataSize = metadataSize
        self.yourIP = yourIP
    }

    /// The id to send an extension's messages under, or nil when the peer does not speak it.
    public func messageID(for name: String) -> UInt8? {
        guard let id = extensions[name], id != 0 else { return nil }
        return id
    }

    public func encoded() -> ByteBuffer {
        var entries: [[UInt8]: BencodeValue] = [:]
        var m: [[UInt8]: BencodeValue] = [:]
        for (name, id) in extensions { m[Array(name.utf8)] = .integer(Int64(id)) }
        entries[Array("m".utf8)] = .dictionary(m)
        if let listenPort { entries[Array("p".utf8)] = .integer(Int64(listenPort)) }
        if let client { entries[Array("v".utf8)] = .text(client) }
        if let requestQueueLength { entries[Array("reqq".utf8)] = .integer(Int64(requestQueueLength)) }
        if let metadataSize { entries[Array("metadata_size".utf8)] = .integer(Int64(metadataSize)) }
        if let yourIP { entries[Array("yourip".utf8)] = .string(yourIP) }
        var buffer = ByteBuffer()
        BencodeValue.dictionary(entries).encode(into: &buffer)
        return buffer
    }

    /// Reads a peer's handshake. Only structure is enforced; odd optional values are dropped, as
    /// clients disagree on details (BEP 10: unknown keys are ignored).
    public init(decoding payload: ByteBuffer) throws(ExtensionMessageError) {
        let value: BencodeValue
        do { value = try BencodeDecoder.decode(payload, limits: .message) } catch { throw .bencode(error) }
        guard case .dictionary = value else { throw .notADictionary }
        var extensions: [String: UInt8] = [:]
        if let m = value["m"]?.dictionaryValue {
            for (key, id) in m {
                guard let name = String(validating: key, as: UTF8.self), let id = id.integerValue, (0...255).contains(id) else { continue }
                extensions[name] = UInt8(id)
            }
        }
        self.extensions = extensions
        self.listenPort = value["p"]?.integerValue.flatMap { (1...65535).contains($0) ? UInt16($0) : nil }
        self.client = value["v"]?.stringValue
        self.requestQueueLength = value["reqq"]?.integerValue.flatMap { $0 > 0 && $0 <= 1_000_000 ? Int($0) : nil }
        self.metadataSize = value["metadata_size"]?.integerValue.flatMap { $0 > 0 && $0 <= Int64(Int32.max) ? Int($0) : nil }
        self.yourIP = value["yourip"]?.bytesValue.flatMap { $0.count == 4 || $0.count == 16 ? $0 : nil }
    }
}

/// Why an extension-protocol message is refused.
public enum ExtensionMessageError: Error, Sendable, Hashable, CustomStringConvertible {
    case bencode(BencodeError)
    case notADictionary
    case missingField(String)
    case unknownMessageType(Int64)
    case metadataTooLarge(size: Int, limit: Int)
    case invalidMetadataPiece(piece: Int)
    case wrongPieceLength(piece: Int, expected: Int, actual: Int)
    case totalSizeMismatch(expected: Int, actual: Int)
    case trailingBytes

    public var description: String {
        switch self {
        case .bencode(let error): "the extension message is not valid bencode: \(error)"
        case .notADictionary: "the extension message is not a dictionary"
        case .missingField(let field): "the extension message has no '\(field)' field"
        case .unknownMessageType(let type): "the ut_metadata message type \(type) is unknown"
        case .metadataTooLarge(let size, let limit): "the peer announced \(size) bytes of metadata, over the limit of \(limit)"
        case .invalidMetadataPiece(let piece): "the peer named metadata piece \(piece), which does not exist"
        case .wrongPieceLength(let piece, let expected, let actual):
            "the peer sent \(actual) bytes for metadata piece \(piece) where \(expected) were expected"
        case .totalSizeMismatch(let expected, let actual):
            "the peer gave the metadata size as \(actual) after announcing \(expected)"
        case .trailingBytes: "the ut_metadata request or reject has bytes after its dictionary"
        }
    }
}
