import ArgumentParser
import Foundation
import StreamReachKit

struct ImportSnapshots: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-snapshots",
        abstract: "Import a history of view counts (CSV) in bulk, e.g. counts kept before StreamReach ran.",
        discussion: """
            Columns: observed_at (Unix seconds or ISO 8601), event, channel, value (empty for \
            absent), with a header row, in ascending time order. Each distinct time becomes one \
            run. All rows are stored in one transaction, or none (exit 65 names the line). \
            Importing the same rows again stores nothing twice: a row already stored with the \
            same count is skipped, one stored with another count stops the import (exit 65).
            """
    )

    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var programme: String

    @Argument(help: "The CSV file of counts.", completion: .file(extensions: ["csv"]))
    var file: String

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print how many rows, runs and series were imported.")
    var summary = false

    func run() async throws {
        let programme = try loadProgramme(self.programme)
        // The wrong file is refused before the store is opened: a new database is not left behind.
        try SnapshotCSV.checkHeader(path: file)
        let store = try await StoreLocation.open(database.resolvedPath)
        let lease = try await store.lockRuns(programme: programme.series.id, now: Date())
        defer { withExtendedLifetime(lease) {} }
        let file = file
        let result = try await store.importHistory(programme) { emit in try SnapshotCSV.read(path: file, into: emit) }
        if summary {
            print("imported \(result.rows) rows: \(result.runs) runs, \(result.series) series"
                  + (result.skipped > 0 ? "; \(result.skipped) rows were stored already and were skipped" : ""))
        }
    }
}
