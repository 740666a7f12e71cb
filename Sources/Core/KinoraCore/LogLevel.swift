/// Log verbosity, spelled as swift-log spells it so the configuration maps one to one.
public enum LogLevel: String, CaseIterable, Sendable, Codable {
    case trace, debug, info, notice, warning, error, critical
}
