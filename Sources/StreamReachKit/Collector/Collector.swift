import Foundation
import Logging
import Synchronization

/// Reads the current count of every started stream of a programme from every platform
/// channel it ran on.
package struct Collector: Sendable {
    package let programme: Programme
    package let config: SourcesConfig
    package let logger: Logger
    /// The wall clock, for `Retry-After` dates; injectable for tests and simulations.
    package var clock: @Sendable () -> Date = { Date() }
    package var retryPolicy: RetryPolicy
    /// Which figure this collector reads: the nightly job reads views; viewers are read
    /// while streams are live. A channel whose platform lacks the figure is not read.
    package let figure: Figure
    /// Calls to metered platforms (YouTube) this collector may make; nil: no limit.
    package var quota: QuotaAllowance?

    package init(programme: Programme, config: SourcesConfig, logger: Logger, figure: Figure = .views) {
        self.programme = programme
        self.config = config
        self.logger = logger
        self.figure = figure
        retryPolicy = RetryPolicy(maxAttempts: config.maxAttempts)
    }

    /// The readings of this collector's figure, by channel.
    private var sources: [String: SourceSpec] { config.sources(for: figure) }

    /// Every series to read at `now`: streams that have started, on the platform channels
    /// that carried them and whose platform has this collector's figure. Throws when a
    /// channel in use has no source configured.
    package func targets(now: Date) throws -> [CollectionTarget] {
        let sources = sources
        let converter = TimeZoneConverter(identifier: programme.series.timeZone)
        var targets: [CollectionTarget] = []
        var unconfigured: Set<String> = []
        for event in programme.events where converter.instant(event.start) <= now {
            for channel in programme.channels(carrying: event) where channel.sort == .platform {
                guard let streamID = event.streams[channel.id] else { continue }
                guard sources[channel.id] != nil else {
                    if !config.configures(channel.id) { unconfigured.insert(channel.id) }
                    continue
                }
                targets.append(CollectionTarget(eventID: event.id, channelID: channel.id, streamID: streamID))
            }
        }
        if !unconfigured.isEmpty {
            throw CollectorError.channelsWithoutSource(unconfigured.sorted(), sourcesFile: config.file)
        }
        return targets
    }

    /// Fetches every target once (retrying transient failures within the run's deadline).
    /// `samples` hears the samples of each request as soon as it is final, on the transfer
    /// thread, so a store can write them while later answers are awaited.
    package func collect(now: Date, progress: (@Sendable (Int, Int) -> Void)? = nil,
                         samples sink: (@Sendable ([Sample]) -> Void)? = nil) async throws -> CollectionRun {
        try await collect(targets(now: now), now: now, progress: progress, samples: sink)
    }

    /// Fetches these targets once (the live poller's choice of streams; a target on a
    /// channel without this collector's figure is not read).
    package func collect(_ targets: [CollectionTarget], now: Date, progress: (@Sendable (Int, Int) -> Void)? = nil,
                         samples sink: (@Sendable ([Sample]) -> Void)? = nil) async throws -> CollectionRun {
        let started = ContinuousClock.now
        let targets = targets.filter { sources[$0.channelID] != nil }
        var (jobs, plan) = requests(for: targets)
        logger.debug("collecting", metadata: ["series": "\(targets.count)", "requests": "\(jobs.count)"])
        let sampler = Sampler(targets: targets, jobs: jobs, plan: plan, redactor: config.redactor)
        let byTarget = SamplesByTarget()
        // A metered request without a unit of quota left is not made: its series say so.
        if let quota {
            let refused = jobs.filter { plan[$0.id]?.source.platform.isMetered == true && !quota.take() }
            if !refused.isEmpty {
                let ids = Set(refused.map(\.id))
                jobs.removeAll { ids.contains($0.id) }
                for job in refused {
                    let readings = Dictionary(uniqueKeysWithValues: (plan[job.id]?.ids ?? []).map {
                        ($0, SeriesReading(outcome: .quota, detail: "StreamReach's daily quota budget for this platform is used up (streamreach quota)"))
                    })
                    let samples = sampler.samples(of: TransferRecord(jobID: job.id, result: .failure(TransferFailure(kind: .other, curlCode: 0, message: "not made")), attempts: 0),
                                                  readings: readings)
                    byTarget.add(samples)
                    sink?(samples)
                }
                plan = plan.filter { !ids.contains($0.key) }
            }
        }
        _ = try await fetch(jobs, plan: plan, progress: progress) { record, readings in
            let samples = sampler.samples(of: record, readings: readings)
            byTarget.add(samples)
            sink?(samples)
        }
        let found = byTarget.all()
        let samples = targets.map { target in
            found[target] ?? Sample(target: target, reading: SeriesReading(outcome: .transient, detail: "no result (the run ended first)"),
                                    attempts: 0, url: "")
        }
        // Measured, not read from the wall clock, so a run replayed at another `now` says how long it took.
        let took = ContinuousClock.now - started
        let finished = now.addingTimeInterval(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
        return CollectionRun(programme: programme.series.id, startedAt: now, finishedAt: finished, day: day(of: now), samples: samples)
    }

    /// The programme-local day of an instant: the day a run's counts are attributed to.
    package func day(of instant: Date) -> LocalDate {
        TimeZoneConverter(identifier: programme.series.timeZone).local(instant).date
    }

    private typealias Plan = [Int: (source: SourceSpec, ids: [String], channels: Set<String>)]

    /// How many requests to metered platforms reading `targets` takes (first attempts):
    /// counted, not built, as ``requests(for:)`` would batch them.
    package func meteredRequests(for targets: [CollectionTarget]) -> Int {
        // By channel first: a source's batch key is worked out once per channel, not per target
        // (the live poller counts before every poll).
        var ids: [String: (source: SourceSpec, ids: Set<String>)] = [:]
        for (channel, channelTargets) in Dictionary(grouping: targets, by: \.channelID) {
            guard let source = sources[channel], source.platform.isMetered else { continue }
            ids[source.batchKey, default: (source, [])].ids.formUnion(channelTargets.map(\.streamID))
        }
        return ids.values.reduce(0) { $0 + $1.source.requestCount(for: $1.ids.count) }
    }

    /// The requests that read `targets`, each stream id once, batched where the platform
    /// allows; `plan` says which source, ids and channels each request covers. Channels whose
    /// sources differ only in their name (a network's venues on Twitch with one app token,
    /// on YouTube with one API key) share batches: 100 Twitch logins are one call whatever
    /// channels they belong to.
    private func requests(for targets: [CollectionTarget]) -> (jobs: [TransferJob], plan: Plan) {
        // At most one request per target: reserved, so 2,000 entries are not copied on every growth.
        var jobs: [TransferJob] = []
        jobs.reserveCapacity(targets.count)
        var plan: Plan = [:]
        plan.reserveCapacity(targets.count)
        var groups: [String: (source: SourceSpec, channels: [String], targets: [CollectionTarget])] = [:]
        for (channel, channelTargets) in Dictionary(grouping: targets, by: \.channelID).sorted(by: { $0.key < $1.key }) {
            guard let source = sources[channel] else { continue }
            let key = source.batchKey
            groups[key, default: (source, [], [])].channels.append(channel)
            groups[key]!.targets += channelTargets
        }
        for group in groups.values.sorted(by: { $0.channels[0] < $1.channels[0] }) {
            var seen = Set<String>()
            let ids = group.targets.map(\.streamID).filter { seen.insert($0).inserted }
            let channels = Set(group.channels) // one set per group, shared by its requests
            for (request, covered) in group.source.requests(for: ids) {
                let id = jobs.count
                jobs.append(TransferJob(id: id, request: request, minimumIntervalSeconds: group.source.requestsPerSecond.map { 1 / $0 } ?? 0))
                plan[id] = (group.source, covered, channels)
            }
        }
        return (jobs, plan)
    }

    /// Runs the requests. Each response is read once, on the transfer thread while others
    /// are in flight, to decide on a retry; `finished` gets each final record with the
    /// readings of its last attempt.
    private func fetch(_ jobs: [TransferJob], plan: Plan, progress: (@Sendable (Int, Int) -> Void)?,
                       finished: @escaping @Sendable (TransferRecord, [String: SeriesReading]) -> Void) async throws -> [TransferRecord] {
        let (policy, clock, redactor, logger, quota) = (retryPolicy, clock, config.redactor, logger, quota)
        let interpreted = InterpretedReadings()
        return try await HTTPFetcher(options: config.transfer).fetch(jobs, within: .seconds(config.deadlineSeconds), decide: { job, attempt, result in
            guard let entry = plan[job.id] else { return .done }
            let (readings, wait) = ResponseInterpreter(source: entry.source).interpret(result, ids: entry.ids, now: clock())
            interpreted.store(readings, for: job.id)
            let outcome = readings.values.first?.outcome ?? .ok
            var decision = policy.decision(attempt: attempt, outcome: outcome, serverWait: wait)
            // A retry of a metered request costs a unit like the first try.
            if case .retry = decision, entry.source.platform.isMetered, let quota, !quota.take() { decision = .done }
            if case .retry(let seconds) = decision {
                logger.debug("retrying", metadata: ["url": "\(redactor.redact(job.request.url))", "attempt": "\(attempt)",
                                                    "after": "\(String(format: "%.2f", seconds))s",
                                                    "reason": "\(redactor.redact(readings.values.first?.detail ?? ""))"])
            }
            return decision
        }, progress: progress, finished: { record in
            // A record the engine ended itself (a start failure, the deadline) was never interpreted.
            let readings = interpreted.readings(for: record.jobID)
                ?? plan[record.jobID].map { ResponseInterpreter(source: $0.source).interpret(record.result, ids: $0.ids, now: clock()).readings }
                ?? [:]
            finished(record, readings)
        })
    }
}

/// Turns a final record into the samples of the targets it read: one place, so a sample
/// streamed to the store early is the very sample of the finished run.
private struct Sampler: Sendable {
    /// Targets by stream id: a request that read an id hands its reading to the targets
    /// with that id on the channels it covers (a shared batch covers thousands of channels,
    /// so looking the id up once and filtering by channel beats a lookup per channel).
    let targetsByStream: [String: [CollectionTarget]]
    /// As requested: redacted per record on the transfer thread, while other answers are
    /// awaited, not all at once before the first request.
    let urls: [Int: String]
    let channels: [Int: Set<String>]

    init(targets: [CollectionTarget], jobs: [TransferJob], plan: [Int: (source: SourceSpec, ids: [String], channels: Set<String>)], redactor: Redactor) {
        targetsByStream = Dictionary(grouping: targets, by: \.streamID)
        urls = Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0.request.url) })
        channels = plan.mapValues(\.channels)
        self.redactor = redactor
    }

    let redactor: Redactor

    func samples(of record: TransferRecord, readings: [String: SeriesReading]) -> [Sample] {
        guard let channels = channels[record.jobID] else { return [] }
        let url = urls[record.jobID].map(redactor.redact) ?? ""
        return readings.sorted { $0.key < $1.key }.flatMap { id, reading in
            let redacted = SeriesReading(outcome: reading.outcome, value: reading.value, detail: reading.detail.map(redactor.redact))
            return (targetsByStream[id] ?? []).filter { channels.contains($0.channelID) }.map {
                Sample(target: $0, reading: redacted, attempts: record.attempts, url: url)
            }
        }
    }
}

