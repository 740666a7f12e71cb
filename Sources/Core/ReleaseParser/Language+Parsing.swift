// Languages named in a release: full names anywhere after the title, ISO codes and
// scene abbreviations (VFF, LEKPL, BGAUDIO...). Words inside the title ("The Spanish
// Series") do not count, so scanning starts at the first episode/year/quality marker.

/// One known language: display name, words that name it, ISO codes and regions.
struct LanguageEntry: Sendable {
    let name: String
    let words: [String]
    let iso1: String?
    let iso2: [String]
    let regions: [String]
}

extension ReleaseParser {
    static let languageTable: [LanguageEntry] = [
        .init(name: "English", words: ["english", "eng", "ing"], iso1: "en", iso2: ["eng"], regions: ["us", "gb", "au", "ca", "nz"]),
        .init(name: "French", words: ["french", "francais", "français", "truefrench", "vff", "vfq", "vfi", "vf2", "vf", "fre", "fra", "vostfr", "frn"], iso1: "fr", iso2: ["fra", "fre"], regions: ["fr"]),
        .init(name: "Spanish", words: ["spanish", "español", "espanol", "castellano", "esp", "spa"], iso1: "es", iso2: ["spa"], regions: ["es"]),
        .init(name: "Spanish (Latino)", words: ["latino"], iso1: nil, iso2: [], regions: []),
        .init(name: "German", words: ["german", "deutsch", "ger", "videomann", "swissgerman"], iso1: "de", iso2: ["ger", "deu"], regions: ["de"]),
        .init(name: "Italian", words: ["italian", "italiano", "ita"], iso1: "it", iso2: ["ita"], regions: ["it"]),
        .init(name: "Portuguese (Brazil)", words: ["brazilian", "dublado"], iso1: nil, iso2: [], regions: []),
        .init(name: "Portuguese", words: ["portuguese", "por"], iso1: "pt", iso2: ["por"], regions: ["pt"]),
        .init(name: "Russian", words: ["russian", "rus"], iso1: "ru", iso2: ["rus"], regions: ["ru"]),
        .init(name: "Ukrainian", words: ["ukrainian", "ukr"], iso1: "uk", iso2: ["ukr"], regions: ["ua"]),
        .init(name: "Polish", words: ["polish", "pol", "lekpl", "pldub", "pllek", "dubpl"], iso1: "pl", iso2: ["pol"], regions: ["pl"]),
        .init(name: "Chinese", words: ["chinese", "mandarin", "cantonese", "big5", "chs", "cht", "chi"], iso1: "zh", iso2: ["chi", "zho"], regions: ["cn", "tw", "hk"]),
        .init(name: "Japanese", words: ["japanese", "jap", "jpn"], iso1: "ja", iso2: ["jpn"], regions: ["jp"]),
        .init(name: "Korean", words: ["korean", "kor"], iso1: "ko", iso2: ["kor"], regions: ["kr"]),
        .init(name: "Dutch", words: ["dutch", "nld"], iso1: "nl", iso2: ["dut", "nld"], regions: ["nl"]),
        .init(name: "Flemish", words: ["flemish"], iso1: nil, iso2: [], regions: ["be"]),
        .init(name: "Swedish", words: ["swedish", "swe"], iso1: "sv", iso2: ["swe"], regions: ["se"]),
        .init(name: "Norwegian", words: ["norwegian", "nor"], iso1: "no", iso2: ["nor"], regions: ["no"]),
        .init(name: "Danish", words: ["danish", "dan"], iso1: "da", iso2: ["dan"], regions: ["dk"]),
        .init(name: "Finnish", words: ["finnish", "fin"], iso1: "fi", iso2: ["fin"], regions: ["fi"]),
        .init(name: "Icelandic", words: ["icelandic", "ice"], iso1: "is", iso2: ["ice", "isl"], regions: ["is"]),
        .init(name: "Greek", words: ["greek", "gre"], iso1: "el", iso2: ["gre", "ell"], regions: ["gr"]),
        .init(name: "Turkish", words: ["turkish", "tur"], iso1: "tr", iso2: ["tur"], regions: ["tr"]),
        .init(name: "Hungarian", words: ["hungarian", "hun"], iso1: "hu", iso2: ["hun"], regions: ["hu"]),
        .init(name: "Czech", words: ["czech", "cze", "cz"], iso1: "cs", iso2: ["cze", "ces"], regions: ["cz"]),
        .init(name: "Slovak", words: ["slovak", "slo"], iso1: "sk", iso2: ["slo", "slk"], regions: ["sk"]),
        .init(name: "Hebrew", words: ["hebrew", "heb"], iso1: "he", iso2: ["heb"], regions: ["il"]),
        .init(name: "Arabic", words: ["arabic", "ara"], iso1: "ar", iso2: ["ara"], regions: []),
        .init(name: "Hindi", words: ["hindi", "hin"], iso1: "hi", iso2: ["hin"], regions: ["in"]),
        .init(name: "Tamil", words: ["tamil", "tam"], iso1: "ta", iso2: ["tam"], regions: ["in"]),
        .init(name: "Telugu", words: ["telugu", "tel"], iso1: "te", iso2: ["tel"], regions: ["in"]),
        .init(name: "Malayalam", words: ["malayalam", "mal"], iso1: "ml", iso2: ["mal"], regions: ["in"]),
        .init(name: "Kannada", words: ["kannada", "kan"], iso1: "kn", iso2: ["kan"], regions: ["in"]),
        .init(name: "Marathi", words: ["marathi"], iso1: "mr", iso2: ["mar"], regions: ["in"]),
        .init(name: "Bengali", words: ["bengali", "ben"], iso1: "bn", iso2: ["ben"], regions: ["bd", "in"]),
        .init(name: "Thai", words: ["thai", "tha"], iso1: "th", iso2: ["tha"], regions: ["th"]),
        .init(name: "Vietnamese", words: ["vietnamese", "vie"], iso1: "vi", iso2: ["vie"], regions: ["vn"]),
        .init(name: "Romanian", words: ["romanian", "rodubbed", "rum", "ron"], iso1: "ro", iso2: ["rum", "ron"], regions: ["ro"]),
        .init(name: "Bulgarian", words: ["bulgarian", "bgaudio", "bul"], iso1: "bg", iso2: ["bul"], regions: ["bg"]),
        .init(name: "Lithuanian", words: ["lithuanian", "lit"], iso1: "lt", iso2: ["lit"], regions: ["lt"]),
        .init(name: "Latvian", words: ["latvian", "lav", "lv", "lat"], iso1: "lv", iso2: ["lav"], regions: ["lv"]),
        .init(name: "Catalan", words: ["catalan", "catalán", "cat", "catala", "català"], iso1: "ca", iso2: ["cat"], regions: ["es"]),
        .init(name: "Persian", words: ["persian", "farsi", "per"], iso1: "fa", iso2: ["per", "fas"], regions: ["ir"]),
        .init(name: "Albanian", words: ["albanian", "alb"], iso1: "sq", iso2: ["alb", "sqi"], regions: ["al"]),
        .init(name: "Afrikaans", words: ["afrikaans"], iso1: "af", iso2: ["afr"], regions: ["za"]),
        .init(name: "Mongolian", words: ["mongolian", "khalkha"], iso1: "mn", iso2: ["mon", "khk", "mvf"], regions: ["mn", "cyrl"]),
        .init(name: "Tagalog", words: ["tagalog", "filipino"], iso1: "tl", iso2: ["tgl"], regions: ["ph"]),
        .init(name: "Uzbek", words: ["uzbek", "uzbekistan"], iso1: "uz", iso2: ["uzb"], regions: ["uz"]),
        .init(name: "Azerbaijani", words: ["azerbaijani", "azerbaijan"], iso1: "az", iso2: ["aze"], regions: ["az"]),
        .init(name: "Georgian", words: ["georgian", "geo"], iso1: "ka", iso2: ["geo", "kat"], regions: ["ge"]),
        .init(name: "Romansh", words: ["romansh", "romansch", "rumantsch"], iso1: "rm", iso2: ["roh"], regions: ["ch"]),
        .init(name: "Urdu", words: ["urdu"], iso1: "ur", iso2: ["urd"], regions: ["pk"]),
        .init(name: "Estonian", words: ["estonian", "est"], iso1: "et", iso2: ["est"], regions: ["ee"]),
        .init(name: "Serbian", words: ["serbian", "srp"], iso1: "sr", iso2: ["srp"], regions: ["rs"]),
        .init(name: "Croatian", words: ["croatian", "hrv"], iso1: "hr", iso2: ["hrv"], regions: ["hr"]),
        .init(name: "Slovenian", words: ["slovenian", "slv"], iso1: "sl", iso2: ["slv"], regions: ["si"]),
        .init(name: "Indonesian", words: ["indonesian"], iso1: "id", iso2: ["ind"], regions: ["id"]),
        .init(name: "Malay", words: ["malay"], iso1: "ms", iso2: ["may", "msa"], regions: ["my"]),
    ]

