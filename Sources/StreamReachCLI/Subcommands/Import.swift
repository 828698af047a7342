import ArgumentParser
import Foundation
import StreamReachKit

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Enter many hand-made reach figures, or donations, from a CSV file.",
        discussion: "`import PROGRAMME FILE` without a subcommand is `import reach`.",
        subcommands: [ImportReach.self, ImportDonations.self],
        defaultSubcommand: ImportReach.self)
}

struct ImportReach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Enter many hand-made reach figures from a CSV file.",
        discussion: """
            The CSV has a header row with the columns event, channel, figure, date, source. \
            Every row is checked first; if any is wrong, nothing is stored and each problem is \
            printed as file:line (exit 65).
            """
    )

    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var programme: String

    @Argument(help: "The CSV file of figures.", completion: .file(extensions: ["csv"]))
    var file: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let programme = try loadProgramme(self.programme)
        let entries = try ManualReachCSV.read(path: file, programme: programme)
        let replaced = try await StoreLocation.open(database.resolvedPath)
            .recordManualReach(programme: programme.series.id, entries, enteredAt: Date())
        let changed = replaced.compactMap { $0 }.count
        print("stored \(entries.count) figure\(entries.count == 1 ? "" : "s") from \(file)"
              + (changed > 0 ? "; \(changed) replaced an earlier figure for the same event, channel and date" : ""))
    }
}
