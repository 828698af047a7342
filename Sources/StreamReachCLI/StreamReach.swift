import ArgumentParser
import StreamReachKit

@main
struct StreamReach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streamreach",
        abstract: "Plan a programme of livestreams, collect their view counts and report the reach.",
        discussion: """
            Exit codes: 0 ok · 1 the check found problems · 64 wrong command line · 73 an output file cannot be written · \
            65 an input file is invalid · 75 temporary failure (network, lock), try again · \
            78 configuration error.
            """,
        version: StreamReachVersion.current,
        subcommands: [Plan.self, Collect.self, Runs.self, Report.self, Record.self, Import.self, ImportSnapshots.self, Demo.self]
    )
}
