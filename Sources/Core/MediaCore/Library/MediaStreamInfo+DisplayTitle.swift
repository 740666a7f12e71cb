import Foundation

extension MediaStreamInfo {
    /// A short human label in the style Jellyfin clients show in track menus:
    /// `1080p HEVC HDR10`, `English - AAC - Stereo - Default`, `English - SUBRIP - Forced`.
    func makeDisplayTitle() -> String? {
        switch type {
        case .video:
            let parts = [resolutionLabel, codec?.uppercased(), videoRangeType == "SDR" ? "SDR" : videoRangeType].compactMap { $0 }
            return parts.isEmpty ? nil : prefixedWithTitle(parts.joined(separator: " "))
        case .audio:
            var parts = [languageName, codec.map(Self.audioCodecLabel(profile: profile)), channelLabel].compactMap { $0 }
            if isDefault { parts.append("Default") }
            return parts.isEmpty ? nil : prefixedWithTitle(parts.joined(separator: " - "))
        case .subtitle:
            var parts = [languageName, codec?.uppercased()].compactMap { $0 }
            if isHearingImpaired { parts.append("SDH") }
            if isDefault { parts.append("Default") }
            if isForced { parts.append("Forced") }
            return parts.isEmpty ? nil : prefixedWithTitle(parts.joined(separator: " - "))
        case .embeddedImage, .data, .attachment:
            return title ?? codec
        }
    }

    /// A stream title set by the muxer (`Commentary`) leads, unless it already is the whole label.
    private func prefixedWithTitle(_ label: String) -> String {
        guard let title, !title.isEmpty,
              !label.components(separatedBy: " - ").contains(where: { $0.caseInsensitiveCompare(title) == .orderedSame }),
              title.caseInsensitiveCompare(label) != .orderedSame else { return label }
        return "\(title) - \(label)"
    }

    private var languageName: String? {
        guard let language else { return nil }
        return LanguageCode.englishName(for: language) ?? language
    }

    /// Named by the usual frame size bands, with width checked too so scope crops (1920x800) stay 1080p.
    var resolutionLabel: String? {
        guard let width, let height else { return nil }
        let scan = isInterlaced ? "i" : "p"
        if width >= 3800 || height >= 2000 { return "4K" }
        if width >= 2500 || height >= 1400 { return "1440" + scan }
        if width >= 1900 || height >= 1000 { return "1080" + scan }
        if width >= 1260 || height >= 700 { return "720" + scan }
        if width >= 1000 || height >= 560 { return "576" + scan }
        if width >= 600 || height >= 400 { return "480" + scan }
        return "\(height)" + scan
    }

    /// DTS variants are told apart by profile (`DTS-HD MA`); other codecs by name.
    static func audioCodecLabel(profile: String?) -> (String) -> String {
        { codec in
            if codec == "dts", let profile, profile.uppercased().hasPrefix("DTS") { return profile.uppercased() }
            return codec.uppercased()
        }
    }

    var channelLabel: String? {
        if let layout = channelLayout?.lowercased(), !layout.isEmpty {
            if layout == "stereo" { return "Stereo" }
            if layout == "mono" { return "Mono" }
            return layout.split(separator: "(").first.map(String.init)
        }
        switch channels {
        case 1?: return "Mono"
        case 2?: return "Stereo"
        case 6?: return "5.1"
        case 8?: return "7.1"
        case let count?: return "\(count) ch"
        case nil: return nil
        }
    }
}
