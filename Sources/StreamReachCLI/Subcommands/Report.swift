import ArgumentParser
import Foundation
import StreamReachKit

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report the programme's reach against its target, for a week or the whole series.",
        discussion: """
            Without --week, --iso-week or --all, reports the latest week that a collect run has \
            completed; after the series, its last week, with what was gained after it. The same \
            database gives byte-identical output, so reports can be diffed.

            With --network, reports several programmes together (venues of a city, or one venue's \
            seasons) from one store: their total against the network's target, each programme's \
            share and standing, views by platform, the top events across them and each one's data \
            quality, to date. Name the programme files, or one network file that lists them \
            (docs/NETWORK-FORMAT.md).
            """
    )

    @Argument(help: ArgumentHelp("The programme file (YAML); with --network, several, or one network file.", valueName: "programme"),
              completion: .file(extensions: ["yaml", "yml"]))
    var files: [String] = []

    @Flag(help: "Report several programmes together (a network of venues or seasons).")
    var network = false

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Programme week (1 is the week of the first day).")
    var week: Int?

    @Option(help: ArgumentHelp("ISO week, e.g. 2020-W14.", valueName: "yyyy-Www"))
    var isoWeek: String?

    @Flag(help: "The whole series instead of one week.")
    var all = false

    @Option(help: ArgumentHelp("Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")) (prom: Prometheus metrics of the latest counts).",
                               valueName: "format"))
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "path"),
            completion: .file())
    var output: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name the programme file") }
        if !network && files.count > 1 {
            // Name what was taken as programmes: a mistyped option's value lands here too.
            throw ValidationError("one programme at a time, but \(files.count) were given (\(files.joined(separator: ", "))); "
                                  + "add --network to report several together")
        }
        if network && (week != nil || isoWeek != nil) {
            throw ValidationError("a network report shows the standing to date: leave out --week and --iso-week")
        }
        if network && format == .prom { throw ValidationError("--format prom shows one programme's metrics; report each programme on its own") }
        if [week != nil, isoWeek != nil, all].filter({ $0 }).count > 1 {
            throw ValidationError("give at most one of --week, --iso-week and --all")
        }
        if !format.showsAPeriod, week != nil || isoWeek != nil || all {
            throw ValidationError("--format \(format.rawValue) shows the latest counts, not a period: leave out --week, --iso-week and --all")
        }
        if let isoWeek, ReportPeriod.parseISOWeek(isoWeek) == nil {
            throw ValidationError("'\(isoWeek)' is not an ISO week such as 2020-W14")
        }
    }

    func run() async throws {
        if network { return try await runNetwork() }
        let programme = try loadProgramme(files[0])
        let period: ReportPeriod = all ? .all : week.map(ReportPeriod.week) ?? isoWeek.flatMap(ReportPeriod.parseISOWeek) ?? .latestComplete
        let store = try await StoreLocation.openExisting(database.resolvedPath)
        try writeOutput(try await ReportRendering.render(period, of: programme, from: store, as: format), to: output)
    }
}

extension Report {
    private func runNetwork() async throws {
        let network: Network
        if files.count == 1, NetworkLoader.isNetworkFile(path: files[0]) {
            network = try NetworkLoader.load(path: files[0])
        } else {
            network = Network(id: "network", title: "Network", target: nil, programmeFiles: files)
        }
        let builder = try NetworkReportBuilder(network: network, programmes: try network.programmeFiles.map(loadProgramme))
        let store = try await StoreLocation.openExisting(database.resolvedPath)
        let report = try await builder.build(from: store)
        try writeOutput(try NetworkReportRendering.render(report, as: format), to: output)
    }
}

extension ReportFormat: ExpressibleByArgument {}
