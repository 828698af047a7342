import ArgumentParser
import Foundation
import StreamReachDemo
import StreamReachKit

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the nightly job end to end against simulated platforms, then report.",
        discussion: """
            Starts a simulated YouTube/Facebook/PeerTube API on 127.0.0.1, collects every night \
            of the programme through the real libcurl collector into a fresh database (with a \
            correction, an outage night and a missed night), adds hand-entered Offene Kanal \
            figures, and prints the report of the week the target was passed.

            With --network and --db, runs three venues' nightly jobs in parallel against one \
            store (`make demo-network` starts a throwaway PostgreSQL for it) and prints the \
            network report.
            """
    )

    @Flag(help: "Three venues at once into the store given with --db, then the network report.")
    var network = false

    @Option(name: .customLong("db"), help: ArgumentHelp("With --network: the shared store (a PostgreSQL URL or a SQLite file).",
                                                        valueName: "path-or-url"))
    var database: String?

    @Option(help: ArgumentHelp("The programme to simulate (default: the built-in spring 2020 Fruchthalle series).", valueName: "path"),
            completion: .file(extensions: ["yaml", "yml"]))
    var programme: String?

    @Option(help: ArgumentHelp("Folder for the demo database and HTML report (replaced each run).", valueName: "path"))
    var output = "out/demo"

    func validate() throws {
        if network && database == nil { throw ValidationError("--network needs --db: the store the venues share") }
        if !network && database != nil { throw ValidationError("--db goes with --network; the single-venue demo writes to --output") }
    }

    func run() async throws {
        if let database, network {
            let result = try await DemoNetworkRun(database: database).run { line in print(line) }
            print("")
            print(result.reportText, terminator: "")
            print("")
            print("Stored \(result.runs) nightly runs of \(result.venues) venues in \(StoreLocation.display(database)).")
            return
        }
        let result = try await DemoRun(programmePath: programme, outputFolder: output).run { line in print(line) }
        print("")
        print(result.reportText, terminator: "")
        print("")
        print("Stored \(result.runs) nightly runs in \(result.databasePath).")
        print("HTML report of week \(result.week): \(result.htmlPath)")
        if let programme {
            print("Try: streamreach report \(programme) --db \(result.databasePath) --all --format md")
        } else {
            print("Try (in the repository): streamreach report Schedules/fruchthalle-2020.yaml --db \(result.databasePath) --all --format md")
        }
    }
}
