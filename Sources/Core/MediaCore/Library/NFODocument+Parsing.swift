import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension NFODocument {
    /// Largest NFO we read. Real ones are a few KiB; big ones are usually mis-named binaries.
    public static let maxByteCount = 1 << 20
    static let maxDepth = 32
    static let maxElements = 50_000
    static let rootNames: Set<String> = ["movie", "tvshow", "episodedetails", "season", "musicvideo"]

    /// Parses an NFO. Trailing text after the XML (a pasted URL) is ignored, and a file holding
    /// only a URL yields a `.urlOnly` document with the provider ids. Multi-episode NFOs return
    /// their first `<episodedetails>`; use `parseAll` for every one.
    public static func parse(_ data: Data) throws(NFOError) -> NFODocument {
        let documents = try parseAll(data)
        guard let first = documents.first else { throw .notAnNFO }
        return first
    }

    /// Every top-level item in the file: several `<episodedetails>` for multi-episode files.
    public static func parseAll(_ data: Data) throws(NFOError) -> [NFODocument] {
        guard data.count <= maxByteCount else { throw .tooLarge(byteCount: data.count, limit: maxByteCount) }
        let text = decodeText(data)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.contains("<") else {
            let ids = MetadataProvider.ids(fromURLText: trimmed)
            guard !ids.isEmpty else { throw .notAnNFO }
            var document = NFODocument(kind: .urlOnly)
            for (provider, id) in ids { document.uniqueIds[provider.rawValue.lowercased()] = id }
            return [document]
        }
        let lower = trimmed.lowercased()
        guard !lower.contains("<!doctype"), !lower.contains("<!entity") else { throw .doctypeNotAllowed }

        // Wrapping the body in one synthetic root makes sibling roots (multi-episode files) and
        // text around the XML (pasted URLs) legal, so libxml2 need not be lenient.
        let body = stripDeclaration(trimmed)
        let wrapped = "<kinora-nfo>" + body + "</kinora-nfo>"
        let collector = NFOCollector(maxDepth: maxDepth, maxElements: maxElements)
        let parser = XMLParser(data: Data(wrapped.utf8))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        let succeeded = parser.parse()
        if let limitError = collector.limitError { throw limitError }
        if let xmlError = collector.xmlError { throw xmlError }
        guard succeeded else {
            let reason = parser.parserError.map { String(describing: $0) } ?? "unknown error"
            throw .malformedXML(line: parser.lineNumber, column: parser.columnNumber, reason: String(reason.prefix(200)))
        }
        var documents = collector.documents
        let urlIds = MetadataProvider.ids(fromURLText: collector.looseText)
        if documents.isEmpty {
            guard !urlIds.isEmpty else { throw .notAnNFO }
            documents = [NFODocument(kind: .urlOnly)]
        }
        // A URL next to the XML is the user's hint; it only fills ids the XML lacks.
        for (provider, id) in urlIds where documents[0].providerIds[provider] == nil {
            documents[0].uniqueIds[provider.rawValue.lowercased()] = id
        }
        return documents
    }

    /// UTF-8 (with or without BOM) is the norm; UTF-16 with BOM and Latin-1 are the usual exceptions.
    static func decodeText(_ data: Data) -> String {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            if let text = String(data: data, encoding: .utf16) { return text }
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return String(data: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Drops `<?xml ...?>`: a declaration is only legal at the very start, before our wrapper.
    static func stripDeclaration(_ text: String) -> String {
        guard let start = text.range(of: "<?xml"), let end = text.range(of: "?>", range: start.upperBound..<text.endIndex)
        else { return text }
        return String(text[..<start.lowerBound] + text[end.upperBound...])
    }
}
