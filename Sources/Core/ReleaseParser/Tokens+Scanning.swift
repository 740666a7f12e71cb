// A release name is mostly words separated by punctuation. Splitting it once into
// lower-cased alphanumeric tokens lets every parser ask cheap questions ("is there a
// `web` token followed by `dl`?") instead of running many regular expressions.

/// One alphanumeric run of a release name (ASCII letters/digits, or any non-ASCII bytes).
struct Token: Sendable {
    /// Lower-cased text of the run.
    var text: String
    /// Original spelling, for the few case-sensitive checks (`REAL`, trailing `WEB`).
    var original: Substring
    /// UTF-8 offsets of the run inside the scanned string.
    var start: Int
    var end: Int
    /// Punctuation/whitespace between the previous token (or start) and this one.
    var separatorBefore: Substring
}

/// The tokenised form of a string, with small helpers used by the parsers.
struct TokenList: Sendable {
    let source: String
    let tokens: [Token]

    init(_ string: String) {
        source = string
        var result: [Token] = []
        result.reserveCapacity(24)
        let utf8 = string.utf8
        var index = utf8.startIndex
        var offset = 0
        var sepStart = index
        while index != utf8.endIndex {
            let byte = utf8[index]
            if Self.isWordByte(byte) {
                let start = index
                let startOffset = offset
                var lowered: [UInt8] = []
                while index != utf8.endIndex, Self.isWordByte(utf8[index]) {
                    let b = utf8[index]
                    lowered.append(b >= 65 && b <= 90 ? b + 32 : b)
                    utf8.formIndex(after: &index)
                    offset += 1
                }
                let sep = string[sepStart..<start]
                result.append(Token(
                    text: String(decoding: lowered, as: UTF8.self),
                    original: string[start..<index],
                    start: startOffset, end: offset, separatorBefore: sep))
                sepStart = index
            } else {
                utf8.formIndex(after: &index)
                offset += 1
            }
        }
        tokens = result
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80
    }

    var count: Int { tokens.count }
    subscript(i: Int) -> Token { tokens[i] }

    func text(_ i: Int) -> String { i >= 0 && i < tokens.count ? tokens[i].text : "" }

    func firstIndex(of word: String) -> Int? { tokens.firstIndex { $0.text == word } }
    func contains(_ word: String) -> Bool { tokens.contains { $0.text == word } }
    func contains(anyOf words: Set<String>) -> Bool { tokens.contains { words.contains($0.text) } }

    /// True when `words` appear as consecutive tokens starting at `i`.
    func matches(_ words: [String], at i: Int) -> Bool {
        guard i >= 0, i + words.count <= tokens.count else { return false }
        for (k, w) in words.enumerated() where tokens[i + k].text != w { return false }
        return true
    }
    func containsSequence(_ words: [String]) -> Bool {
        guard tokens.count >= words.count else { return false }
        for i in 0...(tokens.count - words.count) where matches(words, at: i) { return true }
        return false
    }
}

extension String {
    /// True if the string is all ASCII digits (and non-empty).
    var isAllDigits: Bool { !isEmpty && utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    var isHexString: Bool {
        !isEmpty && utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102) }
    }
}

/// The lower-cased file extension when the name ends in a known media/container extension.
enum FileExtension {
    static let sdtv: Set<String> = [
        "m4v", "3gp", "nsv", "ty", "strm", "rm", "rmvb", "m3u", "ifo", "mov", "qt", "divx", "xvid", "bivx",
        "nrg", "pva", "wmv", "asf", "asx", "ogm", "ogv", "m2v", "avi", "bin", "dat", "dvr-ms", "mpg", "mpeg",
        "mp4", "avc", "vp3", "svq3", "nuv", "viv", "dv", "fli", "flv", "wpl",
    ]
    static let dvd: Set<String> = ["img", "iso", "vob"]
    static let hd: Set<String> = ["mkv", "mk3d", "ts", "wtv"]
    static let bluray: Set<String> = ["m2ts"]
    static let unknown: Set<String> = ["webm"]
    static var all: Set<String> { sdtv.union(dvd).union(hd).union(bluray).union(unknown).union(["par2", "nzb", "rar", "nfo", "sfv", "srt"]) }
    static let known: Set<String> = all

    /// Extension of `name` (lower-cased, without the dot) if it is a known one.
    static func of(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        guard ext.count <= 5, !ext.contains(" "), known.contains(ext) else { return nil }
        return ext
    }

    /// `name` without a known media extension.
    static func strip(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), let ext = of(name),
              sdtv.contains(ext) || dvd.contains(ext) || hd.contains(ext) || bluray.contains(ext) || unknown.contains(ext)
                || ["par2", "nzb", "srt"].contains(ext) else { return name }
        return String(name[..<dot])
    }
}
