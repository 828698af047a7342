import Foundation
import Testing
@testable import StreamReachKit

/// `streamreach store copy`: a venue's SQLite history into the shared PostgreSQL store,
/// idempotent, resumable, checked at the end.
@Suite struct StoreCopyTests {
    @Test func aVenueJoinsTheNetworkAndItsReportsStayTheSame() async throws {
        let (sqlite, removeSQLite) = try await StoreUnderTest.sqlite.make()
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await removeSQLite(); await database.drop() } }
        // The first three nights, copied.
        let history = try History(target: 1_000, store: sqlite)
        try await history.run("2020-03-25", ["a/yt": 100, "a/fb": 50])
        try await history.run("2020-03-26", ["a/yt": 140, "a/fb": 70, "c/yt": nil])
        try await history.run("2020-03-29", ["a/yt": 160, "a/fb": 80, "c/yt": nil])
        let first = try await CLIRunner.run(["store", "copy", "--from", sqlite.location, "--to", database.url, "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        let firstResults = try JSONDecoder().decode([StoreCopy.ProgrammeResult].self, from: Data(first.stdout.utf8))
        #expect(firstResults.map(\.runsCopied) == [3])
        #expect(firstResults.map(\.snapshotsCopied) == [2 + 3 + 3])

        // The venue went on alone for a while (a correction among it), then copies again:
        // only what is new is copied, and the check agrees.
        try await history.run("2020-04-01", ["a/yt": 150, "a/fb": 90, "b/yt": 300, "b/fb": 40, "c/yt": nil])
        try await history.run("2020-04-05", ["a/yt": 170, "a/fb": 95, "b/yt": 420, "b/fb": 60, "c/yt": nil])
        try await sqlite.recordManualReach(programme: "hist", [
            ManualReach(event: "a", channel: "ok", date: LocalDate(iso: "2020-03-24")!, figure: 300, source: "estimate, OK Test"),
        ], enteredAt: Date(timeIntervalSince1970: 1_586_000_000))
        let gift = Donation(date: LocalDate(iso: "2020-03-26")!, amount: 2_000, currency: "EUR", reference: "Spende", event: nil, source: "statement")
        try await sqlite.recordDonations(programme: "hist", [gift, gift, DonationTestProgramme.gift(550, on: "2020-04-02", for: "a")],
                                         as: .adding, enteredAt: Date(timeIntervalSince1970: 1_586_000_000))
        let again = try await CLIRunner.run(["store", "copy", "--from", sqlite.location, "--to", database.url])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("hist: 2 runs copied (10 snapshots), 3 already there; 1 hand-entered figure"), "\(again.stdout)")
        #expect(again.stdout.contains("checked: runs 5/5, snapshots 18/18, views 745/745, corrections 1/1, hand-entered 1/1"), "\(again.stdout)")
        #expect(again.stdout.contains("donations 3/3"), "\(again.stdout)")
        // Once more: nothing to do, still agreeing.
        let idle = try await CLIRunner.run(["store", "copy", "--from", sqlite.location, "--to", database.url])
        #expect(idle.stdout.contains("0 runs copied (0 snapshots), 5 already there"), "\(idle.stdout)")
        #expect(idle.stdout.contains("donations 3/3"), "a copy run again copies no donation twice: \(idle.stdout)")

        // Every report reads the same from the copy.
        let programme = try ScratchFolder.file(history.programmeText, suffix: ".yaml")
        defer { try? FileManager.default.removeItem(atPath: programme) }
        for format in ReportFormat.allCases {
            let period = format.showsAPeriod ? ["--all"] : []
            let original = try await CLIRunner.run(["report", programme, "--db", sqlite.location, "--format", format.rawValue] + period)
            let copy = try await CLIRunner.run(["report", programme, "--db", database.url, "--format", format.rawValue] + period)
            #expect(original.status == 0 && original.stdout == copy.stdout, "\(format) differs after the copy: \(copy.stderr)")
            if format == .json { #expect(copy.stdout.contains("\"unattributed\" : 4000"), "the donations are in the copy's report") }
        }
    }

    @Test func storesThatDisagreeAreReportedNotHidden() async throws {
        let (sqlite, removeSQLite) = try await StoreUnderTest.sqlite.make()
        let (postgres, removePostgres) = try await StoreUnderTest.postgres.make()
        defer { Task { await removeSQLite(); await removePostgres() } }
        _ = try await History.standard(store: sqlite)
        // The destination has a run of its own for the programme that the source never had.
        let other = try History(target: 1_000, store: postgres)
        try await other.run("2020-03-27", ["a/yt": 999])
        let result = try await CLIRunner.run(["store", "copy", "--from", sqlite.location, "--to", postgres.location])
        #expect(result.status == 70, "\(result.stderr)")
        #expect(result.stdout.contains("DIFFERENT: runs 6/7"), "\(result.stdout)")
        #expect(result.stderr.contains("the stores disagree for hist"), "\(result.stderr)")
        #expect(try await CLIRunner.run(["store", "copy", "--from", sqlite.location, "--to", sqlite.location]).status == 64)
        #expect(try await CLIRunner.run(["store", "copy", "--from", "/nonexistent.sqlite", "--to", postgres.location]).status == 78)
    }
}
