/// Why no way of playing a media file was found.
public enum UnplayableReason: Sendable, Hashable {
    /// Nothing matched and transcoding is off or the profile has no HLS video transcoding profile.
    case noCompatibleStream(Set<TranscodeReason>)
    /// The file has neither video nor audio.
    case noMediaStreams

    /// The `ErrorCode` Jellyfin answers `PlaybackInfo` with.
    public var jellyfinErrorCode: String { "NoCompatibleStream" }
}
