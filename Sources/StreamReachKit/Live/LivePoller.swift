import Foundation
import Logging

/// `streamreach live`: polls the viewers of every stream of a programme that is live or
/// about to be (``LivePlan`` says when), stores each figure as an audience sample, and at
/// each stream's end reads its view count once: the views of the live hour.
///
/// A long-running job: it stores after every poll, so stopping it (SIGTERM cancels the
/// task) loses nothing; a restart resumes without duplicate samples (one per stream and
/// instant, and a stream's end read once); failures back off per stream; it logs a line per
/// change of a stream's state, never per poll; and it keeps no history in memory.
package struct LivePoller: Sendable {
    package struct Summary: Sendable, Equatable {
        package var polls = 0
        package var samples = 0
        package var endsRead = 0
        package var failedPolls = 0
    }

    package let programme: Programme
    package let config: SourcesConfig
    package let store: any ReachStore
    package let clock: any WallClock
    package var settings = LivePlan.Settings()
    package var logger: Logger
    /// One line per state change and per notice, for the operator.
    package var log: @Sendable (String) -> Void = { _ in }
    /// Called after every cycle with its timing (the command writes the Prometheus textfile
    /// there; the benchmark measures drift).
    package var afterCycle: (@Sendable (CycleTiming) async -> Void)?

    /// When a cycle was due (its grid time: the earliest next poll), when it started and
    /// ended by the poller's clock, and how many streams it polled.
    package struct CycleTiming: Sendable {
        package let due: Date
        package let started: Date
        package let finished: Date
        package let polls: Int
        /// How late the cycle started: its drift from the grid.
        package var lateness: TimeInterval { started.timeIntervalSince(due) }
        package var duration: TimeInterval { finished.timeIntervalSince(started) }
    }

    /// What of the day's YouTube budget the poller may spend: all but tonight's nightly
    /// job's share (its reads of every stream's views, with retries). Worked out once.
    private let quotaLimit: Int

    package init(programme: Programme, config: SourcesConfig, store: any ReachStore, clock: any WallClock, logger: Logger) {
        self.programme = programme
        self.config = config
        self.store = store
        self.clock = clock
        self.logger = logger
        let views = Collector(programme: programme, config: config, logger: logger, figure: .views)
        let targets = programme.events.flatMap { event in
            event.streams.map { CollectionTarget(eventID: event.id, channelID: $0.key, streamID: $0.value) }
        }
        quotaLimit = config.youtubeDailyQuota - views.meteredRequests(for: targets) * views.retryPolicy.maxAttempts
    }

    /// The channels whose viewers are polled.
    package var channels: Set<String> { Set(config.viewerSources.keys) }

    /// What the poller will do, said once when it starts.
    package var startLine: String {
        let platformChannels = programme.channels.filter { $0.sort == .platform }.map(\.id)
        let polled = platformChannels.filter(channels.contains), skipped = platformChannels.filter { !channels.contains($0) }
        let streams = LivePlan(programme: programme, channels: channels, settings: settings).streams.count
        return "polling the viewers of \(streams) stream\(streams == 1 ? "" : "s") on \(polled.isEmpty ? "no channel" : polled.joined(separator: ", "))"
            + (skipped.isEmpty ? "" : "; no live figure from \(skipped.joined(separator: ", ")) (docs/SOURCES-FORMAT.md, \"Views and viewers\")")
    }

    /// Polls until every stream of the programme is over, or until the task is cancelled.
    package func run() async throws -> Summary {
        let programmeID = programme.series.id
        var plan = LivePlan(programme: programme, channels: channels, settings: settings)
        let ended = try await store.read { try await $0.liveEndViews(programme: programmeID) }
        plan.resume(at: clock.now(), endedBefore: Set(ended.map { LivePlan.key($0.eventID, $0.channelID) }))
        var summary = Summary()
        let clock = self.clock
        var viewers = Collector(programme: programme, config: config, logger: logger, figure: .viewers)
        viewers.clock = { clock.now() }
        var views = Collector(programme: programme, config: config, logger: logger, figure: .views)
        views.clock = { clock.now() }
        var due = clock.now()
        while !Task.isCancelled {
            let started = clock.now()
            // A cycle is not cancelled halfway: what was read is stored before the job stops
            // (cancellation would abort the store's write and lose it).
            let turn = try await Self.uncancelled { [plan, summary, viewers, views] in
                try await self.cycle(plan, summary, viewers: viewers, views: views)
            }
            let polls = turn.summary.polls - summary.polls
            (plan, summary) = (turn.plan, turn.summary)
            if let afterCycle { await afterCycle(CycleTiming(due: due, started: started, finished: clock.now(), polls: polls)) }
            let now = clock.now()
            guard let wake = plan.nextWake(after: now) else { break }
            due = wake
            do {
                try await clock.sleep(until: max(wake, now))
            } catch is CancellationError {
                break
            }
        }
        return summary
    }

    /// What one cycle changed, handed back from its own task.
    private struct CycleResult: Sendable {
        let plan: LivePlan
        let summary: Summary
    }

    private static func uncancelled<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await body() }.value
    }

    /// One turn: close what is over, poll what is due, store it, read the ends.
    private func cycle(_ plan: LivePlan, _ summary: Summary, viewers: Collector, views: Collector) async throws -> CycleResult {
        var (plan, summary) = (plan, summary)
        let programmeID = programme.series.id
        let now = clock.now()
        var over: [CollectionTarget] = []
        for change in plan.closeWindows(at: now) {
            log(describe(change, note: "its window closed"))
            if change.from == .live || change.from == .failing { over.append(change.target) }
        }
        let (due, elsewhere) = oneEventPerStream(plan.due(at: now), plan: plan, at: now)
        for target in elsewhere {
            // The channel's one stream belongs to another event of the programme now.
            if let change = plan.record(.absent, of: target, at: now) {
                log(describe(change, note: nil))
                if change.to == .ended { over.append(target) }
            }
        }
        if !due.isEmpty {
            let polled = due.map(liveTarget)
            plan.stretch = try await quotaStretch(at: now, current: plan.stretch)
            let run = try await metered(viewers, polled, at: now) { try await $0.collect(polled, now: now) }
            summary.polls += due.count
            // A live poll may read a channel-wide id (``liveTarget``): the planned target is
            // found again by event and channel.
            let planned = Dictionary(due.map { (LivePlan.key($0.eventID, $0.channelID), $0) }, uniquingKeysWith: { first, _ in first })
            var samples: [AudienceSample] = []
            for sample in run.samples {
                let target = planned[LivePlan.key(sample.target.eventID, sample.target.channelID)] ?? sample.target
                let reading: LivePlan.Reading
                switch sample.reading.outcome {
                case .ok:
                    let count = max(0, sample.reading.value ?? 0)
                    reading = .viewers(count)
                    samples.append(AudienceSample(eventID: target.eventID, channelID: target.channelID, streamID: target.streamID,
                                                  observedAt: now, viewers: count, origin: .live))
                case .absent: reading = .absent
                default:
                    reading = .failed
                    summary.failedPolls += 1
                }
                guard let change = plan.record(reading, of: target, at: now) else { continue }
                log(describe(change, note: reading == .failed ? sample.reading.detail.map(config.redactor.redact) : nil))
                if change.to == .ended { over.append(target) }
            }
            try await store.recordAudience(programme: programmeID, samples)
            summary.samples += samples.count
        }
        if !over.isEmpty { summary.endsRead += try await readEnds(over, with: views, at: now) }
        return CycleResult(plan: plan, summary: summary)
    }

    /// One view count per stream that ended: the views at the end of its live hour.
    private func readEnds(_ targets: [CollectionTarget], with views: Collector, at now: Date) async throws -> Int {
        let run = try await metered(views, targets, at: now) { try await $0.collect(targets, now: now) }
        let entries = run.samples.compactMap { sample -> LiveEndViews? in
            guard sample.reading.outcome == .ok, let value = sample.reading.value, value >= 0 else { return nil }
            return LiveEndViews(eventID: sample.target.eventID, channelID: sample.target.channelID, streamID: sample.target.streamID,
                                observedAt: now, views: value)
        }
        try await store.recordLiveEnd(programme: programme.series.id, entries)
        for target in targets where !entries.contains(where: { $0.eventID == target.eventID && $0.channelID == target.channelID }) {
            log("\(target.eventID) on \(target.channelID): no view count at its end (\(run.samples.first { $0.target == target }?.reading.detail ?? "none"))")
        }
        return entries.count
    }

    /// Runs `body` with `collector` allowed the YouTube calls it needs for `targets`, booked
    /// in the store's ledger first; tonight's nightly job's share is never touched.
    private func metered<T: Sendable>(_ collector: Collector, _ targets: [CollectionTarget], at now: Date,
                                      _ body: (Collector) async throws -> T) async throws -> T {
        let units = collector.meteredRequests(for: targets) * collector.retryPolicy.maxAttempts
        guard units > 0 else { return try await body(collector) }
        return try await store.spendingQuota(day: QuotaDay.of(now), units: units, limit: quotaLimit,
                                             job: .live) { allowance in
            var collector = collector
            collector.quota = allowance
            return try await body(collector)
        }
    }

    /// Polls come less often as the day's YouTube budget runs low: every second time with a
    /// quarter left, every fourth with a tenth. Said once when it changes.
    private func quotaStretch(at now: Date, current: Double) async throws -> Double {
        guard config.viewerSources.values.contains(where: { $0.platform.isMetered }) else { return 1 }
        let budget = config.youtubeDailyQuota
        let left = budget - (try await store.quotaSpent(on: QuotaDay.of(now)))
        let stretch: Double = left * 10 < budget ? 4 : left * 4 < budget ? 2 : 1
        if stretch != current {
            log(stretch == 1 ? "YouTube quota: \(left) of \(budget) units left today; polling at the usual pace again"
                : "YouTube quota: \(left) of \(budget) units left today; polling \(Int(stretch)) times less often")
        }
        return stretch
    }

    /// Where events share one live stream (a Twitch login, an Owncast server), its viewers
    /// belong to one event at a time: the one whose slot holds `now`, else the one that
    /// started last, else the next to start. The others are told "no figure" this time.
    private func oneEventPerStream(_ due: [CollectionTarget], plan: LivePlan, at now: Date)
        -> (polled: [CollectionTarget], elsewhere: [CollectionTarget]) {
        var polled: [CollectionTarget] = [], elsewhere: [CollectionTarget] = []
        for group in Dictionary(grouping: due, by: { LivePlan.key($0.channelID, liveTarget($0).streamID) }).values {
            guard group.count > 1 else {
                polled += group
                continue
            }
            let slot = { (target: CollectionTarget) in plan.stream(target).map { ($0.plannedStart, $0.plannedEnd) } ?? (now, now) }
            let chosen = group.first { slot($0).0 <= now && now < slot($0).1 }
                ?? group.filter { slot($0).0 <= now }.max { slot($0).0 < slot($1).0 }
                ?? group.min { slot($0).0 < slot($1).0 }!
            polled.append(chosen)
            elsewhere += group.filter { $0 != chosen }
        }
        // Back in the order they were due (by position, not by searching: thousands of streams).
        let chosen = Set(polled)
        return (due.filter(chosen.contains), elsewhere)
    }

    /// The target a live poll reads: a channel-wide id (a Twitch login) where there is one.
    private func liveTarget(_ target: CollectionTarget) -> CollectionTarget {
        guard let id = config.liveIDs[target.channelID] else { return target }
        return CollectionTarget(eventID: target.eventID, channelID: target.channelID, streamID: id)
    }

    private func describe(_ change: LivePlan.Change, note: String?) -> String {
        let what: String
        switch change.to {
        case .live: what = change.from == .failing ? "live again" : "live"
        case .failing: what = "failing"
        case .ended: what = "ended"
        case .waiting: what = "waiting"
        }
        return "\(change.target.eventID) on \(change.target.channelID): \(what)" + (note.map { " (\($0))" } ?? "")
    }
}
