import CSV
import Foundation

/// Reads hand-entered figures from CSV: `event,channel,figure,date,source` with a header row,
/// comma- or semicolon-separated, with or without a UTF-8 byte-order mark.
package enum ManualReachCSV {
    static let columns = ["event", "channel", "figure", "date", "source"]

    package static func read(path: String, programme: Programme) throws -> [ManualReach] {
        try parse(InputFileText.read(path: path), file: path, programme: programme)
    }

    package static func parse(_ original: String, file: String, programme: Programme) throws -> [ManualReach] {
        // Files from spreadsheets: Excel's "CSV UTF-8" starts with a byte-order mark, and a
        // German Excel separates columns with semicolons. The header row says which.
        let text = original.hasPrefix("\u{FEFF}") ? String(original.dropFirst()) : original
        let header = text.prefix { !$0.isNewline } // "\r\n" is one Character, and a newline
        let delimiter: UnicodeScalar = header.contains(";") && !header.contains(",") ? ";" : ","
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true, delimiter: delimiter)
        } catch {
            throw InputFileError(SourceLocation(file: file, line: 1, column: 1), "not readable as CSV: \(error)")
        }
        let columnNames = (reader.headerRow ?? []).map { $0.lowercased() }
        let missing = columns.filter { !columnNames.contains($0) }
        guard missing.isEmpty else {
            throw InputFileError(SourceLocation(file: file, line: 1, column: 1),
                                 "the header needs the columns \(columns.joined(separator: ",")); missing: \(missing.joined(separator: ", "))")
        }
        let index = Dictionary(columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let validator = ManualReachValidator(programme: programme)
        var entries: [ManualReach] = []
        var problems: [Diagnostic] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            let location = SourceLocation(file: file, line: line, column: 1)
            func field(_ name: String) -> String { index[name].flatMap { $0 < row.count ? row[$0] : nil } ?? "" }
            guard let figure = Int64(field("figure")) else {
                problems.append(Diagnostic(location, "figure `\(field("figure"))` is not a whole number"))
                continue
            }
            guard let date = LocalDate(iso: field("date")) else {
                problems.append(Diagnostic(location, "date `\(field("date"))` is not a date YYYY-MM-DD"))
                continue
            }
            let entry = ManualReach(event: field("event"), channel: field("channel"), date: date, figure: figure, source: field("source"))
            if let problem = validator.problem(with: entry) {
                problems.append(Diagnostic(location, problem))
            } else {
                entries.append(entry)
            }
        }
        if let error = reader.error {
            problems.append(Diagnostic(SourceLocation(file: file, line: line + 1, column: 1), "CSV syntax: \(error)"))
        }
        guard problems.isEmpty else { throw InputFileError(problems) }
        return entries
    }
}
