import BitTorrentCore
import Foundation
import Testing

@testable import BitTorrentStorage

@Suite("ResumePlan")
struct ResumePlanTests {
    // Three files of 10 bytes, pieces of 8: file 0 → pieces 0–1, file 1 → 1–2, file 2 → 2–3.
    let layout = TorrentLayout(pieceLength: 8, fileLengths: [10, 10, 10])!
    let stamps: [FileStamp?] = [
        FileStamp(size: 10, modifiedSeconds: 1, modifiedNanoseconds: 0),
        FileStamp(size: 10, modifiedSeconds: 2, modifiedNanoseconds: 0),
        nil,
    ]

    func bitfield(_ pieces: [Int]) -> Bitfield {
        var bits = Bitfield(count: layout.pieceCount)
        for piece in pieces { bits[piece] = true }
        return bits
    }

    @Test("a clean state that matches the disk is trusted whole")
    func cleanMatch() {
        let state = ResumeState(verified: bitfield([0, 1]), files: stamps, isClean: true)
        let plan = ResumePlan(resume: state, current: stamps, layout: layout)
        #expect(plan.trusted.setIndices == [0, 1])
        #expect(plan.recheck.isEmpty)
        #expect(plan.changedFiles.isEmpty)
    }

    @Test("an unclean state also rechecks what it does not vouch for")
    func uncleanMatch() {
        let state = ResumeState(verified: bitfield([0, 1]), files: stamps, isClean: false)
        let plan = ResumePlan(resume: state, current: stamps, layout: layout)
        #expect(plan.trusted.setIndices == [0, 1])
        #expect(plan.recheck == [2, 3])
    }

    @Test("size, mtime or existence changes distrust the file's pieces", arguments: [
        FileStamp(size: 11, modifiedSeconds: 2, modifiedNanoseconds: 0),
        FileStamp(size: 10, modifiedSeconds: 2, modifiedNanoseconds: 1),
        nil,
    ] as [FileStamp?])
    func changedFile(current: FileStamp?) {
        let state = ResumeState(verified: bitfield([0, 1, 2, 3]), files: stamps, isClean: true)
        var now = stamps
        now[1] = current
        let plan = ResumePlan(resume: state, current: now, layout: layout)
        #expect(plan.changedFiles == [1])
        #expect(plan.trusted.setIndices == [0, 3])
        #expect(plan.recheck == [1, 2])
    }

    @Test("no state, a state of another shape, or a corrupt bitfield trusts nothing and rechecks all")
    func unusable() {
        let wrongShape = ResumeState(verified: Bitfield(count: 7, allSet: true), files: stamps, isClean: true)
        var corrupt = ResumeState(verified: bitfield([0]), files: stamps, isClean: true)
        corrupt.verifiedBytes = [0xFF, 0xFF]
        for state in [nil, wrongShape, corrupt] as [ResumeState?] {
            let plan = ResumePlan(resume: state, current: stamps, layout: layout)
            #expect(plan.trusted.isEmpty)
            #expect(plan.recheck == [0, 1, 2, 3])
        }
    }

    @Test("a resume state survives JSON")
    func codable() throws {
        let state = ResumeState(verified: bitfield([1, 3]), files: stamps, isClean: false)
        let decoded = try JSONDecoder().decode(ResumeState.self, from: JSONEncoder().encode(state))
        #expect(decoded == state)
        #expect(decoded.verified?.setIndices == [1, 3])
    }
}
