import ArgumentParser
import Foundation
import StreamReachKit

struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move history between stores.",
        subcommands: [StoreCopyCommand.self])
}

struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every programme's history from one store into another, then compare them.",
        discussion: """
            For a venue that joins a network: its SQLite file into the shared PostgreSQL store \
            (or back). Run by run, each in a transaction of its own; runs the destination holds \
            already are skipped, so the copy can be run again and resumes after an interruption. \
            At the end the runs, snapshots, latest views, corrections, hand-entered figures and live viewer samples of \
            each programme are compared in both stores: exit 0 when they agree, 70 when not. \
            The source is only read.
            """)

    @Option(help: ArgumentHelp("The store to copy from: a SQLite file or a PostgreSQL URL.", valueName: "path-or-url"))
    var from: String

    @Option(help: ArgumentHelp("The store to copy into (created and migrated if needed).", valueName: "path-or-url"))
    var to: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if from == to { throw ValidationError("--from and --to name the same store") }
    }

    func run() async throws {
        let source = try await StoreLocation.openExisting(from)
        let destination = try await StoreLocation.open(to)
        let results = try await StoreCopy(from: source, to: destination).run()
        switch format {
        case .json:
            print(try JSONOutput.encode(results))
        case .text:
            if results.isEmpty { print("\(source.location) holds no runs; nothing to copy.") }
            for result in results {
                let check = result.check
                print("\(result.programme): \(result.runsCopied) runs copied (\(result.snapshotsCopied) snapshots), "
                      + "\(result.runsAlreadyThere) already there; \(result.handEntered) hand-entered figure\(result.handEntered == 1 ? "" : "s")")
                print("  \(check.agrees ? "checked" : "DIFFERENT"): runs \(check.source.runs)/\(check.destination.runs), "
                      + "snapshots \(check.source.snapshots)/\(check.destination.snapshots), "
                      + "views \(check.source.views)/\(check.destination.views), "
                      + "corrections \(check.source.corrections)/\(check.destination.corrections), "
                      + "hand-entered \(check.source.handEntered)/\(check.destination.handEntered), "
                      + "viewer samples \(check.source.viewerSamples)/\(check.destination.viewerSamples), "
                      + "donations \(check.source.donations)/\(check.destination.donations) (source/destination)")
            }
        }
        let disagreeing = results.filter { !$0.check.agrees }.map(\.programme)
        if !disagreeing.isEmpty { throw StoreCopyMismatch(programmes: disagreeing) }
    }
}
