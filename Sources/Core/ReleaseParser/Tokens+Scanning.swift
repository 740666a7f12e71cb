// A release name is mostly words separated by punctuation. Splitting it once into
// lower-cased alphanumeric tokens lets every parser ask cheap questions ("is there a
// `web` token followed by `dl`?") instead of running many regular expressions.

/// One alphanumeric run of a release name (ASCII letters/digits, or any non-ASCII bytes).
/// A plain value: its lower-cased text lives in the parallel `texts` array of the `TokenList`,
/// the separator before it is a one-byte code (the rarely needed original spelling and rare
/// separators are cut from the source on demand), so copying a token costs no reference
/// counting.
struct Token: Sendable {
    /// UTF-8 offsets of the run inside the scanned string.
    var start: Int
    var end: Int
    /// Value of an all-digit token of at most 9 digits, else -1; answers `num(i)` in O(1).
    var number: Int = -1
    /// True when the token is all ASCII digits.
    var isDigits: Bool = false
    /// True when every byte of the original spelling is an ASCII upper-case letter.
    var isAllUpper: Bool = false
    /// True when every byte is ASCII.
    var isASCII: Bool = true
    /// First and last byte of `text`, for cheap gates before any string comparison.
    var first: UInt8 = 0
    var last: UInt8 = 0
    /// The punctuation before the token as a `TokenList.separatorLiteral` code (`rareSeparator`:
    /// any other text, cut from the source when asked for).
    var separatorCode: UInt8 = 0
}

/// The tokenised form of a string, with small helpers used by the parsers.
struct TokenList: Sendable {
    let source: String
    let tokens: [Token]
    /// Lower-cased text of each token. (Short strings are stored inline: no allocation.)
    let texts: [String]
    /// Punctuation/whitespace between the previous token (or start) and each token. (Kept as
    /// one-byte codes in the tokens: no array of strings to build, and none to free.)
    @inline(__always) var separators: Separators { Separators(list: self) }

    struct Separators {
        let list: TokenList
        @inline(__always) var count: Int { list.tokens.count }
        @inline(__always) subscript(i: Int) -> String {
            let code = list.tokens[i].separatorCode
            if let literal = TokenList.separatorLiteral(code) { return literal }
            let from = i == 0 ? 0 : list.tokens[i - 1].end, to = list.tokens[i].start
            return list.source.withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
        }
    }

    init(source: String, tokens: [Token], texts: [String]) {
        self.source = source
        self.tokens = tokens
        self.texts = texts
    }

    init(_ string: String) {
        source = string
        var result: [Token] = []
        var texts: [String] = []
        result.reserveCapacity(24)
        texts.reserveCapacity(24)
        // Work on the UTF-8 bytes: word boundaries are ASCII punctuation, so a multi-byte
        // scalar is never split, and no `Character` (grapheme) machinery is needed. Each byte
        // costs one table load: the token's flags are the OR/AND of its bytes' classes.
        Self.byteClasses.withUnsafeBufferPointer { cls in
        string.withBytes { bytes in
            let n = bytes.count
            var i = 0
            var sepStart = 0
            while i < n {
                guard cls[Int(bytes[i])] & Self.wordClass != 0 else { i += 1; continue }
                if bytes[i] == 0xE2, Self.isZeroWidth(bytes, at: i) { i += 3; continue }
                let start = i
                var any: UInt8 = 0
                var all: UInt8 = 0xFF
                while i < n {
                    let b = bytes[i]
                    let c = cls[Int(b)]
                    if c & Self.wordClass == 0 || (b == 0xE2 && Self.isZeroWidth(bytes, at: i)) { break }
                    any |= c
                    all &= c
                    i += 1
                }
                let len = i - start
                let digits = all & Self.digitClass != 0
                var value = -1
                if digits && len <= 9 {
                    value = 0
                    for k in start..<i { value = value &* 10 &+ Int(bytes[k] &- 48) }
                }
                // Tokens are short: `String(unsafeUninitializedCapacity:)` keeps ≤ 15 bytes inline.
                // (An upper-case letter's class bit 1, shifted to 0x20, lower-cases it.)
                let lowered = String(unsafeUninitializedCapacity: len) { out in
                    for k in 0..<len {
                        let b = bytes[start + k]
                        out[k] = b | ((cls[Int(b)] & Self.upperClass) << 4)
                    }
                    return len
                }
                let separator = Self.separatorCode(bytes, from: sepStart, count: start - sepStart)
                let f = bytes[start], l = bytes[i - 1]
                result.append(Token(
                    start: start, end: i,
                    number: value, isDigits: digits, isAllUpper: all & Self.upperClass != 0,
                    isASCII: any & Self.highClass == 0,
                    first: f | ((cls[Int(f)] & Self.upperClass) << 4),
                    last: l | ((cls[Int(l)] & Self.upperClass) << 4),
                    separatorCode: separator))
                texts.append(lowered)
                sepStart = i
            }
        }
        }
        tokens = result
        self.texts = texts
    }

