import Foundation
import GRDB
import KinoraCore

extension RoleDatabase {
    public struct BackupError: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Copies the database, consistently, into a new single-file database at `path` — safe while
    /// the role is serving (SQLite's online backup reads one snapshot) — and checks the copy.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BackupError(description: "\(path) already exists: choose a new backup directory")
        }
        let copy = try DatabaseQueue(path: path)
        try writer.backup(to: copy)
        let verdict = try copy.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        guard verdict == "ok" else {
            throw BackupError(description: "the backup of \(role.rawValue) failed its integrity check (\(verdict ?? "no answer"))")
        }
    }
}
