import Foundation
import GRDB
import KinoraStorage

extension LibraryStore {
    func allMovies() async throws -> [MovieRecord] {
        try await database.reader.read { db in try MovieRecord.order(Column("sortTitle")).fetchAll(db) }
    }

    func movie(id: Int64) async throws -> MovieRecord? {
        try await database.reader.read { db in try MovieRecord.fetchOne(db, key: id) }
    }

    func movies(ids: [Int64]) async throws -> [MovieRecord] {
        try await database.reader.read { db in try MovieRecord.fetchAll(db, keys: ids) }
    }

    func movie(tmdbId: Int) async throws -> MovieRecord? {
        try await database.reader.read { db in try MovieRecord.filter(Column("tmdbId") == tmdbId).fetchOne(db) }
    }

    func insertMovie(_ movie: MovieRecord) async throws -> MovieRecord {
        let stored = try await database.writer.write { db -> MovieRecord in
            if try MovieRecord.filter(Column("tmdbId") == movie.tmdbId).fetchCount(db) > 0 { throw CatalogConflict.duplicate("tmdbId") }
            if try MovieRecord.filter(Column("path") == movie.path).fetchCount(db) > 0 { throw CatalogConflict.duplicate("path") }
            var movie = movie
            while try MovieRecord.filter(Column("titleSlug") == movie.titleSlug).fetchCount(db) > 0 {
                movie.titleSlug += "-\(movie.tmdbId)"
            }
            try movie.insert(db)
            return movie
        }
        changes.bump()
        return stored
    }

    func updateMovie(_ movie: MovieRecord) async throws {
        try await database.writer.write { db in try movie.update(db) }
        changes.bump()
    }

    func deleteMovie(id: Int64) async throws -> Bool {
        let deleted = try await database.writer.write { db in
            try db.execute(sql: "UPDATE movie SET movieFileId = NULL WHERE id = ?", arguments: [id])
            try MovieFileRecord.filter(Column("movieId") == id).deleteAll(db)
            return try MovieRecord.deleteOne(db, key: id)
        }
        changes.bump()
        return deleted
    }

    func movieFiles(movieId: Int64? = nil) async throws -> [MovieFileRecord] {
        try await database.reader.read { db in
            var request = MovieFileRecord.all()
            if let movieId { request = request.filter(Column("movieId") == movieId) }
            return try request.order(Column("id")).fetchAll(db)
        }
    }

    func movieFile(id: Int64) async throws -> MovieFileRecord? {
        try await database.reader.read { db in try MovieFileRecord.fetchOne(db, key: id) }
    }

    func updateMovieFile(_ file: MovieFileRecord) async throws {
        try await database.writer.write { db in try file.update(db) }
        changes.bump()
    }

    func deleteMovieFile(id: Int64) async throws -> Bool {
        let deleted = try await database.writer.write { db in
            try db.execute(sql: "UPDATE movie SET movieFileId = NULL WHERE movieFileId = ?", arguments: [id])
            return try MovieFileRecord.deleteOne(db, key: id)
        }
        changes.bump()
        return deleted
    }

    /// Records the movie file a scan found (nil: none); the previous one is forgotten when its path changed.
    func applyScan(movieId: Int64, file scanned: MovieFileRecord?) async throws {
        try await database.writer.write { db in
            let existing = try MovieFileRecord.filter(Column("movieId") == movieId).fetchAll(db)
            var fileId: Int64?
            if var file = scanned {
                if let current = existing.first(where: { $0.path == file.path }) {
                    file.id = current.id
                    file.dateAdded = current.dateAdded
                    if file != current { try file.update(db) }
                } else {
                    try file.insert(db)
                }
                fileId = file.id
            }
            try db.execute(sql: "UPDATE movie SET movieFileId = ? WHERE id = ?", arguments: [fileId, movieId])
            for file in existing where file.id != fileId { try file.delete(db) }
        }
        changes.bump()
    }
}