    /// The first `count` tokens, as the tokens of `source` (a prefix of this list's source).
    func prefix(_ count: Int, source: String) -> TokenList {
        TokenList(source: source, tokens: Array(tokens.prefix(count)), texts: Array(texts.prefix(count)))
    }

    /// Original spelling of token `i` ("" out of range), for the few case-sensitive checks
    /// (`REAL`, trailing `WEB`); cut from the source when asked for.
    func original(_ i: Int) -> String {
        guard i >= 0 && i < tokens.count else { return "" }
        let tok = tokens[i]
        return source.withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[tok.start..<tok.end]), as: UTF8.self) }
    }
    /// Separator before token `i` ("" out of range).
    @inline(__always) func separator(_ i: Int) -> String { i >= 0 && i < tokens.count ? separators[i] : "" }

    /// Code of a separator with no literal: its text is cut from the source.
    static let rareSeparator: UInt8 = 255

    /// The usual separators as codes; literals are free to hand out (no allocation, no
    /// reference counting).
    @inline(__always) static func separatorCode(_ u: UnsafeBufferPointer<UInt8>, from i: Int, count: Int) -> UInt8 {
        switch count {
        case 0: return 0
        case 1:
            switch u[i] {
            case 46: return 1   // .
            case 32: return 2   //
            case 45: return 3   // -
            case 95: return 4   // _
            case 91: return 5   // [
            case 93: return 6   // ]
            case 40: return 7   // (
            case 41: return 8   // )
            default: return rareSeparator
            }
        case 2:
            switch (u[i], u[i + 1]) {
            case (32, 40): return 9    // ` (`
            case (41, 32): return 10   // `) `
            case (32, 91): return 11   // ` [`
            case (93, 32): return 12   // `] `
            case (93, 91): return 13   // `][`
            case (44, 32): return 14   // `, `
            default: return rareSeparator
            }
        case 3:
            return u[i] == 32 && u[i + 1] == 45 && u[i + 2] == 32 ? 15 : rareSeparator   // ` - `
        default: return rareSeparator
        }
    }

    @inline(__always) static func separatorLiteral(_ code: UInt8) -> String? {
        switch code {
        case 0: return ""
        case 1: return "."
        case 2: return " "
        case 3: return "-"
        case 4: return "_"
        case 5: return "["
        case 6: return "]"
        case 7: return "("
        case 8: return ")"
        case 9: return " ("
        case 10: return ") "
        case 11: return " ["
        case 12: return "] "
        case 13: return "]["
        case 14: return ", "
        case 15: return " - "
        default: return nil
        }
    }

    /// Byte classes for the tokeniser (bit flags below), indexed by byte.
    static let wordClass: UInt8 = 1, upperClass: UInt8 = 2, digitClass: UInt8 = 4, highClass: UInt8 = 8
    static let byteClasses: [UInt8] = (0..<256).map { (b: Int) -> UInt8 in
        switch b {
        case 48...57: return wordClass | digitClass
        case 65...90: return wordClass | upperClass
        case 97...122: return wordClass
        case 0x80...: return wordClass | highClass
        default: return 0
        }
    }

    /// Zero-width space/joiners (U+200B-U+200D) separate words like a space.
    @inline(__always) static func isZeroWidth(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 2 < u.count && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] >= 0x8B && u[i + 2] <= 0x8D
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80
    }

    var count: Int { tokens.count }
    /// (`_read`: callers mostly read one field, so the token is not copied whole.)
    @inline(__always) subscript(i: Int) -> Token { _read { yield tokens[i] } }

    @inline(__always) func text(_ i: Int) -> String { i >= 0 && i < texts.count ? texts[i] : "" }

    /// Index of the first token whose text is `word`; the token's length and first byte gate
    /// each string comparison.
    func firstIndex(of word: String) -> Int? {
        guard let f = word.firstByte else { return nil }
        let len = word.utf8.count
        for i in 0..<tokens.count where tokens[i].first == f && tokens[i].end - tokens[i].start == len {
            if texts[i] == word { return i }
        }
        return nil
    }
    func contains(_ word: String) -> Bool { firstIndex(of: word) != nil }
    func contains(anyOf words: WordSet) -> Bool { (0..<count).contains { words.contains(self, at: $0) } }

    /// True when `a` and `b` appear as consecutive tokens; the first token's length and
    /// first byte gate each string comparison.
    func containsPair(_ a: String, _ b: String) -> Bool {
        guard tokens.count >= 2, let f = a.firstByte else { return false }
        let len = a.utf8.count
        for i in 0..<(tokens.count - 1) where tokens[i].first == f && tokens[i].end - tokens[i].start == len {
            if texts[i] == a && texts[i + 1] == b { return true }
        }
        return false
    }
}

