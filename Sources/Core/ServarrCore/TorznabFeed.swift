import Foundation

/// One result of a Torznab/Newznab search (an RSS `<item>`), with the attributes the *arrs read.
public struct TorznabRelease: Sendable, Equatable, Codable {
    public var title: String
    public var guid: String?
    /// The `.torrent` (or NZB) address: the enclosure's, else `<link>`.
    public var downloadUrl: String?
    /// `<comments>`: the release's page on the indexer.
    public var infoUrl: String?
    public var publishDate: Date?
    public var size: Int?
    public var categories: [Int] = []
    public var seeders: Int?
    public var peers: Int?
    public var infoHash: String?
    public var magnetUrl: String?
    public var tvdbId: Int?
    public var tmdbId: Int?
    public var imdbId: String?
    public var downloadVolumeFactor: Double?
    public var uploadVolumeFactor: Double?

    public init(title: String) {
        self.title = title
    }

    /// Leechers as Torznab implies them: peers minus seeders.
    public var leechers: Int? {
        guard let peers, let seeders else { return nil }
        return max(0, peers - seeders)
    }
}

public enum TorznabFeed {
    /// The items of a search answer; items without a title are skipped. A Newznab `<error>` answer,
    /// or a document that is not RSS, throws.
    public static func parse(_ xml: String) throws(TorznabCapabilities.ParseError) -> [TorznabRelease] {
        var releases: [TorznabRelease] = []
        var current: TorznabRelease?
        var text = ""
        var sawFeed = false
        var enclosure: (url: String, isTorrent: Bool)?
        var link: String?
        for event in XMLEventScanner.events(in: xml) {
            switch event {
            case .start(let name, let attributes, _):
                text = ""
                switch name {
                case "error" where current == nil:
                    throw .indexerError(code: attributes["code"].flatMap { Int($0) }, description: attributes["description"] ?? "")
                case "rss", "channel": sawFeed = true
                case "item":
                    current = TorznabRelease(title: "")
                    enclosure = nil
                    link = nil
                case "enclosure" where current != nil:
                    if let url = attributes["url"], !url.isEmpty {
                        let isTorrent = attributes["type"] == "application/x-bittorrent"
                        if enclosure == nil || (isTorrent && enclosure?.isTorrent == false) { enclosure = (url, isTorrent) }
                    }
                    if current?.size == nil, let length = attributes["length"].flatMap({ Int($0) }), length > 0 { current?.size = length }
                case "attr" where current != nil:
                    if let key = attributes["name"], let value = attributes["value"] { apply(attribute: key, value: value, to: &current!) }
                default: break
                }
            case .text(let chunk):
                text += chunk
            case .end(let name):
                guard current != nil else { continue }
                let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
                switch name {
                case "title": current!.title = value
                case "guid": current!.guid = value.isEmpty ? nil : value
                case "link": link = value.isEmpty ? nil : value
                case "comments": current!.infoUrl = value.isEmpty ? nil : value
                case "pubDate": current!.publishDate = RFC822Date.parse(value)
                case "size": if let size = Int(value), size > 0 { current!.size = size }
                case "category": if let id = Int(value), !current!.categories.contains(id) { current!.categories.append(id) }
                case "item":
                    var release = current!
                    release.downloadUrl = enclosure?.url ?? link
                    if release.downloadUrl?.hasPrefix("magnet:") == true, release.magnetUrl == nil { release.magnetUrl = release.downloadUrl }
                    if !release.title.isEmpty { releases.append(release) }
                    current = nil
                default: break
                }
                text = ""
            }
        }
        guard sawFeed else { throw .notCapabilities }
        return releases
    }

