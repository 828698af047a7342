import ArgumentParser
import Foundation
import StreamReachKit

struct Runs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List the most recent collect runs and their outcomes.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many runs to list, newest first.")
    var limit = 10

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let runs = try await StoreLocation.openExisting(database.resolvedPath).runs(limit: limit)
        switch format {
        case .json: print(try JSONOutput.encode(runs))
        case .text:
            guard !runs.isEmpty else { return print("No runs stored yet.") }
            print("run  started               took  series  ok  absent  failed  exit")
            for run in runs {
                let took = Int(run.finishedAt.timeIntervalSince(run.startedAt).rounded())
                print([String(run.id).padding(toLength: 4, withPad: " ", startingAt: 0),
                       InternetTime.string(from: run.startedAt),
                       "\(took)s".leftPadded(5), String(run.seriesCount).leftPadded(7), String(run.okCount).leftPadded(3),
                       String(run.absentCount).leftPadded(7), String(run.failedCount).leftPadded(7), String(run.exitStatus).leftPadded(5)]
                    .joined(separator: " "))
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