    static let wordIndex: WordMap<String> = {
        var m: [String: String] = [:]
        for e in languageTable { for w in e.words where m[w] == nil { m[w] = e.name } }
        return WordMap(m)
    }()

    /// Two-letter codes only count in upper case (`FR`, `PL`), where they are unlikely words.
    static let upperCodes: WordMap<String> = [
        "FR": "French", "PL": "Polish", "LT": "Lithuanian", "EN": "English", "SK": "Slovak", "KA": "Georgian",
        "LAT": "Latvian", "LV": "Latvian", "JA": "Japanese", "NL": "Dutch", "DE": "German", "ES": "Spanish", "IT": "Italian", "RU": "Russian", "HU": "Hungarian",
    ]

    /// Languages of a release name (display names); `["Unknown"]` when none is named.
    public static func parseLanguages(_ title: String, flavor: QualityFlavor = .series) -> [String] {
        guard title.utf8.count < 100_000 else { return ["Unknown"] }
        return languages(TokenList(title), flavor: flavor)
    }

    static func languages(_ list: TokenList, flavor: QualityFlavor) -> [String] {
        guard list.source.utf8.count < 100_000 else { return ["Unknown"] }
        // (The tables read once: each access to a global otherwise goes through `swift_once`.)
        let wordIndex = Self.wordIndex, upperCodes = Self.upperCodes
        var found: [String] = []
        func add(_ l: String) { if !found.contains(l) { found.append(l) } }
        // Chinese fansub markers count anywhere, group tag included (`[ABC字幕组]`, `国语音轨`).
        // (Indices, not `for tok in`: no token copies; the first byte gates the scalar walk.)
        for k in 0..<list.count where !list.tokens[k].isASCII {
            if Self.hasChineseMarker(list.texts[k]) { add("Chinese") }
        }
        // `(JA)`: a bracketed upper-case code names the audio even inside the title part.
        for k in 0..<list.count where list.tokens[k].end - list.tokens[k].start == 2 && list.separators[k].hasSuffixASCII("(") {
            if let l = upperCodes[list.original(k)], list.source.utf8.dropFirst(list.tokens[k].end).first == 41 { add(l) }
        }
        let start = languageScanStart(list)
        var i = start
        while i < list.count {
            let tok = list[i]
            let t = list.texts[i]
            let next = list.text(i + 1)
            // (All upper-case: the original bytes are the lower-cased ones minus 0x20, so the
            // table's byte filter is asked before the original spelling is cut.)
            if tok.end - tok.start <= 3, tok.isAllUpper,
               upperCodes.filter.mayContain(length: tok.end - tok.start, first: tok.first &- 32, last: tok.last &- 32),
               let l = upperCodes[list.original(i)] {
                // Not: `DTS-ES` (a sound format), `[YTS.LT]` (a group), `PL-SUB`/`SUB-PL` (subtitles).
                let prev = list.text(i - 1)
                if prev != "dts" && prev != "yts" && prev != "sub" && next != "sub" { add(l) }
            }
            // (The first byte is compared before each string: most tokens fail it.)
            else if tok.first == 112, t == "pl" && next == "dub" { add("Polish") }
            else if tok.first == 112, t == "pt" && next == "br" { add("Portuguese (Brazil)") }
            else if tok.first == 98, t == "bg" && next == "audio" { add("Bulgarian") }
            else if tok.first == 103, list.original(i) == "GB", list.separators[i].hasSuffixASCII("[") { add("Chinese") }  // `[GB]` simplified Chinese
            else if tok.first == 111, t == "original" || t == "orig" { add("Original") }
            else if tok.last == 108, t == "dl" || t == "ml", i > 0, list.text(i - 1) != "web", found.contains(where: { $0 != "English" && $0 != "Original" }) {
                // `German.DL` (dual language) and `German.ML` (multi) also carry the original
                // audio; ML adds English. (`WEB-DL` is a source, not a language marker.)
                add("Original")
                if t == "ml" { add("English") }
            }
            else if tok.first == 115, t == "sub" || t == "subs" || t == "subbed" {
                // `Sub Ita Eng`: subtitle languages that follow are not audio languages.
                if i > start, i + 1 < list.count, wordIndex[next] != nil {
                    var j = i + 1
                    while j < list.count, wordIndex[list.text(j)] != nil { j += 1 }
                    i = j; continue
                }
            } else if let l = wordIndex[list, at: i]
                        ?? (tok.first <= 57 || tok.last == 98 || tok.last == 100 ? dubbedLanguage(t) : nil) {
                // `Ger.Eng.Sub`: a run of short codes right before `Sub` lists subtitles.
                if t.utf8.count <= 3, Self.codesBeforeSub(list, from: i) { i += 1; continue }
                let original = list.original(i), separator = list.separators[i]
                if t.fastCount <= 3, original.first?.isLowercase == true, original.fastCount == 3,
                   !(separator.containsASCII(".") || separator.containsASCII("-") || separator.containsASCII(" ") || separator.containsASCII("_")) {
                    i += 1; continue
                }
                add(l)
            }
            i += 1
        }
        return found.isEmpty ? ["Unknown"] : found
    }

