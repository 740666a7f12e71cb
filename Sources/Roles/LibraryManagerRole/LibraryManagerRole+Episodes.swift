import Foundation
import Hummingbird
import KinoraHTTP
import Logging
import ServarrCore

/// `/api/v3/episode` and `/api/v3/episodefile`: what Bazarr reads, and Jellyseerr's monitoring calls.
extension LibraryManagerRole {
    func addEpisodeRoutes(to api: RouterGroup<KinoraRequestContext>) {
        api.get("episode") { request, _ in
                        let includeSeries = request.queryValue(named: "includeSeries").map { $0.lowercased() == "true" } ?? false
            let includeFile = request.queryValue(named: "includeEpisodeFile").map { $0.lowercased() == "true" } ?? false
            let episodes: [EpisodeRecord]
            if let seriesId = request.queryValue(named: "seriesId").flatMap({ Int64($0) }) {
                let season = request.queryValue(named: "seasonNumber").flatMap { Int($0) }
                episodes = try await store.episodes(seriesId: seriesId, seasonNumber: season)
            } else if let ids = request.queryValue(named: "episodeIds").map(Self.ids), !ids.isEmpty {
                episodes = try await store.episodes(ids: ids)
            } else if let fileId = request.queryValue(named: "episodeFileId").flatMap({ Int64($0) }) {
                episodes = try await store.episodes(fileId: fileId)
            } else {
                throw ServarrValidationError([
                    ServarrValidationFailure(propertyName: "SeriesId", errorMessage: "seriesId, episodeIds or episodeFileId must be provided", attemptedValue: nil, errorCode: "BadRequest")
                ])
            }
            return try Response.json(try await episodeResources(episodes, includeSeries: includeSeries, includeFile: includeFile))
        }
        api.get("episode/{id}") { _, context in
            guard let episode = try await store.episode(id: try Self.id(context)) else { throw ServarrNotFound("Episode not found") }
            return try Response.json(try await episodeResources([episode], includeSeries: true, includeFile: true)[0])
        }
        api.put("episode/monitor") { request, context in
            let body = try await request.decodeServarrBody(EpisodesMonitoredResource.self, context: context)
            try await store.setEpisodesMonitored(ids: body.episodeIds, monitored: body.monitored)
            return try Response.json(try await episodeResources(try await store.episodes(ids: body.episodeIds), includeSeries: false, includeFile: false), status: .accepted)
        }
        api.put("episode/{id}") { request, context in
            let id = try Self.id(context)
            let body = try await request.decodeServarrBody(EpisodeResource.self, context: context)
            guard try await store.episode(id: id) != nil else { throw ServarrNotFound("Episode not found") }
            if let monitored = body.monitored { try await store.setEpisodesMonitored(ids: [id], monitored: monitored) }
            guard let episode = try await store.episode(id: id) else { throw ServarrNotFound("Episode not found") }
            return try Response.json(try await episodeResources([episode], includeSeries: false, includeFile: false)[0], status: .accepted)
        }

        api.get("episodefile") { request, _ in
                        let files: [EpisodeFileRecord]
            if let seriesId = request.queryValue(named: "seriesId").flatMap({ Int64($0) }) {
                files = try await store.episodeFiles(seriesId: seriesId)
            } else if let ids = request.queryValue(named: "episodeFileIds").map(Self.ids), !ids.isEmpty {
                files = try await store.episodeFiles(ids: ids)
            } else {
                throw ServarrValidationError([
                    ServarrValidationFailure(propertyName: "SeriesId", errorMessage: "seriesId or episodeFileIds must be provided", attemptedValue: nil, errorCode: "BadRequest")
                ])
            }
            return try Response.json(try await episodeFileResources(files))
        }
        api.get("episodefile/{id}") { _, context in
            guard let file = try await store.episodeFile(id: try Self.id(context)) else { throw ServarrNotFound("Episode file not found") }
            return try Response.json(try await episodeFileResources([file])[0])
        }
        api.put("episodefile/{id}") { request, context in
            guard var file = try await store.episodeFile(id: try Self.id(context)) else { throw ServarrNotFound("Episode file not found") }
            let body = try await request.decodeServarrBody(EpisodeFileResource.self, context: context)
            if let quality = body.quality { file.quality = try checkedQuality(quality) }
            if let languages = body.languages { file.languages = languages }
            if let group = body.releaseGroup { file.releaseGroup = group }
            if let scene = body.sceneName { file.sceneName = scene }
            try await store.updateEpisodeFile(file)
            return try Response.json(try await episodeFileResources([file])[0], status: .accepted)
        }
        api.delete("episodefile/{id}") { _, context in
            let id = try Self.id(context)
            guard let file = try await store.episodeFile(id: id) else { throw ServarrNotFound("Episode file not found") }
            try await deleteMediaFile(file.path)
            _ = try await store.deleteEpisodeFile(id: id)
            return Response(status: .ok)
        }
    }