extension String {
    /// Runs `body` on the UTF-8 bytes. Native and small strings expose them directly (a small
    /// one is copied to the stack), far cheaper than walking `utf8` with string indices.
    @inline(__always) func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }

    /// `utf8.lastIndex(of:)` / `utf8.firstIndex(of:)` found on contiguous bytes (the generic
    /// collection walk over `UTF8View` costs several times more).
    func lastUTF8Index(of byte: UInt8) -> String.Index? {
        let k = withBytes { u -> Int? in
            var i = u.count
            while i > 0 { i -= 1; if u[i] == byte { return i } }
            return nil
        }
        return k.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }
    func firstUTF8Index(of byte: UInt8) -> String.Index? {
        let k = withBytes { u -> Int? in
            for i in 0..<u.count where u[i] == byte { return i }
            return nil
        }
        return k.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// `utf8.allSatisfy` / `utf8.contains(where:)` on contiguous bytes (the generic walk over
    /// `UTF8View` costs several times more per byte).
    @inline(__always) func allBytes(_ test: (UInt8) -> Bool) -> Bool { withBytes { $0.allSatisfy(test) } }
    @inline(__always) func anyByte(where test: (UInt8) -> Bool) -> Bool { withBytes { $0.contains(where: test) } }

    /// First and last UTF-8 byte (nil when empty), read from contiguous storage.
    @inline(__always) var firstByte: UInt8? { withBytes { $0.first } }
    @inline(__always) var lastByte: UInt8? { withBytes { $0.last } }

    /// `hasSuffix` for an ASCII literal, on contiguous bytes (see `StringProtocol.hasSuffixASCII`).
    @inline(__always) func hasSuffixASCII(_ suffix: StaticString) -> Bool {
        let m = suffix.utf8CodeUnitCount
        let p = suffix.utf8Start
        return withBytes { u in
            guard u.count >= m else { return false }
            let base = u.count - m
            for k in 0..<m where u[base + k] != p[k] { return false }
            return true
        }
    }

    /// `hasPrefix` for an ASCII literal, on contiguous bytes.
    @inline(__always) func hasPrefixASCII(_ prefix: StaticString) -> Bool {
        let m = prefix.utf8CodeUnitCount
        let p = prefix.utf8Start
        return withBytes { u in
            guard u.count >= m else { return false }
            for k in 0..<m where u[k] != p[k] { return false }
            return true
        }
    }

    /// Whether the UTF-8 bytes of `needle` occur in the string (a byte search: no
    /// grapheme breaking, unlike `contains(_: String)`).
    func containsBytes(of needle: String) -> Bool {
        withBytes { hay in
            needle.withBytes { p in
                let n = hay.count, m = p.count
                guard m > 0 else { return true }
                guard n >= m else { return false }
                outer: for i in 0...(n - m) where hay[i] == p[0] {
                    for k in 1..<m where hay[i + k] != p[k] { continue outer }
                    return true
                }
                return false
            }
        }
    }

    /// `lowercased().containsASCII(needle)` for a lower-case ASCII needle, without building
    /// the lower-cased copy.
    func containsIgnoringASCIICase(_ needle: StaticString) -> Bool {
        let m = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        return withBytes { u in
            guard u.count >= m else { return false }
            outer: for i in 0...(u.count - m) {
                for k in 0..<m {
                    let b = u[i + k]
                    if (b >= 65 && b <= 90 ? b + 32 : b) != p[k] { continue outer }
                }
                return true
            }
            return false
        }
    }

    /// `lowercased()`, done on bytes when the text is ASCII (the Unicode mapping agrees there).
    func fastLowercased() -> String { Self.lowercased(bytesOf: self) }

    static func lowercased(bytesOf s: String) -> String {
        s.withBytes { u in
            var upper = false
            for b in u {
                if b >= 0x80 { return s.lowercased() }
                if b >= 65 && b <= 90 { upper = true }
            }
            return upper ? String.asciiLowercased(u) : s
        }
    }

    /// Lower-cased copy of ASCII bytes (callers check they are ASCII).
    static func asciiLowercased(_ u: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: u.count) { out in
            for k in 0..<u.count { let b = u[k]; out[k] = b >= 65 && b <= 90 ? b + 32 : b }
            return u.count
        }
    }

    /// Lower-cased text of UTF-8 bytes (ASCII on bytes, anything else through `lowercased()`).
    static func lowercased(_ u: UnsafeBufferPointer<UInt8>) -> String {
        for b in u where b >= 0x80 { return String(decoding: u, as: UTF8.self).lowercased() }
        return asciiLowercased(u)
    }

    /// `contains` for an ASCII literal, on contiguous bytes.
    func containsASCII(_ needle: StaticString) -> Bool {
        let m = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        return withBytes { u in
            let n = u.count
            guard m > 0 else { return true }
            guard n >= m else { return false }
            let first = p[0]
            var i = 0
            outer: while i <= n - m {
                if u[i] == first {
                    for k in 1..<m where u[i + k] != p[k] { i += 1; continue outer }
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// UTF-8 offset of the first occurrence of an ASCII `needle`, compared byte by byte
    /// (no grapheme breaking, no allocation).
    func utf8Offset(of needle: StaticString, from: Int = 0) -> Int? {
        let m = needle.utf8CodeUnitCount
        return withBytes { hay -> Int? in
            let n = hay.count
            guard m > 0, n >= m, from <= n - m else { return nil }
            let p = needle.utf8Start
            let first = p[0]
            var i = from
            outer: while i <= n - m {
                if hay[i] == first {
                    for k in 1..<m where hay[i + k] != p[k] { i += 1; continue outer }
                    return i
                }
                i += 1
            }
            return nil
        }
    }


    /// `hasSuffix` for a lower-case ASCII `suffix`, ignoring the case of ASCII letters.
    func hasSuffixIgnoringASCIICase(_ suffix: StaticString) -> Bool {
        let m = suffix.utf8CodeUnitCount
        let p = suffix.utf8Start
        return withBytes { u in
            guard u.count >= m else { return false }
            let base = u.count - m
            for k in 0..<m {
                let b = u[base + k]
                if (b >= 65 && b <= 90 ? b + 32 : b) != p[k] { return false }
            }
            return true
        }
    }

    /// `s01`, `p2`: the ASCII `letter` followed by one or more ASCII digits (on bytes).
    func isLetterThenDigits(_ letter: UInt8) -> Bool {
        withBytes { u in
            guard u.count >= 2, u[0] == letter else { return false }
            for k in 1..<u.count where u[k] < 48 || u[k] > 57 { return false }
            return true
        }
    }

    /// `count` (Characters) without the grapheme machinery when every byte is ASCII and
    /// none is a CR (the one ASCII pair, CR LF, that forms a single Character).
    var fastCount: Int {
        withBytes { u -> Int? in
            for b in u where b >= 0x80 || b == 13 { return nil }
            return u.count
        } ?? count
    }

    /// True if the string is all ASCII digits (and non-empty).
    var isAllDigits: Bool {
        withBytes { u in
            guard !u.isEmpty else { return false }
            for b in u where b < 48 || b > 57 { return false }
            return true
        }
    }
    var isHexString: Bool {
        withBytes { u in
            !u.isEmpty && u.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102) }
        }
    }
}

/// The lower-cased file extension when the name ends in a known media/container extension.
enum FileExtension {
    static let sdtv: WordSet = [
        "m4v", "3gp", "nsv", "ty", "strm", "rm", "rmvb", "m3u", "ifo", "mov", "qt", "divx", "xvid", "bivx",
        "nrg", "pva", "wmv", "asf", "asx", "ogm", "ogv", "m2v", "avi", "bin", "dat", "dvr-ms", "mpg", "mpeg",
        "mp4", "avc", "vp3", "svq3", "nuv", "viv", "dv", "fli", "flv", "wpl",
    ]
    static let dvd: WordSet = ["img", "iso", "vob"]
    static let hd: WordSet = ["mkv", "mk3d", "ts", "wtv"]
    static let bluray: WordSet = ["m2ts"]
    static let unknown: WordSet = ["webm"]
    static let known: WordSet = sdtv.union(dvd).union(hd).union(bluray).union(unknown).union(["par2", "nzb", "rar", "nfo", "sfv", "srt"])
    static let strippable: WordSet = sdtv.union(dvd).union(hd).union(bluray).union(unknown).union(["par2", "nzb", "srt"])

    /// Extension of `name` (lower-cased, without the dot) if it is a known one.
    static func of(_ name: String) -> String? {
        name.withBytes { u -> String? in
            guard let dot = dotOffset(u) else { return nil }
            let len = u.count - dot - 1
            guard len > 0 else { return nil }
            let ext = String(unsafeUninitializedCapacity: len) { out in
                for k in 0..<len {
                    let b = u[dot + 1 + k]
                    out[k] = b >= 65 && b <= 90 ? b + 32 : b
                }
                return len
            }
            return known.contains(ext) ? ext : nil
        }
    }

    /// UTF-8 offset of the last `.` when at most 5 bytes, none a space, follow it.
    @inline(__always) static func dotOffset(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = 0
        var idx = u.count
        while idx > 0, k <= 5 {
            idx -= 1
            let b = u[idx]
            if b == 46 { return idx }
            if b == 32 { return nil }
            k += 1
        }
        return nil
    }

    /// `name` without a known media extension.
    static func strip(_ name: String) -> String {
        name.withBytes { u -> String in
            guard let dot = dotOffset(u), let ext = of(name), strippable.contains(ext) else { return name }
            return String(decoding: UnsafeBufferPointer(rebasing: u[..<dot]), as: UTF8.self)
        }
    }
}

/// A release name prepared once and shared by every parser that looks at it: trimmed and
/// tokenised a single time, so quality, group, language, episode and movie parsing do not
/// each re-scan the string.
final class PreparedName {
    let original: String
    let trimmed: String
    let tokens: TokenList
    /// `trimmed` without a media extension (computed once: three parsers need it).
    let withoutExtension: String
    /// Whether `【`/`】` occur; when they do, parsers rewrite them before anything else.
    let hasFullWidthBrackets: Bool
    /// `withoutExtension` without a website prefix: the text both the episode and the movie
    /// scanner start from (computed once, when first asked for).
    private(set) lazy var withoutSitePrefix: String = EpisodeScanner.stripWebsitePrefix(withoutExtension)

    init(_ name: String) {
        original = name
        trimmed = name.trimmingWhitespace()
        tokens = TokenList(trimmed)
        withoutExtension = FileExtension.strip(trimmed)
        hasFullWidthBrackets = trimmed.containsByte(0xE3)
    }

    /// Tokens of `text`, a form of the trimmed name with parts removed (extension, site
    /// prefix...). Those edits only ever shorten it, so an equal byte count means it is the
    /// trimmed name itself and the shared list can be reused.
    func tokens(for text: String) -> TokenList {
        let n = text.utf8.count
        if n == trimmed.utf8.count { return tokens }
        // The name without its extension is a prefix of the trimmed name: its tokens are the
        // shared ones that end before the cut (copied once, then shared too).
        if n == withoutExtension.utf8.count {
            if text == withoutExtension { return tokensWithoutExtension }
            var count = 0
            while count < tokens.count, tokens.tokens[count].end <= n { count += 1 }
            return tokens.prefix(count, source: text)
        }
        return TokenList(text)
    }

    /// When the first `length` bytes of `text` are a prefix of the trimmed name that cuts no
    /// token, how many leading shared tokens are exactly their tokens; nil otherwise (the
    /// caller tokenises). A token is decided by its bytes and the byte after it, so a cut at a
    /// token boundary leaves the earlier tokens, their flags and separators unchanged.
    func sharedTokenCount(forPrefixOf text: String, length n: Int) -> Int? {
        let isPrefix = text.withBytes { p in
            trimmed.withBytes { u -> Bool in
                guard n <= p.count, n <= u.count else { return false }
                for k in 0..<n where p[k] != u[k] { return false }
                return true
            }
        }
        guard isPrefix else { return nil }
        let list = tokens.tokens
        var count = 0
        while count < list.count, list[count].end <= n { count += 1 }
        if count < list.count, list[count].start < n { return nil }
        return count
    }

    private lazy var tokensWithoutExtension: TokenList = {
        let n = withoutExtension.utf8.count
        var count = 0
        while count < tokens.count, tokens.tokens[count].end <= n { count += 1 }
        return tokens.prefix(count, source: withoutExtension)
    }()
}

/// A cheap pre-filter in front of a hashed lookup. Most tokens of a release name are not
/// keywords of any particular table, and hashing a `String` costs far more than checking
/// its length and first/last byte against bitmaps built from the table's words.
struct WordFilter: Sendable {
    private var lengths: UInt64 = 0
    private var firstLow: UInt64 = 0, firstHigh: UInt64 = 0
    private var lastLow: UInt64 = 0, lastHigh: UInt64 = 0
    private var anyNonASCII = false
    /// A 1024-bit Bloom filter over (length, first byte, last byte) together: far more
    /// selective than the three separate bitmaps for tables of dozens of words.
    private var pairs = [UInt64](repeating: 0, count: 16)

    @inline(__always) static func pairBit(_ length: Int, _ f: UInt8, _ l: UInt8) -> Int {
        (Int(f) &* 31 &+ Int(l) &* 7 &+ length &* 131) & 1023
    }

    init<S: Sequence>(_ words: S) where S.Element == String {
        for w in words {
            let u = w.utf8
            lengths |= 1 << UInt64(min(u.count, 63))
            guard let f = u.first, let l = u.last else { continue }
            let bit = Self.pairBit(u.count, f, l)
            pairs[bit >> 6] |= 1 << UInt64(bit & 63)
            if f >= 128 || l >= 128 { anyNonASCII = true }
            if f < 64 { firstLow |= 1 << UInt64(f) } else if f < 128 { firstHigh |= 1 << UInt64(f - 64) }
            if l < 64 { lastLow |= 1 << UInt64(l) } else if l < 128 { lastHigh |= 1 << UInt64(l - 64) }
        }
    }

    /// False when `s` certainly is not one of the words.
    @inline(__always) func mayContain(_ s: String) -> Bool {
        s.withBytes { u in
            guard let f = u.first, let l = u.last else { return false }
            return mayContain(length: u.count, first: f, last: l)
        }
    }

    /// The same test from a token's precomputed length and end bytes (no string access).
    @inline(__always) func mayContain(length: Int, first f: UInt8, last l: UInt8) -> Bool {
        guard length > 0, lengths & (1 << UInt64(min(length, 63))) != 0 else { return false }
        if f >= 128 || l >= 128 { return anyNonASCII }
        let bit = Self.pairBit(length, f, l)
        guard pairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return false }
        let fOK = f < 64 ? firstLow & (1 << UInt64(f)) != 0 : firstHigh & (1 << UInt64(f - 64)) != 0
        guard fOK else { return false }
        return l < 64 ? lastLow & (1 << UInt64(l)) != 0 : lastHigh & (1 << UInt64(l - 64)) != 0
    }
}

