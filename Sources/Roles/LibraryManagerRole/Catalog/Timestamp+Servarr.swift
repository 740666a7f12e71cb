import Foundation
import KinoraCore

extension Timestamp {
    static var current: Timestamp { Timestamp(secondsSinceEpoch: Date().timeIntervalSince1970) }

    /// The *arrs write instants as `2024-05-01T20:00:00Z`.
    static var nowText: String { current.iso8601(fractionDigits: 0) }

    /// Midnight UTC of a `YYYY-MM-DD` day, as the *arrs' `airDateUtc` when no air time is known.
    static func startOfDay(_ day: String) -> String? {
        let parts = day.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(dayOfMonth), year > 0
        else { return nil }
        return String(format: "%04d-%02d-%02dT00:00:00Z", year, month, dayOfMonth)
    }
}
