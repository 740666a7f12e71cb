import Foundation
import MediaCore
import ReleaseParser
import ServarrCore

/// A media file found in an item's folder.
struct FoundFile: Sendable, Equatable {
    /// Relative to the item's folder.
    var relativePath: String
    var path: String
    var size: Int64
}

/// Why a file in a series or movie folder was not linked; the library import shows these.
struct UnmatchedFile: Codable, Sendable, Equatable, Error {
    var path: String
    var reason: String
}

/// Walks an item's folder for media files (videos only; samples, extras, hidden files and
/// partial downloads skipped), with bounds so a looping or huge tree cannot stall a scan.
enum FolderScanner {
    static let maxFiles = 20_000
    static let maxDepth = 8

    static func videos(in folder: String, libraryKind: LibraryKind) -> [FoundFile] {
        var found: [FoundFile] = []
        var pending: [(path: String, relative: String, depth: Int)] = [(folder, "", 0)]
        let manager = FileManager.default
        while let (path, relative, depth) = pending.popLast(), found.count < maxFiles {
            guard let names = try? manager.contentsOfDirectory(atPath: path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = path + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                guard let attributes = try? manager.attributesOfItem(atPath: child),
                    let type = attributes[.type] as? FileAttributeType
                else { continue }
                if type == .typeDirectory {
                    if depth < maxDepth { pending.append((child, childRelative, depth + 1)) }
                    continue
                }
                guard type == .typeRegular else { continue }  // symlinks are not followed out of the folder
                let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
                let classification = MediaFileClassifier.classify(
                    RelativeMediaPath("item/" + childRelative), libraryKind: libraryKind, fileSize: size)
                guard case .media(.video) = classification else { continue }
                found.append(FoundFile(relativePath: childRelative, path: child, size: size))
            }
        }
        return found
    }

    /// Which episodes a file holds, from the folder layout and the file name; nil with a reason
    /// when it cannot be told.
    static func episodes(
        for file: FoundFile, seriesFolderName: String, seriesType: String, episodes: [EpisodeRecord]
    ) -> Result<[EpisodeRecord], UnmatchedFile> {
        let identity = LibraryPathParser.episode(for: seriesFolderName + "/" + file.relativePath)
        let parsed = ReleaseParser.parsePath(file.relativePath)
        func unmatched(_ reason: String) -> Result<[EpisodeRecord], UnmatchedFile> {
            .failure(UnmatchedFile(path: file.path, reason: reason))
        }
        if let date = identity?.airDate?.description ?? parsed?.airDate {
            let matches = episodes.filter { $0.airDate == date }
            return matches.isEmpty ? unmatched("no episode aired on \(date)") : .success(matches)
        }
        let absolute = identity?.absoluteEpisodeNumbers ?? parsed?.absoluteEpisodeNumbers.map { Int($0) } ?? []
        let numbers = identity?.episodeNumbers.isEmpty == false ? identity?.episodeNumbers ?? [] : parsed?.episodeNumbers ?? []
        if seriesType == "anime" || numbers.isEmpty, !absolute.isEmpty {
            let wanted = Set(absolute)
            let matches = episodes.filter { $0.absoluteEpisodeNumber.map(wanted.contains) ?? false }
            if !matches.isEmpty { return .success(matches) }
            if numbers.isEmpty { return unmatched("absolute episode \(absolute.map(String.init).joined(separator: ", ")) is not in the series' episode list") }
        }
        guard !numbers.isEmpty else { return unmatched("no season and episode number in the name") }
        let season = identity?.seasonNumber ?? parsed.map(\.seasonNumber) ?? 1
        let wanted = Set(numbers)
        let matches = episodes.filter { $0.seasonNumber == season && wanted.contains($0.episodeNumber) }
        guard !matches.isEmpty else {
            let label = numbers.map { String(format: "S%02dE%02d", season, $0) }.joined(separator: ", ")
            return unmatched("\(label) is not in the series' episode list")
        }
        return .success(matches)
    }

    /// Quality, group and languages as the file name tells them.
    static func facts(fileName: String, app: ServarrApp, fallbackLanguage: ServarrLanguage)
        -> (quality: QualityModel, releaseGroup: String?, languages: [ServarrLanguage], edition: String?)
    {
        let flavor: QualityFlavor = app == .sonarr ? .series : .movie
        let parsedQuality = ReleaseParser.parseQuality(fileName, flavor: flavor)
        let quality = QualityModel(
            quality: QualityCatalog.quality(of: parsedQuality, for: app),
            revision: QualityRevision(
                version: parsedQuality.revision.version, real: parsedQuality.revision.real, isRepack: parsedQuality.revision.isRepack))
        let languages = ReleaseParser.parseLanguages(fileName, flavor: flavor)
            .compactMap { LanguageCatalog.language(named: $0, for: app) }
            .filter { $0.id > 0 }
        let group: String?
        let edition: String?
        if app == .sonarr {
            group = ReleaseParser.parseEpisode(fileName)?.releaseGroup
            edition = nil
        } else {
            let movie = ReleaseParser.parseMovie(fileName)
            group = movie?.releaseGroup
            edition = movie?.edition
        }
        return (quality, group, languages.isEmpty ? [fallbackLanguage] : languages, edition)
    }
}
