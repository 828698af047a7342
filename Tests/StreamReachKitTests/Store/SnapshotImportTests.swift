import Foundation
import Testing
@testable import StreamReachKit

/// The history CSV reader, through an import into a store.
@Suite struct SnapshotImportTests {
    private func importCSV(_ text: String, into history: History) async throws -> ImportSummary {
        let path = try ScratchFolder.file(text, suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await history.store.importHistory(history.programme) { emit in try SnapshotCSV.read(path: path, into: emit) }
    }

    @Test func quotedFieldsAndISOTimesAreRead() async throws {
        let history = try History(target: 1_000)
        let summary = try await importCSV("""
            observed_at,event,channel,value
            2020-03-25T01:00:00Z,"a",yt,10
            1585101600,a,"y""t",
            """, into: history)
        #expect(summary.rows == 2)
        let states = try await history.store.read { try await $0.seriesStates(programme: "hist") }
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
    func aBadLineStoresNothing(_ text: String, _ line: Int, _ words: String) async throws {
        let history = try History(target: 1_000)
        let error = await #expect(throws: InputFileError.self) { try await importCSV(text, into: history) }
        #expect(error?.diagnostics.first?.location.line == line, "\(String(describing: error?.diagnostics))")
        #expect(error?.diagnostics.first?.message.contains(words) == true, "\(String(describing: error?.diagnostics))")
        #expect(error?.exitStatus == .dataError)
        #expect(try await history.store.runs(limit: 10).isEmpty)
    }

    /// The header alone, checked before a store is opened: the same verdict and place as the
    /// import's own reading, and the rows are not looked at.
    @Test(arguments: [
        ("time,event,channel,value\n100,a,yt,5\n", "1:1: the header must be"),
        ("", "1:1: file is empty"),
        ("\n\r\n", "1:1: file is empty"),
        ("\n\nvalue,event,channel,observed_at\n", "3:1: the header must be"),
        ("\n\nobserved_at,event,channel,value\nsoon,a,yt,-5\n", nil),
        ("OBSERVED_AT,event,channel,value,\"a note\nover two lines\"\r\n100,a,yt,5", nil),
        ("observed_at,event,channel,value", nil),
    ] as [(String, String?)])
    func theHeaderIsCheckedAlone(_ text: String, _ verdict: String?) throws {
        let path = try ScratchFolder.file(text, suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        if let verdict {
            let error = try #require(throws: InputFileError.self) { try SnapshotCSV.checkHeader(path: path) }
            #expect(error.diagnostics.map(\.description).first?.hasPrefix("\(path):\(verdict)") == true, "\(error.diagnostics)")
        } else {
            try SnapshotCSV.checkHeader(path: path)
        }
    }

    /// The wrong file for `import-snapshots` into a database that does not exist yet: refused
    /// with its place, and no empty database is left behind.
    @Test func theWrongFileLeavesNoDatabase() async throws {
        let database = ScratchFolder.path("never-made.sqlite")
        let result = try await CLIRunner.run(["import-snapshots", "Schedules/fruchthalle-2020.yaml", "Schedules/fruchthalle-2020.yaml", "--db", database])
        #expect(result.status == 65)
        #expect(result.stderr.contains("Schedules/fruchthalle-2020.yaml:1:1: the header must be observed_at,event,channel,value"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(!FileManager.default.fileExists(atPath: database + ".lock"))
    }
}

/// Hand-entered figures from spreadsheets: a byte-order mark and semicolons are read as
/// what they are (they gave "missing: event" and "every column missing").
@Suite struct ManualReachCSVTests {
    private let programme: Programme

    init() throws { programme = try History(target: 1_000).programme }

    @Test(arguments: [
        "\u{FEFF}event,channel,figure,date,source\r\na,ok,120,2020-03-24,\"survey, März\"\r\n",
        "event;channel;figure;date;source\na;ok;120;2020-03-24;survey, März\n",
        "\u{FEFF}event;channel;figure;date;source\r\na;ok;120;2020-03-24;\"survey, März\"\r\n",
    ])
    func spreadsheetFilesAreRead(_ text: String) throws {
        let entries = try ManualReachCSV.parse(text, file: "figures.csv", programme: programme)
        #expect(entries == [ManualReach(event: "a", channel: "ok", date: LocalDate(iso: "2020-03-24")!, figure: 120, source: "survey, März")])
    }
}
