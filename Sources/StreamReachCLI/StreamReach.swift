import ArgumentParser
import Foundation
import StreamReachKit

@main
struct StreamReach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streamreach",
        abstract: "Plan a programme of livestreams, collect their view counts and report the reach.",
        discussion: """
            Exit codes: 0 ok · 1 the check found problems · 64 wrong command line · 65 an input file is invalid · \
            70 internal error (a bug: please report it) · 73 an output file cannot be written · \
            74 the database is damaged or not one · \
            75 temporary failure (network, lock, busy database or server), try again · 78 configuration error \
            (sources, secrets, database role or password).
            """,
        version: StreamReachVersion.current,
        subcommands: [Plan.self, Collect.self, Live.self, Quota.self, Runs.self, Report.self, Record.self, Import.self, Payout.self, ImportSnapshots.self, StoreCommand.self, Serve.self, Demo.self]
    )

    /// Runs the command. Every error the library throws knows its exit status
    /// (``ExitStatusReporting``); this is the one place that turns it into the exit code.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if error is ExitCode || error is CleanExit || error is ValidationError
                || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
                // The subcommand's own usage, not the top level's.
                type(of: command).exit(withError: error)
            }
            // A library error: its own status, or "software" (70) for one that has none.
            printError((error as? LocalizedError)?.errorDescription ?? "\(error)")
            Foundation.exit(ExitStatus(for: error).rawValue)
        }
    }
}