/// Samples by target, gathered on the transfer thread and read after the fetch.
private final class SamplesByTarget: Sendable {
    private let byTarget = Mutex<[CollectionTarget: Sample]>([:])

    func add(_ samples: [Sample]) { byTarget.withLock { for sample in samples { $0[sample.target] = sample } } }
    func all() -> [CollectionTarget: Sample] { byTarget.withLock { $0 } }
}

/// Readings by job, written on the transfer thread and read after the fetch.
private final class InterpretedReadings: Sendable {
    private let byJob = Mutex<[Int: [String: SeriesReading]]>([:])

    func store(_ readings: [String: SeriesReading], for job: Int) { byJob.withLock { $0[job] = readings } }
    func readings(for job: Int) -> [String: SeriesReading]? { byJob.withLock { $0[job] } }
}

package enum CollectorError: Error, LocalizedError, ExitStatusReporting, Sendable {
    package var exitStatus: ExitStatus { .configError }

    case channelsWithoutSource([String], sourcesFile: String)

    package var errorDescription: String? {
        switch self {
        case .channelsWithoutSource(let channels, let file):
            return "\(file): no source for platform channel\(channels.count == 1 ? "" : "s") \(channels.joined(separator: ", ")); add an entry under `sources:` for each"
        }
    }
}
