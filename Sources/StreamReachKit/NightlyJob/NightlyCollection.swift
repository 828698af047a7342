import Foundation
import Logging

/// The nightly job, whole: take the run lock, ping the start, collect, store the run, warn
/// about missed nights, write the metrics, ping the end. The CLI, the demo and the tests all
/// run it; it never throws, and its result carries the exit status cron should see.
package struct NightlyCollection: Sendable {
    package struct Settings: Sendable {
        /// Where the store is (`--db`).
        package var database: String
        /// Fetch and interpret, store nothing, touch no lock or metrics (`--dry-run`).
        package var dryRun = false
        /// Prometheus textfile to write after storing (`--prom`).
        package var prometheusPath: String?
        package var prometheusPerEvent = false
        /// Healthchecks-style URL (`--ping`).
        package var pingURL: String?

        package init(database: String) { self.database = database }
    }

    package struct Result: Sendable {
        /// What was read; nil when the job stopped before collecting.
        package var run: CollectionRun?
        /// The stored run's id; nil on a dry run or when storing failed.
        package var runID: Int64?
        /// Things to tell the operator that did not fail the run (a missed night, a failed ping).
        package var warnings: [String] = []
        /// What stopped the job, secrets removed; nil when it ran to the end.
        package var error: String?
        package var status: ExitStatus = .ok
    }

    package var collector: Collector
    package let settings: Settings

    package init(collector: Collector, settings: Settings) {
        self.collector = collector
        self.settings = settings
    }

    package func run(now: Date, progress: (@Sendable (Int, Int) -> Void)? = nil) async -> Result {
        let pinger = settings.pingURL.map { HealthcheckPinger(url: $0, options: collector.config.transfer) }
        var result = Result()
        let store: (any ReachStore)?
        do {
            let started = ContinuousClock.now
            store = settings.dryRun ? nil : try StoreLocation.open(settings.database)
            collector.logger.debug("opened the store", metadata: ["took": "\(ContinuousClock.now - started)"])
        } catch {
            return await failed(error, pinger, result)
        }
        let lease: (any RunLease)?
        do {
            lease = try await store?.lockRuns(programme: collector.programme.series.id, now: now)
        } catch {
            // Another run is at work: no ping, so a healthy run in progress is not reported
            // as failed by the one that stood aside.
            return Result(error: error.localizedDescription, status: ExitStatus(for: error))
        }
        defer { withExtendedLifetime(lease) {} }
        await ping(.start, pinger, into: &result)
        do {
            let started = ContinuousClock.now
            let run: CollectionRun
            if let store {
                run = try await collectAndStore(now: now, into: store, result: &result, progress: progress)
            } else {
                run = try await collector.collect(now: now, progress: progress)
            }
            collector.logger.debug("collected and stored", metadata: ["series": "\(run.samples.count)", "took": "\(ContinuousClock.now - started)"])
            result.run = run
            result.status = run.exitStatus
            if let store, let path = settings.prometheusPath {
                let metrics = PrometheusExporter.render(try await MetricsSnapshot.read(collector.programme, from: store),
                                                        perEvent: settings.prometheusPerEvent)
                try AtomicFile.write(metrics, to: path)
            }
        } catch {
            return await failed(error, pinger, result)
        }
        await ping(result.status == .ok ? .success : .fail, pinger, into: &result)
        return result
    }

    /// Collects while the store writes each sample as it arrives, in one transaction that
    /// commits with the finished run (or takes everything back if collecting fails).
    private func collectAndStore(now: Date, into store: any ReachStore, result: inout Result,
                                 progress: (@Sendable (Int, Int) -> Void)?) async throws -> CollectionRun {
        let programme = collector.programme
        let programmeID = programme.series.id
        let feed = SampleFeed(programme: programmeID, startedAt: now, day: collector.day(of: now))
        let storing = Task { try await store.record(streaming: feed) }
        let collecting = Task { [collector] in try await collector.collect(now: now, progress: progress, samples: { feed.add($0) }) }
        // Read while the requests are under way: the run being written is not committed yet,
        // so this still sees the run before it.
        let previousRun = try? await store.read { try await $0.lastRun(programme: programmeID) }
        let previousDay = previousRun.flatMap { $0 }.map { TimeZoneConverter(identifier: programme.series.timeZone).local($0.startedAt).date }
        let run: CollectionRun
        do {
            run = try await collecting.value
        } catch {
            feed.cancel()
            _ = try? await storing.value
            throw error
        }
        result.run = run
        feed.finish(run)
        result.runID = try await storing.value
        if let note = MissedNights.message(MissedNights.between(previous: previousDay, current: run.day)) {
            result.warnings.append(note)
        }
        return run
    }

    private func failed(_ error: any Error, _ pinger: HealthcheckPinger?, _ partial: Result) async -> Result {
        var result = partial
        result.error = collector.config.redactor.redact(error.localizedDescription)
        result.status = ExitStatus(for: error)
        await ping(.fail, pinger, into: &result)
        return result
    }

    private func ping(_ signal: HealthcheckPinger.Signal, _ pinger: HealthcheckPinger?, into result: inout Result) async {
        guard let pinger, let problem = await pinger.ping(signal) else { return }
        result.warnings.append("the \(signal.rawValue) ping failed (\(problem)); the run itself is not affected")
    }
}
