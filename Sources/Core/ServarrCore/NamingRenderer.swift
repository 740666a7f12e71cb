/// Turns parsed nodes into text for one set of values (before file-system cleaning).
struct NamingRenderer {
    let values: NamingValues
    let options: NamingOptions

    func render(_ nodes: [NamingNode]) -> String {
        var text = ""
        for node in nodes {
            switch node {
            case .literal(let literal):
                text += literal
            case .token(let token):
                text += render(token)
            case .seasonEpisode(let seasonPrefix, let season, let episodeSeparator, let episode, let duplicateSeparator):
                text += renderSeasonEpisode(
                    seasonPrefix: seasonPrefix, season: season, separator: episodeSeparator, episode: episode,
                    duplicateSeparator: duplicateSeparator)
            }
        }
        return text
    }

    func render(_ token: NamingToken) -> String {
        decorate(rawValue(token), token: token)
    }

    /// Applies the token's separator and case, and its optional section.
    func decorate(_ value: String, token: NamingToken) -> String {
        guard !value.isEmpty else { return "" }
        var text = value
        if token.key == "air date" {
            text = String(text.map { $0 == "-" ? token.separator : $0 })
        } else if token.separator != " " {
            text = String(text.map { $0 == " " ? token.separator : $0 })
        }
        switch token.casing {
        case .asIs: break
        case .lower: text = text.lowercased()
        case .upper: text = text.uppercased()
        }
        return token.prefix + text + token.suffix
    }

    // MARK: - Episodes

    func renderSeasonEpisode(
        seasonPrefix: String, season: NamingToken, separator: String, episode: NamingToken, duplicateSeparator: String
    ) -> String {
        let seasonText = decorate(padded(values.seasonNumber, season.format), token: season)
        let numbers = values.episodeNumbers.map { padded($0, episode.format) }
        guard let first = numbers.first else { return seasonPrefix + seasonText + separator }
        let head = seasonPrefix + seasonText + separator
        guard numbers.count > 1, let last = numbers.last else { return head + first + episode.suffix }
        // What repeats before each further episode: "E", "x" (without a leading "-"/"." of the pattern).
        let marker = String(separator.drop { NamingParser.wordSeparators.contains($0) })
        let body: String =
            switch options.multiEpisodeStyle {
            case .extend: head + numbers.joined(separator: "-")
            case .duplicate: numbers.map { head + $0 }.joined(separator: duplicateSeparator)
            case .repeat: head + numbers.joined(separator: marker)
            case .scene: head + numbers.joined(separator: "-" + marker)
            case .range: head + first + "-" + last
            case .prefixedRange: head + first + "-" + marker + last
            }
        return body + episode.suffix
    }

    /// Episode or absolute numbers outside an `S..E..` pattern.
    func numberList(_ numbers: [Int], format: String?) -> String {
        let texts = numbers.map { padded($0, format) }
        guard let first = texts.first else { return "" }
        guard texts.count > 1, let last = texts.last else { return first }
        switch options.multiEpisodeStyle {
        case .range, .prefixedRange: return first + "-" + last
        default: return texts.joined(separator: "-")
        }
    }

    /// `{season:00}` pads to as many digits as the format has zeros.
    func padded(_ number: Int?, _ format: String?) -> String {
        guard let number else { return "" }
        let digits = String(number)
        let width = format?.filter { $0 == "0" }.count ?? 0
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: - Values

    func rawValue(_ token: NamingToken) -> String {
        let key = token.key
        if key.hasPrefix("series "), let variant = key.split(separator: " ").last, variant != "year" {
            return NamingTitles.truncate(
                NamingTitles.variant(String(variant), title: values.seriesTitle, year: values.seriesYear), to: token.format)
        }
        if key.hasPrefix("movie "), let variant = key.split(separator: " ").last,
            NamingTokens.titleVariants.contains(String(variant))
        {
            return NamingTitles.truncate(
                NamingTitles.variant(String(variant), title: values.movieTitle, year: values.movieYear), to: token.format)
        }
        switch key {
        case "series year": return values.seriesYear.map(String.init) ?? ""
        case "release year": return values.movieYear.map(String.init) ?? ""
        case "movie originaltitle": return values.movieOriginalTitle ?? ""
        case "movie cleanoriginaltitle": return values.movieOriginalTitle.map(NamingTitles.clean) ?? ""
        case "movie collection": return values.movieCollection ?? ""
        case "movie certification": return values.movieCertification ?? ""
        case "edition tags": return values.edition ?? ""
        case "imdbid": return values.imdbId ?? ""
        case "tvdbid": return positive(values.tvdbId)
        case "tmdbid": return positive(values.tmdbId)
        case "tvmazeid": return positive(values.tvMazeId)
        case "season": return padded(values.seasonNumber, token.format)
        case "episode": return numberList(values.episodeNumbers, format: token.format)
        case "absolute": return numberList(values.absoluteEpisodeNumbers, format: token.format)
        case "air date": return values.airDate ?? ""
        case "episode title":
            return NamingTitles.truncate(NamingTitles.episodeTitle(values.episodeTitles), to: token.format)
        case "episode cleantitle":
            return NamingTitles.truncate(NamingTitles.clean(NamingTitles.episodeTitle(values.episodeTitles)), to: token.format)
        case "quality full": return [values.qualityTitle ?? "", qualityProper, qualityReal].filter { !$0.isEmpty }.joined(separator: " ")
        case "quality title": return values.qualityTitle ?? ""
        case "quality proper": return qualityProper
        case "quality real": return qualityReal
        case "release group": return values.releaseGroup ?? ""
        case "original title": return values.originalTitle ?? ""
        case "original filename": return values.originalFilename ?? ""
        case "custom formats": return customFormats(filter: token.format)
        case "custom format":
            guard let wanted = token.format?.lowercased() else { return "" }
            return values.customFormats.first { $0.lowercased() == wanted } ?? ""
        default: return values.extraTokens[key] ?? ""
        }
    }

    var qualityProper: String {
        values.isRepack ? "Repack" : values.isProper ? "Proper" : ""
    }

    var qualityReal: String { values.isReal ? "REAL" : "" }

    func positive(_ number: Int?) -> String {
        guard let number, number > 0 else { return "" }
        return String(number)
    }

    /// `{Custom Formats}` all of them; `{Custom Formats:A,B}` only those; `{Custom Formats:-A}` all but A.
    func customFormats(filter: String?) -> String {
        guard let filter, !filter.isEmpty else { return values.customFormats.joined(separator: " ") }
        let names = filter.split(separator: ",").map { String($0).providerTrimmed().lowercased() }
        let excluded = Set(names.filter { $0.hasPrefix("-") }.map { String($0.dropFirst()) })
        let included = Set(names.filter { !$0.hasPrefix("-") })
        return values.customFormats.filter { name in
            let lowered = name.lowercased()
            if excluded.contains(lowered) { return false }
            return included.isEmpty || included.contains(lowered)
        }.joined(separator: " ")
    }
}
