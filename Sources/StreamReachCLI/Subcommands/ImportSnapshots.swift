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
            run. All rows are stored in one transaction, or none (exit 65 names the line).
            """
    )

    @Argument(help: "The programme file (YAML).")
    var programme: String

    @Argument(help: "The CSV file of counts.")
    var file: String

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print how many rows, runs and series were imported.")
    var summary = false

    func run() async throws {
        let programme = try loadProgramme(self.programme)
        let lock: RunLock
        do {
            lock = try RunLock(databasePath: database.resolvedPath)
        } catch {
            Terminal.writeError("error: \(error.localizedDescription)")
            throw ExitCode(.temporaryFailure)
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            let store = try SnapshotStore(path: database.resolvedPath)
            let result = try SnapshotImporter(store: store, programme: programme).importRows { emit in
                try SnapshotCSV.read(path: file, into: emit)
            }
            if summary { print("imported \(result.rows) rows: \(result.runs) runs, \(result.series) series") }
        } catch let error as InputFileError {
            printError(error.errorDescription ?? "\(error)")
            throw ExitCode(.dataError)
        } catch {
            Terminal.writeError("error: \(error.localizedDescription)")
            throw ExitCode(.temporaryFailure)
        }
    }
}
