import ArgumentParser
import Foundation
import StreamReachKit

struct Runs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the most recent collect runs and their outcomes.",
        discussion: "Given a programme, only its runs; else the runs of every programme in the store, each line naming its programme when there are several.")

    @Argument(help: ArgumentHelp("The programme file (YAML) whose runs to list.", valueName: "programme"),
              completion: .file(extensions: ["yaml", "yml"]))
    var programme: String?

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many runs to list, newest first.")
    var limit = 10

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let programmeID = try programme.map { try loadProgramme($0).series.id }
        let runs = try await StoreLocation.openExisting(database.resolvedPath).runs(limit: limit, programme: programmeID)
        switch format {
        case .json: print(try JSONOutput.encode(runs))
        case .text: print(RunListText.render(runs), terminator: "")
        }
    }
}
