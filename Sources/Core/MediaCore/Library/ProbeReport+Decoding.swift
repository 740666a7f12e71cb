import Foundation

extension ProbeReport {
    /// ffprobe JSON for files with hundreds of streams and chapters stays well under this.
    public static let maxByteCount = 16 << 20
    static let maxStreams = 512
    static let maxChapters = 1024

    /// Decodes ffprobe's JSON output, rejecting empty, oversized or non-media output with a typed error.
    public static func decode(_ data: Data) throws(ProbeReportError) -> ProbeReport {
        guard data.count <= maxByteCount else { throw .tooLarge(byteCount: data.count, limit: maxByteCount) }
        guard data.contains(where: { !Set<UInt8>([0x20, 0x0A, 0x0D, 0x09]).contains($0) }) else { throw .empty }
        var report: ProbeReport
        do {
            report = try JSONDecoder().decode(ProbeReport.self, from: data)
        } catch {
            throw .malformedJSON(Self.summary(of: error))
        }
        guard !report.streams.isEmpty || report.format != nil else { throw .noMediaInformation }
        report.streams = Array(report.streams.prefix(maxStreams))
        report.chapters = Array(report.chapters.prefix(maxChapters))
        return report
    }

    static func summary(of error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?: String(context.debugDescription.prefix(200))
        case .typeMismatch(_, let context)?: "top level is not an object: " + String(context.debugDescription.prefix(160))
        default: String(String(describing: error).prefix(200))
        }
    }
}
