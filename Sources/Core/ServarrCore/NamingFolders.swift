/// Folder names for the add flow (path = root folder + "/" + name), from the naming settings.
/// A format that does not parse falls back to the app's default.
public enum FolderNaming {
    public static func seriesFolder(title: String, year: Int?, tvdbId: Int?, config: NamingConfig) -> String {
        let values = NamingValues(seriesTitle: title, seriesYear: year, tvdbId: tvdbId)
        return render(config.seriesFolderFormat, fallback: NamingConfig.defaults(for: .sonarr).seriesFolderFormat,
            values: values, config: config)
    }

    public static func movieFolder(title: String, year: Int?, tmdbId: Int?, imdbId: String?, config: NamingConfig)
        -> String
    {
        let values = NamingValues(movieTitle: title, movieYear: year, imdbId: imdbId, tmdbId: tmdbId)
        return render(config.movieFolderFormat, fallback: NamingConfig.defaults(for: .radarr).movieFolderFormat,
            values: values, config: config)
    }

    /// "Season 1" (or the configured format); season 0 uses the specials format.
    public static func seasonFolder(season: Int, config: NamingConfig) -> String {
        let defaults = NamingConfig.defaults(for: .sonarr)
        let format = season == 0 ? config.specialsFolderFormat : config.seasonFolderFormat
        let fallback = season == 0 ? defaults.specialsFolderFormat : defaults.seasonFolderFormat
        return render(format, fallback: fallback, values: NamingValues(seasonNumber: season), config: config)
    }

    static func render(_ format: String, fallback: String, values: NamingValues, config: NamingConfig) -> String {
        let template = (try? NamingTemplate(format)) ?? (try? NamingTemplate(fallback))
        // Folder names are one component: a "/" in the format would create nesting the add flow
        // does not expect, so it is cleaned like a character of the name.
        let rendered = template?.render(values, options: config.options) ?? ""
        return NamingFileName.clean(rendered.replacingSlashes().withoutEmptyBrackets(), options: config.options)
    }
}

extension String {
    fileprivate func replacingSlashes() -> String {
        String(map { $0 == "/" ? " " : $0 })
    }

    /// "Title ()" for a movie without a known year becomes "Title": drops "()" and "[]" pairs
    /// that hold only spaces.
    fileprivate func withoutEmptyBrackets() -> String {
        var result = ""
        var index = startIndex
        while index < endIndex {
            let character = self[index]
            if character == "(" || character == "[" {
                let closing: Character = character == "(" ? ")" : "]"
                if let close = self[index...].firstIndex(of: closing),
                    self[self.index(after: index)..<close].allSatisfy({ $0 == " " })
                {
                    index = self.index(after: close)
                    continue
                }
            }
            result.append(character)
            index = self.index(after: index)
        }
        return result
    }
}
