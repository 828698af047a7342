import Foundation
import Testing
@testable import StreamReachKit

/// `record donation`, `import donations` and `payout` through the command line.
@Suite struct DonationCommandTests {
    @Test func donationsAreRecordedImportedOnceAndPaidOut() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("donations-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let programme = "Schedules/fruchthalle-2020.yaml"
        let database = folder + "/d.sqlite"
        let base = ["--db", database]

        let typed = try await CLIRunner.run(["record", "donation", programme, "--amount", "25,00", "--date", "2020-03-25",
                                             "--reference", "Spende Fruchthalle", "--source", "bank statement"] + base)
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(typed.stdout.contains("recorded 25.00 EUR on 2020-03-25 to the series (not attributed to an event)"), "\(typed.stdout)")
        let ambiguous = try await CLIRunner.run(["record", "donation", programme, "--amount", "1.000", "--date", "2020-03-25", "--source", "x"] + base)
        #expect(ambiguous.status == 64 && ambiguous.stderr.contains("ambiguous"), "\(ambiguous.stderr)")
        let unknown = try await CLIRunner.run(["record", "donation", programme, "--amount", "5", "--date", "2020-03-25", "--source", "x",
                                               "--event", "2020-03-24-michael-halberstat"] + base)
        #expect(unknown.status == 65 && unknown.stderr.contains("did you mean `2020-03-24-michael-halberstadt`"), "\(unknown.stderr)")

        let statement = folder + "/statement.csv"
        try """
            date;amount;reference;event;source
            2020-03-25;25,00;Spende Fruchthalle;;bank statement
            2020-03-26;1.000,00;Spende Halberstadt;2020-03-24-michael-halberstadt;bank statement
            """.write(toFile: statement, atomically: true, encoding: .utf8)
        let imported = try await CLIRunner.run(["import", "donations", programme, statement] + base)
        #expect(imported.stdout.contains("stored 1 donation from"), "the first line is the one typed in: \(imported.stdout) \(imported.stderr)")
        let again = try await CLIRunner.run(["import", "donations", programme, statement] + base)
        #expect(again.stdout.contains("stored 0 donations") && again.stdout.contains("2 already stored"), "\(again.stdout)")

        let payout = try await CLIRunner.run(["payout", programme, "--to", "2020-03-31", "--format", "json"] + base)
        #expect(payout.status == 0, "\(payout.stderr)")
        let list = try JSONDecoder().decode(PayoutList.self, from: Data(payout.stdout.utf8))
        let euros = try #require(list.currencies.first)
        #expect(euros.received == 102_500)
        #expect(euros.lines.map(\.amount).reduce(0, +) == 102_500)
        #expect(list.rule == "equal-split" && list.performers == euros.lines.count)
        #expect(euros.lines.count == Set(try ProgrammeLoader.load(path: programme).events.filter { $0.start.date <= LocalDate(iso: "2020-03-31")! }
            .flatMap(\.performers)).count)

        let noRule = folder + "/no-rule.yaml"
        try String(contentsOfFile: programme, encoding: .utf8).replacingOccurrences(of: "payout: equal-split", with: "payout: none")
            .write(toFile: noRule, atomically: true, encoding: .utf8)
        let refused = try await CLIRunner.run(["payout", noRule] + base)
        #expect(refused.status == 78 && refused.stderr.contains("no payout rule"), "\(refused.stderr)")
    }
}
