import ArgumentParser
import Foundation
import StreamReachKit

struct Quota: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota",
        abstract: "Show the YouTube quota spent per day by the nightly job and the live poller.",
        discussion: """
            Every YouTube Data API call costs one unit of the project's daily quota, failed \
            calls too; the day ends at midnight Pacific time. collect and live book each call \
            in the store's ledger before they make it and never pass the budget \
            (settings.youtube-quota in the sources file, 10,000 by default); live polls less \
            often as the budget runs low.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The sources file, for the budget (settings.youtube-quota); without it, 10,000.", valueName: "path"),
            completion: .file(extensions: ["yaml", "yml"]))
    var sources: String?

    @Option(help: "How many days to show, today last.")
    var days = 7

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard (1...366).contains(days) else { throw ValidationError("--days must be between 1 and 366") }
    }

    func run() async throws {
        let budget = try sources.map { try SourcesConfigLoader.load(path: $0).youtubeDailyQuota } ?? SourcesConfig.defaultYouTubeDailyQuota
        let store = try await StoreLocation.openExisting(database.resolvedPath)
        let report = try await QuotaLedgerReport.read(from: store, now: Date(), days: days, budget: budget)
        print(format == .json ? try JSONOutput.encode(report) : report.text)
    }
}
