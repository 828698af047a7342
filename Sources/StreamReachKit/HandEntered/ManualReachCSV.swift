import Foundation

/// Reads hand-entered figures from CSV: `event,channel,figure,date,source` with a header row,
/// comma- or semicolon-separated, with or without a UTF-8 byte-order mark.
package enum ManualReachCSV {
    static let columns = ["event", "channel", "figure", "date", "source"]

    package static func read(path: String, programme: Programme) throws -> [ManualReach] {
        try parse(InputFileText.read(path: path), file: path, programme: programme)
    }

    package static func parse(_ original: String, file: String, programme: Programme) throws -> [ManualReach] {
        let table = try HandEnteredCSV(original, file: file, required: columns)
        let validator = ManualReachValidator(programme: programme)
        var entries: [ManualReach] = []
        var problems: [Diagnostic] = []
        for row in table.rows {
            let location = SourceLocation(file: file, line: row.line, column: 1)
            guard let figure = Int64(row["figure"]) else {
                problems.append(Diagnostic(location, "figure `\(row["figure"])` is not a whole number"))
                continue
            }
            guard let date = LocalDate(iso: row["date"]) else {
                problems.append(Diagnostic(location, "date `\(row["date"])` is not a date YYYY-MM-DD"))
                continue
            }
            let entry = ManualReach(event: row["event"], channel: row["channel"], date: date, figure: figure, source: row["source"])
            if let problem = validator.problem(with: entry) {
                problems.append(Diagnostic(location, problem))
            } else {
                entries.append(entry)
            }
        }
        problems += table.problems
        guard problems.isEmpty else { throw InputFileError(problems) }
        return entries
    }
}
