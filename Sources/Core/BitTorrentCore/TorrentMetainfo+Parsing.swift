extension TorrentMetainfo {
    /// Largest piece length accepted; real torrents stay at or under 64 MiB.
    public static let maxPieceLength = 256 << 20

    /// Parses a .torrent file.
    public init(bytes: [UInt8], limits: BencodeLimits = .metainfo) throws(MetainfoError) {
        let document: BencodeDocument
        do { document = try BencodeDecoder.decodeDocument(bytes, limits: limits) } catch { throw .bencode(error) }
        guard case .dictionary = document.value else { throw .notADictionary(field: "top level") }
        guard let infoRange = document.range(ofTopLevelKey: "info") else { throw .missingField("info") }
        let root = document.value
        try self.init(info: root["info"]!, infoBytes: Array(bytes[infoRange]), root: root)
    }

    /// Builds a torrent from an info dictionary fetched over ut_metadata (BEP 9), checked against the
    /// infohash the magnet link promised; trackers come from the magnet link.
    public init(infoBytes: [UInt8], expectedInfoHash: InfoHash, trackers: [String] = []) throws(MetainfoError) {
        let actual = InfoHash.sha1(of: infoBytes)
        guard actual == expectedInfoHash else { throw .infoHashMismatch(expected: expectedInfoHash, actual: actual) }
        let info: BencodeValue
        do { info = try BencodeDecoder.decode(infoBytes, limits: .metainfo) } catch { throw .bencode(error) }
        try self.init(info: info, infoBytes: infoBytes, root: .dict(["announce-list": .list(trackers.map { .list([.text($0)]) })]))
    }

    private init(info: BencodeValue, infoBytes: [UInt8], root: BencodeValue) throws(MetainfoError) {
        guard case .dictionary = info else { throw .notADictionary(field: "info") }
        self.infoBytes = infoBytes
        self.infoHash = InfoHash.sha1(of: infoBytes)

        let isV2 = info["meta version"]?.integerValue == 2
        guard info["pieces"] != nil else { throw isV2 ? .v2Only : .missingField("pieces") }
        self.isHybrid = isV2

        let name = try Self.text(in: info, field: "name")
        self.name = name

        guard let rawPieceLength = info["piece length"]?.integerValue else {
            throw info["piece length"] == nil ? .missingField("piece length") : .wrongType(field: "piece length", expected: "an integer")
        }
        guard rawPieceLength > 0, rawPieceLength <= Self.maxPieceLength else { throw .invalidPieceLength(rawPieceLength) }
        self.pieceLength = Int(rawPieceLength)

        guard let pieces = info["pieces"]?.bytesValue else { throw .wrongType(field: "pieces", expected: "a byte string") }
        guard pieces.count % 20 == 0 else { throw .piecesNotMultipleOf20(pieces.count) }
        self.pieceHashes = pieces

        let files = try Self.parseFiles(info: info, name: name)
        self.files = files
        self.isMultiFile = info["files"] != nil
        guard let layout = TorrentLayout(pieceLength: pieceLength, fileLengths: files.map(\.length)) else {
            throw .totalLengthOverflow
        }
        guard layout.totalLength > 0 else { throw .emptyTorrent }
        guard layout.pieceCount == pieces.count / 20 else {
            throw .pieceCountMismatch(expected: layout.pieceCount, actual: pieces.count / 20)
        }
        self.layout = layout

        if let flag = info["private"]?.integerValue { self.isPrivate = flag != 0 } else { self.isPrivate = false }

        // Optional fields are read leniently: a malformed comment must not make a good torrent unusable.
        var tiers: [[String]] = []
        for tier in root["announce-list"]?.listValue ?? [] {
            var seen = Set<String>()
            let urls = (tier.listValue ?? []).compactMap(\.stringValue).filter { !$0.isEmpty && seen.insert($0).inserted }
            if !urls.isEmpty { tiers.append(urls) }
        }
        if tiers.isEmpty, let announce = root["announce"]?.stringValue, !announce.isEmpty { tiers = [[announce]] }
        self.announceTiers = tiers
        self.createdBy = root["created by"]?.stringValue
        self.comment = root["comment.utf-8"]?.stringValue ?? root["comment"]?.stringValue
        self.creationDate = root["creation date"]?.integerValue
        switch root["url-list"] {
        case .string(let bytes)?: self.urlList = String(validating: bytes, as: UTF8.self).map { [$0] } ?? []
        case .list(let items)?: self.urlList = items.compactMap(\.stringValue)
        default: self.urlList = []
        }
    }

    /// Text from `field.utf-8` when valid, else from `field`.
    private static func text(in dictionary: BencodeValue, field: String) throws(MetainfoError) -> String {
        if let text = dictionary[field + ".utf-8"]?.stringValue { return text }
        guard let value = dictionary[field] else { throw .missingField(field) }
        guard let bytes = value.bytesValue else { throw .wrongType(field: field, expected: "a byte string") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidText(field: field) }
        return text
    }

    private static func length(_ value: BencodeValue?, field: String) throws(MetainfoError) -> Int {
        guard let value else { throw .missingField(field) }
        guard let length = value.integerValue else { throw .wrongType(field: field, expected: "an integer") }
        guard length >= 0, length <= Int64(Int.max) else { throw .invalidLength(field: field) }
        return Int(length)
    }

    private static func checkedPath(_ components: [String]) throws(MetainfoError) -> TorrentPath {
        do { return try TorrentPath(components: components) } catch {
            throw .unsafePath(path: components.joined(separator: "/"), reason: error)
        }
    }

    private static func parseFiles(info: BencodeValue, name: String) throws(MetainfoError) -> [TorrentFile] {
        guard let fileList = info["files"] else {
            let length = try length(info["length"], field: "length")
            let path = try checkedPath([name])
            return [TorrentFile(index: 0, path: path, length: length, offset: 0, isPadding: false, isExecutable: false, isHidden: false)]
        }
        guard let entries = fileList.listValue else { throw .wrongType(field: "files", expected: "a list") }
        var files: [TorrentFile] = []
        files.reserveCapacity(entries.count)
        var offset = 0
        var filePaths = Set<[String]>()
        var directoryPaths = Set<[String]>()
        for (index, entry) in entries.enumerated() {
            guard case .dictionary = entry else { throw .notADictionary(field: "file entry \(index)") }
            let length = try length(entry["length"], field: "length")
            let attributes = entry["attr"]?.stringValue ?? ""
            let isPadding = attributes.contains("p")
            var components: [String] = []
            let pathValue = entry["path.utf-8"]?.listValue.flatMap { list in
                list.allSatisfy { $0.stringValue != nil } ? list : nil
            } ?? entry["path"]?.listValue
            guard let pathValue else {
                throw entry["path"] == nil ? .missingField("path") : .wrongType(field: "path", expected: "a list")
            }
            for component in pathValue {
                guard let bytes = component.bytesValue else { throw .wrongType(field: "path", expected: "a list of byte strings") }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    if isPadding { break }
                    throw .unsafePath(path: components.joined(separator: "/"), reason: .invalidUTF8)
                }
                components.append(text)
            }
            let path: TorrentPath
            if isPadding {
                // Never written, so a strange name does not matter; give it a harmless one.
                path = (try? TorrentPath(components: [name] + components)) ?? (try! TorrentPath(components: [".pad", String(index)]))
            } else {
                path = try checkedPath([name] + components)
                guard !filePaths.contains(path.components), !directoryPaths.contains(path.components) else {
                    throw .duplicatePath(path.description)
                }
                for depth in 1..<path.components.count {
                    let directory = Array(path.components.prefix(depth))
                    guard !filePaths.contains(directory) else { throw .duplicatePath(directory.joined(separator: "/")) }
                    directoryPaths.insert(directory)
                }
                filePaths.insert(path.components)
            }
            files.append(
                TorrentFile(
                    index: index,
                    path: path,
                    length: length,
                    offset: offset,
                    isPadding: isPadding,
                    isExecutable: attributes.contains("x"),
                    isHidden: attributes.contains("h")
                )
            )
            let (sum, overflow) = offset.addingReportingOverflow(length)
            guard !overflow else { throw .totalLengthOverflow }
            offset = sum
        }
        guard !files.isEmpty else { throw .emptyTorrent }
        return files
    }
}

extension TorrentMetainfo {
    /// A .torrent file for this torrent: the `info` dictionary's raw bytes (so the infohash is the same)
    /// with its trackers as `announce` and `announce-list`. How a magnet's fetched metadata is kept.
    public func torrentFile() -> [UInt8] {
        var root: [[UInt8]: BencodeValue] = [:]
        let tiers = announceTiers.filter { !$0.isEmpty }
        if let first = tiers.first?.first { root[Array("announce".utf8)] = .text(first) }
        if !tiers.isEmpty { root[Array("announce-list".utf8)] = .list(tiers.map { .list($0.map { .text($0) }) }) }
        if let comment { root[Array("comment".utf8)] = .text(comment) }
        if let createdBy { root[Array("created by".utf8)] = .text(createdBy) }
        if let creationDate { root[Array("creation date".utf8)] = .integer(creationDate) }
        // Every other key sorts before "info", so the raw info bytes go last, before the closing "e".
        var bytes = BencodeValue.dictionary(root).encoded()
        bytes.removeLast()
        bytes += Array("4:info".utf8) + infoBytes + [UInt8(ascii: "e")]
        return bytes
    }
}
