import ArgumentParser
import Foundation
import StreamReachKit

struct Collect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Read the current view count of every started stream and store the run.",
        discussion: """
            Made for cron: prints nothing when every series was read, one line per distinct \
            problem (the reason, how many series it hit, one request as an example, secrets removed) \
            when not. Exit codes: 0 all read \
            (absent counts included), 75 some failed for now (network, 5xx, 429, quota) or \
            another run holds the lock, 65 bad data (unknown id, not JSON, 404) or a bad \
            programme file, 78 configuration (sources file, refused key or token).
            """
    )

    @OptionGroup var files: JobFiles

    @Flag(help: "Fetch and print the values without storing anything (for setting up a platform).")
    var dryRun = false

    @Flag(help: "Print one line summing up the run, also on success.")
    var summary = false

    @Flag(name: .shortAndLong, help: "Print every series and log each request and retry.")
    var verbose = false

    @Option(help: "Output format for --summary, --dry-run and --verbose: text or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("After the run, write Prometheus metrics here (temp file + rename, for node_exporter's textfile collector).", valueName: "path"),
            completion: .file(extensions: ["prom"]))
    var prom: String?

    @Flag(help: "With --prom, also write one series per event and channel.")
    var promPerEvent = false

    @Option(help: ArgumentHelp("Healthchecks-style URL: pinged at URL/start, then URL or URL/fail. A failed ping never fails the run.", valueName: "url"))
    var ping: String?

    @Option(help: ArgumentHelp("Collect as if it were this time (ISO 8601), for replays and simulations.", visibility: .hidden))
    var now: String?

    func validate() throws {
        if let now { _ = try parseInstant(now) }
        if dryRun, prom != nil { throw ValidationError("--prom writes metrics of a stored run; it cannot go with --dry-run") }
        if let ping, !(ping.hasPrefix("http://") || ping.hasPrefix("https://")) {
            throw ValidationError("--ping needs an http:// or https:// URL")
        }
    }

    func run() async throws {
        let clockNow = try now.map(parseInstant) ?? Date()
        var settings = NightlyCollection.Settings(database: files.database.resolvedPath)
        settings.dryRun = dryRun
        settings.prometheusPath = prom
        settings.prometheusPerEvent = promPerEvent
        settings.pingURL = ping
        let (programmePath, sourcesPath, logger) = (files.programme, files.sources, Terminal.logger(verbose: verbose))
        // The job reads the files itself, so a broken one still updates the metrics and pings /fail.
        let job = NightlyCollection(settings: settings, programme: { try ProgrammeLoader.load(path: programmePath) }) { programme in
            Collector(programme: programme, config: try SourcesConfigLoader.load(path: sourcesPath), logger: logger)
        }
        let result = await job.run(now: clockNow, progress: Terminal.stderrIsTerminal ? Self.showProgress : nil)
        if Terminal.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if let run = result.run { try report(run, runID: result.runID) }
        for warning in result.warnings { Terminal.writeError("warning: \(warning)") }
        if let error = result.error { printError(error) }
        if result.status != .ok { throw ExitCode(result.status) }
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
        for line in CollectionRunView.failureLines(run) {
            Terminal.writeError("failed: " + line)
        }
    }

    @Sendable private static func showProgress(done: Int, total: Int) {
        FileHandle.standardError.write(Data("\rcollecting: \(done)/\(total) requests".utf8))
    }
}

func parseInstant(_ text: String) throws -> Date {
    guard let date = InternetTime.date(from: text) else {
        throw ValidationError("'\(text)' is not an ISO 8601 time such as 2020-04-01T02:00:00Z")
    }
    return date
}
