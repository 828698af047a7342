import Foundation
import StreamReachDemo
import Testing
@testable import StreamReachKit

/// `report`, `record` and `import` as a user runs them, on a database the demo's collector filled.
@Suite(.serialized) struct ReportCommandTests {
    /// One demo run shared by the tests of this suite: it takes seconds, and they only read
    /// it (or add hand-entered figures no other test looks at).
    private static let shared = Task {
        try await DemoRunner.run(output: ScratchFolder.path("demo"))
    }

    private static func demoDatabase() async throws -> (folder: URL, database: String) {
        let result = try await shared.value
        return (URL(fileURLWithPath: result.databasePath).deletingLastPathComponent(), result.databasePath)
    }

    @Test func theDemoRunsEndToEndAndPassesTheTarget() async throws {
        let result = try await Self.shared.value
        #expect(result.runs == 60)
        #expect(result.week == 8)
        // In the times of the two nightly counts around it, not run numbers.
        #expect(result.reportText.replacingOccurrences(of: "\n", with: " ")
            .contains("The target was passed between the counts of Wed 2020-05-13 02:00 and Thu 2020-05-14 02:00 (Europe/Berlin)."))
        #expect(!result.reportText.contains("between run"))
        let html = try String(contentsOfFile: result.htmlPath, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        let store = try SQLiteStore(path: result.databasePath)
        let runs = try await store.runs(limit: 100)
        #expect(runs.count == 60)
        // The outage night stored its failures; the missed night has no run.
        #expect(runs.contains { $0.failedCount == $0.seriesCount && $0.seriesCount > 0 })
        let all = try await ReachReportBuilder(programme: try ProgrammeLoader.load(path: Fixtures.schedule("fruchthalle-2020.yaml")))
            .build(.all, from: store)
        #expect(all.quality.toDate.missedNights.map(\.iso) == ["2020-04-30"])
        #expect(all.quality.toDate.corrections == 1)
    }

    @Test func reportCommandFormatsAndExitCodes() async throws {
        let (folder, database) = try await Self.demoDatabase()
        let programme = "Schedules/fruchthalle-2020.yaml"
        let text = try await CLIRunner.run(["report", programme, "--db", database])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Week 8 (2020-W20)"))
        let iso = try await CLIRunner.run(["report", programme, "--db", database, "--iso-week", "2020-W14", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(iso.stdout.utf8)) as? [String: Any])
        #expect((object["period"] as? [String: Any])?["week"] as? Int == 2)
        let outputPath = folder.appendingPathComponent("all.html").path
        let html = try await CLIRunner.run(["report", programme, "--db", database, "--all", "--format", "html", "-o", outputPath])
        #expect(html.status == 0)
        #expect(html.stdout.isEmpty)
        #expect(try String(contentsOfFile: outputPath, encoding: .utf8).contains("Whole series"))
        #expect(try await CLIRunner.run(["report", programme, "--db", database, "--week", "12"]).status == 65)
        #expect(try await CLIRunner.run(["report", programme, "--db", database, "--week", "2", "--all"]).status == 64)
        #expect(try await CLIRunner.run(["report", programme, "--db", database, "--format", "pdf"]).status == 64)
        // A mistyped option's value is taken as a second programme: the error names it.
        let mistyped = try await CLIRunner.run(["report", programme, "--db", database, "--frm", "2020-05-01"])
        #expect(mistyped.status == 64)
        #expect(mistyped.stderr.contains("2 were given (\(programme), 2020-05-01)"), "\(mistyped.stderr)")
        #expect(try await CLIRunner.run(["report", programme, "--db", folder.appendingPathComponent("none.sqlite").path]).status == 78)
        // A network file without --network: named, with where it goes.
        let network = try await CLIRunner.run(["report", "Schedules/fruchthalle-network.yaml", "--db", database])
        #expect(network.status == 65)
        #expect(network.stderr.contains("this is a network file (it has `network:`), not a programme; a network file goes to `report --network`"))
    }

