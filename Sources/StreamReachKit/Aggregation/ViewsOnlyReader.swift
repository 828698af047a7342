import Foundation

/// The store as a report must see it: only views. Series whose stored readings may be
/// viewers (people watching now, stored as views by a version that did not tell the two
/// apart, and not yet moved by a collect: docs/SCHEMA.md, v4) are left out of every figure,
/// their corrections included, and the report says so (``ReachReport/FigureNote``).
///
/// A decorator rather than a condition in every query of both stores: the case is rare
/// (it ends with the next collect of the programme), and when it does not arise the reads
/// pass straight through.
struct ViewsOnlyReader: ReachReading {
    let base: any ReachReading
    /// Left-out series by id, and by event and channel (corrections name those).
    let leftOut: Set<Int64>
    private let leftOutPairs: Set<String>

    init(base: any ReachReading, leftOut: Set<Int64>, states: [SeriesState]) {
        self.base = base
        self.leftOut = leftOut
        leftOutPairs = Set(states.filter { leftOut.contains($0.seriesID) }.map { Self.pair($0.eventID, $0.channelID) })
    }

    private static func pair(_ event: String, _ channel: String) -> String { event + "\u{0}" + channel }

    func seriesStates(programme: String) async throws -> [SeriesState] {
        try await base.seriesStates(programme: programme).filter { !leftOut.contains($0.seriesID) }
    }

    func values(programme: String, atEndOf day: LocalDate) async throws -> [Int64: Int64] {
        let values = try await base.values(programme: programme, atEndOf: day)
        return leftOut.isEmpty ? values : values.filter { !leftOut.contains($0.key) }
    }

    func corrections(programme: String, from: LocalDate?, to: LocalDate?) async throws -> [CorrectionRecord] {
        try await base.corrections(programme: programme, from: from, to: to).filter { !leftOutPairs.contains(Self.pair($0.event, $0.channel)) }
    }

    func correctionTotals(programme: String, to: LocalDate) async throws -> (count: Int, views: Int64) {
        let totals = try await base.correctionTotals(programme: programme, to: to)
        guard !leftOutPairs.isEmpty else { return totals }
        let dropped = try await base.corrections(programme: programme, from: nil, to: to).filter { leftOutPairs.contains(Self.pair($0.event, $0.channel)) }
        return (totals.count - dropped.count, totals.views - dropped.reduce(0) { $0 + $1.previousValue - $1.value })
    }

    func runDays(programme: String) async throws -> [RunDay] { try await base.runDays(programme: programme) }
    func manualReach(programme: String) async throws -> [ManualReach] { try await base.manualReach(programme: programme) }
    func donations(programme: String) async throws -> [Donation] { try await base.donations(programme: programme) }
    func lastRun(programme: String) async throws -> RunSummary? { try await base.lastRun(programme: programme) }
    func lastSuccessfulRunStart(programme: String) async throws -> Date? { try await base.lastSuccessfulRunStart(programme: programme) }
    func outcomeCounts(runID: Int64) async throws -> [SampleOutcome: Int] { try await base.outcomeCounts(runID: runID) }
    func seriesWithUnseparatedFigures(programme: String, channels: Set<String>) async throws -> Set<Int64> {
        try await base.seriesWithUnseparatedFigures(programme: programme, channels: channels)
    }
    func runsBeforeFiguresApart(programme: String) async throws -> Set<Int64> { try await base.runsBeforeFiguresApart(programme: programme) }
    func audience(programme: String) async throws -> [AudienceSample] { try await base.audience(programme: programme) }
    func movedViewerReadings(programme: String) async throws -> [String: Int] { try await base.movedViewerReadings(programme: programme) }
    func liveEndViews(programme: String) async throws -> [LiveEndViews] { try await base.liveEndViews(programme: programme) }
    func quotaUse(since day: LocalDate) async throws -> [QuotaUse] { try await base.quotaUse(since: day) }
}
