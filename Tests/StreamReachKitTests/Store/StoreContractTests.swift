import Foundation
import Testing
@testable import StreamReachKit

/// What every ``ReachStore`` must do, run against each implementation in ``StoreUnderTest``.
@Suite struct StoreContractTests {
    private func run(_ values: [(String, SeriesReading)], at seconds: Int64, programme: String = "test") -> CollectionRun {
        let start = Date(timeIntervalSince1970: Double(seconds))
        return CollectionRun(
            programme: programme, startedAt: start, finishedAt: start.addingTimeInterval(3), day: LocalDate(dayNumber: Int(seconds / 86400)),
            samples: values.map { Sample(target: CollectionTarget(eventID: $0.0, channelID: "youtube", streamID: "id-\($0.0)"),
                                         reading: $0.1, attempts: 1, url: "https://x") })
    }

    /// The board's cache key: it moves with every kind of write about a programme.
    @Test(arguments: StoreUnderTest.allCases)
    func theChangeMarkMovesWithEveryWriteAboutAProgramme(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        var marks = [try await store.changeMark(programmes: ["test"])]
        func moved(_ what: String) async throws {
            let mark = try await store.changeMark(programmes: ["test"])
            #expect(!marks.contains(mark), "\(what) moved the mark")
            marks.append(mark)
        }
        try await store.record(run([("a", .count(10))], at: 1000))
        try await moved("a run")
        let at = Date(timeIntervalSince1970: 2000)
        try await store.recordAudience(programme: "test", [AudienceSample(eventID: "a", channelID: "youtube", streamID: "id-a",
                                                                          observedAt: at, viewers: 5, origin: .live)])
        try await moved("a live sample")
        try await store.recordLiveEnd(programme: "test", [LiveEndViews(eventID: "a", channelID: "youtube", streamID: "id-a", observedAt: at, views: 9)])
        try await moved("an end-of-live read")
        try await store.recordManualReach(programme: "test", [ManualReach(event: "a", channel: "ok", date: LocalDate(iso: "2020-03-24")!,
                                                                          figure: 3, source: "estimate")], enteredAt: at)
        try await moved("a hand-entered figure")
        try await store.recordDonations(programme: "test", [Donation(date: LocalDate(iso: "2020-03-24")!, amount: 500, currency: "EUR",
                                                                      reference: "", event: nil, source: "box")], as: .adding, enteredAt: at)
        try await moved("a donation")
        if kind == .postgres {
            // On the shared server another programme's writes leave this one's mark alone.
            try await store.record(run([("a", .count(10))], at: 3000, programme: "other"))
            #expect(try await store.changeMark(programmes: ["test"]) == marks.last)
        }
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aRunAndItsSnapshotsRoundTrip(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let first = try await store.record(run([("a", .count(10)), ("b", SeriesReading(outcome: .absent, detail: "offline"))], at: 1000))
        let second = try await store.record(run([("a", .count(8)), ("b", SeriesReading(outcome: .transient, detail: "HTTP 503"))], at: 2000))
        #expect(second > first)
        let snapshots = try await store.snapshots()
        #expect(snapshots.map(\.value) == [10, nil, 8, nil])
        #expect(snapshots.map(\.outcome) == [.ok, .absent, .ok, .transient])
        #expect(snapshots.map(\.detail) == [nil, "offline", nil, "HTTP 503"])
        let runs = try await store.runs(limit: 10)
        #expect(runs.map(\.id) == [second, first])
        #expect(runs[0].failedCount == 1)
        #expect(runs[0].exitStatus == ExitStatus.temporaryFailure.rawValue)
        #expect(runs[1].absentCount == 1)
        let (last, outcomes, success) = try await store.read { reader in
            (try await reader.lastRun(programme: "test"), try await reader.outcomeCounts(runID: second),
             try await reader.lastSuccessfulRunStart(programme: "test"))
        }
        #expect(last?.id == second)
        #expect(outcomes == [.ok: 1, .transient: 1])
        #expect(success == Date(timeIntervalSince1970: 1000), "the second run failed a series, so the first is the last success")
    }

    /// `runs PROGRAMME` in a store that venues share: one programme's runs, newest first,
    /// or every programme's.
    @Test(arguments: StoreUnderTest.allCases)
    func runsAreListedForOneProgrammeOrForAll(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let a1 = try await store.record(run([("a", .count(1))], at: 1000, programme: "venue-a"))
        let b1 = try await store.record(run([("a", .count(2))], at: 2000, programme: "venue-b"))
        let a2 = try await store.record(run([("a", .count(3))], at: 3000, programme: "venue-a"))
        #expect(try await store.runs(limit: 10, programme: "venue-a").map(\.id) == [a2, a1])
        #expect(try await store.runs(limit: 1, programme: "venue-a").map(\.id) == [a2])
        #expect(try await store.runs(limit: 10, programme: "venue-b").map(\.programme) == ["venue-b"])
        #expect(try await store.runs(limit: 10, programme: "elsewhere").isEmpty)
        #expect(try await store.runs(limit: 10).map(\.id) == [a2, b1, a1])
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aRunIsStoredWholeOrNotAtAll(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        // A count with an "absent" outcome is refused by the schema, after the run row and
        // the first snapshot were written: the transaction must take them back.
        await #expect(throws: StoreError.self) {
            try await store.record(run([("a", .count(1)), ("b", SeriesReading(outcome: .absent, value: 5, detail: nil))], at: 1000))
        }
        #expect(try await store.runs(limit: 5).isEmpty)
        #expect(try await store.snapshots().isEmpty)
        #expect(try await store.read { try await $0.seriesStates(programme: "test") }.isEmpty)
    }

    /// Samples handed over while the run is collected are stored once each, in the run's one
    /// transaction; a cancelled run leaves nothing.
    @Test(arguments: StoreUnderTest.allCases)
    func aStreamedRunIsStoredOnceOrNotAtAll(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let whole = run([("a", .count(10)), ("b", .count(20)), ("c", SeriesReading(outcome: .transient, detail: "HTTP 503"))], at: 1000)
        let feed = SampleFeed(programme: "test", startedAt: whole.startedAt, day: whole.day)
        let storing = Task { try await store.record(streaming: feed) }
        feed.add([whole.samples[1]])
        feed.add([whole.samples[0]])
        // While the run is open, a reader sees nothing of it.
        #expect(try await store.runs(limit: 5).isEmpty)
        feed.finish(whole)
        let runID = try await storing.value
        let stored = try await store.snapshots(runID: runID)
        #expect(stored.map(\.eventID) == ["a", "b", "c"])
        #expect(stored.map(\.value) == [10, 20, nil])
        let summary = try #require(try await store.runs(limit: 5).first)
        #expect((summary.seriesCount, summary.okCount, summary.failedCount) == (3, 2, 1))

        let cancelled = SampleFeed(programme: "test", startedAt: Date(timeIntervalSince1970: 2000), day: whole.day)
        let failing = Task { try await store.record(streaming: cancelled) }
        cancelled.add([whole.samples[0]])
        cancelled.cancel()
        await #expect(throws: RunCancelled.self) { try await failing.value }
        #expect(try await store.runs(limit: 5).count == 1)
        #expect(try await store.snapshots().count == 3)
    }

    @Test(arguments: StoreUnderTest.allCases)
    func theRunLockRefusesASecondHolderAndFreesOnRelease(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        var first: (any RunLease)? = try await store.lockRuns(programme: "test", now: Date(timeIntervalSince1970: 0))
        let error = await #expect(throws: RunLockError.self) { try await store.lockRuns(programme: "test", now: Date()) }
        #expect(error?.localizedDescription.contains("pid \(getpid())") == true)
        #expect(error.map(ExitStatus.init(for:)) == .temporaryFailure)
        first = nil
        _ = first
        // Dropping the last reference frees it: at once for a file lock; for a server's
        // advisory lock once its connection has closed, which happens asynchronously
        // (`release()` is the way to free it at once; a loaded CI machine saw the gap).
        var again: (any RunLease)?
        for attempt in 1...50 {
            do {
                again = try await store.lockRuns(programme: "test", now: Date())
                break
            } catch is RunLockError where attempt < 50 {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(again != nil)
        await again?.release()
    }

    /// The rollup rules, through the store: a drop is a correction, a failure keeps the last
    /// count, an older night stored late never becomes the latest, and the day's value is the
    /// last read that day.
    @Test(arguments: StoreUnderTest.allCases)
    func rollupsFollowTheRules(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let day = Int64(86400)
        try await store.record(run([("a", .count(100))], at: 10 * day + 3600))
        try await store.record(run([("a", .count(120))], at: 10 * day + 7200))
        try await store.record(run([("a", .count(90))], at: 11 * day))
        try await store.record(run([("a", SeriesReading(outcome: .transient, detail: "HTTP 503"))], at: 12 * day))
        try await store.record(run([("a", .count(500))], at: 9 * day))
        let (states, corrections, totals, day10, day9) = try await store.read { reader in
            (try await reader.seriesStates(programme: "test"), try await reader.corrections(programme: "test", from: nil, to: nil),
             try await reader.correctionTotals(programme: "test", to: LocalDate(dayNumber: 20)),
             try await reader.values(programme: "test", atEndOf: LocalDate(dayNumber: 10)),
             try await reader.values(programme: "test", atEndOf: LocalDate(dayNumber: 9)))
        }
        let state = try #require(states.first)
        #expect(state.value == 90)
        #expect(state.lastOutcome == .transient)
        #expect((state.okRuns, state.failedRuns) == (4, 1))
        #expect((state.corrections, state.correctedViews) == (1, 30))
        #expect(corrections.map { [$0.previousValue, $0.value] } == [[120, 90]])
        #expect(totals.count == 1 && totals.views == 30)
        #expect(day10.values.sorted() == [120])
        #expect(day9.values.sorted() == [500])
    }

    /// A report reads each week's end from the week rows: the same count as the last
    /// reading of that day or earlier, whatever order the runs were stored in. Three
    /// weeks of runs, several a day, stored shuffled; every day of them is read.
    @Test(arguments: StoreUnderTest.allCases)
    func aWeekEndReadsTheLastCountOnOrBeforeIt(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        // Days 4 to 24 are Monday 1970-01-05 to Sunday 1970-01-25.
        var readings: [(seconds: Int64, a: Int64, b: Int64?)] = []
        for day in Int64(4)...24 where day % 5 != 3 { // some days without a run
            for hour in [Int64(2), 23] where !(day == 10 && hour == 23) {
                let seconds = day * 86_400 + hour * 3_600
                readings.append((seconds, 1_000 + seconds / 900 - (day == 17 ? 300 : 0), day < 8 ? nil : seconds / 3_600))
            }
        }
        var generator = SplitMix64(seed: 11)
        for reading in readings.shuffled(using: &generator) {
            var values = [("a", SeriesReading.count(reading.a))]
            if let b = reading.b { values.append(("b", .count(b))) }
            try await store.record(run(values, at: reading.seconds))
        }
        for day in 3...25 {
            let end = Int64(day + 1) * 86_400
            let latest = readings.filter { $0.seconds < end }.max { $0.seconds < $1.seconds }
            let latestB = readings.filter { $0.seconds < end && $0.b != nil }.max { $0.seconds < $1.seconds }
            let read = try await store.read { reader in
                try await reader.values(programme: "test", atEndOf: LocalDate(dayNumber: day))
            }
            #expect(read.values.sorted() == [latest?.a, latestB?.b].compactMap { $0 }.sorted(),
                    "end of day \(day), a \(LocalDate(dayNumber: day).weekday)")
        }
    }

    /// A history imported in bulk gives the same rollups as the same counts collected run by
    /// run: values, counters, corrections and the last outcome (absent included).
    @Test(arguments: StoreUnderTest.allCases)
    func importedHistoryHasTheRollupsOfCollectedHistory(_ kind: StoreUnderTest) async throws {
        let (collectedStore, removeCollected) = try await kind.make()
        let (importedStore, removeImported) = try await kind.make()
        defer { Task { await removeCollected(); await removeImported() } }
        let collected = try await History.standard(store: collectedStore)
        let imported = try History(target: 1_000, store: importedStore)
        let rows = try await collectedStore.snapshots().compactMap { snapshot -> SnapshotRow? in
            // Failed reads are not history to import.
            guard snapshot.outcome == .ok || snapshot.outcome == .absent else { return nil }
            return SnapshotRow(observedAt: Int64(snapshot.observedAt.timeIntervalSince1970), event: snapshot.eventID,
                               channel: snapshot.channelID, value: snapshot.value)
        }
        // A night on which b/fb was offline: its last outcome must be "absent".
        let offline = SnapshotRow(observedAt: 1_586_500_000, event: "b", channel: "fb", value: nil)
        let summary = try await importedStore.importHistory(imported.programme) { emit in
            for row in rows { try emit(row) }
            try emit(offline)
        }
        #expect(summary == ImportSummary(rows: rows.count + 1, runs: 7, series: 4))
        let absentRun = Date(timeIntervalSince1970: Double(offline.observedAt))
        try await collectedStore.record(CollectionRun(programme: "hist", startedAt: absentRun, finishedAt: absentRun, day: LocalDate(dayNumber: 18_362),
                                                      samples: [Sample(target: CollectionTarget(eventID: "b", channelID: "fb", streamID: "fb-b"),
                                                                       reading: SeriesReading(outcome: .absent, detail: nil), attempts: 1, url: "")]))
        func comparable(_ store: any ReachStore) async throws -> [String] {
            try await store.read { try await $0.seriesStates(programme: "hist") }.map { state in
                "\(state.eventID)/\(state.channelID) \(state.value ?? -1) \(state.lastOutcome) ok \(state.okRuns) absent \(state.absentRuns) "
                    + "corrections \(state.corrections) \(state.correctedViews)"
            }
        }
        let expected = try await comparable(collectedStore).filter { !$0.hasPrefix("c/") } // c/yt only ever failed
        #expect(try await comparable(importedStore) == expected)
        #expect(expected.contains("b/fb 66 absent ok 3 absent 1 corrections 0 0"))
        let a = try await collected.report(.week(2)), b = try await imported.report(.week(2))
        #expect(a.pacing.weeks == b.pacing.weeks)
        #expect(a.series == b.series)
        #expect(a.quality.corrections.map(\.previousValue) == b.quality.corrections.map(\.previousValue))
    }

    /// Importing the same history twice stores it once: the second import skips every row,
    /// and the reports are the same bytes. A row stored with another count stops the import.
    @Test(arguments: StoreUnderTest.allCases)
    func anImportIsIdempotent(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let history = try History(target: 1_000, store: store)
        let base: Int64 = 1_585_101_600 // 2020-03-25T02:00:00Z
        var history6: [SnapshotRow] = []
        for night in Int64(0)..<6 {
            let time = base + night * 86_400
            let views: Int64 = night == 3 ? 105 : 100 + night * 10 // a correction on the fourth night
            history6.append(SnapshotRow(observedAt: time, event: "a", channel: "yt", value: views))
            history6.append(SnapshotRow(observedAt: time, event: "a", channel: "fb", value: night == 2 ? nil : 40 + night))
        }
        let rows = history6
        let first = try await store.importHistory(history.programme) { emit in for row in rows { try emit(row) } }
        #expect(first == ImportSummary(rows: 12, runs: 6, series: 2))
        let before = try ReportRendering.render(try await history.report(.all), as: .json, programme: history.programme)
        let again = try await store.importHistory(history.programme) { emit in for row in rows { try emit(row) } }
        #expect(again == ImportSummary(rows: 0, runs: 0, series: 2, skipped: 12))
        #expect(try await store.snapshots().count == 12)
        let after = try ReportRendering.render(try await history.report(.all), as: .json, programme: history.programme)
        #expect(after == before, "a repeated import changed the report")

        // Overlapping: two stored rows, one new night.
        let next = base + 6 * 86_400
        let overlap = Array(rows.suffix(2)) + [SnapshotRow(observedAt: next, event: "a", channel: "yt", value: 180)]
        let third = try await store.importHistory(history.programme) { emit in for row in overlap { try emit(row) } }
        #expect(third == ImportSummary(rows: 1, runs: 1, series: 2, skipped: 2))

        // A different count for a stored time stops the import, naming the row; nothing of it is kept.
        let conflicting = [SnapshotRow(observedAt: base + 86_400, event: "b", channel: "yt", value: 5),
                           SnapshotRow(observedAt: base + 86_400, event: "a", channel: "fb", value: 41),
                           SnapshotRow(observedAt: base + 86_400, event: "a", channel: "yt", value: 999)]
        let error = await #expect(throws: SnapshotImportError.self) {
            try await store.importHistory(history.programme) { emit in for row in conflicting { try emit(row) } }
        }
        #expect(error?.line == 4, "the header is line 1")
        #expect(error?.message.contains("a/yt at 2020-03-26T02:00:00Z is stored already with 110, not 999") == true, "\(String(describing: error))")
        #expect(!(try await store.snapshots().contains { $0.eventID == "b" }), "the row before the conflict was taken back")
        #expect(try await store.snapshots().count == 13)
    }

    @Test(arguments: StoreUnderTest.allCases)
    func aCorrectedEstimateReplacesTheEarlierOne(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let day = LocalDate(iso: "2020-04-14")!
        try await store.recordManualReach(programme: "p", [ManualReach(event: "e", channel: "ok", date: day, figure: 100, source: "estimate")],
                                          enteredAt: Date(timeIntervalSince1970: 0))
        try await store.recordManualReach(programme: "p", [ManualReach(event: "e", channel: "ok", date: day, figure: 140, source: "survey")],
                                          enteredAt: Date(timeIntervalSince1970: 10))
        let figures = try await store.read { try await $0.manualReach(programme: "p") }
        #expect(figures.map(\.figure) == [140])
        #expect(figures.map(\.source) == ["survey"])
    }

    /// Typed in, an identical donation is one more; imported, a line stored before is skipped.
    @Test(arguments: StoreUnderTest.allCases)
    func donationsAreCountedOnceWhateverIsImportedTwice(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let gift = DonationTestProgramme.gift(1000, on: "2020-03-24")
        let at = Date(timeIntervalSince1970: 0)
        let typed = try await store.recordDonations(programme: "p", [gift], as: .adding, enteredAt: at)
            + store.recordDonations(programme: "p", [gift], as: .adding, enteredAt: at)
        #expect(typed.map(\.occurrence) == [1, 2], "two envelopes of the same amount are two donations")
        let statement = Donation.numberingRepeats([gift, gift, gift, DonationTestProgramme.gift(500, on: "2020-03-23", for: "b")])
        let imported = try await store.recordDonations(programme: "p", statement, as: .importing, enteredAt: at)
        #expect(imported.map(\.occurrence) == [3, 1], "the statement's first two lines are the two typed in")
        #expect(try await store.recordDonations(programme: "p", statement, as: .importing, enteredAt: at).isEmpty)
        let stored = try await store.read { try await $0.donations(programme: "p") }
        #expect(stored.map(\.amount) == [500, 1000, 1000, 1000])
        #expect(stored.map(\.event) == ["b", nil, nil, nil])
        #expect(try await store.read { try await $0.donations(programme: "other") }.isEmpty)
    }

    /// A report reads one state of the store even while a run is written in the middle of it.
    @Test(arguments: StoreUnderTest.allCases)
    func aReadSeesOneStateWhileARunIsWritten(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        try await store.record(run([("a", .count(1))], at: 1000))
        let counts = try await store.read { reader in
            let before = try await reader.runDays(programme: "test").count
            try await store.record(run([("a", .count(2))], at: 2000))
            return (before, try await reader.runDays(programme: "test").count, try await reader.seriesStates(programme: "test")[0].value)
        }
        #expect(counts.0 == 1 && counts.1 == 1 && counts.2 == 1)
        #expect(try await store.read { try await $0.runDays(programme: "test") }.count == 2)
    }
}