/// A set of (lower-case) words with a `WordFilter` in front of the hash lookup.
struct WordSet: Sendable, ExpressibleByArrayLiteral {
    let words: Set<String>
    let filter: WordFilter

    init(_ words: Set<String>) { self.words = words; filter = WordFilter(words) }
    init(arrayLiteral elements: String...) { self.init(Set(elements)) }

    @inline(__always) func contains(_ s: String) -> Bool { filter.mayContain(s) && words.contains(s) }
    /// Whether token `i` of `list` is one of the words (its bytes gate the hash lookup).
    @inline(__always) func contains(_ list: TokenList, at i: Int) -> Bool {
        let tok = list.tokens[i]
        return filter.mayContain(length: tok.end - tok.start, first: tok.first, last: tok.last) && words.contains(list.texts[i])
    }
    func union(_ other: WordSet) -> WordSet { WordSet(words.union(other.words)) }
}

/// A word-keyed table with a `WordFilter` in front of the hash lookup.
struct WordMap<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
    let table: [String: Value]
    let filter: WordFilter

    init(_ table: [String: Value]) { self.table = table; filter = WordFilter(table.keys) }
    init(dictionaryLiteral elements: (String, Value)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { a, _ in a }))
    }

    @inline(__always) subscript(_ key: String) -> Value? { filter.mayContain(key) ? table[key] : nil }
    /// The value for token `i` of `list` (its bytes gate the hash lookup).
    @inline(__always) subscript(_ list: TokenList, at i: Int) -> Value? {
        let tok = list.tokens[i]
        return filter.mayContain(length: tok.end - tok.start, first: tok.first, last: tok.last) ? table[list.texts[i]] : nil
    }
}

