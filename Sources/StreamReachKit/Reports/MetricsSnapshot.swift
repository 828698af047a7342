import Foundation

/// What the Prometheus metrics say, read from the store in one transaction.
package struct MetricsSnapshot: Sendable {
    package struct SeriesValue: Sendable {
        package let event: String
        package let channel: String
        package let kind: String
        package let value: Int64
    }

    /// One stream's live audience, from what `streamreach live` stored.
    package struct LiveValue: Sendable {
        package let event: String
        package let channel: String
        package let latestViewers: Int64
        package let latestAt: Date
        package let peak: Int64
        package let viewerMinutes: Int64
        package let endViews: Int64?
        package let views: Int64?
    }

    /// A stream whose latest reading is older than this is no longer live: the poller reads a
    /// live stream at least every 5 minutes, at its widest backoff.
    package static let liveWindow: TimeInterval = 300

    package let programme: String
    package let target: Int64
    package let series: [SeriesValue]
    package let handEntered: [String: Int64]
    package let lastRun: RunSummary?
    package let lastRunOutcomes: [SampleOutcome: Int]
    package let lastSuccessAt: Date?
    package var live: [LiveValue] = []
    /// When the snapshot was read: what "live now" is measured against.
    package var now = Date()
    /// Donations to date by currency, in minor units.
    package var donations: [String: Int64] = [:]

    package var liveNow: [LiveValue] { live.filter { now.timeIntervalSince($0.latestAt) <= Self.liveWindow } }

    package static func read(_ programme: Programme, from store: any ReachStore, now: Date = Date()) async throws -> MetricsSnapshot {
        let kinds = Dictionary(programme.events.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let id = programme.series.id
        let target = Int64(programme.series.target)
        return try await store.read { reader in
            let states = try await reader.seriesStates(programme: id)
            let lastRun = try await reader.lastRun(programme: id)
            let handEntered = try await reader.manualReach(programme: id)
            let outcomes = if let lastRun { try await reader.outcomeCounts(runID: lastRun.id) } else { [SampleOutcome: Int]() }
            var snapshot = MetricsSnapshot(
                programme: id, target: target,
                series: states.compactMap { state in
                    state.value.map { SeriesValue(event: state.eventID, channel: state.channelID, kind: kinds[state.eventID] ?? "unknown", value: $0) }
                },
                handEntered: Dictionary(handEntered.map { ($0.channel, $0.figure) }, uniquingKeysWith: +),
                lastRun: lastRun,
                lastRunOutcomes: outcomes,
                lastSuccessAt: try await reader.lastSuccessfulRunStart(programme: id))
            snapshot.now = now
            snapshot.live = try await liveValues(reader, programme: id, states: states)
            snapshot.donations = Dictionary(try await reader.donations(programme: id).map { ($0.currency, $0.amount) }, uniquingKeysWith: +)
            return snapshot
        }
    }

    private static func liveValues(_ reader: any ReachReading, programme: String, states: [SeriesState]) async throws -> [LiveValue] {
        let samples = try await reader.audience(programme: programme).filter { $0.origin == .live }
        guard !samples.isEmpty else { return [] }
        typealias Stream = LiveAudienceStats.Stream
        let ends = Dictionary(try await reader.liveEndViews(programme: programme).map { (Stream($0.eventID, $0.channelID), $0.views) },
                              uniquingKeysWith: { first, _ in first })
        let views = Dictionary(states.compactMap { state in state.value.map { (Stream(state.eventID, state.channelID), $0) } },
                               uniquingKeysWith: { first, _ in first })
        return LiveAudienceStats.curves(samples).sorted { ($0.key.event, $0.key.channel) < ($1.key.event, $1.key.channel) }.compactMap { stream, curve in
            guard let latest = curve.last, let figures = LiveAudienceStats.figures(curve) else { return nil }
            return LiveValue(event: stream.event, channel: stream.channel, latestViewers: latest.viewers, latestAt: latest.at,
                             peak: figures.peak, viewerMinutes: figures.viewerMinutes, endViews: ends[stream], views: views[stream])
        }
    }
}