    /// `字幕` (subtitles), `繁`/`简`/`簡` (traditional/simplified), `国语`/`國語` (Mandarin audio).
    static func hasChineseMarker(_ t: String) -> Bool {
        var prev: UInt32 = 0
        for scalar in t.unicodeScalars {
            let v = scalar.value
            if v == 0x7E41 || v == 0x7B80 || v == 0x7C21 { return true }
            if prev == 0x5B57 && v == 0x5E55 { return true }
            if (prev == 0x56FD || prev == 0x570B) && (v == 0x8BED || v == 0x8A9E) { return true }
            prev = v
        }
        return false
    }

    /// True when tokens from `i` are short language codes ending right before `sub`.
    static func codesBeforeSub(_ list: TokenList, from i: Int) -> Bool {
        var j = i
        while j < list.count, list.text(j).utf8.count <= 3, wordIndex[list.text(j)] != nil {
            j += 1
            guard j < list.count, list.separators[j] == "." || list.separators[j] == "-" else { return false }
        }
        return list.text(j) == "sub" || list.text(j) == "subs"
    }

    /// `HebDub`, `HUNDUB`, `HebDubbed`, `2xUkr`, `4xUkr`: a language code with a dub marker or
    /// a track count glued to it.
    static func dubbedLanguage(_ t: String) -> String? {
        // On bytes: most tokens fail the first checks.
        let u = t.utf8
        guard u.count >= 3, let f = t.firstByte, let l = t.lastByte else { return nil }
        if f >= 48 && f <= 57 {
            guard l >= 97 && l <= 122 else { return nil }
            // On bytes: the digits (and an `x`) are skipped, and the word filter is asked
            // before any string is cut (`1080p`, `10bit` fail here).
            return t.withBytes { b -> String? in
                var k = 0
                while k < b.count, b[k] >= 48, b[k] <= 57 { k += 1 }
                if k < b.count, b[k] == 120 { k += 1 }
                let n = b.count - k
                guard n >= 2, n <= 10, wordIndex.filter.mayContain(length: n, first: b[k], last: l) else { return nil }
                return wordIndex[String(decoding: UnsafeBufferPointer(rebasing: b[k...]), as: UTF8.self)]
            }
        }
        if l == 98, u.count >= 5, t.hasSuffixASCII("dub") { return wordIndex[String(Substring(u.dropLast(3)))] }
        if l == 100, u.count >= 8, t.hasSuffixASCII("dubbed") { return wordIndex[String(Substring(u.dropLast(6)))] }
        return nil
    }

