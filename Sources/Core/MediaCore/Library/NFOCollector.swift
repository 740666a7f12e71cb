import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// SAX delegate that builds `NFODocument`s from the wrapped NFO text. Internal and single-use:
/// XMLParser drives it synchronously on the calling thread.
final class NFOCollector: NSObject, XMLParserDelegate {
    static let maxFieldCharacters = 32 * 1024
    static let maxListItems = 100
    static let maxActors = 200
    static let maxLooseText = 8 * 1024

    let maxDepth: Int
    let maxElements: Int
    private(set) var documents: [NFODocument] = []
    private(set) var looseText = ""
    private(set) var limitError: NFOError?
    private(set) var xmlError: NFOError?

    /// Element names from the synthetic wrapper (index 0) down to the current element.
    private var stack: [String] = []
    private var attributesStack: [[String: String]] = []
    private var text = ""
    private var elementCount = 0
    private var current: NFODocument?
    private var actorName: String?
    private var actorRole: String?
    private var ratingValue: Double?
    private var defaultRating: Double?
    private var firstRating: Double?
    private var legacyRating: Double?

    init(maxDepth: Int, maxElements: Int) {
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elementCount += 1
        if elementCount > maxElements { return stop(parser, .tooManyElements(limit: maxElements)) }
        if stack.count >= maxDepth { return stop(parser, .tooDeeplyNested(limit: maxDepth)) }
        let name = elementName.lowercased()
        stack.append(name)
        attributesStack.append(attributes)
        text = ""
        if stack.count == 2 {
            let kind = NFODocument.Kind(rawValue: name).flatMap { $0 == .urlOnly ? nil : $0 } ?? .other
            current = NFODocument(kind: kind)
            defaultRating = nil; firstRating = nil; legacyRating = nil
        } else if stack.count == 3, name == "actor" {
            actorName = nil; actorRole = nil
        } else if name == "rating", stack.dropLast().last == "ratings" {
            ratingValue = nil
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if stack.count <= 1 {
            if looseText.count < Self.maxLooseText { looseText += string.prefix(Self.maxLooseText) }
            return
        }
        if text.utf8.count < Self.maxFieldCharacters { text += string.prefix(Self.maxFieldCharacters) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock.prefix(Self.maxFieldCharacters), as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let name = stack.popLast(), let attributes = attributesStack.popLast() else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        text = ""
        switch stack.count {
        case 1:
            if var document = current {
                document.rating = defaultRating ?? legacyRating ?? firstRating
                if document.year == nil { document.year = (document.premiered ?? document.aired)?.year }
                documents.append(document)
            }
            current = nil
        case 2:
            if name == "actor", let actorName, !actorName.isEmpty, (current?.actors.count ?? 0) < Self.maxActors {
                current?.actors.append(NFOActor(name: actorName, role: actorRole))
            } else {
                assignField(name, value: value, attributes: attributes)
            }
        case 3 where stack[2] == "actor":
            if name == "name" { actorName = value } else if name == "role", !value.isEmpty { actorRole = value }
        case 3 where stack[2] == "ratings" && name == "rating":
            guard let rating = ratingValue.flatMap({ normalizeRating($0, max: attributes["max"]) }) else { break }
            if firstRating == nil { firstRating = rating }
            if attributes["default"]?.lowercased() == "true", defaultRating == nil { defaultRating = rating }
        case 4 where stack[3] == "rating" && name == "value":
            ratingValue = Double(value)
        default:
            break
        }
    }

    private func assignField(_ name: String, value: String, attributes: [String: String]) {
        guard current != nil, !value.isEmpty else { return }
        switch name {
        case "title": current?.title = value
        case "originaltitle": current?.originalTitle = value
        case "sorttitle": current?.sortTitle = value
        case "plot": current?.plot = value
        case "outline": current?.outline = value
        case "tagline": current?.tagline = value
        case "mpaa": current?.mpaa = value
        case "showtitle": current?.showTitle = value
        case "status": current?.status = value
        case "year": current?.year = leadingInteger(value).flatMap { MediaFolderName.plausibleYears.contains($0) ? $0 : nil }
        case "premiered", "releasedate": current?.premiered = AirDate(parsing: value)
        case "aired": current?.aired = AirDate(parsing: value)
        case "runtime": current?.runtimeMinutes = leadingInteger(value).flatMap { (1...100_000).contains($0) ? $0 : nil }
        case "rating": legacyRating = Double(value).flatMap { normalizeRating($0, max: nil) }
        case "season": current?.season = leadingInteger(value).flatMap { (0...10_000).contains($0) ? $0 : nil }
        case "episode": current?.episode = leadingInteger(value).flatMap { (0...100_000).contains($0) ? $0 : nil }
        case "genre": appendList(\.genres, value.components(separatedBy: " / "))
        case "studio": appendList(\.studios, value.components(separatedBy: " / "))
        case "tag": appendList(\.tags, [value])
        case "uniqueid":
            if let type = attributes["type"]?.lowercased(), !type.isEmpty, type.count <= 32 { setID(type, value) }
        case "imdbid", "imdb_id", "imdb": setID("imdb", value)
        case "tmdbid", "tmdb": setID("tmdb", value)
        case "tvdbid", "tvdb": setID("tvdb", value)
        case "id":
            // Kodi's legacy `<id>`: an IMDb id for movies when it starts with tt, TVDB for shows.
            if value.lowercased().hasPrefix("tt") { setID("imdb", value) }
            else if current?.kind == .movie { setID("tmdb", value) }
            else { setID("tvdb", value) }
        default: break
        }
    }

    /// Explicit `<uniqueid>` entries win over legacy tags, whatever order they come in.
    private func setID(_ type: String, _ value: String) {
        guard value.utf8.count <= 64 else { return }
        current?.uniqueIds[type] = value
    }

    private func appendList(_ keyPath: WritableKeyPath<NFODocument, [String]>, _ values: [String]) {
        for value in values {
            let item = value.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty, let count = current?[keyPath: keyPath].count, count < Self.maxListItems,
                  current?[keyPath: keyPath].contains(item) == false else { continue }
            current?[keyPath: keyPath].append(item)
        }
    }

    /// Ratings are stored out of 10; a `max="100"` rating is scaled down.
    private func normalizeRating(_ value: Double, max: String?) -> Double? {
        let scale = max.flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? 10 / $0 : nil } ?? 1
        let scaled = value * scale
        return scaled.isFinite && (0...10).contains(scaled) ? scaled : nil
    }

    private func leadingInteger(_ value: String) -> Int? {
        let digits = value.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        return Int(digits)
    }

    /// libxml2 recovers from some errors (mismatched end tags) and may still report success;
    /// recording the first error here makes every reported error fatal.
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard xmlError == nil else { return }
        xmlError = .malformedXML(line: parser.lineNumber, column: parser.columnNumber,
                                 reason: String(String(describing: parseError).prefix(200)))
        parser.abortParsing()
    }

    private func stop(_ parser: XMLParser, _ error: NFOError) {
        if limitError == nil { limitError = error }
        parser.abortParsing()
    }
}
