import Foundation
import Testing
@testable import StreamReachKit

@Suite struct SnapshotImportTests {
    private func importCSV(_ text: String, into history: History) throws -> SnapshotImporter.Summary {
        let path = try PythonValidator.temporaryFile(text, suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try SnapshotImporter(store: history.store, programme: history.programme).importRows { emit in
            try SnapshotCSV.read(path: path, into: emit)
        }
    }

    /// An import builds the same rollups, so the same report, as runs stored one by one.
    @Test func importedHistoryReportsLikeCollectedHistory() throws {
        let collected = try History.standard()
        let imported = try History(target: 1_000)
        try imported.store.recordManualReach(programme: "hist", try collected.store.readReach { try $0.manualReach(programme: "hist") },
                                             enteredAt: Date(timeIntervalSince1970: 1_586_000_000))
        var lines = ["observed_at,event,channel,value"]
        for snapshot in try collected.store.snapshots() {
            let value = snapshot.outcome == .ok ? snapshot.value.map(String.init) : snapshot.outcome == .absent ? "" : nil
            guard let value else { continue } // failed reads are not history to import
            lines.append("\(Int64(snapshot.observedAt.timeIntervalSince1970)),\(snapshot.eventID),\(snapshot.channelID),\(value)")
        }
        let summary = try importCSV(lines.joined(separator: "\n") + "\n", into: imported)
        #expect(summary.rows == 18)
        #expect(summary.series == 4)
        let a = try collected.report(.week(2)), b = try imported.report(.week(2))
        #expect(a.headline == b.headline)
        #expect(a.pacing.weeks == b.pacing.weeks)
        #expect(a.series == b.series)
        #expect(a.quality.corrections.map(\.previousValue) == b.quality.corrections.map(\.previousValue))
    }

    @Test func quotedFieldsAndISOTimesAreRead() throws {
        let history = try History(target: 1_000)
        let summary = try importCSV("""
            observed_at,event,channel,value
            2020-03-25T01:00:00Z,"a",yt,10
            1585101600,a,"y""t",
            """, into: history)
        #expect(summary.rows == 2)
        let states = try history.store.readReach { try $0.seriesStates(programme: "hist") }
        #expect(states.map(\.channelID).sorted() == ["y\"t", "yt"])
        #expect(states.first { $0.channelID == "y\"t" }?.absentRuns == 1)
    }

    @Test(arguments: [
        ("observed_at,event,channel,value\n100,a,yt,5\n50,a,yt,6\n", 3, "ascending time order"),
        ("observed_at,event,channel,value\nsoon,a,yt,5\n", 2, "neither Unix seconds"),
        ("observed_at,event,channel,value\n100,a,yt,-5\n", 2, "not a count"),
        ("observed_at,event,channel,value\n100,a,yt\n", 2, "needs 4 fields"),
        ("time,event,channel,value\n100,a,yt,5\n", 1, "the header must be"),
        ("", 1, "file is empty"),
    ])
    func aBadLineStoresNothing(_ text: String, _ line: Int, _ words: String) throws {
        let history = try History(target: 1_000)
        let error = try #require(throws: InputFileError.self) { try importCSV(text, into: history) }
        #expect(error.diagnostics.first?.location.line == line, "\(error.diagnostics)")
        #expect(error.diagnostics.first?.message.contains(words) == true, "\(error.diagnostics)")
        #expect(try history.store.runs(limit: 10).isEmpty)
    }
}
