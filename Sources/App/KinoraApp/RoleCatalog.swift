import AudiobooksRole
import IndexersRole
import KinoraCore
import KinoraHTTP
import KinoraStorage
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

    /// Opens (creating if needed) a role's database with its migrations: the one way every
    /// command gets at a role's data.
    static func openDatabase(of role: Role, layout: DataLayout) throws -> RoleDatabase {
        guard let definition = definitions[role] else { preconditionFailure("\(role) has no database") }
        return try RoleDatabase.open(role: role, path: layout.databasePath(of: role), migrations: definition.migrations)
    }
}
