import AudiobooksRole
import IndexersRole
import KinoraCore
import KinoraHTTP
import LibraryManagerRole
import MediaRole
import RequestsRole
import SubtitlesRole
import TorrentsRole

/// Every role with a module of its own; the gateway is wired separately because it routes to
/// the others.
enum RoleCatalog {
    static let definitions: [Role: RoleDefinition] = [
        .requests: RequestsRole.definition,
        .indexers: IndexersRole.definition,
        .series: LibraryManagerRole.series,
        .movies: LibraryManagerRole.movies,
        .subtitles: SubtitlesRole.definition,
        .torrents: TorrentsRole.definition,
        .media: MediaRole.definition,
        .audiobooks: AudiobooksRole.definition,
    ]
}
