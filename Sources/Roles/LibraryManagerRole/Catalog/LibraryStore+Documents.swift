import Foundation
import GRDB
import KinoraStorage
import ServarrCore
import Synchronization

/// The settings resources kept as JSON documents in their API shape, one numbering per kind.
enum DocumentKind: String, Sendable, CaseIterable {
    case qualityProfile, qualityDefinition, customFormat, languageProfile, delayProfile, releaseProfile
    case indexer, downloadClient, notification, naming
}

/// A resource stored as a document: its id is the row's, given on insert.
protocol StoredDocument: Codable, Sendable {
    var documentId: Int? { get set }
}

extension QualityProfile: StoredDocument {
    var documentId: Int? { get { id } set { id = newValue } }
}
extension CustomFormat: StoredDocument {
    var documentId: Int? { get { id } set { id = newValue } }
}
extension LanguageProfile: StoredDocument {
    var documentId: Int? { get { id } set { id = newValue } }
}
extension DelayProfile: StoredDocument {
    var documentId: Int? { get { id } set { id = newValue } }
}
extension ReleaseProfile: StoredDocument {
    var documentId: Int? { get { id } set { id = newValue } }
}
extension ProviderResource: StoredDocument {
    var documentId: Int? { get { id } set { id = newValue } }
}
extension NamingConfig: StoredDocument {
    var documentId: Int? { get { id } set { id = newValue ?? id } }
}
extension QualityDefinition: StoredDocument {
    var documentId: Int? { get { id } set { id = newValue ?? id } }
}

extension LibraryStore {
    private static let documentEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func documents<Value: StoredDocument>(_ kind: DocumentKind, as type: Value.Type) async throws -> [Value] {
        // Decoded inside the closure: a Sendable result makes this GRDB's async read, off the cooperative pool.
        try await database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, body FROM document WHERE kind = ? ORDER BY id", arguments: [kind.rawValue])
                .map { row in try Self.decodeDocument(row, as: type) }
        }
    }

    func document<Value: StoredDocument>(_ kind: DocumentKind, id: Int, as type: Value.Type) async throws -> Value? {
        try await database.reader.read { db in
            try Row.fetchOne(db, sql: "SELECT id, body FROM document WHERE kind = ? AND id = ?", arguments: [kind.rawValue, id])
                .map { try Self.decodeDocument($0, as: type) }
        }
    }

    /// Inserts with the next id of its kind and returns the value carrying it.
    func insertDocument<Value: StoredDocument>(_ kind: DocumentKind, _ value: Value) async throws -> Value {
        let stored = try await database.writer.write { db in try Self.insert(kind, value, in: db) }
        changes.bump()
        return stored
    }

    /// Replaces a document; false when there is none with that id.
    func updateDocument<Value: StoredDocument>(_ kind: DocumentKind, id: Int, _ value: Value) async throws -> Bool {
        var value = value
        value.documentId = id
        let body = try Self.encode(value)
        let updated = try await database.writer.write { db in
            try db.execute(sql: "UPDATE document SET body = ? WHERE kind = ? AND id = ?", arguments: [body, kind.rawValue, id])
            return db.changesCount > 0
        }
        if updated { changes.bump() }
        return updated
    }

    func deleteDocument(_ kind: DocumentKind, id: Int) async throws -> Bool {
        let deleted = try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM document WHERE kind = ? AND id = ?", arguments: [kind.rawValue, id])
            return db.changesCount > 0
        }
        if deleted { changes.bump() }
        return deleted
    }

    /// Stores the originals' defaults the first time a kind is seen, keeping their ids (quality
    /// definitions and profiles are referred to by id from the start); later deletions stay deleted.
    func seedDocuments<Value: StoredDocument>(_ kind: DocumentKind, _ defaults: [Value]) throws {
        try database.writer.write { db in
            let marker = "seeded-\(kind.rawValue)"
            guard try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [marker]) == nil else { return }
            for value in defaults {
                if let id = value.documentId {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO document (kind, id, body) VALUES (?, ?, ?)",
                        arguments: [kind.rawValue, id, try Self.encode(value)])
                } else {
                    _ = try Self.insert(kind, value, in: db)
                }
            }
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, 'true')", arguments: [marker])
        }
    }

    private static func insert<Value: StoredDocument>(_ kind: DocumentKind, _ value: Value, in db: Database) throws -> Value {
        let next = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM document WHERE kind = ?", arguments: [kind.rawValue]) ?? 1
        var value = value
        value.documentId = next
        try db.execute(
            sql: "INSERT INTO document (kind, id, body) VALUES (?, ?, ?)", arguments: [kind.rawValue, next, try encode(value)])
        return value
    }

    private static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try documentEncoder.encode(value), as: UTF8.self)
    }

    private static func decodeDocument<Value: StoredDocument>(_ row: Row, as type: Value.Type) throws -> Value {
        let body: String = row["body"]
        var value = try JSONDecoder().decode(type, from: Data(body.utf8))
        value.documentId = row["id"]
        return value
    }
}

/// Counts changes to the catalog so answers built from it can be cached until the next change.
final class ChangeCounter: Sendable {
    private let value = Mutex(0)

    func bump() { value.withLock { $0 += 1 } }
    var current: Int { value.withLock { $0 } }
}

/// A change count per series (its episodes and files), bumped inside the writing transaction.
final class SeriesVersions: Sendable {
    private let versions = Mutex<[Int64: Int]>([:])

    func bump(_ ids: some Sequence<Int64>) {
        versions.withLock { versions in for id in ids { versions[id, default: 0] += 1 } }
    }

    func snapshot() -> [Int64: Int] { versions.withLock { $0 } }
}
