import Foundation

/// An external subtitle file described by its name (`Movie (2010).eng.forced.srt`).
public struct ExternalSubtitle: Sendable, Hashable {
    public var format: SubtitleFormat
    /// ISO 639-2/B (`eng`, `ger`), nil when the name carries no language we recognise.
    public var language: String?
    public var isForced: Bool
    public var isHearingImpaired: Bool
    public var isDefault: Bool
    /// Leftover words (`Movie.en.Commentary.srt` → `Commentary`), shown to users to tell tracks apart.
    public var title: String?

    public init(format: SubtitleFormat, language: String? = nil, isForced: Bool = false,
                isHearingImpaired: Bool = false, isDefault: Bool = false, title: String? = nil) {
        self.format = format
        self.language = language
        self.isForced = isForced
        self.isHearingImpaired = isHearingImpaired
        self.isDefault = isDefault
        self.title = title
    }
}
