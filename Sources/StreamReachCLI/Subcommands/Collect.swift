import ArgumentParser
import Foundation
import StreamReachKit

struct Collect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the current view count of every started stream and store the run.",
        discussion: """
            Made for cron: prints nothing when every series was read, one line per failed \
            series (URL without secrets, and the reason) when not. Exit codes: 0 all read \
            (absent counts included), 75 some failed for now (network, 5xx, 429, quota) or \
            another run holds the lock, 65 bad data (unknown id, not JSON, 404) or a bad \
            programme file, 78 configuration (sources file, refused key or token).
            """
    )

    @Argument(help: "The programme file (YAML).")
    var programme: String

    @Option(help: ArgumentHelp("The sources file: how to read each platform channel.", valueName: "path"))
    var sources: String

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Fetch and print the values without storing anything (for setting up a platform).")
    var dryRun = false

    @Flag(help: "Print one line summing up the run, also on success.")
    var summary = false

    @Flag(name: .shortAndLong, help: "Print every series and log each request and retry.")
    var verbose = false

    @Option(help: "Output format for --summary, --dry-run and --verbose: text or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("After the run, write Prometheus metrics here (temp file + rename, for node_exporter's textfile collector).", valueName: "path"))
    var prom: String?

    @Flag(help: "With --prom, also write one series per event and channel.")
    var promPerEvent = false

    @Option(help: ArgumentHelp("Healthchecks-style URL: pinged at URL/start, then URL or URL/fail. A failed ping never fails the run.", valueName: "url"))
    var ping: String?

    @Option(help: ArgumentHelp("Collect as if it were this time (ISO 8601), for replays and simulations.", visibility: .hidden))
    var now: String?

    func validate() throws {
        if dryRun, prom != nil { throw ValidationError("--prom writes metrics of a stored run; it cannot go with --dry-run") }
        if let ping, !(ping.hasPrefix("http://") || ping.hasPrefix("https://")) {
            throw ValidationError("--ping needs an http:// or https:// URL")
        }
    }

    func run() async throws {
        let clockNow = try now.map(parseInstant) ?? Date()
        let programme = try loadProgramme(self.programme)
        let config = try loadSources(sources)
        let logger = Terminal.logger(verbose: verbose)
        let collector = Collector(programme: programme, config: config, logger: logger)
        let pinger = ping.map { HealthcheckPinger(url: $0, options: config.transfer) }

        var lock: RunLock?
        if !dryRun {
            do {
                lock = try RunLock(databasePath: database.resolvedPath, now: clockNow)
            } catch {
                Terminal.writeError("error: \(error.localizedDescription)")
                throw ExitCode(.temporaryFailure)
            }
        }
        defer { withExtendedLifetime(lock) {} }

        await send(.start, pinger)
        let run: CollectionRun
        do {
            run = try await collector.collect(now: clockNow, progress: Terminal.stderrIsTerminal ? Self.showProgress : nil)
        } catch let error as CollectorError {
            Terminal.writeError("error: \(error.localizedDescription)")
            await send(.fail, pinger)
            throw ExitCode(.configError)
        }
        if Terminal.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }

        var runID: Int64?
        if !dryRun {
            do {
                let store = try SnapshotStore(path: database.resolvedPath)
                let previousDay = try store.readReach { try $0.lastRun(programme: programme.series.id) }
                    .map { TimeZoneConverter(identifier: programme.series.timeZone).local($0.startedAt).date }
                runID = try store.record(run)
                if let note = MissedNights.message(MissedNights.between(previous: previousDay, current: run.day)) {
                    Terminal.writeError("warning: \(note)")
                }
                if let prom {
                    let metrics = PrometheusExporter.render(try MetricsSnapshot.read(programme, from: store), perEvent: promPerEvent)
                    try AtomicFile.write(metrics, to: prom)
                }
            } catch {
                Terminal.writeError("error: \(config.redactor.redact(error.localizedDescription))")
                await send(.fail, pinger)
                throw ExitCode(.temporaryFailure)
            }
        }
        try report(run, runID: runID)
        let status = run.exitStatus
        await send(status == .ok ? .success : .fail, pinger)
        if status != .ok { throw ExitCode(status) }
    }

    private func send(_ signal: HealthcheckPinger.Signal, _ pinger: HealthcheckPinger?) async {
        guard let pinger, let problem = await pinger.ping(signal) else { return }
        Terminal.writeError("warning: the \(signal.rawValue) ping failed (\(problem)); the run itself is not affected")
    }

    private func report(_ run: CollectionRun, runID: Int64?) throws {
        let view = CollectionRunView(run, runID: runID)
        if format == .json, dryRun || summary || verbose {
            print(try JSONOutput.encode(view))
        } else {
            if dryRun || verbose {
                for sample in run.samples { print(CollectionRunView.line(sample)) }
            }
            if summary || dryRun || verbose { print(view.summaryLine) }
        }
        for sample in run.failures {
            Terminal.writeError("failed: " + CollectionRunView.line(sample))
        }
    }

    @Sendable private static func showProgress(done: Int, total: Int) {
        FileHandle.standardError.write(Data("\rcollecting: \(done)/\(total) requests".utf8))
    }
}

func parseInstant(_ text: String) throws -> Date {
    let formatter = ISO8601DateFormatter()
    guard let date = formatter.date(from: text) else {
        throw ValidationError("'\(text)' is not an ISO 8601 time such as 2020-04-01T02:00:00Z")
    }
    return date
}

func loadSources(_ path: String) throws -> SourcesConfig {
    do {
        return try SourcesConfigLoader.load(path: path)
    } catch let error as InputFileError {
        printError(error.errorDescription ?? "\(error)")
        throw ExitCode(.configError)
    }
}
