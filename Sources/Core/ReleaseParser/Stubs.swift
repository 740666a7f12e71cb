extension ReleaseParser {
    public static func parseMovie(_ title: String, isDirectory: Bool = false) -> ParsedMovieInfo? { nil }
    public static func parseMoviePath(_ path: String) -> ParsedMovieInfo? { nil }
    public static func parseReleaseGroup(_ title: String) -> String? { nil }
    public static func parseLanguages(_ title: String, flavor: QualityFlavor = .series) -> [String] { [] }
    public static func parseSubtitleLanguage(_ fileName: String) -> String { "Unknown" }
    public static func parseSubtitleLanguageInfo(_ fileName: String) -> SubtitleLanguageInfo { SubtitleLanguageInfo() }
    public static func findIsoLanguage(_ code: String) -> String? { nil }
}