    static func apply(attribute name: String, value: String, to release: inout TorznabRelease) {
        switch name.lowercased() {
        case "category": if let id = Int(value), !release.categories.contains(id) { release.categories.append(id) }
        case "size": if let size = Int(value), size > 0 { release.size = size }
        case "seeders": release.seeders = Int(value).map { max(0, $0) }
        case "peers": release.peers = Int(value).map { max(0, $0) }
        case "leechers": if release.peers == nil, let leechers = Int(value) { release.peers = max(0, leechers) + (release.seeders ?? 0) }
        case "infohash":
            let hash = value.lowercased()
            if hash.count == 40, hash.allSatisfy(\.isHexDigit) { release.infoHash = hash }
        case "magneturl": if value.hasPrefix("magnet:") { release.magnetUrl = value }
        case "tvdbid": release.tvdbId = Int(value).flatMap { $0 > 0 ? $0 : nil }
        case "tmdbid": release.tmdbId = Int(value).flatMap { $0 > 0 ? $0 : nil }
        case "imdb", "imdbid":
            let digits = value.hasPrefix("tt") ? String(value.dropFirst(2)) : value
            if let number = Int(digits), number > 0 { release.imdbId = "tt" + String(repeating: "0", count: max(0, 7 - String(number).count)) + String(number) }
        case "downloadvolumefactor": release.downloadVolumeFactor = Double(value)
        case "uploadvolumefactor": release.uploadVolumeFactor = Double(value)
        default: break
        }
    }
}

/// RFC 822 dates as RSS writes them (`Sat, 11 Apr 2015 21:34:00 -0600`, day name and seconds
/// optional, numeric or GMT/UT/Z zones).
public enum RFC822Date {
    public static func parse(_ text: String) -> Date? {
        var parts = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = parts.first, Int(first) == nil { parts.removeFirst() }
        guard parts.count >= 4, let day = Int(parts[0]), let year = Int(parts[2]), (1...31).contains(day) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let monthIndex = months.firstIndex(of: String(parts[1].prefix(3)).lowercased()) else { return nil }
        let time = parts[3].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2, (0...23).contains(time[0]), (0...59).contains(time[1]) else { return nil }
        let seconds = time.count > 2 ? time[2] : 0
        var offset = 0
        if parts.count > 4 {
            let zone = parts[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                offset = (value / 100 * 3600 + value % 100 * 60) * (sign == "-" ? -1 : 1)
            }
        }
        let fullYear = year < 100 ? year + (year < 70 ? 2000 : 1900) : year
        guard let days = daysSinceEpoch(year: fullYear, month: monthIndex + 1, day: day) else { return nil }
        let total = days * 86_400 + time[0] * 3600 + time[1] * 60 + seconds - offset
        return Date(timeIntervalSince1970: TimeInterval(total))
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's civil algorithm).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), (1..<10_000).contains(year) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Start tags, end tags and text (entities decoded, CDATA kept as text) in document order;
/// comments, declarations and processing instructions skipped. Namespace prefixes are dropped.
enum XMLEventScanner {
    enum Event: Equatable {
        case start(String, [String: String], selfClosing: Bool)
        case end(String)
        case text(String)
    }

    static func events(in xml: String) -> [Event] {
        var events: [Event] = []
        var rest = Substring(xml)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else {
                events.append(.text(XMLTagScanner.unescape(rest)))
                break
            }
            if open > rest.startIndex { events.append(.text(XMLTagScanner.unescape(rest[..<open]))) }
            rest = rest[rest.index(after: open)...]
            if rest.hasPrefix("![CDATA[") {
                let body = rest.dropFirst(8)
                guard let end = body.range(of: "]]>") else { break }
                events.append(.text(String(body[..<end.lowerBound])))
                rest = body[end.upperBound...]
                continue
            }
            if rest.hasPrefix("!--") {
                guard let end = rest.range(of: "-->") else { break }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { break }
            var body = rest[..<close]
            rest = rest[rest.index(after: close)...]
            if body.hasPrefix("?") || body.hasPrefix("!") { continue }
            if body.hasPrefix("/") {
                let name = body.dropFirst().prefix { !$0.isWhitespace }
                if !name.isEmpty { events.append(.end(XMLTagScanner.localName(name))) }
                continue
            }
            let selfClosing = body.hasSuffix("/")
            if selfClosing { body = body.dropLast() }
            let name = body.prefix { !$0.isWhitespace }
            guard !name.isEmpty else { continue }
            let local = XMLTagScanner.localName(name)
            events.append(.start(local, XMLTagScanner.attributes(body.dropFirst(name.count)), selfClosing: selfClosing))
            if selfClosing { events.append(.end(local)) }
        }
        return events
    }
}
