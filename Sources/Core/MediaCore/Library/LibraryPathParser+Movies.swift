import Foundation
import ReleaseParser

extension LibraryPathParser {
    /// Folders that only hold disc structure or stacked parts; the movie's name is above them.
    static let containerFolderPrefixes = ["video_ts", "bdmv", "stream", "cd", "disc", "disk", "dvd", "part"]

    /// Identifies a movie. A deliberately named folder (`Movie (Year)`, or with a provider tag)
    /// wins over the file name, because users rename folders and leave release file names alone;
    /// a scene-style name with a year beats a bare one; a bare folder name beats a bare file name.
    public static func movie(for path: RelativeMediaPath) -> MovieIdentity? {
        var stem = path.fileStem
        let partNumber = takePartNumber(&stem)
        let file = tidyOrSceneName(stem, isDirectory: false)
        let folderName = path.folders.reversed().first(where: { !isContainerFolder($0) })
        let folder = folderName.map { tidyOrSceneName($0, isDirectory: true) }

        let chosen: MediaFolderName
        if let folder, folder.name.hasIdentifyingDetails {
            chosen = folder.name
        } else if file.name.hasIdentifyingDetails {
            chosen = file.name
        } else if let folder, !folder.name.title.isEmpty {
            chosen = folder.name
        } else {
            chosen = file.name
        }
        guard !chosen.title.isEmpty else { return nil }

        var providerIds = chosen.providerIds
        for (provider, id) in file.name.providerIds where providerIds[provider] == nil { providerIds[provider] = id }
        let edition = chosen.edition ?? file.name.edition ?? file.versionLabel ?? file.sceneEdition
        return MovieIdentity(title: chosen.title, year: chosen.year, providerIds: providerIds, edition: edition, partNumber: partNumber)
    }

    public static func movie(for path: String) -> MovieIdentity? {
        movie(for: RelativeMediaPath(path))
    }

    static func isContainerFolder(_ name: String) -> Bool {
        let lower = name.lowercased().replacingOccurrences(of: " ", with: "")
        return containerFolderPrefixes.contains { prefix in
            lower == prefix || (lower.hasPrefix(prefix) && lower.dropFirst(prefix.count).allSatisfy(\.isASCIIDigit))
        }
    }

    /// A name read both ways: the tidy Jellyfin form, else the scene form via `ReleaseParser`.
    struct ReadName {
        var name: MediaFolderName
        /// `Movie (2010) - Director's Cut` → `Director's Cut` (Jellyfin's multi-version naming).
        var versionLabel: String?
        /// Edition found by `ReleaseParser` in a scene name (`Movie.2010.Extended.1080p`).
        var sceneEdition: String?
    }

    static func tidyOrSceneName(_ text: String, isDirectory: Bool) -> ReadName {
        let tidy = MediaFolderName(parsing: text)
        if tidy.hasIdentifyingDetails { return ReadName(name: tidy) }
        // `Title (Year) - Label`: split at the first ` - ` whose left side is a tidy name with details.
        var searchStart = text.startIndex
        while let dash = text.range(of: " - ", range: searchStart..<text.endIndex) {
            let left = MediaFolderName(parsing: String(text[..<dash.lowerBound]))
            let label = text[dash.upperBound...].trimmingCharacters(in: .whitespaces)
            if left.hasIdentifyingDetails { return ReadName(name: left, versionLabel: label.isEmpty ? nil : label) }
            searchStart = dash.upperBound
        }
        if let scene = ReleaseParser.parseMovie(text, isDirectory: isDirectory), scene.year != nil,
           let title = scene.movieTitles.first, !title.isEmpty {
            var ids: [MetadataProvider: String] = [:]
            if let tmdb = scene.tmdbId { ids[.tmdb] = MetadataProvider.tmdb.normalizedID(String(tmdb)) }
            if let imdb = scene.imdbId { ids[.imdb] = MetadataProvider.imdb.normalizedID(imdb) }
            return ReadName(name: MediaFolderName(title: title, year: scene.year, providerIds: ids), sceneEdition: scene.edition)
        }
        return ReadName(name: tidy)
    }

    /// Strips a trailing stacking marker (`- part1`, `.cd2`, ` disc 3`, `pt1`) and returns its number.
    /// The marker must follow a separator, so titles merely ending in digits are untouched.
    static func takePartNumber(_ stem: inout String) -> Int? {
        let characters = Array(stem.suffix(32))
        let prefixLength = stem.count - characters.count
        let separators: Set<Character> = [" ", ".", "_", "-"]
        let digits = characters.reversed().prefix(while: \.isASCIIDigit)
        guard (1...2).contains(digits.count), let number = Int(String(digits.reversed())), number > 0 else { return nil }
        var end = characters.count - digits.count
        while end > 0, separators.contains(characters[end - 1]) { end -= 1 }
        for keyword in ["part", "disc", "disk", "cd", "dvd", "pt"] {
            let start = end - keyword.count
            guard start > 0, String(characters[start..<end]).lowercased() == keyword,
                  separators.contains(characters[start - 1]) else { continue }
            var cut = start
            while cut > 0, separators.contains(characters[cut - 1]) { cut -= 1 }
            guard cut > 0 else { return nil }
            stem = String(stem.prefix(prefixLength + cut))
            return number
        }
        return nil
    }
}
