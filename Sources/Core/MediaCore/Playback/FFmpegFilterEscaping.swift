/// Escaping for text placed inside an ffmpeg filter graph passed as one argument (no shell).
/// ffmpeg unescapes twice: once when splitting the graph (`\ ' [ ] , ;` are special) and once
/// when splitting a filter's options (`\ ' :`). Each level escapes with a backslash.
public enum FFmpegFilterEscaping {
    /// Escapes a filter option value (first level): `\`, `'`, `:`.
    public static func optionValue(_ text: String) -> String {
        escape(text, special: "\\':")
    }

    /// Escapes text for the filter graph (second level): `\`, `'`, `[`, `]`, `,`, `;`.
    public static func graph(_ text: String) -> String {
        escape(text, special: "\\'[],;")
    }

    /// A `subtitles=` filter reading `path`, optionally the `streamIndex`-th subtitle stream in it.
    public static func subtitlesFilter(path: String, streamIndex: Int?) -> String {
        var filter = "subtitles=filename=" + graph(optionValue(path))
        if let streamIndex { filter += ":si=\(streamIndex)" }
        return filter
    }

    static func escape(_ text: String, special: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            if special.contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
