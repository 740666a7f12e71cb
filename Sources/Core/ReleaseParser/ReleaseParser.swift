// Entry points. `ReleaseParser` is a namespace of pure functions: no state, no I/O,
// safe to call from any thread.

/// Parses scene/P2P release names into structured episode, movie and quality data.
public enum ReleaseParser {
    /// What kind of release a name most likely is.
    public enum Kind: String, Sendable { case episode, movie, unknown }
}
