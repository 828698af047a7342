import Foundation

/// What reports and metrics read from a store: rollups and runs, never a scan of every
/// snapshot. One value of it is one consistent view (``ReachStore/read(_:)``).
package protocol ReachReading: Sendable {
    /// Every series of the programme with its rollups, ordered by event and channel.
    func seriesStates(programme: String) async throws -> [SeriesState]
    /// Each series' count at the end of `day` (its last count on or before it), by series id;
    /// series with no count by then are left out.
    func values(programme: String, atEndOf day: LocalDate) async throws -> [Int64: Int64]
    /// Corrections of runs on local days `from` through `to` (all, without bounds), in time order.
    func corrections(programme: String, from: LocalDate?, to: LocalDate?) async throws -> [CorrectionRecord]
    /// How many corrections up to `to`, and how many views they removed.
    func correctionTotals(programme: String, to: LocalDate) async throws -> (count: Int, views: Int64)
    /// Every run of the programme, in time order.
    func runDays(programme: String) async throws -> [RunDay]
    /// Hand-entered figures, by day, event and channel.
    func manualReach(programme: String) async throws -> [ManualReach]
    /// Donations, by day, then event (those given to the series first), amount and line.
    func donations(programme: String) async throws -> [Donation]
    /// The programme's latest run.
    func lastRun(programme: String) async throws -> RunSummary?
    /// When the programme's latest run that exited 0 started.
    func lastSuccessfulRunStart(programme: String) async throws -> Date?
    /// How many series of a run ended in each outcome.
    func outcomeCounts(runID: Int64) async throws -> [SampleOutcome: Int]
    /// Series of `channels` that still hold snapshots of runs stored before views and
    /// viewers were told apart: readings that may be viewers, not views.
    func seriesWithUnseparatedFigures(programme: String, channels: Set<String>) async throws -> Set<Int64>
    /// The programme's runs stored before views and viewers were told apart.
    func runsBeforeFiguresApart(programme: String) async throws -> Set<Int64>
    /// Every audience sample of the programme, by event, channel and time.
    func audience(programme: String) async throws -> [AudienceSample]
    /// Quota spent on `day` and later, by day and job.
    func quotaUse(since day: LocalDate) async throws -> [QuotaUse]
    /// The views read at the end of each live stream, by event and channel.
    func liveEndViews(programme: String) async throws -> [LiveEndViews]
    /// How many viewer readings were moved out of each channel's counts (``AudienceSample/Origin/moved``).
    func movedViewerReadings(programme: String) async throws -> [String: Int]
}
