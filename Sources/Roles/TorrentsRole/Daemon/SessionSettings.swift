import KinoraCore

/// The daemon's settings under Transmission's own names (what `session-get` shows and `session-set`
/// changes), kept in the role's database. One table of keys, types and defaults, so reading, writing,
/// validation and persistence cannot disagree.
struct SessionSettings: Sendable, Equatable {
    enum Kind: Sendable {
        case bool, int, double, string
        /// A number constrained to a range (ports, minutes of the day, day bitmasks).
        case range(ClosedRange<Int>)
        case choice([String])
    }

    struct Key: Sendable {
        let name: String
        let kind: Kind
        let defaultValue: JSONValue
    }

    /// Every settable key with Transmission 4.0.6's defaults, except where Kinora's layout decides
    /// (directories) or where we say honestly what we do (no uTP, no UPnP, no `.part` renaming).
    static func keys(downloads: String) -> [Key] {
        [
            Key(name: "alt-speed-down", kind: .range(0...Int(Int32.max)), defaultValue: 50),
            Key(name: "alt-speed-enabled", kind: .bool, defaultValue: false),
            Key(name: "alt-speed-time-begin", kind: .range(0...1439), defaultValue: 540),
            Key(name: "alt-speed-time-day", kind: .range(0...127), defaultValue: 127),
            Key(name: "alt-speed-time-enabled", kind: .bool, defaultValue: false),
            Key(name: "alt-speed-time-end", kind: .range(0...1439), defaultValue: 1020),
            Key(name: "alt-speed-up", kind: .range(0...Int(Int32.max)), defaultValue: 50),
            Key(name: "blocklist-enabled", kind: .bool, defaultValue: false),
            Key(name: "blocklist-url", kind: .string, defaultValue: "http://www.example.com/blocklist"),
            Key(name: "cache-size-mb", kind: .range(0...4096), defaultValue: 4),
            Key(name: "default-trackers", kind: .string, defaultValue: ""),
            Key(name: "dht-enabled", kind: .bool, defaultValue: true),
            Key(name: "download-dir", kind: .string, defaultValue: .string(downloads)),
            Key(name: "download-queue-enabled", kind: .bool, defaultValue: true),
            Key(name: "download-queue-size", kind: .range(0...100_000), defaultValue: 5),
            Key(name: "encryption", kind: .choice(["required", "preferred", "tolerated"]), defaultValue: "tolerated"),
            Key(name: "idle-seeding-limit", kind: .range(0...Int(Int32.max)), defaultValue: 30),
            Key(name: "idle-seeding-limit-enabled", kind: .bool, defaultValue: false),
            Key(name: "incomplete-dir", kind: .string, defaultValue: .string(downloads + "/.incomplete")),
            Key(name: "incomplete-dir-enabled", kind: .bool, defaultValue: false),
            Key(name: "lpd-enabled", kind: .bool, defaultValue: false),
            Key(name: "peer-limit-global", kind: .range(1...65_535), defaultValue: 200),
            Key(name: "peer-limit-per-torrent", kind: .range(1...65_535), defaultValue: 50),
            Key(name: "peer-port", kind: .range(0...65_535), defaultValue: 51413),
            Key(name: "peer-port-random-on-start", kind: .bool, defaultValue: false),
            Key(name: "pex-enabled", kind: .bool, defaultValue: true),
            Key(name: "port-forwarding-enabled", kind: .bool, defaultValue: false),
            Key(name: "queue-stalled-enabled", kind: .bool, defaultValue: true),
            Key(name: "queue-stalled-minutes", kind: .range(0...Int(Int32.max)), defaultValue: 30),
            Key(name: "rename-partial-files", kind: .bool, defaultValue: false),
            Key(name: "script-torrent-added-enabled", kind: .bool, defaultValue: false),
            Key(name: "script-torrent-added-filename", kind: .string, defaultValue: ""),
            Key(name: "script-torrent-done-enabled", kind: .bool, defaultValue: false),
            Key(name: "script-torrent-done-filename", kind: .string, defaultValue: ""),
            Key(name: "script-torrent-done-seeding-enabled", kind: .bool, defaultValue: false),
            Key(name: "script-torrent-done-seeding-filename", kind: .string, defaultValue: ""),
            Key(name: "seed-queue-enabled", kind: .bool, defaultValue: false),
            Key(name: "seed-queue-size", kind: .range(0...100_000), defaultValue: 10),
            Key(name: "seedRatioLimit", kind: .double, defaultValue: 2.0),
            Key(name: "seedRatioLimited", kind: .bool, defaultValue: false),
            Key(name: "speed-limit-down", kind: .range(0...Int(Int32.max)), defaultValue: 100),
            Key(name: "speed-limit-down-enabled", kind: .bool, defaultValue: false),
            Key(name: "speed-limit-up", kind: .range(0...Int(Int32.max)), defaultValue: 100),
            Key(name: "speed-limit-up-enabled", kind: .bool, defaultValue: false),
            Key(name: "start-added-torrents", kind: .bool, defaultValue: true),
            Key(name: "trash-original-torrent-files", kind: .bool, defaultValue: false),
            Key(name: "utp-enabled", kind: .bool, defaultValue: false),
            // Transmission keeps these in settings.json only; Kinora takes them over the RPC too.
            Key(name: "watch-dir", kind: .string, defaultValue: .string(downloads + "/watch")),
            Key(name: "watch-dir-enabled", kind: .bool, defaultValue: false),
        ]
    }

