import Foundation

/// A calendar day with no time zone, as used for daily shows and NFO premiere dates.
/// Kept as plain numbers: converting to `Date` would invent a time zone the source never had.
public struct AirDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates ranges (including the length of the month) so impossible dates never get stored.
    public init?(year: Int, month: Int, day: Int) {
        guard (1800...2200).contains(year), (1...12).contains(month), day >= 1,
              day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, also with `.` or `_` separators; a trailing time (`2024-03-05 20:00:00`) is ignored.
    public init?(parsing text: String) {
        let head = text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(10)
        let parts = head.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "_" })
        guard head.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// ISO 8601 form, `2024-03-05`.
    public var description: String {
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(mm)-\(dd)"
    }

    public static func < (lhs: AirDate, rhs: AirDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
