import ArgumentParser
import Foundation
import StreamReachKit

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report the programme's reach against its target, for a week or the whole series.",
        discussion: """
            Without --week, --iso-week or --all, reports the latest week that a collect run has \
            completed; after the series, its last week, with what was gained after it. The same \
            database gives byte-identical output, so reports can be diffed.
            """
    )

    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var programme: String

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
        let programme = try loadProgramme(self.programme)
        let period: ReportPeriod = all ? .all : week.map(ReportPeriod.week) ?? isoWeek.flatMap(ReportPeriod.parseISOWeek) ?? .latestComplete
        let store = try await StoreLocation.openExisting(database.resolvedPath)
        try writeOutput(try await ReportRendering.render(period, of: programme, from: store, as: format), to: output)
    }
}

extension ReportFormat: ExpressibleByArgument {}