    /// A file's quality as a client corrects it: the catalog's entry for the id sent, and its revision.
    func checkedQuality(_ model: QualityModel) throws -> QualityModel {
        guard let known = QualityCatalog.quality(id: model.quality.id, for: app) else {
            throw ServarrValidationError([
                ServarrValidationFailure(
                    propertyName: "Quality", errorMessage: "Unknown quality id \(model.quality.id)", attemptedValue: String(model.quality.id),
                    errorCode: "QualityValidator")
            ])
        }
        return QualityModel(quality: known, revision: model.revision)
    }

    static func ids(_ text: some StringProtocol) -> [Int64] {
        text.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }

    func episodeResources(_ episodes: [EpisodeRecord], includeSeries: Bool, includeFile: Bool) async throws -> [EpisodeResource] {
        var seriesById: [Int64: SeriesResource] = [:]
        if includeSeries {
            for seriesId in Set(episodes.map(\.seriesId)) {
                if let series = try await store.series(id: seriesId) { seriesById[seriesId] = try await seriesResource(series) }
            }
        }
        var filesById: [Int64: EpisodeFileResource] = [:]
        if includeFile {
            let fileIds = Array(Set(episodes.compactMap(\.episodeFileId)))
            for file in try await episodeFileResources(try await store.episodeFiles(ids: fileIds)) {
                if let id = file.id { filesById[id] = file }
            }
        }
        return episodes.map { episode in
            EpisodeResource(
                id: episode.id, seriesId: episode.seriesId, tvdbId: episode.tvdbId ?? 0, episodeFileId: episode.episodeFileId ?? 0,
                seasonNumber: episode.seasonNumber, episodeNumber: episode.episodeNumber, title: episode.title ?? "TBA",
                airDate: episode.airDate, airDateUtc: episode.airDateUtc, runtime: episode.runtime ?? 0, overview: episode.overview,
                hasFile: episode.episodeFileId != nil, monitored: episode.monitored,
                absoluteEpisodeNumber: episode.absoluteEpisodeNumber, unverifiedSceneNumbering: false,
                series: seriesById[episode.seriesId], episodeFile: episode.episodeFileId.flatMap { filesById[$0] }, images: [])
        }
    }

    func episodeFileResources(_ files: [EpisodeFileRecord]) async throws -> [EpisodeFileResource] {
        var profiles: [Int64: QualityProfile] = [:]
        for seriesId in Set(files.map(\.seriesId)) {
            if let series = try await store.series(id: seriesId),
                let profile = try await store.document(.qualityProfile, id: series.qualityProfileId, as: QualityProfile.self)
            {
                profiles[seriesId] = profile
            }
        }
        let formats = CustomFormatMatcher(try await store.documents(.customFormat, as: CustomFormat.self))
        return files.map { file in
            let facts = ReleaseFacts(parsing: file.sceneName ?? (file.relativePath as NSString).lastPathComponent, app: app, sizeBytes: file.size)
            let matched = formats.matching(facts)
            let score = profiles[file.seriesId].map { formats.score(facts, profile: $0) } ?? 0
            return EpisodeFileResource(
                id: file.id, seriesId: file.seriesId, seasonNumber: file.seasonNumber, relativePath: file.relativePath,
                path: file.path, size: file.size, dateAdded: file.dateAdded, sceneName: file.sceneName,
                releaseGroup: file.releaseGroup, languages: file.languages, quality: file.quality,
                customFormats: matched.map { CustomFormatReference(id: $0.id ?? 0, name: $0.name) }, customFormatScore: score,
                indexerFlags: 0, releaseType: "singleEpisode", mediaInfo: nil,
                qualityCutoffNotMet: profiles[file.seriesId].map { !$0.cutoffMet(quality: file.quality.quality, formatScore: score) } ?? false)
        }
    }

    /// Deletes one media file the catalog knows, only inside a root folder.
    func deleteMediaFile(_ path: String) async throws {
        let roots = try await store.rootFolders().map(\.path)
        guard roots.contains(where: { Self.isInside(path, $0) }) else {
            environment.logger.warning("not deleting a file outside the root folders", metadata: ["path": "\(path)"])
            return
        }
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }
}
