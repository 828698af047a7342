import Foundation
import Logging

/// The nightly job, whole: read the programme and sources, take the run lock, ping the
/// start, collect while storing, warn about missed nights, write the metrics, ping the end.
/// The CLI, the demo and the tests all run it; it never throws, and its result carries the
/// exit status cron should see. Whatever stops it after its arguments were read, the
/// metrics file and the ping say so.
package struct NightlyCollection: Sendable {
    package struct Settings: Sendable {
        /// Where the store is (`--db`).
        package var database: String
        /// Fetch and interpret, store nothing, touch no lock or metrics (`--dry-run`).
        package var dryRun = false
        /// Prometheus textfile to write after the run (`--prom`).
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

    package let settings: Settings
    private let loadProgramme: @Sendable () throws -> Programme
    private let makeCollector: @Sendable (Programme) throws -> Collector

    /// A job that reads its programme and its sources itself, so that a broken file is
    /// reported through the metrics and the ping like any other failure.
    package init(settings: Settings, programme: @escaping @Sendable () throws -> Programme,
                 collector: @escaping @Sendable (Programme) throws -> Collector) {
        self.settings = settings
        loadProgramme = programme
        makeCollector = collector
    }

    /// A job with its collector made already (the demo, the tests).
    package init(collector: Collector, settings: Settings) {
        self.init(settings: settings, programme: { collector.programme }, collector: { _ in collector })
    }

    package func run(now: Date, progress: (@Sendable (Int, Int) -> Void)? = nil) async -> Result {
        // The metrics file's folder first: a run must not be stored and then fail on it,
        // or the retry would collect the same night twice.
        if !settings.dryRun, let path = settings.prometheusPath {
            do { try AtomicFile.checkWritable(path) } catch { return await failed(error, at: now, pinger: defaultPinger) }
        }
        // libcurl's global set-up (OpenSSL reads its configuration) needs no programme: done
        // on the other core while the programme is read, not after it. Awaited on every
        // path, so no early error exits the process while it is half done.
        let curlSetUp = CurlGlobal.startInBackground()
        let result = await loadAndCollect(now: now, progress: progress)
        await curlSetUp.finished()
        return result
    }

    private func loadAndCollect(now: Date, progress: (@Sendable (Int, Int) -> Void)?) async -> Result {
        let programme: Programme
        do {
            programme = try loadProgramme()
        } catch {
            return await failed(error, at: now, pinger: defaultPinger)
        }
        let collector: Collector
        do {
            collector = try makeCollector(programme)
        } catch {
            // The programme is known: the metrics keep its label and its last success.
            let store = settings.dryRun ? nil : try? await StoreLocation.openExisting(settings.database)
            return await failed(error, at: now, pinger: defaultPinger, programme: programme, store: store)
        }
        let pinger = settings.pingURL.map { HealthcheckPinger(url: $0, options: collector.config.transfer) }
        let store: (any ReachStore)?
        do {
            store = settings.dryRun ? nil : try await StoreLocation.open(settings.database)
        } catch {
            return await failed(error, at: now, pinger: pinger, programme: programme, redactor: collector.config.redactor)
        }
        let lease: (any RunLease)?
        do {
            lease = try await store?.lockRuns(programme: collector.programme.series.id, now: now)
        } catch {
            // Another run is at work: no ping and no metrics, so a healthy run in progress
            // is not reported as failed by the one that stood aside.
            return Result(error: error.localizedDescription, status: ExitStatus(for: error))
        }
        let result = await collectHoldingTheLock(collector, programme: programme, store: store, pinger: pinger, now: now, progress: progress)
        // Released before returning, not when the lease is dropped: a shared store releases
        // on the server, and the next night in the same process (the demo, a resident job)
        // must find the lock free.
        await lease?.release()
        return result
    }

    private func collectHoldingTheLock(_ collector: Collector, programme: Programme, store: (any ReachStore)?, pinger: HealthcheckPinger?,
                                       now: Date, progress: (@Sendable (Int, Int) -> Void)?) async -> Result {
        var result = Result()
        await ping(.start, pinger, into: &result)
        do {
            let started = ContinuousClock.now
            let run: CollectionRun
            if let store {
                try await separateFigures(collector, in: store, result: &result)
                run = try await collectAndStore(collector, now: now, into: store, result: &result, progress: progress)
            } else {
                run = try await collector.collect(now: now, progress: progress)
            }
            collector.logger.debug("collected and stored", metadata: ["series": "\(run.samples.count)", "took": "\(ContinuousClock.now - started)"])
            result.run = run
            result.status = run.exitStatus
            if let store, let path = settings.prometheusPath {
                let metrics = PrometheusExporter.render(try await MetricsSnapshot.read(collector.programme, from: store, now: now),
                                                        perEvent: settings.prometheusPerEvent)
                try AtomicFile.write(metrics, to: path)
            }
        } catch {
            return await failed(error, at: now, pinger: pinger, programme: programme, redactor: collector.config.redactor,
                                store: store, partial: result)
        }
        await ping(result.status == .ok ? .success : .fail, pinger, into: &result)
        return result
    }

    /// Once per store and programme: what older versions stored as views on channels that
    /// read people watching now goes to the audience samples before tonight's counts land
    /// (docs/SCHEMA.md, v4). Said once, when it happens; later nights find nothing to move.
    private func separateFigures(_ collector: Collector, in store: any ReachStore, result: inout Result) async throws {
        let config = collector.config
        let genericViewerChannels = config.viewerSources.keys.filter { config.sources[$0] == nil }
        let channels = collector.programme.channelsThatStoredViewersAsViews.union(genericViewerChannels)
        for separation in try await store.separateFigures(programme: collector.programme.series.id, channels: channels) {
            result.warnings.append("channel \(separation.channel): \(separation.moved) reading(s) of viewers watching live, stored as views "
                + "by an earlier version, moved out of the view counts into the live figures"
                + (separation.removed > 0 ? " (\(separation.removed) reading(s) without a figure removed with them)" : "")
                + "; see docs/SCHEMA.md, v4")
        }
    }

    /// Every YouTube call of the run, retries included, is booked in the store's quota
    /// ledger first; what was not spent goes back once the run is stored.
    private func collectAndStore(_ collector: Collector, now: Date, into store: any ReachStore, result: inout Result,
                                 progress: (@Sendable (Int, Int) -> Void)?) async throws -> CollectionRun {
        let targets = try collector.targets(now: now)
        let units = collector.meteredRequests(for: targets) * collector.retryPolicy.maxAttempts
        return try await store.spendingQuota(day: QuotaDay.of(now), units: units, limit: collector.config.youtubeDailyQuota,
                                             job: .nightly) { allowance in
            var metered = collector
            metered.quota = allowance
            return try await collectWhileStoring(metered, targets, now: now, into: store, result: &result, progress: progress)
        }
    }

    /// Collects while the store writes each sample as it arrives, in one transaction that
    /// commits with the finished run (or takes everything back if collecting fails).
    private func collectWhileStoring(_ collector: Collector, _ targets: [CollectionTarget], now: Date, into store: any ReachStore,
                                     result: inout Result, progress: (@Sendable (Int, Int) -> Void)?) async throws -> CollectionRun {
        let programme = collector.programme
        let programmeID = programme.series.id
        let feed = SampleFeed(programme: programmeID, startedAt: now, day: collector.day(of: now))
        let collecting = Task { try await collector.collect(targets, now: now, progress: progress, samples: { feed.add($0) }) }
        // Read while the requests are under way, and before the run's own transaction starts
        // (the feed holds the samples meanwhile): one connection then serves both in turn,
        // where a PostgreSQL store opened a second one for every run when the two overlapped.
        let previousRun = try? await store.read { try await $0.lastRun(programme: programmeID) }
        let storing = Task { try await store.record(streaming: feed) }
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

    /// The job stopped: say why, write metrics that say so (a failed attempt, and the last
    /// success the store knows, if it can be read), and ping /fail.
    private func failed(_ error: any Error, at now: Date, pinger: HealthcheckPinger?, programme loaded: Programme? = nil,
                        redactor: Redactor? = nil, store: (any ReachStore)? = nil, partial: Result = Result()) async -> Result {
        var result = partial
        result.error = redactor.map { $0.redact(error.localizedDescription) } ?? error.localizedDescription
        result.status = ExitStatus(for: error)
        if !settings.dryRun, let path = settings.prometheusPath {
            let programme = loaded?.series.id
            var lastSuccess: Date?
            if let programme, let store {
                lastSuccess = try? await store.read { try await $0.lastSuccessfulRunStart(programme: programme) }
            }
            let metrics = PrometheusExporter.renderFailedAttempt(programme: programme, at: now, status: result.status, lastSuccess: lastSuccess)
            do {
                try AtomicFile.write(metrics, to: path)
            } catch {
                result.warnings.append("the metrics could not be written either: \(error.localizedDescription)")
            }
        }
        await ping(.fail, pinger, into: &result)
        return result
    }

    /// Before the sources file is read, pings go out with default transfer settings.
    private var defaultPinger: HealthcheckPinger? { settings.pingURL.map { HealthcheckPinger(url: $0) } }

    private func ping(_ signal: HealthcheckPinger.Signal, _ pinger: HealthcheckPinger?, into result: inout Result) async {
        guard let pinger, let problem = await pinger.ping(signal) else { return }
        result.warnings.append("the \(signal.rawValue) ping failed (\(problem)); the run itself is not affected")
    }
}