    let keys: [String: Key]
    private(set) var values: [String: JSONValue]

    init(downloads: String, saved: [String: JSONValue] = [:]) {
        let keys = Self.keys(downloads: downloads)
        self.keys = Dictionary(uniqueKeysWithValues: keys.map { ($0.name, $0) })
        var values = Dictionary(uniqueKeysWithValues: keys.map { ($0.name, $0.defaultValue) })
        // Saved values of keys we still know, and still valid; anything else falls back to the default.
        for (name, value) in saved {
            guard let key = self.keys[name], let valid = try? Self.validate(value, for: key) else { continue }
            values[name] = valid
        }
        self.values = values
    }

    static func == (lhs: SessionSettings, rhs: SessionSettings) -> Bool { lhs.values == rhs.values }

    enum SettingError: Error, Equatable {
        /// Transmission answers a wrongly typed value with a short sentence naming the key.
        case invalid(key: String, expected: String)

        var result: String {
            switch self {
            case .invalid(let key, let expected): "\(key) must be \(expected)"
            }
        }
    }

    static func validate(_ value: JSONValue, for key: Key) throws(SettingError) -> JSONValue {
        switch key.kind {
        case .bool:
            guard let bool = value.boolValue else { throw .invalid(key: key.name, expected: "a boolean") }
            return .bool(bool)
        case .int:
            guard let int = value.intValue else { throw .invalid(key: key.name, expected: "a number") }
            return .int(int)
        case .double:
            guard let double = value.doubleValue, double.isFinite, double >= 0 else {
                throw .invalid(key: key.name, expected: "a number of zero or more")
            }
            return .double(double)
        case .string:
            guard let string = value.stringValue, !string.utf8.contains(0) else { throw .invalid(key: key.name, expected: "a string") }
            return .string(string)
        case .range(let range):
            guard let int = value.intValue, range.contains(int) else {
                throw .invalid(key: key.name, expected: "a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return .int(int)
        case .choice(let choices):
            guard let string = value.stringValue, choices.contains(string) else {
                throw .invalid(key: key.name, expected: "one of " + choices.joined(separator: ", "))
            }
            return .string(string)
        }
    }

    /// Applies the keys it knows (others are ignored, as Transmission does); all or nothing.
    mutating func apply(_ arguments: [String: JSONValue]) throws(SettingError) -> [String] {
        var updated = values
        var changed: [String] = []
        for (name, value) in arguments.sorted(by: { $0.key < $1.key }) {
            guard let key = keys[name] else { continue }
            let valid = try Self.validate(value, for: key)
            if updated[name] != valid { changed.append(name) }
            updated[name] = valid
        }
        values = updated
        return changed
    }

    subscript(name: String) -> JSONValue { values[name] ?? .null }

    func bool(_ name: String) -> Bool { values[name]?.boolValue ?? false }
    func int(_ name: String) -> Int { values[name]?.intValue ?? 0 }
    func double(_ name: String) -> Double { values[name]?.doubleValue ?? 0 }
    func string(_ name: String) -> String { values[name]?.stringValue ?? "" }

    var downloadDirectory: String { string("download-dir") }

    /// Where new downloads go while incomplete.
    var incompleteDirectory: String? { bool("incomplete-dir-enabled") ? string("incomplete-dir") : nil }
}
