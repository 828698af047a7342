import Foundation

/// What the Prometheus metrics say, read from the store in one transaction.
package struct MetricsSnapshot: Sendable {
    package struct SeriesValue: Sendable {
        package let event: String
        package let channel: String
        package let kind: String
        package let value: Int64
    }

    package let programme: String
    package let target: Int64
    package let series: [SeriesValue]
    package let handEntered: [String: Int64]
    package let lastRun: RunSummary?
    package let lastRunOutcomes: [SampleOutcome: Int]
    package let lastSuccessAt: Date?

    package static func read(_ programme: Programme, from store: any ReachStore) async throws -> MetricsSnapshot {
        let kinds = Dictionary(programme.events.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let id = programme.series.id
        let target = Int64(programme.series.target)
        return try await store.read { reader in
            let states = try await reader.seriesStates(programme: id)
            let lastRun = try await reader.lastRun(programme: id)
            let handEntered = try await reader.manualReach(programme: id)
            let outcomes = if let lastRun { try await reader.outcomeCounts(runID: lastRun.id) } else { [SampleOutcome: Int]() }
            return MetricsSnapshot(
                programme: id, target: target,
                series: states.compactMap { state in
                    state.value.map { SeriesValue(event: state.eventID, channel: state.channelID, kind: kinds[state.eventID] ?? "unknown", value: $0) }
                },
                handEntered: Dictionary(handEntered.map { ($0.channel, $0.figure) }, uniquingKeysWith: +),
                lastRun: lastRun,
                lastRunOutcomes: outcomes,
                lastSuccessAt: try await reader.lastSuccessfulRunStart(programme: id))
        }
    }
}
