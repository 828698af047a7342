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

    package static func read(_ programme: Programme, from store: SnapshotStore) throws -> MetricsSnapshot {
        let kinds = Dictionary(programme.events.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let id = programme.series.id
        let target = Int64(programme.series.target)
        return try store.readReach { reader in
            let states = try reader.seriesStates(programme: id)
            let lastRun = try reader.lastRun(programme: id)
            return MetricsSnapshot(
                programme: id, target: target,
                series: states.compactMap { state in
                    state.value.map { SeriesValue(event: state.eventID, channel: state.channelID, kind: kinds[state.eventID] ?? "unknown", value: $0) }
                },
                handEntered: Dictionary(try reader.manualReach(programme: id).map { ($0.channel, $0.figure) }, uniquingKeysWith: +),
                lastRun: lastRun,
                lastRunOutcomes: try lastRun.map { try reader.outcomeCounts(runID: $0.id) } ?? [:],
                lastSuccessAt: try reader.lastSuccessfulRunStart(programme: id))
        }
    }
}