    static let scanStartWords: WordSet = ["hdtv", "webrip", "webdl", "bluray", "dvdrip", "bdrip", "web", "season", "temporada", "stagione"]

    /// Index of the first token after the title (episode marker, year or quality).
    static func languageScanStart(_ list: TokenList) -> Int {
        for i in 1..<max(list.count, 1) {
            let tok = list[i]
            let f = tok.first, len = tok.end - tok.start
            // (Token fields gate each test; the text is read only for the tests that need it.)
            if len >= 4, list.texts[i].containsByte(115), EpisodeScanner.parseSE(list.texts[i]) != nil { return i }
            if f >= 48 && f <= 57, EpisodeScanner.parseNxN(list.texts[i]) != nil { return i }
            if f == 115, len >= 2 {
                // `s01`: on bytes for ASCII tokens (a byte is a Character there).
                let t = list.texts[i]
                if tok.isASCII ? len <= 4 && t.isLetterThenDigits(115)
                    : t.fastCount >= 2 && t.fastCount <= 4 && t.dropFirst().allSatisfy(\.isNumber) { return i }
            }
            let t = list.texts[i]
            if list[i].isDigits, t.utf8.count == 4, (1900...2100).contains(list[i].number) { return i }
            if QualityScanner.resolutionWords[list, at: i] != nil || scanStartWords.contains(list, at: i) { return i }
            // `ENG-FRE-ITA`: a list of languages is not part of a title.
            if t.utf8.count == 3, list[i].isAllUpper, wordIndex[t] != nil,
               list.text(i + 1).utf8.count == 3, wordIndex[list.text(i + 1)] != nil { return i }
        }
        return 0
    }