    @Test func recordAndImportHandEnteredFigures() async throws {
        let (folder, database) = try await Self.demoDatabase()
        let programme = "Schedules/fruchthalle-2020.yaml"
        let good = try await CLIRunner.run(["record", programme, "--db", database, "--event", "2020-05-14-djulia",
                                                 "--channel", "nahe-tv", "--figure", "420", "--date", "2020-05-14",
                                                 "--source", "Nahe TV stream statistics"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == "recorded 420 for 2020-05-14-djulia on nahe-tv, 2020-05-14 (Nahe TV stream statistics)\n")
        let again = try await CLIRunner.run(["record", programme, "--db", database, "--event", "2020-05-14-djulia",
                                                  "--channel", "nahe-tv", "--figure", "430", "--date", "2020-05-14",
                                                  "--source", "Nahe TV stream statistics"])
        #expect(again.stdout.hasPrefix("replaced 420 with 430 for 2020-05-14-djulia"), "\(again.stdout)")
        let negative = try await CLIRunner.run(["record", programme, "--db", database, "--event", "2020-05-14-djulia",
                                                     "--channel", "nahe-tv", "--figure", "-5", "--date", "2020-05-14", "--source", "x"])
        #expect(negative.status == 64)
        #expect(negative.stderr.contains("--figure must be 0 or more, found -5"), "\(negative.stderr)")
        #expect(negative.stderr.contains("Usage: streamreach record"), "the command's own usage, not the top level's")
        let platform = try await CLIRunner.run(["record", programme, "--db", database, "--event", "2020-05-14-djulia",
                                                     "--channel", "youtube", "--figure", "1", "--date", "2020-05-15", "--source", "x"])
        #expect(platform.status == 65)
        #expect(platform.stderr.contains("platform channel"))
        // Nahe TV carried the series only from 14 April: a figure for 24 March cannot count.
        let outside = try await CLIRunner.run(["record", programme, "--db", database, "--event", "2020-03-24-michael-halberstadt",
                                                    "--channel", "nahe-tv", "--figure", "50", "--date", "2020-03-24", "--source", "estimate"])
        #expect(outside.status == 65, "\(outside.stderr)")
        #expect(outside.stderr.contains("`nahe-tv` carried the series only from 2020-04-14; 2020-03-24 is outside that"), "\(outside.stderr)")
        let typo = try await CLIRunner.run(["record", programme, "--db", database, "--event", "2020-05-14-djulai",
                                                 "--channel", "nahe-tv", "--figure", "1", "--date", "2020-05-15", "--source", "x"])
        #expect(typo.stderr.contains("did you mean `2020-05-14-djulia`?"))

        let csv = folder.appendingPathComponent("figures.csv").path
        try "event,channel,figure,date,source\n2020-05-15-guenter-werno,ok54-trier,310,2020-05-15,\"survey, May 2020\"\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try await CLIRunner.run(["import", programme, csv, "--db", database])
        #expect(imported.status == 0)
        #expect(imported.stdout.hasPrefix("stored 1 figure from "), "\(imported.stdout)")
        let bad = folder.appendingPathComponent("bad.csv").path
        try "event,channel,figure,date,source\n2020-05-15-guenter-werno,ok54-trier,many,2020-05-14,x\nnope,ok54-trier,5,2020-05-14,x\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let rejected = try await CLIRunner.run(["import", programme, bad, "--db", database])
        #expect(rejected.status == 65)
        #expect(rejected.stderr.contains("bad.csv:2:1: figure `many` is not a whole number"))
        #expect(rejected.stderr.contains("bad.csv:3:1: unknown event `nope`"))

        let json = try await CLIRunner.run(["report", programme, "--db", database, "--week", "8", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require(object["handEntered"] as? [[String: Any]])
        #expect(entries.contains { $0["figure"] as? Int == 430 && $0["source"] as? String == "Nahe TV stream statistics" })
        #expect(entries.contains { $0["figure"] as? Int == 310 && $0["source"] as? String == "survey, May 2020" })
        #expect(!entries.contains { $0["event"] as? String == "nope" })
    }
}

/// Runs the demo in-process with the shipped programme.
enum DemoRunner {
    static func run(output: String) async throws -> DemoRun.Result {
        try await DemoRun(programmePath: Fixtures.schedule("fruchthalle-2020.yaml"), outputFolder: output).run { _ in }
    }
}
