import Testing
@testable import StreamReachKit

/// The one fold that collect and import share, without a database.
@Suite struct SeriesRollupTests {
    private func snapshot(_ run: Int64, at time: Int64, _ value: Int64?, _ outcome: SampleOutcome = .ok) -> SeriesRollup.Snapshot {
        SeriesRollup.Snapshot(runID: run, observedAt: time, value: value, outcome: value == nil && outcome == .ok ? .absent : outcome, detail: nil)
    }

    @Test func aDropIsACorrectionNeverAResetOrAClamp() {
        var rollup = SeriesRollup()
        #expect(rollup.fold(snapshot(1, at: 100, 1_000)) == nil)
        #expect(rollup.fold(snapshot(2, at: 200, 950)) == SeriesRollup.Drop(previousValue: 1_000, value: 950))
        #expect(rollup.value == 950)
        #expect((rollup.corrections, rollup.correctedViews) == (1, 50))
    }

    @Test func aFailureOrAnAbsentCountKeepsTheLastCount() {
        var rollup = SeriesRollup()
        _ = rollup.fold(snapshot(1, at: 100, 10))
        _ = rollup.fold(snapshot(2, at: 200, nil, .transient))
        _ = rollup.fold(snapshot(3, at: 300, nil, .absent))
        #expect(rollup.value == 10)
        #expect(rollup.observedAt == 100)
        #expect(rollup.lastOutcome == .absent)
        #expect(rollup.lastRunID == 3)
        #expect((rollup.okRuns, rollup.failedRuns, rollup.absentRuns) == (1, 1, 1))
    }

    @Test func anOlderNightStoredLateCountsButNeverBecomesTheLatest() {
        var rollup = SeriesRollup()
        _ = rollup.fold(snapshot(1, at: 300, 30))
        #expect(rollup.fold(snapshot(2, at: 100, 5)) == nil, "an older, lower count is no correction")
        #expect(rollup.value == 30)
        #expect(rollup.lastRunID == 1)
        #expect(rollup.okRuns == 2)
    }
}
