import ArgumentParser
import Foundation
import Synchronization
import StreamReachKit

struct Live: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Poll the viewers of every stream that is live or about to be, during the programme's hours.",
        discussion: """
            A long-running job (a systemd service, or started by cron before the day's first \
            stream). Each stream is polled from 15 minutes before its start until the platform \
            shows it ended, or --grace after its planned end: every --interval, and every \
            --edge-interval in the first and last 10 minutes of its slot. Each figure is stored \
            as people watching at that moment, never added to views. When a stream ends, its \
            view count is read once: the views of the live hour; what comes later is replay. \
            It stores after every poll, logs one line per change of a stream (live, failing, \
            ended), sleeps between evenings, and returns when the programme's last stream is \
            over. SIGTERM or Ctrl-C stop it \
            cleanly (exit 0); a restart resumes without duplicates. Exit codes as collect: \
            65 bad programme, 78 configuration, 75 the store cannot be reached.
            """
    )

    @OptionGroup var files: JobFiles

    @Option(help: ArgumentHelp("Time between polls of a live stream.", valueName: "span"))
    var interval = "60s"

    @Option(help: ArgumentHelp("Time between polls in the first and last 10 minutes of a slot.", valueName: "span"))
    var edgeInterval = "15s"

    @Option(help: ArgumentHelp("Start polling this long before a stream's planned start.", valueName: "span"))
    var lead = "15m"

    @Option(help: ArgumentHelp("Stop polling this long after a stream's planned end if the platform has not shown its end.", valueName: "span"))
    var grace = "30m"

    @Option(help: ArgumentHelp("After every poll, write Prometheus metrics here (people watching now by channel, …; temp file + rename, for node_exporter's textfile collector).", valueName: "path"),
            completion: .file(extensions: ["prom"]))
    var prom: String?

    @Flag(name: .shortAndLong, help: "Log each request and retry.")
    var verbose = false

    func validate() throws {
        for (name, value) in [("--interval", interval), ("--edge-interval", edgeInterval), ("--lead", lead), ("--grace", grace)] {
            guard let milliseconds = TimeSpanText.milliseconds(value), milliseconds >= 0 else {
                throw ValidationError("\(name) must be a time span such as 15s, 10m or 1h, found '\(value)'")
            }
            if name.hasSuffix("interval"), milliseconds < 1000 {
                throw ValidationError("\(name) must be at least 1s: a platform must not be polled more often")
            }
        }
    }

    func run() async throws {
        let programme = try ProgrammeLoader.load(path: files.programme)
        let config = try SourcesConfigLoader.load(path: files.sources)
        let store = try await StoreLocation.open(files.database.resolvedPath, longRunning: true)
        var poller = LivePoller(programme: programme, config: config, store: store, clock: SystemWallClock(),
                                logger: Terminal.logger(verbose: verbose))
        poller.settings.interval = seconds(interval)
        poller.settings.edgeInterval = seconds(edgeInterval)
        poller.settings.lead = seconds(lead)
        poller.settings.grace = seconds(grace)
        poller.log = { line in Terminal.writeError("\(InternetTime.string(from: Date())) \(line)") }
        if let prom {
            let log = poller.log
            // One line when writing starts to fail and one when it works again, not one per poll.
            let failing = Mutex(false)
            poller.afterCycle = { [store] cycle in
                guard cycle.polls > 0 else { return }
                do {
                    try AtomicFile.write(PrometheusExporter.render(try await MetricsSnapshot.read(programme, from: store, now: cycle.finished)), to: prom)
                    if failing.withLock({ was in defer { was = false }; return was }) { log("writing the metrics to \(prom) works again") }
                } catch {
                    if !failing.withLock({ was in defer { was = true }; return was }) {
                        log("could not write the metrics to \(prom): \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
                    }
                }
            }
        }
        poller.log(poller.startLine)
        let summary = try await TerminationSignals.cancelling { [poller] in try await poller.run() }
        poller.log("stopped: \(summary.polls) polls, \(summary.samples) viewer figures stored, \(summary.endsRead) end-of-live view counts")
    }

    private func seconds(_ span: String) -> TimeInterval { Double(TimeSpanText.milliseconds(span) ?? 0) / 1000 }
}
