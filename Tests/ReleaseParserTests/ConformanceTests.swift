// Conformance against Sonarr's and Radarr's own parser test suites, shipped as data in
// ../shared/conformance/servarr (or $KINORA_CONFORMANCE). The pass rate may never drop
// below the ratchet stored in conformance-floor.txt.
import Foundation
import ReleaseParser
import Testing

enum ConformanceSupport {
    /// Repository root, found from this file's location (Tests/ReleaseParserTests/…).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let files: [URL] = Conformance.vectorFiles(repoRoot: repoRoot)
    static var vectorsAvailable: Bool { !files.isEmpty }

    static func floor() -> Double {
        let url = repoRoot.appendingPathComponent("Tests/ReleaseParserTests/conformance-floor.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? "1"
        return Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
    }
}

@Suite("Servarr conformance")
struct ConformanceTests {
    // Skipped (reported as skipped, never as passed) when the vectors are not on disk:
    // they are GPL-3 test data kept outside the package.
    @Test("pass rate stays at or above the ratchet floor",
          .enabled(if: ConformanceSupport.vectorsAvailable,
                   "Servarr vectors not found: set KINORA_CONFORMANCE or provide ../shared/conformance/servarr/*.jsonl"))
    func passRateAboveFloor() throws {
        let vectors = Conformance.load(ConformanceSupport.files)
        try #require(!vectors.isEmpty, "vector files exist but contain no vectors")
        let results = vectors.map(Conformance.run)
        print(Conformance.render(results))
        let passed = results.filter(\.passed).count
        let rate = Double(passed) / Double(results.count)
        let floor = ConformanceSupport.floor()
        #expect(rate >= floor, "conformance \(passed)/\(results.count) = \(rate) fell below floor \(floor)")
    }

    @Test("vector files are present", .enabled(if: !ConformanceSupport.vectorsAvailable))
    func vectorsMissing() {
        Issue.record("Servarr conformance vectors are missing; conformance was NOT checked")
    }
}