    /// Language named by an ISO 639 code (`en`, `eng`, `en-US`), nil when unknown.
    public static func findIsoLanguage(_ code: String) -> String? {
        let parts = code.lowercased().split(separator: "-").map(String.init)
        guard let lang = parts.first, parts.count <= 2 else { return nil }
        for e in languageTable {
            let matches = (lang.count == 2 && e.iso1 == lang) || (lang.count == 3 && e.iso2.contains(lang))
            guard matches else { continue }
            if parts.count == 2 {
                if e.name == "Portuguese", parts[1] == "br" { return "Portuguese (Brazil)" }
                return e.regions.contains(parts[1]) ? e.name : nil
            }
            return e.name
        }
        return nil
    }

    /// Language of a subtitle file name such as `Show.S01E01.en.forced.srt`.
    public static func parseSubtitleLanguage(_ fileName: String) -> String {
        parseSubtitleLanguageInfo(fileName).language
    }

    static let subtitleTags: WordSet = ["forced", "default", "sdh", "cc", "hi", "foreign"]

    /// Language, tags (`forced`, `default`...) and title of a subtitle file name.
    public static func parseSubtitleLanguageInfo(_ fileName: String) -> SubtitleLanguageInfo {
        var info = SubtitleLanguageInfo()
        var parts = fileName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return info }
        parts.removeLast() // extension
        // `Movie-Title-eng-forced`: without dots, dashes separate the trailing fields.
        if parts.count == 1, parts[0].containsASCII("-") {
            parts = parts[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        }
        // After the video's own name come, in any order, tags (`forced`, `default`...), one
        // language and at most one free title (`Name.testtitle.default.eng.forced.ass`).
        var tags: [String] = []
        var language: String?
        var title: String?
        var k = parts.count - 1
        while k >= 1 {
            let p = parts[k]
            let lower = p.lowercased()
            if subtitleTags.contains(lower) {
                tags.insert(lower, at: 0)
            } else if language == nil, p.count <= 7, let l = findIsoLanguage(p) ?? wordIndex[lower] {
                language = l
            } else if language == nil, title == nil, let dash = p.firstIndex(of: "-"), p.distance(from: p.startIndex, to: dash) <= 3,
                      let l = findIsoLanguage(String(p[..<dash])) {
                // `ru-something-else`: language, then the title.
                language = l
                title = String(p[p.index(after: dash)...])
            } else if title == nil, k >= 1, !p.isEmpty, !p.contains(where: { "[]()".contains($0) }), p.count < 40 {
                title = Self.withoutCopyNumber(p)
            } else {
                break
            }
            k -= 1
        }
        guard let language else { return info }
        info.language = language
        info.tags = tags.sorted()
        if let title { info.title = title; info.rawTitle = title }
        return info
    }

    /// `mytitle - 1` → `mytitle`: a trailing ` - N` numbers copies, it is not part of the title.
    static func withoutCopyNumber(_ t: String) -> String {
        guard let r = t.lastRange(of: " - "), !t[r.upperBound...].isEmpty, t[r.upperBound...].allSatisfy({ $0.isNumber }) else { return t }
        return String(t[..<r.lowerBound])
    }
}
