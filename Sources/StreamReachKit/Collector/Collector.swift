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

    package init(programme: Programme, config: SourcesConfig, logger: Logger) {
        self.programme = programme
        self.config = config
        self.logger = logger
        retryPolicy = RetryPolicy(maxAttempts: config.maxAttempts)
    }

    /// Every series to read at `now`: streams that have started, on the platform channels
    /// that carried them. Throws when a channel in use has no source configured.
    package func targets(now: Date) throws -> [CollectionTarget] {
        let converter = TimeZoneConverter(identifier: programme.series.timeZone)
        var targets: [CollectionTarget] = []
        var unconfigured: Set<String> = []
        for event in programme.events where converter.instant(event.start) <= now {
            for channel in programme.channels(carrying: event) where channel.sort == .platform {
                guard let streamID = event.streams[channel.id] else { continue }
                guard config.sources[channel.id] != nil else {
                    unconfigured.insert(channel.id)
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
    package func collect(now: Date, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> CollectionRun {
        let started = ContinuousClock.now
        let targets = try targets(now: now)
        let (jobs, plan) = requests(for: targets)
        logger.debug("collecting", metadata: ["series": "\(targets.count)", "requests": "\(jobs.count)"])
        let (records, interpreted) = try await fetch(jobs, plan: plan, progress: progress)

        var readingsByChannelAndID: [String: [String: (SeriesReading, Int, String)]] = [:]
        for record in records {
            guard let entry = plan[record.jobID] else { continue }
            let url = config.redactor.redact(jobs[record.jobID].request.url)
            let readings = interpreted.readings(for: record.jobID)
                ?? ResponseInterpreter(source: entry.source).interpret(record.result, ids: entry.ids, now: clock()).readings
            for (id, reading) in readings {
                let detail = reading.detail.map(config.redactor.redact)
                readingsByChannelAndID[entry.source.channel, default: [:]][id] =
                    (SeriesReading(outcome: reading.outcome, value: reading.value, detail: detail), record.attempts, url)
            }
        }
        let samples = targets.map { target in
            let (reading, attempts, url) = readingsByChannelAndID[target.channelID]?[target.streamID]
                ?? (SeriesReading(outcome: .transient, detail: "no result (the run ended first)"), 0, "")
            return Sample(target: target, reading: reading, attempts: attempts, url: url)
        }
        let day = TimeZoneConverter(identifier: programme.series.timeZone).local(now).date
        // Measured, not read from the wall clock, so a run replayed at another `now` says how long it took.
        let took = ContinuousClock.now - started
        let finished = now.addingTimeInterval(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
        return CollectionRun(programme: programme.series.id, startedAt: now, finishedAt: finished, day: day, samples: samples)
    }

    private typealias Plan = [Int: (source: SourceSpec, ids: [String])]

    /// The requests that read `targets`, each stream id once per channel, batched where the
    /// platform allows; `plan` says which source and ids each request covers.
    private func requests(for targets: [CollectionTarget]) -> (jobs: [TransferJob], plan: Plan) {
        var jobs: [TransferJob] = []
        var plan: Plan = [:]
        for (channel, channelTargets) in Dictionary(grouping: targets, by: \.channelID).sorted(by: { $0.key < $1.key }) {
            guard let source = config.sources[channel] else { continue }
            var seen = Set<String>()
            let ids = channelTargets.map(\.streamID).filter { seen.insert($0).inserted }
            for (request, covered) in source.requests(for: ids) {
                let id = jobs.count
                jobs.append(TransferJob(id: id, request: request, minimumIntervalSeconds: source.requestsPerSecond.map { 1 / $0 } ?? 0))
                plan[id] = (source, covered)
            }
        }
        return (jobs, plan)
    }

    /// Runs the requests. Each response is read once, on the transfer thread while others
    /// are in flight, to decide on a retry; the last attempt's readings are kept for the samples.
    private func fetch(_ jobs: [TransferJob], plan: Plan, progress: (@Sendable (Int, Int) -> Void)?) async throws
        -> (records: [TransferRecord], interpreted: InterpretedReadings) {
        let (policy, clock, redactor, logger) = (retryPolicy, clock, config.redactor, logger)
        let interpreted = InterpretedReadings()
        let records = try await HTTPFetcher(options: config.transfer).fetch(jobs, within: .seconds(config.deadlineSeconds), decide: { job, attempt, result in
            guard let entry = plan[job.id] else { return .done }
            let (readings, wait) = ResponseInterpreter(source: entry.source).interpret(result, ids: entry.ids, now: clock())
            interpreted.store(readings, for: job.id)
            let outcome = readings.values.first?.outcome ?? .ok
            let decision = policy.decision(attempt: attempt, outcome: outcome, serverWait: wait)
            if case .retry(let seconds) = decision {
                logger.debug("retrying", metadata: ["url": "\(redactor.redact(job.request.url))", "attempt": "\(attempt)",
                                                    "after": "\(String(format: "%.2f", seconds))s",
                                                    "reason": "\(redactor.redact(readings.values.first?.detail ?? ""))"])
            }
            return decision
        }, progress: progress)
        return (records, interpreted)
    }
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