extension String {
    /// Whether the UTF-8 form contains `byte`, scanning contiguous storage directly.
    func containsByte(_ byte: UInt8) -> Bool {
        withBytes { u in
            for b in u where b == byte { return true }
            return false
        }
    }
}

extension StringProtocol {
    /// `contains` for an ASCII literal, compared on bytes (see `hasSuffixASCII`).
    func containsASCII(_ needle: StaticString) -> Bool {
        let m = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        let u = utf8
        if m == 1 { return u.contains(p[0]) }
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == p[0] {
                var j = u.index(after: i)
                var k = 1
                while k < m, j != u.endIndex, u[j] == p[k] { k += 1; u.formIndex(after: &j) }
                if k == m { return true }
            }
            u.formIndex(after: &i)
        }
        return false
    }

    /// `hasSuffix` for an ASCII literal, compared on bytes. The standard `hasSuffix` compares
    /// canonically-equivalent Unicode, which costs far more and never matters for ASCII
    /// punctuation and keywords.
    @inline(__always) func hasSuffixASCII(_ suffix: StaticString) -> Bool {
        let m = suffix.utf8CodeUnitCount
        let u = utf8
        guard u.count >= m else { return false }
        var i = u.index(u.endIndex, offsetBy: -m)
        for k in 0..<m {
            if u[i] != suffix.utf8Start[k] { return false }
            u.formIndex(after: &i)
        }
        return true
    }

    /// `hasPrefix` for an ASCII literal, compared on bytes (see `hasSuffixASCII`).
    @inline(__always) func hasPrefixASCII(_ prefix: StaticString) -> Bool {
        let m = prefix.utf8CodeUnitCount
        let u = utf8
        var i = u.startIndex
        for k in 0..<m {
            guard i != u.endIndex, u[i] == prefix.utf8Start[k] else { return false }
            u.formIndex(after: &i)
        }
        return true
    }
}

extension Substring {
    /// Runs `body` on the UTF-8 bytes when they are all ASCII (nil otherwise), so callers can
    /// test letters and digits on bytes and keep the `Character` path for other text.
    func withBytesIfASCII<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        var copy = self
        return copy.withUTF8 { u -> R? in
            for b in u where b >= 0x80 { return nil }
            return body(u)
        }
    }
}
