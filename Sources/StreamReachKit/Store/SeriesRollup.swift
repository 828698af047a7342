/// The rollups of one series, what reports read instead of its snapshots, and the one rule
/// that moves them forward by a snapshot.
///
/// Collect and import both fold with ``fold(_:)``; the stores only load and save the state.
/// Pure, so the rules are tested without a database: a drop is a correction (never a reset,
/// never clamped), a snapshot older than the latest count (a replayed night) counts in the
/// totals but never becomes the latest, and a failure keeps the last count.
package struct SeriesRollup: Sendable, Equatable {
    /// Latest count read and when (nil until one).
    package var value: Int64?
    package var observedAt: Int64?
    package var lastRunID: Int64?
    package var lastOutcome: SampleOutcome?
    package var lastDetail: String?
    package var okRuns = 0
    package var absentRuns = 0
    package var failedRuns = 0
    package var corrections = 0
    /// Views removed by the platform, summed over the corrections.
    package var correctedViews: Int64 = 0

    package init() {}

    /// One snapshot as the fold sees it.
    package struct Snapshot: Sendable {
        package let runID: Int64
        package let observedAt: Int64
        package let value: Int64?
        package let outcome: SampleOutcome
        package let detail: String?

        package init(runID: Int64, observedAt: Int64, value: Int64?, outcome: SampleOutcome, detail: String?) {
            self.runID = runID
            self.observedAt = observedAt
            self.value = value
            self.outcome = outcome
            self.detail = detail
        }
    }

    /// A drop the fold found: the store records it as a correction of that run.
    package struct Drop: Sendable, Equatable {
        package let previousValue: Int64
        package let value: Int64
    }

    /// Folds one snapshot in; returns the drop it reveals, if any.
    package mutating func fold(_ snapshot: Snapshot) -> Drop? {
        switch snapshot.outcome {
        case .ok: okRuns += 1
        case .absent: absentRuns += 1
        default: failedRuns += 1
        }
        // A run stored out of order (a replay of an older night) must not become "latest".
        guard observedAt.map({ snapshot.observedAt >= $0 }) ?? true else { return nil }
        lastRunID = snapshot.runID
        lastOutcome = snapshot.outcome
        lastDetail = snapshot.detail
        guard let newValue = snapshot.value else { return nil }
        var drop: Drop?
        if let previous = value, newValue < previous {
            corrections += 1
            correctedViews += previous - newValue
            drop = Drop(previousValue: previous, value: newValue)
        }
        value = newValue
        observedAt = snapshot.observedAt
        return drop
    }
}
